"""Finding adviezen by words: Dutch full-text search on PostgreSQL (stemming: "jongere"
finds "jongeren"), every word as plain text on SQLite. Both read the words of an advies
without markup (`tekst_plat`).

PostgreSQL does all of it: the search vector is kept with each advies by a trigger (title
weight A, text B; migrations 0006 and 0012), matched through its GIN index and ranked by
`ts_rank_cd` (words close together rank higher, a title above a text).
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, Value, When

# ts_rank_cd's normalisation: divided by 1 + the logarithm of the advies's length, so a long
# advies does not win by length alone.
NORMALISATIE = 1
# A word in a question as websearch reads it; "-woord" is a word the visitor leaves out.
WOORD = re.compile(r"[\w][\w'’-]*")


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
    """These adviezen that match the search words, each with its `rang` (higher is better)."""
    if connection.vendor == "postgresql":
        vraag = _zoekvraag(tekst)
        return adviezen.filter(zoekvector=vraag).annotate(
            rang=SearchRank(
                F("zoekvector"), vraag, cover_density=True, normalization=Value(NORMALISATIE)
            )
        )
    in_titel = When(_woorden_match(["titel"], tekst), then=Value(1.0))
    return adviezen.filter(_woorden_match(["titel", "tekst_plat"], tekst)).annotate(
        rang=Case(in_titel, default=Value(0.0), output_field=FloatField())
    )


def gezochte_woorden(tekst):
    """The words of a question that are looked for: not those the visitor left out."""
    return [w for w in tekst.split() if not w.startswith("-") and w.lower() != "or"]


def te_markeren(tekst, adviezen):
    """The words to mark in these adviezen (their titles and texts) as a search for `tekst`
    found them, as one string of words. On PostgreSQL the words that share a Dutch stem with
    a word looked for ("jongere" marks "jongeren"), asked in one query; on SQLite the words
    as typed."""
    gezocht = " ".join(gezochte_woorden(tekst))
    if connection.vendor != "postgresql":
        return gezocht
    woorden = {w for a in adviezen for w in WOORD.findall(f"{a.titel} {a.tekst_plat}")}
    if not woorden or not gezocht:
        return ""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT woord FROM unnest(%s::text[]) AS woord"
            " WHERE tsvector_to_array(to_tsvector('dutch'::regconfig, woord))"
            " && tsvector_to_array(to_tsvector('dutch'::regconfig, %s))",
            [sorted(woorden), gezocht],
        )
        return " ".join(woord for (woord,) in cursor.fetchall())
