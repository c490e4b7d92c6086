"""Conceptversies in the admin: edit one with the same form as a werkatelier, see it as the
public will (phone and desktop width), compare it with what is live, publish it now or at a
moment, or throw it away. The rules themselves live in concepten.py."""

from csp.decorators import csp_replace, csp_update
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from praktijkadviezen.beheer import BeheerModelAdmin

from . import concepten
from .adviesformulieren import AdviezenInline
from .botsingen import ZorgvuldigBewaren
from .models import Conceptadvies, Conceptversie, Werkatelier
from .views import _toon_werkatelier  # the public page's own rendering, for the same page

MOMENT = "j F Y \\o\\m H:i"  # 6 december 2026 om 10:32


def wie_en_wanneer(gebruiker, moment):
    """ "anne op 6 december 2026 om 10:32" – who saved something last, as staff read it."""
    naam = (gebruiker.get_full_name() or gebruiker.get_username()) if gebruiker else "iemand"
    return f"{naam} op {date_format(timezone.localtime(moment), MOMENT)}"


class ConceptadviesInline(AdviezenInline):
    model = Conceptadvies
    fields = [("doelgroep", "thema", "positie"), "titel", "tekst"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Shown at the top, checked for real when the conceptversie is published.
        return type(formset.__name__, (formset,), {"blokkeert": False})


class ConceptversieForm(forms.ModelForm):
    class Meta:
        model = Conceptversie
        fields = ["titel", "slug", "intro", "datum", "beschrijving", "gerelateerd"]

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        ander = Werkatelier.objects.filter(slug=slug).exclude(pk=self.instance.werkatelier_id)
        if ander.exists():
            raise forms.ValidationError(
                "Dit webadres is al van een ander werkatelier. Kies een ander adres."
            )
        return slug

    def clean_gerelateerd(self):
        return [w for w in self.cleaned_data["gerelateerd"] if w.pk != self.instance.werkatelier_id]


class PlanForm(forms.Form):
    moment = forms.SplitDateTimeField(
        label="Publiceren op",
        widget=AdminSplitDateTime,
        help_text="Datum en tijd waarop de wijzigingen op de site komen.",
    )

    def clean_moment(self):
        moment = self.cleaned_data["moment"]
        if moment <= timezone.now():
            raise forms.ValidationError(
                "Dit moment is al voorbij. Kies een moment in de toekomst, of publiceer nu."
            )
        return moment


@admin.register(Conceptversie)
class ConceptversieAdmin(ZorgvuldigBewaren, BeheerModelAdmin):
    form = ConceptversieForm
    list_display = ["werkatelier", "gepland", "laatst_bewaard_door", "gewijzigd"]
    list_select_related = ["werkatelier", "gewijzigd_door"]
    search_fields = ["titel", "werkatelier__titel"]
    autocomplete_fields = ["gerelateerd"]
    readonly_fields = ["werkatelier_nu", "planning", "bewaard"]
    fieldsets = [
        ("Deze conceptversie", {"fields": ["werkatelier_nu", "planning", "bewaard"]}),
        (None, {"fields": ["titel", "slug", "intro", "datum", "beschrijving"]}),
        ("Misschien vind je dit ook interessant", {"fields": ["gerelateerd"]}),
    ]
    inlines = [ConceptadviesInline]

    class Media:
        js = ["vendor/sortablejs/Sortable.min.js", "beheer/volgorde.js"]

    def has_add_permission(self, request):
        # A conceptversie begins from its werkatelier ("Bewaar als conceptversie").
        return False

    def has_delete_permission(self, request, obj=None):
        # Throwing one away has its own page, which shows what would be lost.
        return False

    def huidige_stand(self, conceptversie):
        return concepten.stand(Conceptversie.objects.get(pk=conceptversie.pk), sleutels="rij")

    def laatst_bewaard(self, conceptversie):
        conceptversie = Conceptversie.objects.get(pk=conceptversie.pk)
        return wie_en_wanneer(conceptversie.gewijzigd_door, conceptversie.gewijzigd)

    def bewaar_model(self, request, conceptversie, form, change):
        conceptversie.gewijzigd_door = request.user
        conceptversie.probleem = ""
        super().bewaar_model(request, conceptversie, form, change)

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)
        for rij in formset.deleted_objects:
            rij.delete()
        form.instance.zet_volgorde([f.instance for f in formset.bewaarde_forms()])

    def response_change(self, request, conceptversie):
        """ "Bewaar conceptversie" stays on it; "Bewaar en sluit" goes to its werkatelier."""
        if "_continue" in request.POST:
            return super().response_change(request, conceptversie)
        if getattr(request, "niets_gewijzigd", False):
            tekst = "Er was niets veranderd, dus er is niets bewaard."
        else:
            tekst = "De conceptversie is bewaard. Bezoekers zien nog de gepubliceerde versie."
        self.message_user(request, tekst, messages.SUCCESS)
        return redirect("admin:werkateliers_werkatelier_change", conceptversie.werkatelier_id)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["publicatieproblemen"] = [
                probleem
                for inline in context.get("inline_admin_formsets", [])
                for probleem in getattr(inline.formset, "publicatieproblemen", [])
            ]
            if not context["publicatieproblemen"]:
                context["publicatieproblemen"] = [(p, None) for p in concepten.problemen(obj)]
            context["tussendoor"] = concepten.tussendoor(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description="werkatelier")
    def werkatelier_nu(self, conceptversie):
        werkatelier = conceptversie.werkatelier
        return format_html(
            '‘{}’, gepubliceerd op <a href="{}">{}</a>. Bezoekers zien die versie tot je deze '
            "conceptversie publiceert.",
            werkatelier,
            werkatelier.get_absolute_url(),
            werkatelier.get_absolute_url(),
        )

    @admin.display(description="planning")
    def planning(self, conceptversie):
        if conceptversie.probleem:
            return conceptversie.probleem
        if conceptversie.publiceren_op:
            moment = date_format(timezone.localtime(conceptversie.publiceren_op), "j F Y, H:i")
            return f"Gepland: de wijzigingen komen op {moment} op de site."
        return "Nog niet gepland: de wijzigingen komen pas op de site als iemand ze publiceert."

    @admin.display(description="bewaard")
    def bewaard(self, conceptversie):
        begin = wie_en_wanneer(conceptversie.aangemaakt_door, conceptversie.aangemaakt)
        laatst = wie_en_wanneer(conceptversie.gewijzigd_door, conceptversie.gewijzigd)
        return f"Begonnen door {begin}; laatst bewaard door {laatst}."

    @admin.display(description="gepland", ordering="publiceren_op")
    def gepland(self, conceptversie):
        if conceptversie.probleem:
            return "publiceren lukte niet"
        if conceptversie.publiceren_op:
            return date_format(timezone.localtime(conceptversie.publiceren_op), "j F Y, H:i")
        return "nog niet"

    @admin.display(description="laatst bewaard door")
    def laatst_bewaard_door(self, conceptversie):
        gebruiker = conceptversie.gewijzigd_door
        return (gebruiker.get_full_name() or gebruiker.get_username()) if gebruiker else "—"

    # Own pages: begin, preview, compare, publish, take over, throw away.

    def get_urls(self):
        beheer = self.admin_site.admin_view
        naam = "werkateliers_conceptversie_"
        return [
            path(
                "begin/<int:werkatelier_id>/",
                beheer(require_POST(self.begin_view)),
                name=naam + "begin",
            ),
            path(
                "<int:object_id>/voorbeeld/",
                # The admin page frames the preview (and nothing else from elsewhere) ...
                beheer(csp_update({"frame-src": ["'self'"]})(self.voorbeeld_view)),
                name=naam + "voorbeeld",
            ),
            path(
                "<int:object_id>/voorbeeld/pagina/",
                # ... and the preview may be framed, by this site only.
                beheer(
                    xframe_options_sameorigin(
                        csp_replace({"frame-ancestors": ["'self'"]})(self.voorbeeld_pagina)
                    )
                ),
                name=naam + "voorbeeld_pagina",
            ),
            path(
                "<int:object_id>/vergelijken/",
                beheer(self.vergelijk_view),
                name=naam + "vergelijken",
            ),
            path(
                "<int:object_id>/publiceren/",
                beheer(self.publiceer_view),
                name=naam + "publiceren",
            ),
            path(
                "<int:object_id>/overnemen/",
                beheer(require_POST(self.overnemen_view)),
                name=naam + "overnemen",
            ),
            path(
                "<int:object_id>/weggooien/",
                beheer(self.weggooi_view),
                name=naam + "weggooien",
            ),
            *super().get_urls(),
        ]

    def _conceptversie(self, request, object_id, wijzigen=False):
        mag = self.has_change_permission if wijzigen else self.has_view_or_change_permission
        if not mag(request) or not request.user.has_perm("werkateliers.view_werkatelier"):
            raise PermissionDenied
        return get_object_or_404(Conceptversie.objects.select_related("werkatelier"), pk=object_id)

    def _context(self, request, conceptversie, titel, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": conceptversie,
            "werkatelier": conceptversie.werkatelier,
            "title": titel,
            "mag_wijzigen": self.has_change_permission(request, conceptversie),
            **extra,
        }

    def begin_view(self, request, werkatelier_id):
        """A conceptversie of this published werkatelier (the one there is, or a new copy)."""
        werkatelier = get_object_or_404(Werkatelier, pk=werkatelier_id)
        if not (
            self.has_change_permission(request)
            and request.user.has_perm("werkateliers.change_werkatelier")
        ):
            raise PermissionDenied
        if not concepten.kan_concept_hebben(werkatelier):
            messages.info(request, "Dit werkatelier is niet openbaar: je wijzigt het direct.")
            return redirect("admin:werkateliers_werkatelier_change", werkatelier.pk)
        return redirect(concepten.begin(werkatelier, request.user))

    def voorbeeld_view(self, request, object_id):
        """The conceptversie at phone or desktop width, framed by the admin."""
        conceptversie = self._conceptversie(request, object_id)
        breedte = request.GET.get("breedte")
        breedte = breedte if breedte in ("telefoon", "computer") else "beide"
        context = self._context(
            request,
            conceptversie,
            f"Voorbeeld van de conceptversie van ‘{conceptversie.werkatelier}’",
            breedte=breedte,
            is_nav_sidebar_enabled=False,
        )
        return TemplateResponse(request, "admin/werkateliers/conceptversie/voorbeeld.html", context)

    def voorbeeld_pagina(self, request, object_id):
        """The conceptversie rendered by the public page's own view and template, from memory;
        this page alone may be framed, and only by the admin itself."""
        conceptversie = self._conceptversie(request, object_id)
        werkatelier, adviezen = concepten.voorbeeld(conceptversie)
        verwante = Werkatelier.objects.published().related_to(
            werkatelier,
            {advies.thema_id for advies in adviezen if advies.thema_id},
            gekozen_ids=list(conceptversie.gerelateerd.values_list("pk", flat=True)),
        )
        return _toon_werkatelier(
            request, werkatelier, voorbeeld="concept", adviezen=adviezen, verwante=verwante
        )

    def vergelijk_view(self, request, object_id):
        conceptversie = self._conceptversie(request, object_id)
        verschil = concepten.verschil_met_live(conceptversie)
        context = self._context(
            request,
            conceptversie,
            f"Conceptversie en site vergeleken: ‘{conceptversie.werkatelier}’",
            verschil=verschil,
            tussendoor=concepten.tussendoor(conceptversie),
        )
        return TemplateResponse(
            request, "admin/werkateliers/conceptversie/vergelijken.html", context
        )

    def publiceer_view(self, request, object_id):
        """Publish now or at a moment; first what would change, and what stands in the way."""
        conceptversie = self._conceptversie(request, object_id, wijzigen=True)
        if not request.user.has_perm("werkateliers.change_werkatelier"):
            raise PermissionDenied
        plan = PlanForm(request.POST if "plannen" in request.POST else None)
        if request.method == "POST":
            if "nu" in request.POST:
                try:
                    werkatelier = concepten.publiceer(conceptversie, request.user)
                except concepten.PublicatieFout as fout:
                    for probleem in fout.problemen:
                        messages.error(request, str(probleem))
                    return redirect(request.path)
                self.message_user(
                    request,
                    "De wijzigingen staan op de site. De conceptversie is opgenomen in de "
                    "geschiedenis.",
                    messages.SUCCESS,
                )
                return redirect("admin:werkateliers_werkatelier_change", werkatelier.pk)
            if "niet_plannen" in request.POST:
                concepten.plan(conceptversie, None, request.user)
                self.message_user(request, "De planning is eraf.", messages.SUCCESS)
                return redirect(conceptversie)
            if plan.is_valid():
                concepten.plan(conceptversie, plan.cleaned_data["moment"], request.user)
                moment = date_format(timezone.localtime(plan.cleaned_data["moment"]), MOMENT)
                self.message_user(
                    request,
                    f"Gepland: de wijzigingen komen op {moment} op de site. Tot die tijd kun je "
                    "de conceptversie nog aanpassen.",
                    messages.SUCCESS,
                )
                return redirect(conceptversie)
        context = self._context(
            request,
            conceptversie,
            f"Wijzigingen publiceren: ‘{conceptversie.werkatelier}’",
            verschil=concepten.verschil_met_live(conceptversie),
            tussendoor=concepten.tussendoor(conceptversie),
            problemen=concepten.problemen(conceptversie),
            plan=plan,
            media=self.media + plan.media,
        )
        return TemplateResponse(
            request, "admin/werkateliers/conceptversie/publiceren.html", context
        )

    def overnemen_view(self, request, object_id):
        conceptversie = self._conceptversie(request, object_id, wijzigen=True)
        botsingen = concepten.neem_over(conceptversie, request.user)
        if botsingen:
            self.message_user(
                request,
                "De wijzigingen van de site zijn overgenomen. Op deze plaatsen veranderden de "
                "site en de conceptversie hetzelfde; de conceptversie is gebleven: "
                + ", ".join(botsingen)
                + ".",
                messages.WARNING,
            )
        else:
            self.message_user(
                request, "De wijzigingen van de site zijn overgenomen.", messages.SUCCESS
            )
        return redirect(request.POST.get("terug") or conceptversie.get_absolute_url())

    def weggooi_view(self, request, object_id):
        conceptversie = self._conceptversie(request, object_id, wijzigen=True)
        if request.method == "POST":
            werkatelier = conceptversie.werkatelier
            concepten.gooi_weg(conceptversie)
            self.message_user(
                request,
                "De conceptversie is weggegooid. Op de site is niets veranderd.",
                messages.SUCCESS,
            )
            return redirect("admin:werkateliers_werkatelier_change", werkatelier.pk)
        context = self._context(
            request,
            conceptversie,
            f"Conceptversie weggooien: ‘{conceptversie.werkatelier}’",
            verschil=concepten.verschil_met_live(conceptversie),
        )
        return TemplateResponse(request, "admin/werkateliers/conceptversie/weggooien.html", context)
