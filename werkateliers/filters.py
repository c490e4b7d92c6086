"""The filters of /adviezen/: doelgroep, thema (several), werkatelier and search words.

Filtering, counting the choices and ordering happen on the catalogue (catalogus.py), in
Python; search words on its search index (zoeken.py), which asks PostgreSQL once what they
mean. A search's match is kept per content version (by the catalogue); everything else needs
no query."""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from . import zoeken
from .models import Advies, in_zin
from .telwoorden import getal

MAX_ZOEKLENGTE = 100
# Control characters (NUL included) never mean anything in a filter, and PostgreSQL refuses NUL.
STUURTEKENS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SOORTEN = {"doelgroep": "De doelgroep", "thema": "Het thema", "werkatelier": "Het werkatelier"}


class AdviesFilter:
    def __init__(self, data, catalogus):
        self.catalogus = catalogus
        self.opties = {
            "doelgroep": [(d.slug, d.naam, d.pk) for d in catalogus.doelgroepen],
            "thema": [(t.slug, t.naam, t.pk) for t in catalogus.themas],
            "werkatelier": [(w.slug, w.titel, w.pk) for w in catalogus.werkateliers],
        }
        self.notities = []
        self.gekozen = self._schoon(data)

    def _schoon(self, data):
        """Keep what can be used; say in a short note what was left out or shortened."""
        gekozen = {}
        for naam, opties in self.opties.items():
            bekend = {slug for slug, _, _ in opties}
            waarden = [STUURTEKENS.sub("", w) for w in data.getlist(naam) if w]
            onbekend = [w for w in waarden if w not in bekend]
            waarden = [w for w in waarden if w in bekend]
            gekozen[naam] = list(dict.fromkeys(waarden)) if naam == "thema" else waarden[:1]
            if onbekend:
                lijst = ", ".join(f"‘{w[:40]}’" for w in onbekend[:3])
                self.notities.append(
                    f"{SOORTEN[naam]} {lijst} bestaat niet; die keuze is weggelaten."
                )
        zoek = STUURTEKENS.sub("", data.get("q", "")).strip()
        if len(zoek) > MAX_ZOEKLENGTE:
            zoek = zoek[:MAX_ZOEKLENGTE].strip()
            self.notities.append(
                f"Je zoekopdracht was te lang; we zoeken op de eerste {MAX_ZOEKLENGTE} tekens."
            )
        gekozen["q"] = zoek
        return gekozen

    @property
    def zoekwoorden(self):
        return self.gekozen["q"]

    def _adviezen_van(self, naam):
        """The adviezen a filter lets through (as numbers), or None when it is not used."""
        if naam == "q":
            return set(self.treffers) if self.zoekwoorden else None
        if not self.gekozen[naam]:
            return None
        ids = {pk for slug, _, pk in self.opties[naam] if slug in self.gekozen[naam]}
        per = self.catalogus.per[naam]
        return set().union(*(per.get(pk, ()) for pk in ids))

    def bereken(self):
        """The results in their order, and per filter its choices with their counts."""
        if self.zoekwoorden:
            self.treffers, self.woorden = self.catalogus.zoek(self.zoekwoorden)
        delen = {
            naam: self._adviezen_van(naam) for naam in ("doelgroep", "thema", "werkatelier", "q")
        }
        gebruikt = [deel for deel in delen.values() if deel is not None]
        alles = set.intersection(*gebruikt) if gebruikt else None
        if self.zoekwoorden:
            self.resultaten = [pk for pk in self.treffers if pk in alles]
        elif alles is None:
            self.resultaten = [rij.pk for rij in self.catalogus.adviezen]
        else:
            self.resultaten = [rij.pk for rij in self.catalogus.adviezen if rij.pk in alles]
        self.facetten = {}
        for naam in ("doelgroep", "thema", "werkatelier"):
            # Each choice counts what it would give with the other filters kept.
            anderen = [deel for ander, deel in delen.items() if ander != naam and deel is not None]
            basis = set.intersection(*anderen) if anderen else None
            per = self.catalogus.per[naam]
            keuzes = []
            for slug, label, pk in self.opties[naam]:
                leden = per.get(pk, ())
                aantal = len(leden) if basis is None else len(basis.intersection(leden))
                gekozen = slug in self.gekozen[naam]
                # A choice that would give nothing is left out, unless it is chosen (so it
                # can be undone).
                if aantal or gekozen:
                    keuzes.append(Keuze(slug, label, aantal, gekozen))
            self.facetten[naam] = keuzes
            if naam == "doelgroep":
                # "Iedereen": every doelgroep, with the other filters kept.
                totaal = len(self.catalogus.adviezen) if basis is None else len(basis)
                iedereen = Keuze("", "Iedereen", totaal, not self.gekozen["doelgroep"])
                self.facetten["doelgroep_met_iedereen"] = [iedereen, *keuzes]
        return self

    def adviezen(self, pks, volledig=False):
        """These adviezen (numbers from the results) as a list shows them: from the
        catalogue and the search index, with from the database only the whole text to
        print."""
        resultaten = []
        for pk in pks:
            rij = self.catalogus.rij[pk]
            resultaten.append(
                Resultaat(
                    pk=pk,
                    titel=rij.titel,
                    pad=rij.pad,
                    nummer=rij.nummer,
                    doelgroep=self.catalogus.doelgroep[rij.doelgroep_id],
                    werkatelier=self.catalogus.werkatelier[rij.werkatelier_id],
                    thema=self.catalogus.thema.get(rij.thema_id),
                    tekst_plat=rij.tekst_plat,
                    woorden=(
                        zoeken.te_markeren(self.woorden, pk, self.catalogus)
                        if self.zoekwoorden
                        else ""
                    ),
                )
            )
        if volledig:
            teksten = dict(Advies.objects.filter(pk__in=pks).values_list("pk", "tekst"))
            for resultaat in resultaten:
                resultaat.tekst = teksten[resultaat.pk]
        return resultaten

    def beschrijving(self, aantal):
        """What is shown, as one Dutch phrase for the page's h1 and title:
        "6 adviezen voor leidinggevenden en bestuurders", "Alle 16 adviezen"."""
        gekozen = self.gekozen
        namen = {
            naam: {slug: label for slug, label, _ in opties} for naam, opties in self.opties.items()
        }
        delen = []
        if gekozen["doelgroep"]:
            delen.append(f"voor {in_zin(namen['doelgroep'][gekozen['doelgroep'][0]])}")
        if gekozen["thema"]:
            themas = [in_zin(namen["thema"][slug]) for slug in gekozen["thema"]]
            delen.append("over " + " of ".join(themas))
        if gekozen["werkatelier"]:
            delen.append(f"uit het werkatelier ‘{namen['werkatelier'][gekozen['werkatelier'][0]]}’")
        if gekozen["q"]:
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
        return any(self.gekozen.values())

    @property
    def aantal_keuzes(self):
        """How many choices the visitor made, for the collapsed "Filteren" button."""
        return sum(
            len(waarde) if isinstance(waarde, list) else 1
            for waarde in self.gekozen.values()
            if waarde
        )


@dataclass(slots=True)
class Resultaat:
    """An advies as a list of results shows it."""

    pk: int
    titel: str
    pad: str
    nummer: int
    doelgroep: object
    werkatelier: object
    thema: object
    tekst_plat: str  # the text without markup, for the excerpt
    woorden: str = ""  # the words a search found in it, to mark
    tekst: str = ""  # the whole advies, to print


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
