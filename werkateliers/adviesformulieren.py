"""The adviezen of a werkatelier or of its conceptversie, as rows of one form in the admin:
their order (typed or dragged), and the checks before publishing."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from .models import Doelgroep
from .publicatie import publicatieproblemen


class AdviesForm(forms.ModelForm):
    def _get_validation_exclusions(self):
        # Positions are renumbered when saved (models.zet_volgorde): typing the number of
        # another advies means "put it there", not a clash. The database still guards them.
        return super()._get_validation_exclusions() | {"positie"}


class AdviesFormSet(BaseInlineFormSet):
    # Whether publication problems stop the save (a werkatelier that goes or stays public) or
    # are only shown (a conceptversie, which is checked again when it is published).
    blokkeert = True

    def validate_unique(self):
        """Only positions could clash between rows, and they are renumbered on save."""

    def bewaarde_forms(self):
        """The forms that remain after saving, in page order: by the position typed or set by
        dragging; a changed position goes before an unchanged one with the same number."""
        rijen = []
        for index, form in enumerate(self.forms):
            if not (form.instance.pk or form.has_changed()) or self._should_delete_form(form):
                continue
            positie = form.cleaned_data.get("positie") or 10**9
            rijen.append((positie, "positie" not in form.changed_data, index, form))
        return [form for *_, form in sorted(rijen, key=lambda rij: rij[:3])]

    def moet_publiceerbaar_zijn(self):
        status = getattr(self.instance, "status", None)
        return self.blokkeert and status == "gepubliceerd"

    def clean(self):
        super().clean()
        self.publicatieproblemen = []
        if any(self.errors):
            return
        forms = self.bewaarde_forms()
        problemen = publicatieproblemen([form.instance for form in forms], Doelgroep.objects.all())
        # Each problem with the form of its advies, so the top of the page can link to it.
        index = {id(form.instance): self.forms.index(form) for form in forms}
        self.publicatieproblemen = [
            (probleem, index.get(id(probleem.advies))) for probleem in problemen
        ]
        if problemen and self.moet_publiceerbaar_zijn():
            raise ValidationError(
                ["Dit werkatelier kan zo niet gepubliceerd worden. Los eerst dit op:"]
                + [p.tekst for p in problemen]
            )


class AdviezenInline(admin.StackedInline):
    """The adviezen in page order, to drag or renumber, each with the rich-text editor."""

    form = AdviesForm
    formset = AdviesFormSet
    extra = 1
    fields = [("doelgroep", "thema", "positie"), "titel", "tekst"]
    autocomplete_fields = ["thema"]
    classes = ["volgorde-slepen"]
    ordering = ["doelgroep__volgorde", "positie"]
    verbose_name_plural = "Adviezen (sleep ze in de goede volgorde, of pas de positie aan)"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        veld = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "positie":
            veld.help_text = (
                "De volgorde binnen de doelgroep; het nummer op de pagina volgt hieruit."
            )
            veld.widget.attrs["class"] = "vSmallField"
        if db_field.name == "tekst":
            veld.widget.attrs["rows"] = 6
        return veld

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # "Bewaar als conceptversie": problems are shown, not a reason to refuse.
        if "_concept" in request.POST:
            formset = type(formset.__name__, (formset,), {"blokkeert": False})
        return formset
