from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST
from reversion.admin import VersionAdmin

from praktijkadviezen.beheer import BeheerModelAdmin

from .importeren import importeren
from .models import Advies, Doelgroep, OudAdres, Thema, Werkatelier
from .publicatie import publicatieproblemen
from .versies import vergelijk, versies, zet_terug


class StatusFilter(admin.SimpleListFilter):
    """What the public sees now: a scheduled werkatelier is not (yet) published."""

    title = "status"
    parameter_name = "status_nu"

    def lookups(self, request, model_admin):
        return [("concept", "concept"), ("gepland", "gepland"), ("gepubliceerd", "gepubliceerd")]

    def queryset(self, request, queryset):
        if self.value() == "concept":
            return queryset.filter(status=Werkatelier.Status.CONCEPT)
        if self.value() == "gepland":
            return queryset.filter(
                status=Werkatelier.Status.GEPUBLICEERD, gepubliceerd_op__gt=timezone.now()
            )
        if self.value() == "gepubliceerd":
            return queryset.published()
        return queryset


def status_tekst(werkatelier):
    """ "Gepland voor 3 december 2026, 09:00" – the status as staff need to read it."""
    status = werkatelier.weergavestatus
    if status == "gepland":
        moment = timezone.localtime(werkatelier.gepubliceerd_op)
        return f"gepland voor {date_format(moment, 'j F Y, H:i')}"
    if status == "gepubliceerd":
        moment = timezone.localtime(werkatelier.gepubliceerd_op)
        return f"gepubliceerd sinds {date_format(moment, 'j F Y')}"
    return "concept"


def advies_bekijken(advies):
    """Where staff see an advies: its own page when public, else its place in the preview."""
    if advies.werkatelier.is_public:
        return advies.get_absolute_url()
    return f"{advies.werkatelier.get_preview_url()}#{advies.anker}"


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
        self.publicatieproblemen = []
        if any(self.errors) or self.instance.status != Werkatelier.Status.GEPUBLICEERD:
            return
        forms = self.bewaarde_forms()
        problemen = publicatieproblemen([form.instance for form in forms], Doelgroep.objects.all())
        if problemen:
            # Each problem with the form of its advies, so the top of the page can link to it.
            index = {id(form.instance): self.forms.index(form) for form in forms}
            self.publicatieproblemen = [
                (probleem, index.get(id(probleem.advies))) for probleem in problemen
            ]
            raise ValidationError(
                ["Dit werkatelier kan zo niet gepubliceerd worden. Los eerst dit op:"]
                + [p.tekst for p in problemen]
            )


class AdviesInline(admin.StackedInline):
    model = Advies
    form = AdviesForm
    formset = AdviesFormSet
    extra = 1
    fields = [("doelgroep", "thema", "positie"), "titel", "tekst"]
    autocomplete_fields = ["thema"]
    classes = ["volgorde-slepen"]
    ordering = ["doelgroep__volgorde", "positie"]
    verbose_name_plural = "Adviezen (sleep ze in de goede volgorde, of pas de positie aan)"

    def view_on_site(self, advies):
        return advies_bekijken(advies)

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
class WerkatelierAdmin(VersionAdmin, BeheerModelAdmin):
    form = WerkatelierForm
    list_display = ["titel", "status_nu", "aantal_adviezen", "bekijken", "gewijzigd"]
    list_filter = [StatusFilter, "gepubliceerd_op"]
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ["titel", "intro", "adviezen__titel"]
    date_hierarchy = "gepubliceerd_op"
    prepopulated_fields = {"slug": ["titel"]}
    autocomplete_fields = ["gerelateerd"]
    readonly_fields = ["status_nu", "opbouw", "aangemaakt", "gewijzigd"]
    fieldsets = [
        (None, {"fields": ["titel", "slug", "intro", "datum", "beschrijving"]}),
        ("Publicatie", {"fields": ["status_nu", "status", "gepubliceerd_op"]}),
        ("Misschien vind je dit ook interessant", {"fields": ["gerelateerd"]}),
        ("Opbouw van de pagina", {"fields": ["opbouw", "aangemaakt", "gewijzigd"]}),
    ]
    inlines = [AdviesInline]
    actions = ["publiceren", "terug_naar_concept"]

    class Media:
        js = ["vendor/sortablejs/Sortable.min.js", "beheer/volgorde.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(aantal=Count("adviezen", distinct=True))

    history_latest_first = True

    def get_urls(self):
        beheer = self.admin_site.admin_view
        return [
            path(
                "importeren/", beheer(self.importeren), name="werkateliers_werkatelier_importeren"
            ),
            path(
                "<path:object_id>/geschiedenis/<int:versie_id>/",
                beheer(self.vergelijk_view),
                name="werkateliers_werkatelier_vergelijk",
            ),
            path(
                "<path:object_id>/geschiedenis/<int:versie_id>/terugzetten/",
                beheer(require_POST(self.terugzetten_view)),
                name="werkateliers_werkatelier_terugzetten",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        """Every revision, newest first: who, when, what; compare with the one before, or put
        one back."""
        werkatelier = self._werkatelier(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": werkatelier,
            "title": f"Geschiedenis van ‘{werkatelier}’",
            "versies": versies(werkatelier),
            "mag_terugzetten": self.has_change_permission(request, werkatelier),
        }
        return TemplateResponse(
            request, "admin/werkateliers/werkatelier/geschiedenis.html", context
        )

    def vergelijk_view(self, request, object_id, versie_id):
        """What changed in one revision: against the one before it, or another (?met=)."""
        werkatelier = self._werkatelier(request, object_id)
        alle = versies(werkatelier)
        nieuw = next((v for v in alle if v.pk == versie_id), None)
        if nieuw is None:
            raise Http404
        met = request.GET.get("met", "")
        ouder = [v for v in alle if v.revision.date_created < nieuw.revision.date_created]
        oud = next((v for v in alle if str(v.pk) == met), None) or (ouder[0] if ouder else None)
        verschillen, adviezen = vergelijk(oud, nieuw) if oud else ([], [])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": werkatelier,
            "title": f"Wat is er veranderd in ‘{werkatelier}’?",
            "oud": oud,
            "nieuw": nieuw,
            "verschillen": verschillen,
            "adviezen": adviezen,
            "versies": alle,
            "mag_terugzetten": self.has_change_permission(request, werkatelier),
        }
        return TemplateResponse(request, "admin/werkateliers/werkatelier/vergelijk.html", context)

    def terugzetten_view(self, request, object_id, versie_id):
        werkatelier = self._werkatelier(request, object_id)
        if not self.has_change_permission(request, werkatelier):
            raise PermissionDenied
        versie = next((v for v in versies(werkatelier) if v.pk == versie_id), None)
        if versie is None:
            raise Http404
        zet_terug(versie, request.user)
        self.message_user(
            request,
            "De oude versie is teruggezet als nieuwe versie. Wat er tot nu toe stond, vind je "
            "in de geschiedenis terug.",
            messages.SUCCESS,
        )
        return redirect("admin:werkateliers_werkatelier_change", werkatelier.pk)

    def _werkatelier(self, request, object_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return get_object_or_404(Werkatelier, pk=unquote(object_id))

    def view_on_site(self, werkatelier):
        return werkatelier.get_public_or_preview_url()

    @admin.display(description="adviezen", ordering="aantal")
    def aantal_adviezen(self, werkatelier):
        return werkatelier.aantal

    @admin.display(description="status nu", ordering="gepubliceerd_op")
    def status_nu(self, werkatelier):
        if not werkatelier.pk:
            return "Nog niet bewaard."
        return format_html(
            '<span class="status status-{}">{}</span>',
            werkatelier.weergavestatus,
            status_tekst(werkatelier),
        )

    @admin.display(description="bekijken")
    def bekijken(self, werkatelier):
        if werkatelier.is_public:
            return format_html('<a href="{}">Bekijk op de site</a>', werkatelier.get_absolute_url())
        return format_html('<a href="{}">Voorbeeld</a>', werkatelier.get_preview_url())

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Publication problems go to the top of the form, each linking to its advies.
        context["publicatieproblemen"] = [
            probleem
            for inline in context.get("inline_admin_formsets", [])
            for probleem in getattr(inline.formset, "publicatieproblemen", [])
        ]
        return super().render_change_form(request, context, add, change, form_url, obj)

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
                            format_html_join(
                                "",
                                "<li>{}</li>",
                                ((self._probleem_link(werkatelier, p),) for p in lijst),
                            ),
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
        aantal = len(problemen)
        self.message_user(
            request,
            f"{aantal} werkatelier{'s' if aantal != 1 else ''} gepubliceerd.",
            messages.SUCCESS,
        )

    def _probleem_link(self, werkatelier, probleem):
        """A problem from the list action, linking to its advies in the werkatelier's form."""
        if probleem.advies is None:
            return probleem.tekst
        volgorde = list(
            werkatelier.adviezen.order_by(*AdviesInline.ordering).values_list("pk", flat=True)
        )
        adres = reverse("admin:werkateliers_werkatelier_change", args=[werkatelier.pk])
        index = volgorde.index(probleem.advies.pk)
        return format_html('<a href="{}#adviezen-{}">{}</a>', adres, index, probleem.tekst)

    @admin.action(description="Terug naar concept", permissions=["change"])
    def terug_naar_concept(self, request, queryset):
        for werkatelier in queryset:
            werkatelier.status = Werkatelier.Status.CONCEPT
            werkatelier.save(update_fields=["status", "gewijzigd"])
            self.log_change(request, werkatelier, "Teruggezet naar concept.")
        aantal = queryset.count()
        self.message_user(
            request,
            f"{aantal} werkatelier{'s' if aantal != 1 else ''} teruggezet naar concept.",
            messages.SUCCESS,
        )

    def importeren(self, request):
        """Paste or upload a report, check and correct its structure, then create it."""
        return importeren(self, request)


@admin.register(Thema)
class ThemaAdmin(BeheerModelAdmin):
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
class DoelgroepAdmin(BeheerModelAdmin):
    list_display = ["naam", "slug", "volgorde"]
    list_editable = ["volgorde"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Advies)
class AdviesAdmin(BeheerModelAdmin):
    """All adviezen across werkateliers, to find one quickly; ordering happens per werkatelier."""

    list_display = ["titel", "werkatelier", "doelgroep", "thema", "positie"]
    list_filter = ["doelgroep", "thema", "werkatelier"]
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ["titel", "tekst_plat"]
    list_select_related = ["werkatelier", "doelgroep", "thema"]
    autocomplete_fields = ["thema", "werkatelier"]

    def view_on_site(self, advies):
        return advies_bekijken(advies)


@admin.register(OudAdres)
class OudAdresAdmin(BeheerModelAdmin):
    list_display = ["slug", "werkatelier"]
    search_fields = ["slug", "werkatelier__titel"]
    autocomplete_fields = ["werkatelier"]
