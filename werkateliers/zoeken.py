"""Finding adviezen by words: Dutch full-text search on PostgreSQL (stemming: "jongere"
finds "jongeren"), every word as plain text on SQLite. Both read the words of an advies
without markup (`tekst_plat`)."""

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Case, Q, Value, When
from django.db.models.expressions import RawSQL


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


# The title's words carry weight A in the stored vector (migration 0006), so a match in the
# title is the same question asked of weight A only: each word of the query, written as
# 'woord' (a quote inside it doubled), becomes 'woord':A. Made once per search, this is
# cheaper than cutting every advies's vector down to its title (ts_filter).
TREFFERS_POSTGRESQL = r"""
SELECT id, zoekvector @@ in_titel, ts_rank(zoekvector, vraag)
FROM werkateliers_advies,
  websearch_to_tsquery('dutch'::regconfig, %s) AS vraag,
  CAST(regexp_replace(vraag::text, '''(?:[^'']|'''')*''', '\&:A', 'g') AS tsquery) AS in_titel
WHERE zoekvector @@ vraag
"""


def treffers(tekst):
    """Every advies that matches, as (number, in the title, rank): a match in the title goes
    above one in the text only, and on PostgreSQL a higher rank above a lower. One query,
    without joins or order, read as plain rows: a common word matches most adviezen, and
    the caller (the catalogue) knows which are public and how to order them."""
    from .models import Advies

    if connection.vendor == "postgresql":
        sql, parameters = TREFFERS_POSTGRESQL, [tekst]
    else:
        in_titel = Case(When(_woorden_match(["titel"], tekst), then=Value(1)), default=Value(0))
        sql, parameters = (
            zoek(Advies.objects.order_by(), tekst)
            .annotate(in_titel=in_titel, rang=Value(0.0))
            .values_list("pk", "in_titel", "rang")
            .query.sql_with_params()
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        return cursor.fetchall()


def met_woorden(adviezen, tekst):
    """Each advies with `woorden`: the forms of the search words it contains, to mark in its
    title and text. On PostgreSQL the forms of the matched stems ("jongere" marks
    "jongeren"), from the forms the trigger keeps per advies; on SQLite the words as typed."""
    if connection.vendor != "postgresql":
        return adviezen.annotate(woorden=Value(tekst))
    return adviezen.annotate(
        woorden=RawSQL(
            "SELECT COALESCE(string_agg(vorm, ' '), '')"
            " FROM unnest(tsvector_to_array(to_tsvector('dutch'::regconfig, %s))) AS stam,"
            " jsonb_array_elements_text(woordvormen -> stam) AS vorm",
            [tekst],
        )
    )
