"""The filters of /adviezen/: doelgroep, thema (several), werkatelier and search words."""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import Count

from .models import Doelgroep, Thema, Werkatelier, in_zin
from .telwoorden import getal

MAX_ZOEKLENGTE = 100
# Control characters (NUL included) never mean anything in a filter, and PostgreSQL refuses NUL.
STUURTEKENS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class AdviesFilter(django_filters.FilterSet):
    doelgroep = django_filters.ChoiceFilter(
        field_name="doelgroep__slug", lookup_expr="exact", label="Voor wie"
    )
    thema = django_filters.MultipleChoiceFilter(
        field_name="thema__slug", lookup_expr="exact", label="Thema's"
    )
    werkatelier = django_filters.ChoiceFilter(
        field_name="werkatelier__slug", lookup_expr="exact", label="Werkatelier"
    )
    q = django_filters.CharFilter(
        method="zoek", label="Zoekwoorden", max_length=MAX_ZOEKLENGTE, strip=True
    )

    FACETTEN = {
        "doelgroep": "doelgroep__slug",
        "thema": "thema__slug",
        "werkatelier": "werkatelier__slug",
    }

    def __init__(self, data=None, *args, **kwargs):
        self.opties = {
            "doelgroep": list(Doelgroep.objects.values_list("slug", "naam")),
            "thema": list(Thema.objects.values_list("slug", "naam")),
            "werkatelier": list(Werkatelier.objects.published().values_list("slug", "titel")),
        }
        self.notities = []
        super().__init__(self._schoon(data) if data is not None else None, *args, **kwargs)
        for naam, opties in self.opties.items():
            self.filters[naam].extra["choices"] = opties

    def _schoon(self, data):
        """Keep what can be used; say in a short note what was left out or shortened."""
        schoon = data.copy()
        for naam, opties in self.opties.items():
            bekend = {slug for slug, _ in opties}
            waarden = [STUURTEKENS.sub("", w) for w in data.getlist(naam) if w]
            onbekend = [w for w in waarden if w not in bekend]
            schoon.setlist(naam, [w for w in waarden if w in bekend])
            if onbekend:
                soort = {
                    "doelgroep": "De doelgroep",
                    "thema": "Het thema",
                    "werkatelier": "Het werkatelier",
                }[naam]
                lijst = ", ".join(f"‘{w[:40]}’" for w in onbekend[:3])
                self.notities.append(f"{soort} {lijst} bestaat niet; die keuze is weggelaten.")
        zoek = STUURTEKENS.sub("", data.get("q", "")).strip()
        if len(zoek) > MAX_ZOEKLENGTE:
            zoek = zoek[:MAX_ZOEKLENGTE].strip()
            self.notities.append(
                f"Je zoekopdracht was te lang; we zoeken op de eerste {MAX_ZOEKLENGTE} tekens."
            )
        schoon["q"] = zoek
        return schoon

    def zoek(self, queryset, name, value):
        return queryset.search(value) if value else queryset

    @property
    def zoekwoorden(self):
        return self.form.cleaned_data.get("q", "") if self.is_valid() else ""

    def qs_zonder(self, naam):
        """The results with every filter except one: what that filter's choices count."""
        self.is_valid()  # fills cleaned_data
        qs = self.queryset.all()
        for filternaam, waarde in self.form.cleaned_data.items():
            if filternaam != naam:
                qs = self.filters[filternaam].filter(qs, waarde)
        return qs

    def facetten(self):
        """Per filter, each choice with the number of adviezen it would give with the other
        filters kept: one query per filter, whatever the amount of content. A choice that
        would give nothing is left out, unless it is chosen (so it can be undone)."""
        facetten = {}
        for naam, veld in self.FACETTEN.items():
            qs = self.qs_zonder(naam)
            aantallen = dict(
                qs.order_by().values_list(veld).annotate(n=Count("pk"))
                # joins are many-to-one: each advies counts once
            )
            gekozen = self.form.cleaned_data.get(naam) or []
            if isinstance(gekozen, str):
                gekozen = [gekozen]
            facetten[naam] = [
                Keuze(slug, label, aantallen.get(slug, 0), slug in gekozen)
                for slug, label in self.opties[naam]
                if aantallen.get(slug) or slug in gekozen
            ]
            if naam == "doelgroep":
                # "Iedereen": every doelgroep, with the other filters kept.
                iedereen = Keuze("", "Iedereen", sum(aantallen.values()), not gekozen)
                facetten["doelgroep_met_iedereen"] = [iedereen, *facetten[naam]]
        return facetten

    def beschrijving(self, aantal):
        """What is shown, as one Dutch phrase for the page's h1 and title:
        "6 adviezen voor leidinggevenden en bestuurders", "Alle 16 adviezen"."""
        gekozen = self.form.cleaned_data if self.is_valid() else {}
        namen = {naam: dict(opties) for naam, opties in self.opties.items()}
        delen = []
        if gekozen.get("doelgroep"):
            delen.append(f"voor {in_zin(namen['doelgroep'][gekozen['doelgroep']])}")
        if gekozen.get("thema"):
            themas = [in_zin(namen["thema"][slug]) for slug in gekozen["thema"]]
            delen.append("over " + " of ".join(themas))
        if gekozen.get("werkatelier"):
            delen.append(f"uit het werkatelier ‘{namen['werkatelier'][gekozen['werkatelier']]}’")
        if gekozen.get("q"):
            delen.append(f"met ‘{gekozen['q']}’")
        if not delen:
            return f"Alle {getal(aantal)} adviezen" if aantal != 1 else "Eén advies"
        hoeveel = (
            "Geen adviezen"
            if aantal == 0
            else f"{getal(aantal)} advie{'s' if aantal == 1 else 'zen'}"
        )
        return " ".join([hoeveel, *delen])

    @property
    def gefilterd(self):
        return self.is_valid() and any(self.form.cleaned_data.values())

    @property
    def aantal_keuzes(self):
        """How many choices the visitor made, for the collapsed "Filteren" button."""
        if not self.is_valid():
            return 0
        gegevens = self.form.cleaned_data
        return sum(
            len(waarde) if isinstance(waarde, list) else 1 for waarde in gegevens.values() if waarde
        )

    class Meta:
        form = forms.Form


@dataclass
class Keuze:
    slug: str
    label: str
    aantal: int
    gekozen: bool


MEENEMEN = ("doelgroep", "thema", "werkatelier", "q", "page")


def meegenomen(querydict):
    """The search a visitor came from (the filters and the page of /adviezen/), as a query
    string to carry along to an advies and back. Not checked here: /adviezen/ checks it."""
    paren = [
        (naam, STUURTEKENS.sub("", waarde)[:MAX_ZOEKLENGTE])
        for naam in MEENEMEN
        for waarde in querydict.getlist(naam)[:10]
        if waarde
    ]
    return urlencode(paren)
