import re
from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.db.models import Case, OuterRef, Subquery, Value, When
from django.db.models.functions import Replace
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html

from praktijkadviezen.beheer import AlleenLezenModelAdmin, BeheerModelAdmin

from .models import Synoniem, Synoniemgroep, Zoekopdracht

# What a visitor may type around words is no part of a synonym: OF and NIET, a minus or a
# quote before a word, a quote after one, and any other sign that is not in a word.
ZOEKWOORDEN = re.compile(r"\b(?:of|niet|or)\b")
ZOEKTEKENS = re.compile(r"(?:^|(?<=\s))[-']+|'+(?=\s|$)|[^\w' -]")


def woorden_uit(zoekvraag):
    """The words of a (normalised) search, as the start of a synonym group."""
    return " ".join(ZOEKTEKENS.sub(" ", ZOEKWOORDEN.sub(" ", zoekvraag)).split())


class SynoniemgroepForm(forms.ModelForm):
    class Meta:
        model = Synoniemgroep
        fields = ["woorden"]
        widgets = {"woorden": forms.Textarea(attrs={"rows": 3, "cols": 60})}


@admin.register(Synoniemgroep)
class SynoniemgroepAdmin(BeheerModelAdmin):
    """Groups of words that mean the same here; the search reads them on every request."""

    form = SynoniemgroepForm
    list_display = ["woorden", "gewijzigd"]
    search_fields = ["woorden"]

    def view_on_site(self, groep):
        # What a visitor finds with the group's first word.
        eerste = groep.woorden.split(" · ")[0]
        return f"{reverse('werkateliers:advies_list')}?{urlencode({'q': eerste})}"


class GevondenFilter(admin.SimpleListFilter):
    title = "resultaat"
    parameter_name = "gevonden"

    def lookups(self, request, model_admin):
        return [("nee", "niets gevonden"), ("ja", "adviezen gevonden")]

    def queryset(self, request, queryset):
        if self.value() == "nee":
            return queryset.filter(resultaten=0)
        if self.value() == "ja":
            return queryset.filter(resultaten__gt=0)
        return queryset


@admin.register(Zoekopdracht)
class ZoekopdrachtAdmin(AlleenLezenModelAdmin):
    """What visitors searched for, per day, to read: the site counts (zoekopdrachten.tel) and
    forgets after 13 months; nobody adds, changes or deletes here."""

    # Narrow columns, the words first: the list fits beside the menu and on a phone.
    list_display = ["zoekvraag", "synoniemen", "keer", "adviezen", "dag"]
    list_display_links = None
    list_filter = [GevondenFilter, "datum"]
    show_facets = admin.ShowFacets.NEVER
    date_hierarchy = "datum"
    search_fields = ["zoekvraag"]
    list_per_page = 100
    # Searches that found nothing first: what staff can help with.
    ordering = [
        Case(When(resultaten=0, then=Value(0)), default=Value(1)).asc(),
        "-datum",
        "-aantal",
        "zoekvraag",
    ]

    def get_queryset(self, request):
        # The group a whole search is in, if any (matched as the search matches words: case
        # and hyphens do not count), in the list's own query.
        synoniem = Synoniem.objects.filter(sleutel=Replace(OuterRef("zoekvraag"), Value("-")))
        return (
            super()
            .get_queryset(request)
            .annotate(
                groep_id=Subquery(synoniem.values("groep_id")[:1]),
                groep_woorden=Subquery(synoniem.values("groep__woorden")[:1]),
            )
        )

    def get_list_display(self, request):
        # Only who may make a group gets the links to make or change one.
        if request.user.has_perm("zoekhulp.add_synoniemgroep"):
            return self.list_display
        return [kolom for kolom in self.list_display if kolom != "synoniemen"]

    @admin.display(description="keer gezocht", ordering="aantal")
    def keer(self, zoekopdracht):
        return zoekopdracht.aantal

    @admin.display(description="adviezen gevonden", ordering="resultaten")
    def adviezen(self, zoekopdracht):
        return zoekopdracht.resultaten

    @admin.display(description="datum", ordering="datum")
    def dag(self, zoekopdracht):
        return date_format(zoekopdracht.datum, "j b Y")

    @admin.display(description="synoniemen")
    def synoniemen(self, zoekopdracht):
        if zoekopdracht.groep_id:
            return format_html(
                '<a href="{}">{}</a>',
                reverse("admin:zoekhulp_synoniemgroep_change", args=[zoekopdracht.groep_id]),
                zoekopdracht.groep_woorden,
            )
        woorden = woorden_uit(zoekopdracht.zoekvraag)
        if not woorden:
            return ""
        return format_html(
            '<a href="{}?{}">Synoniem toevoegen<span class="visually-hidden"> voor ‘{}’</span></a>',
            reverse("admin:zoekhulp_synoniemgroep_add"),
            urlencode({"woorden": woorden}),
            woorden,
        )
