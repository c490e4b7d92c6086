"""Finding adviezen by words: Dutch full-text search on PostgreSQL (stemming: "jongere"
finds "jongeren"), every word as plain text on SQLite. Both read the words of an advies
without markup (`tekst_plat`)."""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Case, F, Func, Q, Value, When

# Marks around matched words in search headlines; the `markeer` filter escapes the text and
# turns them into <mark>. Control characters, so staff text cannot produce them by accident.
MARKERING_BEGIN, MARKERING_EIND = "\x02", "\x03"


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
        return list(
            adviezen.filter(zoekvector=vraag)
            .alias(titelvector=titel)
            .annotate(
                in_titel=Case(When(titelvector=vraag, then=Value(1)), default=Value(0)),
                rang=SearchRank(F("zoekvector"), vraag),
            )
            .order_by()
            .values_list("pk", "in_titel", "rang")
        )
    in_titel = Case(When(_woorden_match(["titel"], tekst), then=Value(1)), default=Value(0))
    return list(
        zoek(adviezen, tekst)
        .annotate(in_titel=in_titel, rang=Value(0.0))
        .order_by()
        .values_list("pk", "in_titel", "rang")
    )


def met_koppen(adviezen, tekst):
    """On PostgreSQL: the title and a part of the text with the matched words marked
    (`titel_kop`, `tekst_kop`). For the few adviezen shown, never for all matches."""
    if connection.vendor != "postgresql":
        return adviezen
    vraag = _zoekvraag(tekst)
    kop = {"config": "dutch", "start_sel": MARKERING_BEGIN, "stop_sel": MARKERING_EIND}
    return adviezen.annotate(
        titel_kop=SearchHeadline("titel", vraag, highlight_all=True, **kop),
        tekst_kop=SearchHeadline(
            "tekst_plat", vraag, max_words=35, min_words=15, max_fragments=2, **kop
        ),
    )
