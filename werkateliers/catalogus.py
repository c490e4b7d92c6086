"""What the public pages count, filter and order: every public werkatelier, and every public
advies as a few numbers and its plain text, read once per content version by each server
process (at 2,000 adviezen about 6 MB).

/adviezen/ counts its choices, orders its results and shows its page from this (a search
adds its search index, zoeken.Zoekindex); the home page, the werkatelier cards, "Misschien
vind je dit ook interessant" and the sitemap take their counts, summaries and addresses from
it. Reading it costs five queries when the content has changed and none otherwise. The
version is the page cache's (praktijkadviezen/paginacache.py), so a change shows here
exactly when it shows there: within a second, in every process.
"""

import functools
import heapq
import threading
from dataclasses import dataclass

from django.urls import reverse

from praktijkadviezen.paginacache import huidige_versie

from . import zoeken

# How many searches each process keeps the match of (at 2,000 adviezen at most 12 kB each).
ZOEKOPDRACHTEN = 256


@dataclass(frozen=True, slots=True)
class Rij:
    """One public advies: what filtering, counting, ordering and linking need."""

    pk: int
    werkatelier_id: int
    doelgroep_id: int
    thema_id: int | None
    nummer: int  # its number on the werkatelier page, among the adviezen for its doelgroep
    titel: str
    pad: str  # its own page
    tekst_plat: str  # its text without markup, for the excerpts in lists and search results


class Catalogus:
    def __init__(self, versie):
        from .models import (
            Advies,
            AdviesQuerySet,
            Doelgroep,
            Thema,
            Werkatelier,
            advies_slug,
            samenvatting,
        )

        self.versie = versie
        # Per catalogue, so that they go with the version they belong to.
        self._zoekopdrachten = functools.lru_cache(maxsize=ZOEKOPDRACHTEN)(self._zoek)
        self.doelgroepen = list(Doelgroep.objects.order_by("volgorde", "naam"))
        self.themas = list(Thema.objects.order_by("naam").only("pk", "naam", "slug"))
        # Published, newest first, with what its page, a card, the feed and the sitemap show.
        self.werkateliers = list(
            Werkatelier.objects.published()
            .newest_first()
            .only(
                "pk",
                "titel",
                "slug",
                "intro",
                "beschrijving",
                "datum",
                "status",
                "gepubliceerd_op",
                "gewijzigd",
            )  # fmt: skip
        )
        self.werkatelier = {w.pk: w for w in self.werkateliers}
        self.werkatelier_met_slug = {w.slug: w for w in self.werkateliers}
        self.doelgroep = {d.pk: d for d in self.doelgroepen}
        self.thema = {t.pk: t for t in self.themas}
        self.gerelateerd = {}
        for van, naar in Werkatelier.gerelateerd.through.objects.values_list(
            "from_werkatelier_id", "to_werkatelier_id"
        ):
            self.gerelateerd.setdefault(van, set()).add(naar)

        # The address of an advies is /adviezen/<pk>/<title as slug>/: made once here, for
        # every list and the sitemap. The number is found the way the page numbers them.
        voorbeeld = reverse("werkateliers:advies_detail", kwargs={"pk": 1, "slug": "x"})
        adviezen_pad = voorbeeld[: voorbeeld.index("/1/x/")]
        tellers = {}
        self.adviezen = []
        for pk, werkatelier_id, doelgroep_id, thema_id, titel, tekst_plat in (
            Advies.objects.published()
            .order_by(*AdviesQuerySet.VOLGORDE)
            .values_list(
                "pk",
                "werkatelier_id",
                "doelgroep_id",
                "thema_id",
                "titel",
                "tekst_plat",
            )
        ):
            sleutel = (werkatelier_id, doelgroep_id)
            tellers[sleutel] = nummer = tellers.get(sleutel, 0) + 1
            pad = f"{adviezen_pad}/{pk}/{advies_slug(titel)}/"
            self.adviezen.append(
                Rij(pk, werkatelier_id, doelgroep_id, thema_id, nummer, titel, pad, tekst_plat)
            )
        self.rij = {rij.pk: rij for rij in self.adviezen}
        self.plek = {rij.pk: plek for plek, rij in enumerate(self.adviezen)}

        # Per doelgroep, thema and werkatelier: its adviezen (as numbers), for counting; and
        # per werkatelier its adviezen in the order of its page.
        self.per = {"doelgroep": {}, "thema": {}, "werkatelier": {}}
        self.van_werkatelier = {w.pk: [] for w in self.werkateliers}
        for rij in self.adviezen:
            self.per["doelgroep"].setdefault(rij.doelgroep_id, set()).add(rij.pk)
            self.per["thema"].setdefault(rij.thema_id, set()).add(rij.pk)
            self.per["werkatelier"].setdefault(rij.werkatelier_id, set()).add(rij.pk)
            self.van_werkatelier[rij.werkatelier_id].append(rij)

        # What a card says when staff wrote no description: its thema's and its number of
        # adviezen per doelgroep, in the order of the page.
        for werkatelier in self.werkateliers:
            rijen = sorted(
                self.van_werkatelier[werkatelier.pk],
                key=lambda r: (
                    self.doelgroep[r.doelgroep_id].volgorde,
                    self.thema[r.thema_id].naam if r.thema_id else "",
                ),
            )
            themas = list(dict.fromkeys(self.thema[r.thema_id].naam for r in rijen if r.thema_id))
            aantallen = {}
            for r in rijen:
                naam = self.doelgroep[r.doelgroep_id].naam
                aantallen[naam] = aantallen.get(naam, 0) + 1
            werkatelier.pad = werkatelier.get_absolute_url()
            werkatelier.kaarttekst = samenvatting(themas, list(aantallen.items()))
            werkatelier.aantal_adviezen = len(rijen)
            werkatelier.thema_ids = {r.thema_id for r in rijen if r.thema_id}

    def zoek(self, tekst):
        """The public adviezen that match these search words, best first, and the words to
        mark in them. The last searches are kept (`_zoekopdrachten`): paging through the
        results or narrowing them down asks for the same match again."""
        return self._zoekopdrachten(tekst)

    def _zoek(self, tekst):
        gevonden = zoeken.treffers(tekst, self)
        return tuple(gevonden.beste_eerst(self.plek)), tuple(gevonden.woorden)

    @functools.cached_property
    def zoekindex(self):
        """The words of the public adviezen, for search (PostgreSQL): read at the first search
        of this version."""
        return zoeken.Zoekindex(self.rij)

    def plaats(self, pk):
        """Where a public advies stands in its werkatelier: its number among the adviezen for
        its doelgroep, how many there are, and the adviezen before and after it."""
        rij = self.rij[pk]
        reeks = self.van_werkatelier[rij.werkatelier_id]
        index = reeks.index(rij)
        buren = [reeks[i] if 0 <= i < len(reeks) else None for i in (index - 1, index + 1)]
        return Plaats(
            nummer=rij.nummer,
            aantal=sum(r.doelgroep_id == rij.doelgroep_id for r in reeks),
            vorige=self.buur(buren[0]),
            volgende=self.buur(buren[1]),
        )

    def buur(self, rij):
        if rij is None:
            return None
        return Buur(rij.titel, rij.pad, rij.nummer, self.doelgroep[rij.doelgroep_id])

    def vul_aan(self, adviezen, werkatelier=None):
        """Give adviezen fetched without joins their doelgroep and thema (and werkatelier)
        from here; every doelgroep and thema is here, not only the public ones."""
        for advies in adviezen:
            advies.doelgroep = self.doelgroep[advies.doelgroep_id]
            advies.thema = self.thema.get(advies.thema_id)
            advies.werkatelier = werkatelier or self.werkatelier[advies.werkatelier_id]
            if advies.pk in self.rij:
                advies.pad = self.rij[advies.pk].pad
        return adviezen

    def aantal(self, soort, pk):
        """The number of public adviezen for this doelgroep, thema or werkatelier."""
        return len(self.per[soort].get(pk, ()))

    def met_aantallen(self):
        """For the home page: every doelgroep, and the thema's that have public adviezen,
        each with its number of them."""
        doelgroepen = [(d, self.aantal("doelgroep", d.pk)) for d in self.doelgroepen]
        themas = [(t, self.aantal("thema", t.pk)) for t in self.themas]
        return doelgroepen, [(thema, aantal) for thema, aantal in themas if aantal]

    def verwante(self, werkatelier, thema_ids, aantal=3):
        """Other public werkateliers: chosen by staff first, then most shared thema's, then
        the newest."""
        gekozen = self.gerelateerd.get(werkatelier.pk, set())
        return heapq.nsmallest(
            aantal,
            (w for w in self.werkateliers if w.pk != werkatelier.pk),
            # newest first within equal keys: the list is newest first and nsmallest is stable
            key=lambda w: (w.pk not in gekozen, -len(w.thema_ids & thema_ids)),
        )


@dataclass(frozen=True, slots=True)
class Plaats:
    nummer: int
    aantal: int
    vorige: "Buur | None"
    volgende: "Buur | None"


@dataclass(frozen=True, slots=True)
class Buur:
    """The advies before or after another, as its page links to it."""

    titel: str
    pad: str
    nummer: int
    doelgroep: object


_huidig = None
_slot = threading.Lock()


def catalogus():
    """The catalogue of the current content version."""
    global _huidig
    versie = huidige_versie()[0]
    if _huidig is None or _huidig.versie != versie:
        with _slot:
            if _huidig is None or _huidig.versie != versie:
                _huidig = Catalogus(versie)
    return _huidig


def vergeet():
    global _huidig
    _huidig = None
