"""The synonyms staff keep (Synoniemgroep), as the search asks for them: for each word of a
question, the other words of its group. Read from the database on every search, in one query
for all words (on PostgreSQL sent together with the search's look-up of its words:
werkateliers/zoeken/postgres.py), so that a group a Redacteur saves counts from the next
request on; search pages in the page cache go with the content version, which a saved group
changes (apps.py)."""

from django.db import connection

from .models import Synoniem, als_woord, sleutel


def synoniemen_van(woorden):
    """{word: the other words of its group, lower case} for each of `woorden` (an empty set
    when it is in no group). Case and hyphens do not count: "E-mail" finds the group
    "email · e-mail" and gets "email". One query, whatever the number of words."""
    sql = vraag(woorden)
    rijen = []
    if sql:
        with connection.cursor() as cursor:
            cursor.execute(*sql)
            rijen = cursor.fetchall()
    return lees(woorden, rijen)


def vraag(woorden):
    """The query that `synoniemen_van` asks, as (sql, params); None when no word can be in a
    group. In SQL as the database reads it: on every search, and Django's building of the
    same query cost three to four times the query itself (measured on PostgreSQL)."""
    gezocht = {s for s in map(sleutel, woorden) if s}
    if not gezocht:
        return None
    # Every word of every group that holds one of the words.
    tabel = connection.ops.quote_name(Synoniem._meta.db_table)
    plaatsen = ", ".join(["%s"] * len(gezocht))
    return (
        f"SELECT groep_id, woord, sleutel FROM {tabel} WHERE groep_id IN "
        f"(SELECT groep_id FROM {tabel} WHERE sleutel IN ({plaatsen}))",
        sorted(gezocht),
    )


def lees(woorden, rijen):
    """`synoniemen_van`'s answer from the rows its query (`vraag`) gave."""
    leden, van_sleutel = {}, {}
    for groep_id, woord, s in rijen:
        leden.setdefault(groep_id, set()).add(woord)
        van_sleutel.setdefault(s, set()).add(groep_id)
    antwoord = {}
    for woord in woorden:
        antwoord[woord] = set()
        for groep_id in van_sleutel.get(sleutel(woord), ()):
            antwoord[woord] |= leden[groep_id]
        antwoord[woord].discard(als_woord(woord))
    return antwoord


def synoniemen(woord):
    """The other words of `woord`'s group, lower case; empty when it is in none."""
    return synoniemen_van([woord])[woord]
