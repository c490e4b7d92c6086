"""Finding adviezen by words: Dutch full-text search on PostgreSQL (stemming: "jongere"
finds "jongeren"), every word as plain text on SQLite. Both read the words of an advies
without markup (`tekst_plat`)."""

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Case, F, Func, Q, Value, When
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


def treffers(adviezen, tekst):
    """The adviezen that match, as (number, in the title, rank): a match in the title goes
    above one in the text only, and on PostgreSQL a higher rank above a lower. One query,
    without joins; the caller orders (it knows the list order without asking)."""
    if connection.vendor == "postgresql":
        vraag = _zoekvraag(tekst)
        # The title's words carry weight A in the stored vector (migration 0006): no need to
        # make a vector of every matching title again.
        titel = Func(
            F("zoekvector"),
            template="ts_filter(%(expressions)s, '{a}')",
            output_field=SearchVectorField(),
        )
        treffers = (
            adviezen.filter(zoekvector=vraag)
            .alias(titelvector=titel)
            .annotate(
                in_titel=Case(When(titelvector=vraag, then=Value(1)), default=Value(0)),
                rang=SearchRank(F("zoekvector"), vraag),
            )
        )
    else:
        in_titel = Case(When(_woorden_match(["titel"], tekst), then=Value(1)), default=Value(0))
        treffers = zoek(adviezen, tekst).annotate(in_titel=in_titel, rang=Value(0.0))
    # Read as plain rows: a common word matches most adviezen, and turning a thousand rows
    # into Python values one by one through the ORM costs more than the search itself.
    sql, parameters = (
        treffers.order_by().values_list("pk", "in_titel", "rang").query.sql_with_params()
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
            "SELECT string_agg(vorm, ' ') FROM jsonb_each(woordvormen) AS per_stam(stam, vormen),"
            " jsonb_array_elements_text(per_stam.vormen) AS vorm"
            " WHERE per_stam.stam = ANY(tsvector_to_array(to_tsvector('dutch'::regconfig, %s)))",
            [tekst],
        )
    )
