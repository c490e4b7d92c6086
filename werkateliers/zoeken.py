"""Finding adviezen by words: Dutch full-text search on PostgreSQL (stemming: "jongere"
finds "jongeren"), every word as plain text on SQLite. Both read the words of an advies
without markup (`tekst_plat`).

On PostgreSQL a new search asks the database one thing: what its words mean (Dutch
stemming, and the websearch syntax of quotes, "or" and "-"). Which adviezen match, and how
well, is then worked out in this process on a `Zoekindex`: the stored search vectors of the
public adviezen, read once per content version. It answers as `zoekvector @@ vraag` would (a
test compares them), without PostgreSQL reading every advies's vector again for every search.
"""

import functools
import json
import operator
import re
import sys
from dataclasses import dataclass
from itertools import repeat

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Case, Q, Value, When


def _zoekvraag(tekst):
    return SearchQuery(tekst, config="dutch", search_type="websearch")


def _woorden_match(velden, tekst):
    """SQLite: every word must occur, in one of these fields."""
    q = Q()
    for woord in tekst.split():
        deel = Q()
        for veld in velden:
            deel |= Q(**{f"{veld}__icontains": woord})
        q &= deel
    return q


def zoek(adviezen, tekst):
    if connection.vendor == "postgresql":
        return adviezen.filter(zoekvector=_zoekvraag(tekst))
    return adviezen.filter(_woorden_match(["titel", "tekst_plat"], tekst))


@dataclass(frozen=True, slots=True)
class Treffers:
    """What a search found: every public advies that matches with its rank, those that
    match in their title, and the words to mark (on PostgreSQL: the stems looked for)."""

    rang: dict
    in_titel: set
    woorden: list

    def beste_eerst(self, plek):
        """The adviezen found, a match in the title first, then a higher rank, and equals in
        the order of the list of all adviezen (`plek`). Each sort is stable and keyed on a
        lookup, not on a function of ours: fast, with a common word matching most adviezen."""
        volgorde = sorted(self.rang, key=plek.__getitem__)
        volgorde.sort(key=self.rang.__getitem__, reverse=True)
        volgorde.sort(key=self.in_titel.__contains__, reverse=True)
        return volgorde


def treffers(tekst, catalogus):
    """The public adviezen (those in the catalogue) that match the search words."""
    if connection.vendor == "postgresql":
        return catalogus.zoekindex.zoek(tekst)
    from .models import Advies

    in_titel = Case(When(_woorden_match(["titel"], tekst), then=Value(True)), default=False)
    rijen = zoek(Advies.objects.order_by(), tekst).annotate(in_titel=in_titel)
    rijen = [rij for rij in rijen.values_list("pk", "in_titel") if rij[0] in catalogus.rij]
    return Treffers(
        dict.fromkeys((pk for pk, _ in rijen), 0.0),
        {pk for pk, titel in rijen if titel},
        tekst.split(),
    )


def te_markeren(woorden, pk, catalogus):
    """The words to mark in this advies: on PostgreSQL the forms it uses of the stems looked
    for ("jongere" marks "jongeren"), as the trigger keeps them; on SQLite the words as
    typed."""
    if connection.vendor != "postgresql":
        return " ".join(woorden)
    return catalogus.zoekindex.vormen(pk, woorden)


# Per stem: the public adviezen that hold it, the weights of its positions in each (the
# title is A, the text B), the forms each uses (as JSON, which never holds a tab), those
# that hold it in their title, and its positions in each (in the order of its weights).
# The forms are joined per advies (jsonb_each), so that its woordvormen is unpacked once,
# not once per stem.
INDEX_POSTGRESQL = """
SELECT stam.lexeme,
  string_agg(advies.id::text, ' '),
  string_agg(COALESCE(array_to_string(stam.weights, ''), 'D'), ' '),
  string_agg(COALESCE(stam.vormen::text, '[]'), E'\\t'),
  COALESCE(string_agg(advies.id::text, ' ') FILTER (WHERE 'A' = ANY(stam.weights)), ''),
  string_agg(COALESCE(array_to_string(stam.positions, ','), ''), ' ')
FROM werkateliers_advies AS advies, LATERAL (
  SELECT lexeme, positions, weights, vormen.value AS vormen
  FROM unnest(advies.zoekvector) LEFT JOIN jsonb_each(advies.woordvormen) AS vormen ON key = lexeme
) AS stam
WHERE advies.id = ANY(%s)
GROUP BY stam.lexeme
"""
# ts_rank's weights for D, C, B and A.
GEWICHT = {"D": 0.1, "C": 0.2, "B": 0.4, "A": 1.0}


@functools.cache
def rang(gewichten):
    """The rank of an advies for one stem, from the weights of the stem's positions in it:
    what ts_rank gives (PostgreSQL's calc_rank_or: the best weight, and the others each
    less). An advies has few different weights, so each is worked out once."""
    som, beste, plek = 0.0, -1.0, 0
    for j, letter in enumerate(gewichten):
        gewicht = GEWICHT[letter]
        som += gewicht / ((j + 1) * (j + 1))
        if gewicht > beste:
            beste, plek = gewicht, j
    return (beste + som - beste / ((plek + 1) * (plek + 1))) / 1.64493406685


class Zoekindex:
    """Per word stem, the public adviezen that hold it, their rank for it, whether it is in
    their title and the forms they use; per advies, which stem stands where (for phrases).
    Read from the search vectors in the database, once per content version and process, at
    its first search."""

    def __init__(self, pks):
        self.alle = frozenset(pks)
        self.rang = {}  # stem -> {advies: its rank for this stem alone}
        self.titel = {}  # stem -> the adviezen with it in their title
        self.woordvormen = {}  # stem -> {advies: the forms it uses, as JSON}
        self.teken = {}  # stem -> the character that stands for it in `reeks`
        plekken = {pk: {} for pk in self.alle}  # advies -> {position: character}
        titelplekken = {pk: {} for pk in self.alle}  # the same, for the positions of weight A
        self.onzeker = set()  # adviezen whose positions cannot be written as one `reeks`
        # Each advies's number as one object, however many stems it has: a third less memory.
        getal = {str(pk): pk for pk in self.alle}
        with connection.cursor() as cursor:
            cursor.execute(INDEX_POSTGRESQL, [list(self.alle)])
            for stam, adviezen, gewichten, vormen, titel, posities in cursor:
                getallen = list(map(getal.__getitem__, adviezen.split()))
                gewichten = gewichten.split()
                self.rang[stam] = dict(zip(getallen, map(rang, gewichten), strict=True))
                # Most adviezen use the same few forms of a stem: each kept once.
                vormen = map(sys.intern, vormen.split("\t"))
                self.woordvormen[stam] = dict(zip(getallen, vormen, strict=True))
                self.titel[stam] = set(map(getal.__getitem__, titel.split()))
                teken = self.teken[stam] = _teken(len(self.teken))
                for pk, plekjes, letters in zip(
                    getallen, posities.split(" "), gewichten, strict=True
                ):
                    if not plekjes:  # a vector without positions (never written by our trigger)
                        self.onzeker.add(pk)
                        continue
                    for plek, letter in zip(map(int, plekjes.split(",")), letters, strict=True):
                        if plek in plekken[pk]:  # two stems at one position (past 16,383)
                            self.onzeker.add(pk)
                        plekken[pk][plek] = teken
                        if letter == "A":
                            titelplekken[pk][plek] = teken
        self.reeks = {pk: _als_reeks(plek) for pk, plek in plekken.items()}
        self.titelreeks = {pk: _als_reeks(plek) for pk, plek in titelplekken.items() if plek}

    def zoek(self, tekst):
        with connection.cursor() as cursor:
            cursor.execute("SELECT websearch_to_tsquery('dutch'::regconfig, %s)::text", [tekst])
            geschreven = cursor.fetchone()[0]
        try:
            vraag = lees_vraag(geschreven)
        except OnbekendeVraag:  # none that websearch_to_tsquery writes, as far as tests found
            return _zoek_in_postgresql(tekst, self.alle)
        if vraag is None:  # only stop words, or no words at all: PostgreSQL matches nothing
            return Treffers({}, set(), [])
        zinnen = {}  # each phrase in the question, once checked
        # The rank as ts_rank gives it to stems joined by "or": the sum of each stem's rank
        # alone, over the number of stems. Added up with map() rather than a loop of ours:
        # a common word matches most adviezen, and this runs for every new search.
        stammen = set(_stammen(vraag))
        gevonden = list(self._vind(vraag, False, zinnen))
        sommen = [0.0] * len(gevonden)
        for stam in stammen:
            if aandeel := self.rang.get(stam):
                sommen = list(map(operator.add, sommen, map(aandeel.get, gevonden, repeat(0.0))))
        gedeeld = map(operator.truediv, sommen, repeat(len(stammen)))
        rang = dict(zip(gevonden, gedeeld, strict=True))
        gezocht = sorted(set(_stammen(vraag, alleen_gezocht=True)))
        return Treffers(rang, self._vind(vraag, True, zinnen), gezocht)

    def vormen(self, pk, stammen):
        """The forms this advies uses of these stems, to mark."""
        return " ".join(
            vorm
            for stam in stammen
            for vorm in json.loads(self.woordvormen.get(stam, {}).get(pk, "[]"))
        )

    def _vind(self, knoop, titel, zinnen):
        """The adviezen that match this part of the question (in their title, if asked), as
        PostgreSQL's `@@` finds them."""
        soort = knoop[0]
        if soort == "woord":
            return set((self.titel if titel else self.rang).get(knoop[1], ()))
        if soort == "niet":
            return self.alle - self._vind(knoop[1], titel, zinnen)
        if soort == "zin":
            if knoop not in zinnen:
                zinnen[knoop] = self._zin(knoop)
            return zinnen[knoop][titel]
        links, rechts = self._vind(knoop[1], titel, zinnen), self._vind(knoop[2], titel, zinnen)
        return links & rechts if soort == "en" else links | rechts

    def _zin(self, knoop):
        """The public adviezen that match this phrase, and those that match it in their
        title. Each advies's stems are a string in the order they stand in (`reeks`, a
        character per position), so a phrase is a pattern in that string."""
        vorm = _zinsvorm(knoop)
        if vorm is None:
            return self._zin_in_postgresql(knoop)
        if any(stam not in self.teken for stam in vorm.values()):  # in no public advies
            return set(), set()
        stammen = sorted(set(vorm.values()), key=lambda stam: len(self.rang[stam]))
        kandidaten = set(self.rang[stammen[0]]).intersection(*map(self.rang.get, stammen[1:]))
        if kandidaten & self.onzeker:
            return self._zin_in_postgresql(knoop)
        patroon = "".join(
            re.escape(self.teken[vorm[plek]]) if plek in vorm else "."
            for plek in range(max(vorm) + 1)
        )
        past = re.compile(patroon, re.DOTALL).search
        in_titel = kandidaten.intersection(*map(self.titel.get, stammen))
        return (
            {pk for pk in kandidaten if past(self.reeks[pk])},
            {pk for pk in in_titel if past(self.titelreeks[pk])},
        )

    def _zin_in_postgresql(self, knoop):
        """A phrase the index cannot check (around a negation, an "and" or an "or", or in an
        advies of more than 16,383 words): PostgreSQL checks it, in one query."""
        vraag, in_titel = als_tsquery(knoop), als_tsquery(knoop, gewicht=":A")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, zoekvector @@ %s::tsquery, zoekvector @@ %s::tsquery"
                " FROM werkateliers_advies"
                " WHERE zoekvector @@ %s::tsquery OR zoekvector @@ %s::tsquery",
                [vraag, in_titel, vraag, in_titel],
            )
            rijen = [rij for rij in cursor.fetchall() if rij[0] in self.alle]
        return {pk for pk, ja, _ in rijen if ja}, {pk for pk, _, ja in rijen if ja}


def _teken(nummer):
    """The character for the stem with this number: any but the gap (NUL), and never one of
    the surrogates (U+D800 to U+DFFF), which a str may hold but nothing should."""
    nummer += 1
    return chr(nummer if nummer < 0xD800 else nummer + 0x800)


def _als_reeks(plekken):
    """{position: character} as a string, a NUL where no stem stands (a stop word)."""
    return "".join(map(plekken.get, range(max(plekken, default=0) + 1), repeat("\0")))


def _zinsvorm(knoop):
    """A phrase of words as {offset from its first word: stem}, as PostgreSQL reads it:
    in "x <N> y", y starts N positions after the last word of x. None for a phrase around
    anything but words and phrases, or with a distance of 0."""
    if knoop[0] == "woord":
        return {0: knoop[1]}
    if knoop[0] != "zin" or knoop[3] < 1:
        return None
    links, rechts = _zinsvorm(knoop[1]), _zinsvorm(knoop[2])
    if links is None or rechts is None:
        return None
    verder = max(links) + knoop[3]
    return links | {plek + verder: stam for plek, stam in rechts.items()}


# A question the index cannot read is answered as every search was before the index: by
# PostgreSQL, with ts_rank. The title match is the same question asked of weight A only: each
# 'woord' becomes 'woord':A.
TREFFERS_POSTGRESQL = r"""
SELECT id, zoekvector @@ in_titel, ts_rank(zoekvector, vraag)
FROM werkateliers_advies,
  websearch_to_tsquery('dutch'::regconfig, %s) AS vraag,
  CAST(regexp_replace(vraag::text, '''(?:[^'']|'''')*''', '\&:A', 'g') AS tsquery) AS in_titel
WHERE zoekvector @@ vraag
"""


def _zoek_in_postgresql(tekst, pks):
    with connection.cursor() as cursor:
        cursor.execute(TREFFERS_POSTGRESQL, [tekst])
        rijen = [rij for rij in cursor.fetchall() if rij[0] in pks]
        cursor.execute("SELECT tsvector_to_array(to_tsvector('dutch'::regconfig, %s))", [tekst])
        woorden = cursor.fetchone()[0]
    return Treffers(
        {pk: rang for pk, _, rang in rijen}, {pk for pk, titel, _ in rijen if titel}, woorden
    )


# How PostgreSQL writes a tsquery: 'woord' (a quote or backslash in it doubled), !, &, |,
# <-> and <N> (a phrase: the next word N positions further), and brackets where the order
# needs them.
DEEL = re.compile(r"\s*(?:'((?:[^'\\]|''|\\\\)*)'|<(-|\d+)>|([!&|()]))")
VOORRANG = {"|": 1, "&": 2}  # ! binds tightest, then a phrase, then &, then |


class OnbekendeVraag(ValueError):
    """A question this module cannot read: PostgreSQL answers it."""


def lees_vraag(tekst):
    """A tsquery as PostgreSQL writes it, as a tree: ("woord", stem), ("niet", x),
    ("en", x, y), ("of", x, y), ("zin", x, y, distance). None for an empty question."""
    delen, plek = [], 0
    tekst = tekst.rstrip()
    while plek < len(tekst):
        deel = DEEL.match(tekst, plek)
        if not deel:
            raise OnbekendeVraag(tekst)
        woord, afstand, teken = deel.groups()
        if woord is not None:
            delen.append(("woord", woord.replace("''", "'").replace("\\\\", "\\")))
        elif afstand is not None:
            delen.append(("zin", 1 if afstand == "-" else int(afstand)))
        else:
            delen.append((teken,))
        plek = deel.end()
    if not delen:
        return None
    delen.append(("einde",))
    boom, i = _lees(delen, 0)
    if delen[i] != ("einde",):
        raise OnbekendeVraag(tekst)
    return boom


def _lees(delen, i, ondergrens=1):
    """Parts joined by & and |, the tighter first (precedence climbing)."""
    links, i = _lees_zin(delen, i)
    while delen[i][0] in VOORRANG and VOORRANG[delen[i][0]] >= ondergrens:
        teken = delen[i][0]
        rechts, i = _lees(delen, i + 1, VOORRANG[teken] + 1)
        links = ("of" if teken == "|" else "en", links, rechts)
    return links, i


def _lees_zin(delen, i):
    """A part, and the parts it forms a phrase with, from left to right."""
    links, i = _lees_deel(delen, i)
    while delen[i][0] == "zin":
        afstand = delen[i][1]
        rechts, i = _lees_deel(delen, i + 1)
        links = ("zin", links, rechts, afstand)
    return links, i


def _lees_deel(delen, i):
    """A word, a negated part, or a part in brackets."""
    soort = delen[i][0]
    if soort == "woord":
        return delen[i], i + 1
    if soort == "!":
        binnen, i = _lees_deel(delen, i + 1)
        return ("niet", binnen), i
    if soort == "(":
        binnen, i = _lees(delen, i + 1)
        if delen[i][0] != ")":
            raise OnbekendeVraag(delen)
        return binnen, i + 1
    raise OnbekendeVraag(delen)


def als_tsquery(knoop, gewicht=""):
    """(Part of) a question written as a tsquery again, with brackets everywhere; with a
    weight (":A"), every word asks for that weight."""
    soort = knoop[0]
    if soort == "woord":
        return "'" + knoop[1].replace("\\", "\\\\").replace("'", "''") + "'" + gewicht
    if soort == "niet":
        return f"!({als_tsquery(knoop[1], gewicht)})"
    teken = {"en": "&", "of": "|"}.get(soort) or f"<{knoop[3]}>"
    return f"({als_tsquery(knoop[1], gewicht)} {teken} {als_tsquery(knoop[2], gewicht)})"


def _stammen(knoop, alleen_gezocht=False):
    """The stems in (this part of) a question; only those not negated, if asked."""
    if knoop[0] == "woord":
        yield knoop[1]
    elif knoop[0] == "niet":
        if not alleen_gezocht:
            yield from _stammen(knoop[1])
    else:
        yield from _stammen(knoop[1], alleen_gezocht)
        yield from _stammen(knoop[2], alleen_gezocht)
