"""The filters of /adviezen/: doelgroep, thema (several), werkatelier and search words."""

import re
from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Count

from .models import Doelgroep, Thema, Werkatelier

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
        filters kept: one query per filter, whatever the amount of content."""
        facetten = {}
        for naam, veld in self.FACETTEN.items():
            aantallen = dict(
                self.qs_zonder(naam)
                .order_by()
                .values_list(veld)
                .annotate(n=Count("pk"))  # joins are many-to-one: each advies counts once
            )
            gekozen = self.form.cleaned_data.get(naam) or []
            if isinstance(gekozen, str):
                gekozen = [gekozen]
            facetten[naam] = [
                Keuze(slug, label, aantallen.get(slug, 0), slug in gekozen)
                for slug, label in self.opties[naam]
            ]
        return facetten

    def beschrijving(self, aantal):
        """The result in words, as a screen reader announces it:
        "12 adviezen voor leidinggevenden en bestuurders over Met collega's"."""
        delen = [f"{aantal} {'advies' if aantal == 1 else 'adviezen'}"]
        gekozen = self.form.cleaned_data if self.is_valid() else {}
        namen = {naam: dict(opties) for naam, opties in self.opties.items()}
        if gekozen.get("doelgroep"):
            naam = namen["doelgroep"][gekozen["doelgroep"]]
            delen.append(f"voor {naam[:1].lower()}{naam[1:]}")
        if gekozen.get("thema"):
            delen.append("over " + " of ".join(namen["thema"][slug] for slug in gekozen["thema"]))
        if gekozen.get("werkatelier"):
            delen.append(f"uit het werkatelier ‘{namen['werkatelier'][gekozen['werkatelier']]}’")
        if gekozen.get("q"):
            delen.append(f"met ‘{gekozen['q']}’")
        return " ".join(delen)

    @property
    def gefilterd(self):
        return self.is_valid() and any(self.form.cleaned_data.values())

    class Meta:
        form = forms.Form


@dataclass
class Keuze:
    slug: str
    label: str
    aantal: int
    gekozen: bool
