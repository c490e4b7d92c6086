"""The filters of /adviezen/: doelgroep, thema (several), werkatelier and search words.

The database does the work, in a fixed number of queries whatever the amount of content:
the chosen values are looked up in one query (only when there are any); the choices of all
three filters are counted in one query, each with the other filters kept (`tel_keuzes`,
which also names them and, with search words, gives the page of results as well); without
search words, the page shown is one query more."""

import json
import re
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import CharField, F, Value

from . import zoeken
from .models import Advies, Doelgroep, OudThemaAdres, Thema, Werkatelier, in_zin
from .telwoorden import getal
from .themas import in_groepen

MAX_ZOEKLENGTE = 100
# The werkatelier filter lists at most this many werkateliers (the newest).
MAX_WERKATELIERS = 100
# Control characters (NUL included) never mean anything in a filter, and PostgreSQL refuses NUL.
STUURTEKENS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SOORTEN = {"doelgroep": "De doelgroep", "thema": "Het thema", "werkatelier": "Het werkatelier"}
FACETTEN = ("doelgroep", "thema", "werkatelier")
# Per filter: what names its choices.
LABEL = {"doelgroep": "naam", "thema": "naam", "werkatelier": "titel"}


class AdviesFilter:
    def __init__(self, data, queryset=None):
        self.queryset = Advies.objects.published() if queryset is None else queryset
        self.notities = []
        gevraagd = self._gevraagd(data)
        # (slug, label, pk) of each chosen value that exists, in the order asked.
        bekend = self._bekend(gevraagd)
        self.gekozen, self.opties, self.ids = {}, {}, {}
        for naam in FACETTEN:
            opties = [bekend[naam][slug] for slug in gevraagd[naam] if slug in bekend[naam]]
            onbekend = [slug for slug in gevraagd[naam] if slug not in bekend[naam]]
            if onbekend:
                lijst = ", ".join(f"‘{w[:40]}’" for w in onbekend[:3])
                self.notities.append(
                    f"{SOORTEN[naam]} {lijst} bestaat niet; die keuze is weggelaten."
                )
            self.opties[naam] = opties
            self.gekozen[naam] = [slug for slug, _, _ in opties]
            self.ids[naam] = [pk for _, _, pk in opties]
        self.gekozen["q"] = gevraagd["q"]
        self._bladzijde = None
        self.werkateliers = 0  # with results, counted by `bereken`

    def _gevraagd(self, data):
        """What the query string asks for, cleaned; a search too long is shortened, with a
        short note."""
        gevraagd = {}
        for naam in FACETTEN:
            waarden = [STUURTEKENS.sub("", w) for w in data.getlist(naam) if w]
            gevraagd[naam] = list(dict.fromkeys(waarden))[: 10 if naam == "thema" else 1]
        zoek = STUURTEKENS.sub("", data.get("q", "")).strip()
        if len(zoek) > MAX_ZOEKLENGTE:
            zoek = zoek[:MAX_ZOEKLENGTE].strip()
            self.notities.append(
                f"Je zoekopdracht was te lang; we zoeken op de eerste {MAX_ZOEKLENGTE} tekens."
            )
        gevraagd["q"] = zoek
        return gevraagd

    def _bekend(self, gevraagd):
        """The values asked for that exist (a werkatelier only when public), by kind and
        slug, as (slug, label, pk): one query for all three kinds."""
        bekend = {naam: {} for naam in FACETTEN}
        # Built only for the kinds asked for: building a queryset costs a tenth of a
        # millisecond, and most visits ask for none.
        alle = {
            "doelgroep": Doelgroep.objects.all,
            "thema": Thema.objects.all,
            "werkatelier": Werkatelier.objects.published,
        }
        delen = [
            alle[naam]()
            .filter(slug__in=gevraagd[naam])
            .annotate(soort=Value(naam, output_field=CharField()), label=F(LABEL[naam]))
            .order_by()
            .values_list("soort", "slug", "label", "pk")
            for naam in FACETTEN
            if gevraagd[naam]
        ]
        # (thema) A merged thema's old slug, with the slug of the thema it went into.
        if gevraagd["thema"]:
            delen.append(
                OudThemaAdres.objects.filter(slug__in=gevraagd["thema"])
                .annotate(soort=Value("verhuisd", output_field=CharField()), label=F("thema__slug"))
                .order_by()
                .values_list("soort", "slug", "label", "thema_id")
            )
        self.verhuisd = {}
        if delen:
            for soort, slug, label, pk in delen[0].union(*delen[1:], all=True):
                if soort == "verhuisd":
                    self.verhuisd[slug] = label
                else:
                    bekend[soort][slug] = (slug, label, pk)
        # A thema that has the address now wins over an old one's redirect.
        self.verhuisd = {
            oud: nieuw for oud, nieuw in self.verhuisd.items() if oud not in bekend["thema"]
        }
        return bekend

    @property
    def zoekwoorden(self):
        return self.gekozen["q"]

    @cached_property
    def zoekopdracht(self):
        """The search words, read and looked up once among the adviezen the filters leave
        (werkateliers/zoeken/): what is searched for, and what the page says about it."""
        if not self.zoekwoorden:
            return None
        return zoeken.Zoekopdracht(self.zoekwoorden, self._gefilterd())

    @property
    def suggestie_adres(self):
        """This list's query string with the suggested question instead of the one asked."""
        if not (self.zoekopdracht and self.zoekopdracht.suggestie):
            return ""
        gekozen = [(naam, slug) for naam in FACETTEN for slug in self.gekozen[naam]]
        return urlencode([*gekozen, ("q", self.zoekopdracht.suggestie)])

    def _gefilterd(self, zonder=()):
        """The adviezen with every filter but those named in `zonder`."""
        adviezen = self.queryset.order_by()
        for naam in FACETTEN:
            if naam in zonder or not self.ids[naam]:
                continue
            if naam == "thema":
                # (thema) Also the adviezen given a thema for the filters (`ook_over`).
                adviezen = adviezen.over_themas(self.ids[naam])
            else:
                adviezen = adviezen.filter(**{f"{naam}__in": self.ids[naam]})
        return adviezen

    def gevonden(self):
        """The adviezen with every filter and the search words: best first when searched."""
        adviezen = self._gefilterd()
        if self.zoekopdracht:
            adviezen = adviezen.gezocht(self.zoekopdracht)
        return adviezen

    def resultaten(self, volledig=False):
        """The results, best first when searched, else in the order of the list; each with
        its number on its werkatelier's page (and, `volledig`, its whole text)."""
        return self.gevonden().for_list(volledig).with_nummer()

    def bereken(self, bladzijde=None, per_bladzijde=20):
        """Per filter its choices with their counts, and the number of results: one query
        for all three filters (`tel_keuzes`), which also names the choices it counts. With
        search words, the same query picks out the results on page `bladzijde` (as asked in
        the address; the Paginator takes it with `__getitem__`); when they find nothing with
        all their terms, a second count with any of them."""
        nummer = _paginanummer(bladzijde)
        deel = None
        if self.zoekopdracht and nummer:
            deel = ((nummer - 1) * per_bladzijde, nummer * per_bladzijde)

        def telling():
            return maak_telling(
                self._gefilterd(zonder=FACETTEN), self.ids, self.zoekopdracht, pagina=deel
            )

        if self.zoekopdracht and self.zoekopdracht.onbeslist:
            # All terms first; when no advies has them all, any of them (zoeken/__init__.py).
            # Decided from these counts: one query less than asking first.
            self.zoekopdracht.een_van = False
            vraag = telling()
            geteld = tel_keuzes(vraag)
            if not self._aantal(geteld):
                self.zoekopdracht.een_van = True
                # The same query with the other terms: on PostgreSQL not built again.
                met_een = tel_keuzes(self.zoekopdracht.met_een_van(vraag) or telling())
                if self._aantal(met_een):
                    geteld = met_een
                else:
                    self.zoekopdracht.een_van = False
        else:
            geteld = tel_keuzes(telling())
        self._bladzijde = (deel[0], geteld["pagina"]) if deel else None
        self.facetten = {}
        # (werkatelier) A list of thousands of werkateliers helps nobody, and building it
        # cost more than the rest of the page: the newest MAX_WERKATELIERS, and the chosen
        # one; the page says how many there are and how to find an older one.
        self.werkateliers = len(geteld["werkatelier"])
        geteld["werkatelier"] = [
            keuze
            for i, keuze in enumerate(geteld["werkatelier"])
            if i < MAX_WERKATELIERS or keuze[0] in self.gekozen["werkatelier"]
        ]
        for naam in FACETTEN:
            # Each choice counts what it would give with the other filters kept. A choice
            # that would give nothing is left out, unless it is chosen (so it can be undone).
            keuzes = [
                Keuze(slug, label, aantal, slug in self.gekozen[naam], breed)
                for slug, label, aantal, breed in geteld[naam]
            ]
            bekend = {keuze.slug for keuze in keuzes}
            keuzes += [
                Keuze(slug, label, 0, True)
                for slug, label, _ in self.opties[naam]
                if slug not in bekend
            ]
            self.facetten[naam] = keuzes
        # (thema) "Vaak gebruikt" first, then "Bij één werkatelier" (themas.in_groepen).
        self.facetten["thema_groepen"] = in_groepen(self.facetten["thema"])
        # "Iedereen": every doelgroep, with the other filters kept. Every advies has one
        # doelgroep, so these counts also give the number of results.
        doelgroepen = self.facetten["doelgroep"]
        totaal = sum(keuze.aantal for keuze in doelgroepen)
        iedereen = Keuze("", "Iedereen", totaal, not self.gekozen["doelgroep"])
        self.facetten["doelgroep_met_iedereen"] = [iedereen, *doelgroepen]
        gekozen = [keuze.aantal for keuze in doelgroepen if keuze.gekozen]
        self.aantal = sum(gekozen) if self.gekozen["doelgroep"] else totaal
        return self

    def _aantal(self, geteld):
        """The number of results in these counts (tel_keuzes): every advies has one doelgroep,
        so the chosen doelgroepen's counts, or all of them when none is chosen."""
        gekozen = self.gekozen["doelgroep"]
        return sum(n for slug, _, n, _ in geteld["doelgroep"] if not gekozen or slug in gekozen)

    def __getitem__(self, deel):
        """A part of the results (a slice), as a Paginator asks for its page. With search
        words, the page `bereken` picked out, as the same query gave it (a broad word at
        20,000 adviezen would be read from all 15,000 it matches once more, and fetching the
        twenty again cost more than the rest of a search). Any other part: searched."""
        if not isinstance(deel, slice):
            # No mapping: a template's {{ filterset.aantal }} tries filterset["aantal"] first.
            raise TypeError("AdviesFilter geeft alleen delen van de resultaten")
        if self._bladzijde is None or deel.start != self._bladzijde[0]:
            return self.resultaten()[deel]
        return self._bladzijde[1]

    def adviezen(self, adviezen):
        """These adviezen (a page of the results) as a list shows them: each with the words
        a search found in it, to mark."""
        adviezen = list(adviezen)
        woorden = self.zoekopdracht.te_markeren(adviezen) if self.zoekopdracht else ""
        for advies in adviezen:
            advies.woorden = woorden
        return adviezen

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
        if gekozen["q"] and self.zoekopdracht.te_algemeen:
            return self.zoekopdracht.te_algemeen
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
    def max_werkateliers(self):
        return MAX_WERKATELIERS

    @property
    def werkateliers_weggelaten(self):
        """How many werkateliers with results the werkatelier filter does not list."""
        return max(0, self.werkateliers - MAX_WERKATELIERS)

    @property
    def gefilterd(self):
        return any(self.gekozen.values())

    @property
    def aantal_keuzes(self):
        """How many filters the visitor chose, for "Filteren (2 gekozen)". The search words
        are no filter: they stand in their own field above the results."""
        return sum(len(self.gekozen[naam]) for naam in FACETTEN)


# The choices of the three filters with their counts, in one query. `basis` is the adviezen
# with the search words and no filter; each advies says which filters it passes (d_ok, w_ok,
# t_ok); each filter's choices count the adviezen that pass the other two. A thema counts
# the adviezen under it and those given it for the filters (`ook_over`), each once, with the
# first and last werkatelier they come from (more than one: `breed`).
TELLING = """
WITH basis AS MATERIALIZED (
    SELECT b.pk AS id, b.doelgroep_id, b.thema_id, b.werkatelier_id,{volgorde}
        {doelgroep} AS d_ok, {werkatelier} AS w_ok, {thema} AS t_ok
    FROM ({adviezen}) AS b
), over AS (
    SELECT thema_id, COUNT(*) AS n, MIN(werkatelier_id) AS eerste,
        MAX(werkatelier_id) AS laatste
    FROM basis WHERE d_ok AND w_ok AND thema_id IS NOT NULL GROUP BY thema_id
    UNION ALL
    SELECT o.thema_id, COUNT(*), MIN(b.werkatelier_id), MAX(b.werkatelier_id)
    FROM werkateliers_advies_ook_over AS o JOIN basis AS b ON b.id = o.advies_id
    WHERE b.d_ok AND b.w_ok AND (b.thema_id IS NULL OR b.thema_id <> o.thema_id)
    GROUP BY o.thema_id
)
SELECT 'doelgroep', d.slug, d.naam, t.n, 0, row_number() OVER (ORDER BY d.volgorde, d.naam),
    CAST(NULL AS json)
FROM (SELECT doelgroep_id, COUNT(*) AS n FROM basis WHERE t_ok AND w_ok GROUP BY doelgroep_id)
    AS t JOIN werkateliers_doelgroep AS d ON d.id = t.doelgroep_id
UNION ALL
SELECT 'werkatelier', w.slug, w.titel, t.n, 0,
    row_number() OVER (ORDER BY w.gepubliceerd_op DESC, w.titel), NULL
FROM (SELECT werkatelier_id, COUNT(*) AS n FROM basis WHERE d_ok AND t_ok
    GROUP BY werkatelier_id) AS t JOIN werkateliers_werkatelier AS w ON w.id = t.werkatelier_id
UNION ALL
SELECT 'thema', th.slug, th.naam, t.n, CASE WHEN t.eerste <> t.laatste THEN 1 ELSE 0 END, 0,
    NULL
FROM (SELECT thema_id, SUM(n) AS n, MIN(eerste) AS eerste, MAX(laatste) AS laatste FROM over
    GROUP BY thema_id) AS t JOIN werkateliers_thema AS th ON th.id = t.thema_id
{pagina}"""
# With a search, the page of results from the same matches (ranked once, not found again):
# in the order of the list (AdviesQuerySet.gezocht), each advies with its number on its
# werkatelier's page (as AdviesQuerySet.with_nummer) in the fifth column, its place as order,
# and in the last what the list shows of it (RESULTAATVELDEN).
VOLGORDE = """ b.rang, b.werkatelier__gepubliceerd_op AS gepubliceerd_op,
        b.werkatelier__titel AS titel, b.doelgroep__volgorde AS volgorde, b.positie,"""
PAGINA = """UNION ALL
SELECT 'pagina', NULL, NULL, p.id, (
    SELECT COUNT(*) FROM werkateliers_advies AS e WHERE e.werkatelier_id = p.werkatelier_id
        AND e.doelgroep_id = p.doelgroep_id AND e.positie <= p.positie
), row_number() OVER (ORDER BY {p_volgorde}),
    {json_array}(a.titel, a.tekst_plat, a.positie, p.werkatelier_id, p.titel, w.slug,
        p.doelgroep_id, d.naam, d.slug, p.thema_id, th.naam, th.slug)
FROM (SELECT * FROM basis WHERE d_ok AND w_ok AND t_ok ORDER BY {volgorde} LIMIT %s OFFSET %s)
    AS p
JOIN werkateliers_advies AS a ON a.id = p.id
JOIN werkateliers_werkatelier AS w ON w.id = p.werkatelier_id
JOIN werkateliers_doelgroep AS d ON d.id = p.doelgroep_id
LEFT JOIN werkateliers_thema AS th ON th.id = p.thema_id
"""
LIJSTVOLGORDE = ("rang DESC", "gepubliceerd_op DESC", "titel", "volgorde", "positie", "id")
# What a list of adviezen shows of each (AdviesQuerySet.for_list): the fields of an advies
# and of its werkatelier, doelgroep and thema, as the last column of a 'pagina' row.
RESULTAATVELDEN = {
    Advies: ("titel", "tekst_plat", "positie"),
    Werkatelier: ("id", "titel", "slug"),
    Doelgroep: ("id", "naam", "slug"),
    Thema: ("id", "naam", "slug"),
}


def _resultaat(pk, nummer, waarden):
    """An advies as a list shows it, from a 'pagina' row (no query)."""
    advies = Advies.from_db(None, ["id", *RESULTAATVELDEN[Advies]], [pk, *waarden[:3]])
    advies.nummer = nummer
    werkatelier, doelgroep, thema = waarden[3:6], waarden[6:9], waarden[9:12]
    advies.werkatelier = Werkatelier.from_db(None, RESULTAATVELDEN[Werkatelier], werkatelier)
    advies.doelgroep = Doelgroep.from_db(None, RESULTAATVELDEN[Doelgroep], doelgroep)
    advies.thema = Thema.from_db(None, RESULTAATVELDEN[Thema], thema) if thema[0] else None
    return advies


def _paginanummer(tekst):
    """The page asked for in the address ("2"; none: the first), or None when it is no
    page number (the Paginator then says which page is shown)."""
    try:
        nummer = int(tekst or 1)
    except (TypeError, ValueError):
        return None
    # Beyond the last page (or beyond what SQL can count) the Paginator shows the last one.
    return nummer if 0 < nummer <= 100_000 else None


def _in(kolom, ids):
    return f"{kolom} IN ({', '.join(['%s'] * len(ids))})"


def maak_telling(adviezen, ids, zoekopdracht=None, pagina=None):
    """Per filter (doelgroep, werkatelier, thema) its choices among `adviezen` as (slug,
    label, count, used by more than one werkatelier), each counted with the other two
    filters' chosen `ids` kept, in the order of the site; thema's as people sort them. One
    query, whatever the amount of content: the search words are matched once. With a search
    and `pagina` (a slice: start, end), also "pagina": that part of the results, best first,
    each advies as a list shows it, with its number on its werkatelier's page.

    This is that query, as (sql, params), for `tel_keuzes`; None for a search with nothing to
    look for, which finds nothing."""
    velden = ["pk", "doelgroep_id", "thema_id", "werkatelier_id"]
    if zoekopdracht:
        adviezen = zoekopdracht.toepassen(adviezen)
        if pagina is not None:
            velden += [
                "rang", "werkatelier__gepubliceerd_op", "werkatelier__titel",
                "doelgroep__volgorde", "positie",
            ]  # fmt: skip
    try:
        sql, params = adviezen.order_by().values_list(*velden).query.sql_with_params()
    except EmptyResultSet:
        return None
    bladzijde = len(velden) > 4
    voorwaarden, eerst = {}, []
    for naam, kolom in (("doelgroep", "b.doelgroep_id"), ("werkatelier", "b.werkatelier_id")):
        voorwaarden[naam] = _in(kolom, ids[naam]) if ids[naam] else "TRUE"
        eerst += ids[naam]
    voorwaarden["thema"] = "TRUE"
    if ids["thema"]:
        voorwaarden["thema"] = (
            # IN, not EXISTS: PostgreSQL reads the few adviezen also about these thema's
            # once and looks each advies up in them, instead of asking for every advies
            # (at 20,000 adviezen 18 → 13 ms for this query).
            f"({_in('b.thema_id', ids['thema'])} OR b.pk IN (SELECT o.advies_id FROM"
            f" werkateliers_advies_ook_over AS o WHERE {_in('o.thema_id', ids['thema'])}))"
        )
        eerst += ids["thema"] * 2
    vraag = TELLING.format(
        adviezen=sql,
        volgorde=VOLGORDE if bladzijde else "",
        pagina=PAGINA.format(
            volgorde=", ".join(LIJSTVOLGORDE),
            p_volgorde=", ".join(f"p.{kolom}" for kolom in LIJSTVOLGORDE),
            json_array="json_build_array" if connection.vendor == "postgresql" else "json_array",
        )
        if bladzijde
        else "",
        **voorwaarden,
    )
    achteraan = [pagina[1] - pagina[0], pagina[0]] if bladzijde else []
    return vraag, [*eerst, *params, *achteraan]


def tel_keuzes(telling):
    """The choices of the three filters with their counts, and with a search the page of
    results, as `maak_telling`'s query finds them: {"doelgroep": [(slug, label, count,
    broad)], …, "pagina": [advies, …]}."""
    geteld = {naam: [] for naam in (*FACETTEN, "pagina")}
    if telling is None:
        return geteld
    with connection.cursor() as cursor:
        cursor.execute(*telling)
        rijen = cursor.fetchall()
    for soort, slug, label, aantal, breed, _, velden in sorted(rijen, key=lambda rij: rij[5]):
        if soort == "pagina":
            # An advies with its number on its werkatelier's page (as with_nummer). SQLite
            # gives JSON as text.
            velden = json.loads(velden) if isinstance(velden, str) else velden
            geteld[soort].append(_resultaat(aantal, breed, velden))
        else:
            geteld[soort].append((slug, label, aantal, bool(breed)))
    # As people sort, on either database (as themas.per_thema).
    geteld["thema"].sort(key=lambda keuze: (keuze[1].casefold(), keuze[1]))
    return geteld


@dataclass
class Keuze:
    slug: str
    label: str
    aantal: int
    gekozen: bool
    # (thema) Adviezen of more than one werkatelier have it, with the other filters kept.
    breed: bool = False


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
