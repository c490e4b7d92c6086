"""Finding adviezen by words: Dutch full-text search on PostgreSQL (stemming: "jongere"
finds "jongeren"), every word as plain text on SQLite. Both read the words of an advies
without markup (`tekst_plat`)."""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, Q, Value, When

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


def rangschik(adviezen, tekst, volgorde):
    """A match in the title above a match in the text only; on PostgreSQL also by rank, with
    the headlines of title and text with the matched words marked."""
    if connection.vendor == "postgresql":
        vraag = _zoekvraag(tekst)
        kop = {"config": "dutch", "start_sel": MARKERING_BEGIN, "stop_sel": MARKERING_EIND}
        return (
            adviezen.alias(titelvector=SearchVector("titel", config="dutch"))
            .annotate(
                in_titel=Case(When(titelvector=vraag, then=Value(1)), default=Value(0)),
                rang=SearchRank(F("zoekvector"), vraag),
                titel_kop=SearchHeadline("titel", vraag, highlight_all=True, **kop),
                tekst_kop=SearchHeadline(
                    "tekst_plat", vraag, max_words=35, min_words=15, max_fragments=2, **kop
                ),
            )
            .order_by("-in_titel", "-rang", *volgorde)
        )
    in_titel = Case(When(_woorden_match(["titel"], tekst), then=Value(1)), default=Value(0))
    return adviezen.annotate(in_titel=in_titel).order_by("-in_titel", *volgorde)
