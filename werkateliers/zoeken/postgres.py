"""The search on PostgreSQL: its Dutch full-text search does the matching and ranking, pg_trgm
the suggestions; this module only writes down what the question asks.

A question becomes a tsquery through `to_tsquery('dutch', …)` (SearchQuery's "raw" type),
written from the parsed words: each word is a quoted operand (quotes and backslashes
escaped), so no text a visitor types can be read as an operator; PostgreSQL stems it,
leaves out stop words and reads a hyphenated word or a phrase as words in a row.
"""

import re
from functools import lru_cache

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, Value

# ts_rank with normalisation 1: divided by 1 + the logarithm of the advies's length, so a long
# advies does not win by length alone. For words that must all occur, ts_rank weighs how
# close they stand (tests/test_zoeken.py: "samen werken"). The weights are PostgreSQL's own
# (A 1.0, B 0.4, C 0.2, D 0.1): a title match first. Not ts_rank_cd: the search tests pass
# with either, and it costs twice as much; a broad word at 20,000 adviezen ranks 15,000 (53 ms
# with ts_rank_cd, 33 ms with ts_rank, bench/README.md).
NORMALISATIE = 1

# A word without its accents, as visitors often type it: cliënt → client. Indexed
# (migration 0020_indexen_voor_lijsten_en_zoeken, only the words with accents) in exactly
# this form.
ZONDER_ACCENTEN = "translate(woord, 'áàâäãåéèêëíìîïóòôöõúùûüýÿçñ', 'aaaaaaeeeeiiiiooooouuuuyycn')"

# Which of the words and their forms the site knows, as they are or with accents, and
# whether the last word starts a word it knows (one query); for each word it does not know,
# which pieces of it the site knows (a compound's parts) and the most similar word it knows
# that finds one of these adviezen (one more; pg_trgm's similarity of whole words:
# word_similarity would also count "jong" as close to every compound that starts with it).
#
# Each candidate is looked up in an index on its own ("OFFSET 0" keeps the planner from
# joining the whole vocabulary instead: with 16,000 words it chose to compute translate()
# for every one, 25 ms), and each word to suggest for is a value of its own (as a value
# from an array, the planner did not expect pg_trgm's index to pay, and compared all words:
# 20 ms).
BEKEND = """
SELECT 'bekend', k.woord, NULL::text FROM unnest(%s::text[]) AS k (woord)
CROSS JOIN LATERAL (
    SELECT 1 FROM werkateliers_zoekwoord AS z WHERE z.woord = k.woord OFFSET 0
) AS z
"""
WOORDENSCHAT = f"""{BEKEND}
UNION ALL
SELECT 'accent', k.kaal, z.woord FROM unnest(%s::text[]) AS k (kaal)
CROSS JOIN LATERAL (
    SELECT woord FROM werkateliers_zoekwoord
    WHERE {ZONDER_ACCENTEN} = k.kaal AND {ZONDER_ACCENTEN} <> woord OFFSET 0
) AS z
UNION ALL
SELECT 'begin', %s, NULL WHERE EXISTS (SELECT 1 FROM werkateliers_zoekwoord WHERE woord LIKE %s)
"""
# The similar words first on their own (OFFSET 0), from the trigram index: planned together
# with the EXISTS below, PostgreSQL chose to read every word of the vocabulary instead (at
# 20,000 adviezen, 16,000 words: a long word's suggestion 20–25 ms, now 4–8).
SUGGESTIE = """
SELECT 'suggestie', %s::text, (
    SELECT z.woord FROM (
        SELECT woord FROM werkateliers_zoekwoord WHERE woord %% %s AND woord <> %s OFFSET 0
    ) AS z
    WHERE EXISTS (
        SELECT 1 FROM ({basis}) AS basis
        WHERE basis.zoekvector @@ plainto_tsquery('dutch'::regconfig, z.woord)
    )
    -- equally similar: the longer word (a typo more often drops a letter than adds one)
    ORDER BY similarity(z.woord, %s) DESC, length(z.woord) DESC, z.woord
    LIMIT 1
)
"""


def woordenschat(woorden, laatste, synoniemen=None):
    """What the site's vocabulary says about these words (each with its forms): those it
    knows, {word: its forms with accents}, and whether `laatste` starts a word it knows; and
    the rows of the query `synoniemen` (zoekhulp.synoniemen.vraag), if any, sent along in
    the same round trip (a second statement). One query."""
    begin = (laatste or "").replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%")
    woorden = sorted(woorden)
    sql = WOORDENSCHAT
    params = [woorden, woorden, laatste or "", f"{begin}%" if laatste else ""]
    if synoniemen:
        sql, params = f"{sql};\n{synoniemen[0]}", [*params, *synoniemen[1]]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rijen = cursor.fetchall()
        synoniemrijen = cursor.fetchall() if synoniemen and cursor.nextset() else []
    bekend = {woord for soort, woord, _ in rijen if soort == "bekend"}
    accenten = {}
    for soort, woord, vorm in rijen:
        if soort == "accent":
            accenten.setdefault(woord, set()).add(vorm)
    start = any(soort == "begin" for soort, _, _ in rijen)
    return bekend, accenten, start, synoniemrijen


def onbekende_woorden(woorden, delen, basis):
    """For words the vocabulary does not know: which of `delen` (their pieces, to split a
    compound) it knows, and per word the most similar word it knows that finds one of these
    adviezen, if any. One query, only for a question with such a word (planning a suggestion
    costs PostgreSQL 1 ms per word)."""
    if not woorden:
        return set(), {}
    sql, params = basis.order_by().values("zoekvector").query.sql_with_params()
    vragen, waarden = [BEKEND], [sorted(delen)]
    for woord in woorden:
        vragen.append(SUGGESTIE.format(basis=sql))
        waarden += [woord, woord, woord, *params, woord]
    with connection.cursor() as cursor:
        cursor.execute("UNION ALL".join(vragen), waarden)
        rijen = cursor.fetchall()
    bekend = {woord for soort, woord, _ in rijen if soort == "bekend"}
    return bekend, {woord: s for soort, woord, s in rijen if soort == "suggestie" and s}


def _operand(tekst, begin=False):
    return "'" + tekst.replace("\\", "\\\\").replace("'", "''") + "'" + (":*" if begin else "")


def _term(term, samen):
    """A term and its other forms as a tsquery; a compound's parts all (`samen`) or any."""
    delen = [(" & " if samen else " | ").join(map(_operand, vorm)) for vorm in term.vormen]
    if term.begin:
        delen.append(_operand(term.woorden[0], begin=True))
    return "(" + " | ".join(f"({deel})" for deel in delen) + ")"


def term(term):
    return _term(term, samen=True)


def _gezocht(vraag):
    """Every word looked for, on its own (a phrase's words too), and whether as the start of
    a word: what a word in a text is matched against to be marked."""
    delen = [deel for term in vraag.positief for vorm in term.vormen for deel in vorm]
    woorden = {(woord, False) for deel in delen + vraag.heel for woord in deel.split()}
    return woorden | {(term.woorden[0], True) for term in vraag.positief if term.begin}


def markeerbaar(vraag):
    return " | ".join(_operand(woord, begin) for woord, begin in sorted(_gezocht(vraag)))


# A Dutch stem is the start of its word, without accents (Snowball): a word of a text can
# only match a word looked for that starts with the same two letters, it or a part of it
# (e-mail: "e-", "e", "ma"). Only those are sent to PostgreSQL to be read.
KAAL = str.maketrans("áàâäãåéèêëíìîïóòôöõúùûüýÿçñ", "aaaaaaeeeeiiiiooooouuuuyycn")
DELEN = re.compile(r"[-'’]")


@lru_cache(maxsize=20_000)  # a page of results has some 400 words, mostly the same ones
def _begin(woord):
    kaal = woord.lower().translate(KAAL)
    return frozenset(deel[:2] for deel in [kaal, *DELEN.split(kaal)] if deel)


def _groep(groep, samen=True):
    return "(" + " | ".join(("!" if t.niet else "") + _term(t, samen) for t in groep) + ")"


def tsquery(vraag, samen=True):
    """All groups of terms (`samen`), or any of the terms, without the terms left out."""
    if samen:
        tsq = " & ".join(map(_groep, vraag.groepen))
    else:
        tsq = " & ".join([_groep(vraag.positief, samen=False), *map(_groep, vraag.weglaten)])
    # The whole question's synonyms: only for a question without OF, NIET or quotes.
    return " | ".join([f"({tsq})", *map(_operand, vraag.heel)]) if vraag.heel else tsq


def _vraag(tsq):
    return SearchQuery(tsq, config="dutch", search_type="raw")


def voorwaarde(tsq):
    return Q(zoekvector=_vraag(tsq))


def zoek(adviezen, tsq):
    vraag = _vraag(tsq)
    return adviezen.filter(zoekvector=vraag).annotate(
        rang=SearchRank(
            F("zoekvector"), vraag, cover_density=False, normalization=Value(NORMALISATIE)
        )
    )


def gevonden_woorden(woorden, vraag):
    """Which of these words (as written in a text) the question matches: one query, for the
    words that can match."""
    begin = set().union(*(_begin(woord) for woord, _ in _gezocht(vraag)))
    woorden = sorted(woord for woord in woorden if _begin(woord) & begin)
    if not woorden:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT woord FROM unnest(%s::text[]) AS woord"
            " WHERE to_tsvector('dutch'::regconfig, woord) @@ to_tsquery('dutch'::regconfig, %s)",
            [woorden, markeerbaar(vraag)],
        )
        return [woord for (woord,) in cursor.fetchall()]
