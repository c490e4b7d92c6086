import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version

from praktijkadviezen.beheer import BeheerModelAdmin

from . import concepten, themas
from .adviesformulieren import AdviezenInline
from .botsingen import ZorgvuldigBewaren, stand_van_formulieren
from .conceptbeheer import wie_en_wanneer
from .concepten import kan_concept_hebben
from .importeren import importeren
from .models import Advies, Conceptversie, Doelgroep, OudAdres, OudThemaAdres, Thema, Werkatelier
from .versies import Stand, eigen_versies, herstel, vergelijk_standen, versies, zet_terug


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


class AdviesInline(AdviezenInline):
    model = Advies
    # To the advies's own form: there it gets more thema's for the filters ("Ook over").
    show_change_link = True

    def view_on_site(self, advies):
        return advies_bekijken(advies)


class TerugzetForm(forms.Form):
    """What else goes back with an old version's content: only what differs is asked."""

    webadres = forms.BooleanField(required=False)
    status = forms.BooleanField(required=False)

    def __init__(self, *args, webadres, status, **kwargs):
        super().__init__(*args, **kwargs)
        if not webadres:
            del self.fields["webadres"]
        if not status:
            del self.fields["status"]


class WerkatelierForm(forms.ModelForm):
    class Meta:
        model = Werkatelier
        fields = [
            "titel", "slug", "intro", "datum", "beschrijving", "status", "gepubliceerd_op",
            "gerelateerd",
        ]  # fmt: skip

    # Set per request by WerkatelierAdmin.get_form: "Bewaar als conceptversie" was chosen.
    als_concept = False

    def clean(self):
        gegevens = super().clean()
        if self.als_concept:
            if Conceptversie.objects.filter(werkatelier=self.instance.pk).exists():
                raise ValidationError(
                    "Er is al een conceptversie van dit werkatelier. Ga daar verder, zodat er "
                    "geen wijzigingen verloren gaan.",
                    code="al_een_concept",
                )
            for naam in ("status", "gepubliceerd_op"):
                if naam in self.changed_data:
                    self.add_error(
                        naam,
                        "Een conceptversie verandert alleen de inhoud. Wil je de status of het "
                        "publicatiemoment veranderen, kies dan ‘Bewaren’: dat gebeurt direct.",
                    )
        if gegevens.get("status") == Werkatelier.Status.GEPUBLICEERD and not gegevens.get(
            "gepubliceerd_op"
        ):
            # Publishing without a moment means: now.
            gegevens["gepubliceerd_op"] = timezone.now()
            self.instance.gepubliceerd_op = gegevens["gepubliceerd_op"]
        return gegevens


@admin.register(Werkatelier)
class WerkatelierAdmin(ZorgvuldigBewaren, VersionAdmin, BeheerModelAdmin):
    form = WerkatelierForm
    list_display = [
        "titel",
        "status_nu",
        "conceptversie_nu",
        "aantal_adviezen",
        "bekijken",
        "gewijzigd",
    ]
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
        return (
            super()
            .get_queryset(request)
            .select_related("conceptversie")
            .annotate(aantal=Count("adviezen", distinct=True))
        )

    def changelist_view(self, request, extra_context=None):
        # Not in one revision for the whole list (VersionAdmin's way, for list_editable, which
        # this list has not): each werkatelier an action changes gets a revision of its own,
        # so that putting one back never touches another.
        return super(VersionAdmin, self).changelist_view(request, extra_context)

    history_latest_first = True

    def huidige_stand(self, werkatelier):
        return Stand.van_werkatelier(werkatelier)

    def laatst_bewaard(self, werkatelier):
        versie = versies(werkatelier)[:1]
        if not versie:
            return "iemand anders"
        return wie_en_wanneer(versie[0].revision.user, versie[0].revision.date_created)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "_concept" in request.POST:
            form = type(form.__name__, (form,), {"als_concept": True})
        return form

    def save_related(self, request, form, formsets, change):
        werkatelier = form.instance
        if change and "_concept" in request.POST:
            # Nothing goes live: the form's version becomes the werkatelier's conceptversie.
            live = Werkatelier.objects.get(pk=werkatelier.pk)
            if kan_concept_hebben(live):
                basis = Stand.van_werkatelier(live)
                formset = next(f for f in formsets if f.model is Advies)
                stand = stand_van_formulieren(form, formset, basis)
                request.conceptversie = concepten.schrijf(live, stand, request.user, basis)
                return
        super().save_related(request, form, formsets, change)

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "conceptversie", None):
            return []
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if getattr(request, "conceptversie", None):
            return None  # the site did not change; the conceptversie has its own page
        return super().log_change(request, obj, message)

    def response_change(self, request, werkatelier):
        conceptversie = getattr(request, "conceptversie", None)
        if conceptversie:
            self.message_user(
                request,
                "Je wijzigingen zijn bewaard als conceptversie. Bezoekers zien nog de "
                "gepubliceerde versie; bekijk het voorbeeld, vergelijk en publiceer als het "
                "klaar is.",
                messages.SUCCESS,
            )
            return redirect(conceptversie)
        return super().response_change(request, werkatelier)

    def get_urls(self):
        beheer = self.admin_site.admin_view
        return [
            path(
                "importeren/", beheer(self.importeren), name="werkateliers_werkatelier_importeren"
            ),
            path(
                "<int:object_id>/geschiedenis/<int:versie_id>/",
                beheer(self.vergelijk_view),
                name="werkateliers_werkatelier_vergelijk",
            ),
            path(
                "<int:object_id>/geschiedenis/<int:versie_id>/terugzetten/",
                beheer(self.terugzetten_view),
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
            "conceptversie": Conceptversie.objects.filter(werkatelier=werkatelier).first(),
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
        verschil = (
            vergelijk_standen(Stand.van_versie(oud), Stand.van_versie(nieuw)) if oud else None
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": werkatelier,
            "title": f"Wat is er veranderd in ‘{werkatelier}’?",
            "oud": oud,
            "nieuw": nieuw,
            "verschil": verschil,
            "versies": alle,
            "mag_terugzetten": self.has_change_permission(request, werkatelier),
        }
        return TemplateResponse(request, "admin/werkateliers/werkatelier/vergelijk.html", context)

    def terugzetten_view(self, request, object_id, versie_id):
        """Put an old version back, after showing what would change. A werkatelier on the site
        gets it in its conceptversie (nothing changes for visitors until it is published);
        address and status stay as they are unless the editor ticks them."""
        werkatelier = self._werkatelier(request, object_id)
        if not self.has_change_permission(request, werkatelier):
            raise PermissionDenied
        versie = next((v for v in versies(werkatelier) if v.pk == versie_id), None)
        if versie is None:
            raise Http404
        oud = Stand.van_versie(versie)
        keuzes = {
            "webadres": oud.werkatelier["slug"] != werkatelier.slug,
            "status": oud.werkatelier["status"] != werkatelier.status,
        }
        form = TerugzetForm(request.POST if request.method == "POST" else None, **keuzes)
        moment = date_format(timezone.localtime(versie.revision.date_created), "j F Y, H:i")
        if request.method == "POST" and form.is_valid():
            status = form.cleaned_data.get("status", False)
            in_concept = kan_concept_hebben(werkatelier) and not status
            if in_concept:
                if not form.cleaned_data.get("webadres"):
                    oud.werkatelier["slug"] = werkatelier.slug
                conceptversie = concepten.schrijf(werkatelier, oud, request.user)
                self.message_user(
                    request,
                    f"De versie van {moment} staat nu in de conceptversie. Op de site is nog "
                    "niets veranderd: bekijk en vergelijk haar, en publiceer als ze goed is.",
                    messages.SUCCESS,
                )
                return redirect(conceptversie)
            try:
                zet_terug(
                    versie,
                    request.user,
                    webadres=form.cleaned_data.get("webadres", False),
                    status=status,
                )
            except RevertError:
                self.message_user(
                    request,
                    f"De versie van {moment} kan niet worden teruggezet: er hoort iets bij dat "
                    "zo niet meer kan, zoals een thema dat niet meer bestaat of een webadres dat "
                    "nu van een ander werkatelier is. Er is niets veranderd.",
                    messages.ERROR,
                )
                return redirect(request.path)
            self.message_user(
                request,
                f"De versie van {moment} is teruggezet als nieuwe versie. Wat er tot nu toe "
                "stond, vind je in de geschiedenis terug.",
                messages.SUCCESS,
            )
            return redirect("admin:werkateliers_werkatelier_change", werkatelier.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": werkatelier,
            "title": f"Versie van {moment} terugzetten",
            "versie": versie,
            "oud": oud.werkatelier,
            "form": form,
            "in_concept": kan_concept_hebben(werkatelier),
            "conceptversie": Conceptversie.objects.filter(werkatelier=werkatelier).first(),
            "verschil": vergelijk_standen(Stand.van_werkatelier(werkatelier), oud),
        }
        return TemplateResponse(request, "admin/werkateliers/werkatelier/terugzetten.html", context)

    recover_list_template = "admin/werkateliers/werkatelier/verwijderd.html"

    def recover_view(self, request, version_id, extra_context=None):
        """A deleted werkatelier back, as a concept with its adviezen and old addresses."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        versie = get_object_or_404(
            Version.objects.get_deleted(Werkatelier).select_related("revision"), pk=version_id
        )
        if request.method == "POST":
            werkatelier, notities = herstel(versie, request.user)
            self.message_user(
                request,
                f"‘{werkatelier}’ is terug, als concept: bezoekers zien het pas als je het weer "
                "publiceert. Zijn oude adressen werken dan ook weer."
                + "".join(f" {notitie}" for notitie in notities),
                messages.SUCCESS,
            )
            return redirect("admin:werkateliers_werkatelier_change", werkatelier.pk)
        stand = Stand.van_versie(versie)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"‘{versie.object_repr}’ terughalen",
            "versie": versie,
            "stand": stand,
            "aantal_adviezen": len(stand.adviezen),
            "adressen": sorted(
                v.field_dict["slug"]
                for v in eigen_versies(versie)
                if v.content_type.model == "oudadres"
            ),
        }
        return TemplateResponse(request, "admin/werkateliers/werkatelier/terughalen.html", context)

    def _werkatelier(self, request, object_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        object_id = unquote(str(object_id))
        if not object_id.isdigit():
            raise Http404  # Django's own history address takes any text
        return get_object_or_404(Werkatelier, pk=object_id)

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

    @admin.display(description="conceptversie")
    def conceptversie_nu(self, werkatelier):
        conceptversie = getattr(werkatelier, "conceptversie", None)
        if conceptversie is None:
            return "—"
        tekst = "wijzigingen in concept"
        if conceptversie.publiceren_op:
            moment = date_format(timezone.localtime(conceptversie.publiceren_op), "j F Y, H:i")
            tekst = f"wijzigingen gepland voor {moment}"
        return format_html('<a href="{}">{}</a>', conceptversie.get_absolute_url(), tekst)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Publication problems go to the top of the form, each linking to its advies; when
        # saving as a conceptversie they are only shown.
        context["publicatieproblemen"] = [
            probleem
            for inline in context.get("inline_admin_formsets", [])
            if inline.formset.is_bound and inline.formset.moet_publiceerbaar_zijn()
            for probleem in getattr(inline.formset, "publicatieproblemen", [])
        ]
        live = Werkatelier.objects.filter(pk=obj.pk).first() if obj and obj.pk else None
        context["conceptversie"] = Conceptversie.objects.filter(werkatelier=live).first()
        context["kan_concept"] = live is not None and kan_concept_hebben(live)
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

    def bewaar_model(self, request, werkatelier, form, change):
        vorige = Werkatelier.objects.get(pk=werkatelier.pk) if change else None
        super().bewaar_model(request, werkatelier, form, change)
        if vorige and werkatelier.pk and "slug" in form.changed_data:
            # Old links keep working: /werkateliers/<old slug>/ redirects with a 301.
            werkatelier.onthoud_oud_adres(vorige.slug, vorige.status)

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
            with reversion.create_revision():
                werkatelier.status = Werkatelier.Status.GEPUBLICEERD
                werkatelier.gepubliceerd_op = werkatelier.gepubliceerd_op or timezone.now()
                werkatelier.save(update_fields=["status", "gepubliceerd_op", "gewijzigd"])
                reversion.set_user(request.user)
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
            with reversion.create_revision():
                werkatelier.status = Werkatelier.Status.CONCEPT
                werkatelier.save(update_fields=["status", "gewijzigd"])
                reversion.set_user(request.user)
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


class SamenvoegForm(forms.Form):
    """Which of the chosen thema's remains, with its name and address."""

    blijft = forms.ModelChoiceField(
        queryset=Thema.objects.none(),
        widget=forms.RadioSelect,
        label="Welke naam blijft?",
        error_messages={"required": "Kies welke naam blijft."},
    )

    def __init__(self, *args, themas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["blijft"].queryset = themas
        self.fields["blijft"].label_from_instance = self.keuze

    @staticmethod
    def keuze(thema):
        """ "Praten met inwoners (3 adviezen)": those under it and those also about it."""
        aantal = thema.aantal + thema.aantal_ook
        return f"{thema.naam} ({aantal} advie{'s' if aantal == 1 else 'zen'})"


@admin.register(Thema)
class ThemaAdmin(BeheerModelAdmin):
    list_display = ["naam", "slug", "aantal_adviezen", "aantal_ook"]
    ordering = ["naam"]
    search_fields = ["naam", "beschrijving"]
    prepopulated_fields = {"slug": ["naam"]}
    actions = ["samenvoegen"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                aantal=Count("adviezen", distinct=True), aantal_ook=Count("ook_in", distinct=True)
            )
        )

    def save_model(self, request, thema, form, change):
        vorige = Thema.objects.filter(pk=thema.pk).values_list("slug", flat=True).first()
        super().save_model(request, thema, form, change)
        # A new address: links to the old one keep working, as after a merge.
        if vorige and vorige != thema.slug:
            OudThemaAdres.objects.update_or_create(slug=vorige, defaults={"thema": thema})
        OudThemaAdres.objects.filter(slug=thema.slug).delete()

    @admin.display(description="adviezen eronder", ordering="aantal")
    def aantal_adviezen(self, thema):
        return thema.aantal

    @admin.display(description="ook over dit thema", ordering="aantal_ook")
    def aantal_ook(self, thema):
        return thema.aantal_ook

    def has_samenvoegen_permission(self, request):
        # Both: the admin lets an action through when any one of its permissions is held.
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description="Thema’s samenvoegen", permissions=["samenvoegen"])
    def samenvoegen(self, request, queryset):
        """A confirmation page first: which name remains. Then the merge (themas.voeg_samen)."""
        if queryset.count() < 2:
            self.message_user(
                request, "Kies minstens twee thema’s om samen te voegen.", messages.WARNING
            )
            return None
        form = SamenvoegForm(request.POST if "bevestigd" in request.POST else None, themas=queryset)
        if form.is_valid():
            blijft = form.cleaned_data["blijft"]
            weg = [thema for thema in queryset if thema.pk != blijft.pk]
            geraakt = themas.voeg_samen(blijft, weg, request.user)
            self.message_user(
                request,
                f"{len(weg) + 1} thema’s samengevoegd tot ‘{blijft}’; de adviezen van "
                f"{len(geraakt)} werkatelier{'s' if len(geraakt) != 1 else ''} staan er nu "
                "onder. De oude adressen verwijzen door.",
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/werkateliers/thema/samenvoegen.html",
            {
                **self.admin_site.each_context(request),
                "title": "Thema’s samenvoegen",
                "opts": self.opts,
                "form": form,
                "themas": queryset,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(OudThemaAdres)
class OudThemaAdresAdmin(BeheerModelAdmin):
    list_display = ["slug", "thema"]
    search_fields = ["slug", "thema__naam"]
    autocomplete_fields = ["thema"]


@admin.register(Doelgroep)
class DoelgroepAdmin(BeheerModelAdmin):
    list_display = ["naam", "slug", "volgorde"]
    list_editable = ["volgorde"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Advies)
class AdviesAdmin(BeheerModelAdmin):
    """All adviezen across werkateliers, to find one quickly; ordering happens per werkatelier.
    Every change here is a revision in its werkatelier's history, as one in the werkatelier's
    own form."""

    list_display = ["titel", "werkatelier", "doelgroep", "thema", "positie"]
    list_filter = ["doelgroep", "thema", "werkatelier"]
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ["titel", "tekst_plat"]
    list_select_related = ["werkatelier", "doelgroep", "thema"]
    autocomplete_fields = ["thema", "werkatelier", "ook_over"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The thema it stands under needs no second mention among its other thema's.
        form.instance.ook_over.remove(*[t for t in [form.instance.thema] if t])

    def view_on_site(self, advies):
        return advies_bekijken(advies)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def log_addition(self, request, advies, message):
        reversion.set_comment(f"Advies ‘{advies}’ toegevoegd in de lijst van adviezen.")
        return super().log_addition(request, advies, message)

    def log_change(self, request, advies, message):
        entry = super().log_change(request, advies, message)
        wat = entry.get_change_message()
        reversion.set_comment(f"Advies ‘{advies}’ gewijzigd in de lijst van adviezen: {wat}")
        return entry

    def delete_model(self, request, advies):
        self.delete_queryset(request, Advies.objects.filter(pk=advies.pk))

    def delete_queryset(self, request, queryset):
        """Each werkatelier that loses adviezen gets a revision of what it has left."""
        for werkatelier in Werkatelier.objects.filter(adviezen__in=queryset).distinct():
            weg = list(queryset.filter(werkatelier=werkatelier))
            with reversion.create_revision():
                for advies in weg:
                    advies.delete()
                reversion.add_to_revision(werkatelier)
                reversion.set_user(request.user)
                titels = ", ".join(f"‘{advies}’" for advies in weg)
                reversion.set_comment(f"Verwijderd in de lijst van adviezen: {titels}.")


@admin.register(OudAdres)
class OudAdresAdmin(BeheerModelAdmin):
    list_display = ["slug", "werkatelier"]
    search_fields = ["slug", "werkatelier__titel"]
    autocomplete_fields = ["werkatelier"]
