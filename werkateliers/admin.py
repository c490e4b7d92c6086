from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from .forms import ImportForm
from .importer import ImportFout, lees_verslag, sla_op
from .models import Advies, Doelgroep, OudAdres, Thema, Werkatelier, publicatieproblemen


class AdviesForm(forms.ModelForm):
    def _get_validation_exclusions(self):
        # Positions are renumbered when saved (Werkatelier.zet_volgorde): typing the number of
        # another advies means "put it there", not a clash. The database still guards them.
        return super()._get_validation_exclusions() | {"positie"}


class AdviesFormSet(BaseInlineFormSet):
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

    def clean(self):
        super().clean()
        if any(self.errors) or self.instance.status != Werkatelier.Status.GEPUBLICEERD:
            return
        problemen = publicatieproblemen([form.instance for form in self.bewaarde_forms()])
        if problemen:
            raise ValidationError(
                ["Dit werkatelier kan zo niet gepubliceerd worden. Los eerst dit op:", *problemen]
            )


class AdviesInline(admin.StackedInline):
    model = Advies
    form = AdviesForm
    formset = AdviesFormSet
    extra = 1
    fields = [("doelgroep", "thema", "positie"), "titel", "tekst"]
    autocomplete_fields = ["thema"]
    classes = ["volgorde-slepen"]
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


class WerkatelierForm(forms.ModelForm):
    class Meta:
        model = Werkatelier
        fields = [
            "titel", "slug", "intro", "datum", "beschrijving", "status", "gepubliceerd_op",
            "gerelateerd",
        ]  # fmt: skip

    def clean(self):
        gegevens = super().clean()
        if gegevens.get("status") == Werkatelier.Status.GEPUBLICEERD and not gegevens.get(
            "gepubliceerd_op"
        ):
            # Publishing without a moment means: now.
            gegevens["gepubliceerd_op"] = timezone.now()
            self.instance.gepubliceerd_op = gegevens["gepubliceerd_op"]
        return gegevens


@admin.register(Werkatelier)
class WerkatelierAdmin(admin.ModelAdmin):
    form = WerkatelierForm
    list_display = [
        "titel",
        "status",
        "gepubliceerd_op",
        "aantal_adviezen",
        "voorbeeld",
        "gewijzigd",
    ]
    list_filter = ["status", "gepubliceerd_op"]
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ["titel", "intro", "adviezen__titel"]
    date_hierarchy = "gepubliceerd_op"
    prepopulated_fields = {"slug": ["titel"]}
    autocomplete_fields = ["gerelateerd"]
    readonly_fields = ["opbouw", "aangemaakt", "gewijzigd"]
    fieldsets = [
        (None, {"fields": ["titel", "slug", "intro", "datum", "beschrijving"]}),
        ("Publicatie", {"fields": ["status", "gepubliceerd_op"]}),
        ("Misschien vind je dit ook interessant", {"fields": ["gerelateerd"]}),
        ("Opbouw van de pagina", {"fields": ["opbouw", "aangemaakt", "gewijzigd"]}),
    ]
    inlines = [AdviesInline]
    actions = ["publiceren", "terug_naar_concept"]

    class Media:
        css = {"all": ["beheer/beheer.css"]}
        js = ["beheer/volgorde.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(aantal=Count("adviezen", distinct=True))

    def get_urls(self):
        return [
            path(
                "importeren/",
                self.admin_site.admin_view(self.importeren),
                name="werkateliers_werkatelier_importeren",
            ),
            *super().get_urls(),
        ]

    def view_on_site(self, werkatelier):
        return reverse("werkateliers:werkatelier_voorbeeld", kwargs={"slug": werkatelier.slug})

    @admin.display(description="adviezen", ordering="aantal")
    def aantal_adviezen(self, werkatelier):
        return werkatelier.aantal

    @admin.display(description="voorbeeld")
    def voorbeeld(self, werkatelier):
        return format_html('<a href="{}">Voorbeeld bekijken</a>', self.view_on_site(werkatelier))

    @admin.display(description="opbouw")
    def opbouw(self, werkatelier):
        if not werkatelier.pk:
            return "Verschijnt na het bewaren."
        delen = werkatelier.adviezen_per_doelgroep()
        if not delen:
            return "Nog geen adviezen."
        return format_html_join(
            "",
            "<p><strong>{}</strong></p><ul>{}</ul>",
            (
                (
                    deel.kop,
                    format_html_join(
                        "",
                        "<li>{}{}. {}</li>",
                        (
                            (f"{thema.naam}: " if thema else "", advies.nummer, advies.titel)
                            for thema, adviezen in deel.themagroepen
                            for advies in adviezen
                        ),
                    ),
                )
                for deel in delen
            ),
        )

    def save_model(self, request, werkatelier, form, change):
        if change and "slug" in form.changed_data:
            vorige = Werkatelier.objects.get(pk=werkatelier.pk)
            if vorige.status == Werkatelier.Status.GEPUBLICEERD:
                # Old links keep working: /werkateliers/<old slug>/ redirects with a 301.
                OudAdres.objects.update_or_create(
                    slug=vorige.slug, defaults={"werkatelier": werkatelier}
                )
            OudAdres.objects.filter(slug=werkatelier.slug).delete()
        super().save_model(request, werkatelier, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Advies:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)  # fills new/changed/deleted objects for the history
        for advies in formset.deleted_objects:
            advies.delete()
        form.instance.zet_volgorde([f.instance for f in formset.bewaarde_forms()])

    @admin.action(description="Publiceren", permissions=["change"])
    def publiceren(self, request, queryset):
        problemen = {w: w.publicatieproblemen() for w in queryset}
        if any(problemen.values()):
            for werkatelier, lijst in problemen.items():
                if lijst:
                    self.message_user(
                        request,
                        format_html(
                            "‘{}’ is niet gepubliceerd. Los eerst dit op:<ul>{}</ul>",
                            werkatelier,
                            format_html_join("", "<li>{}</li>", ((p,) for p in lijst)),
                        ),
                        messages.ERROR,
                    )
            self.message_user(request, "Er is niets gepubliceerd.", messages.WARNING)
            return
        for werkatelier in queryset:
            werkatelier.status = Werkatelier.Status.GEPUBLICEERD
            werkatelier.gepubliceerd_op = werkatelier.gepubliceerd_op or timezone.now()
            werkatelier.save(update_fields=["status", "gepubliceerd_op", "gewijzigd"])
            self.log_change(request, werkatelier, "Gepubliceerd.")
        self.message_user(
            request, f"{len(problemen)} werkatelier(s) gepubliceerd.", messages.SUCCESS
        )

    @admin.action(description="Terug naar concept", permissions=["change"])
    def terug_naar_concept(self, request, queryset):
        for werkatelier in queryset:
            werkatelier.status = Werkatelier.Status.CONCEPT
            werkatelier.save(update_fields=["status", "gewijzigd"])
            self.log_change(request, werkatelier, "Teruggezet naar concept.")
        self.message_user(
            request, f"{queryset.count()} werkatelier(s) terug naar concept.", messages.SUCCESS
        )

    def importeren(self, request):
        """Paste or upload a report, check the structure, fix, check again, then create it."""
        if not self.has_add_permission(request):
            return redirect("admin:index")
        verslag = None
        fouten_bij_aanmaken = []
        bevestigd = request.POST.getlist("nieuw_thema")
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            verslag = lees_verslag(form.blokken)
            if "aanmaken" in request.POST and not verslag.fouten:
                try:
                    werkatelier = sla_op(
                        verslag, titel=form.cleaned_data["titel"], nieuwe_themas=bevestigd
                    )
                except ImportFout as fout:
                    fouten_bij_aanmaken = [str(m) for m in fout.meldingen]
                else:
                    self.log_addition(request, werkatelier, "Geïmporteerd uit een verslag.")
                    self.message_user(
                        request,
                        f"‘{werkatelier}’ is aangemaakt als concept. "
                        "Controleer het en publiceer het.",
                        messages.SUCCESS,
                    )
                    return redirect("admin:werkateliers_werkatelier_change", werkatelier.pk)
            bestandsnaam = form.bestandsnaam
            form = form.volgende()
        else:
            bestandsnaam = ""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Werkatelier importeren uit een verslag",
            "form": form,
            "verslag": verslag,
            "bestandsnaam": bestandsnaam,
            "bevestigd": bevestigd,
            "fouten_bij_aanmaken": fouten_bij_aanmaken,
        }
        return TemplateResponse(request, "admin/werkateliers/werkatelier/importeren.html", context)


@admin.register(Thema)
class ThemaAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug", "aantal_adviezen"]
    ordering = ["naam"]
    search_fields = ["naam", "beschrijving"]
    prepopulated_fields = {"slug": ["naam"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(aantal=Count("adviezen"))

    @admin.display(description="adviezen", ordering="aantal")
    def aantal_adviezen(self, thema):
        return thema.aantal


@admin.register(Doelgroep)
class DoelgroepAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug", "volgorde"]
    list_editable = ["volgorde"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Advies)
class AdviesAdmin(admin.ModelAdmin):
    """All adviezen across werkateliers, to find one quickly; ordering happens per werkatelier."""

    list_display = ["titel", "werkatelier", "doelgroep", "thema", "positie"]
    list_filter = ["doelgroep", "thema", "werkatelier"]
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ["titel", "tekst"]
    list_select_related = ["werkatelier", "doelgroep", "thema"]
    autocomplete_fields = ["thema", "werkatelier"]


@admin.register(OudAdres)
class OudAdresAdmin(admin.ModelAdmin):
    list_display = ["slug", "werkatelier"]
    search_fields = ["slug", "werkatelier__titel"]
    autocomplete_fields = ["werkatelier"]
