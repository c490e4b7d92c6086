import random
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import AdviesFactory, ThemaFactory, WerkatelierFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Nederlandse full-text search bestaat alleen op PostgreSQL",
)


def titels(response):
    return [a.titel for a in response.context["pagina"].object_list]


@pytest.fixture
def inhoud(uitvoerders, leidinggevenden):
    """Two werkateliers, two thema's, both doelgroepen; plus hidden content."""
    samen, praten = (
        ThemaFactory(naam="Samenwerken", slug="samenwerken"),
        ThemaFactory(naam="Praten", slug="praten"),
    )
    jong = WerkatelierFactory(titel="Jongeren", slug="jongeren")
    integraal = WerkatelierFactory(titel="Integraal", slug="integraal")
    maak = AdviesFactory
    adviezen = {
        "j-u-samen": maak(
            werkatelier=jong, doelgroep=uitvoerders, thema=samen, titel="j-u-samen", positie=1
        ),
        "j-u-praten": maak(
            werkatelier=jong, doelgroep=uitvoerders, thema=praten, titel="j-u-praten", positie=2
        ),
        "j-l": maak(werkatelier=jong, doelgroep=leidinggevenden, titel="j-l", positie=1),
        "i-u-praten": maak(
            werkatelier=integraal,
            doelgroep=uitvoerders,
            thema=praten,
            titel="i-u-praten",
            positie=1,
        ),
        "i-l": maak(werkatelier=integraal, doelgroep=leidinggevenden, titel="i-l", positie=1),
    }
    maak(
        werkatelier=WerkatelierFactory(concept=True),
        doelgroep=uitvoerders,
        thema=praten,
        titel="verborgen",
    )
    maak(
        werkatelier=WerkatelierFactory(gepland=True),
        doelgroep=uitvoerders,
        thema=praten,
        titel="gepland",
    )
    return adviezen


def test_list_shows_all_published_adviezen_only(client, inhoud):
    response = client.get("/adviezen/")
    assert response.status_code == 200
    assert sorted(titels(response)) == sorted(inhoud)
    assert response.content.decode().count("<h1") == 1


@pytest.mark.parametrize(
    "query, verwacht",
    [
        ("doelgroep=uitvoerders", {"j-u-samen", "j-u-praten", "i-u-praten"}),
        ("doelgroep=leidinggevenden-en-bestuurders", {"j-l", "i-l"}),
        ("thema=praten", {"j-u-praten", "i-u-praten"}),
        ("thema=praten&thema=samenwerken", {"j-u-samen", "j-u-praten", "i-u-praten"}),
        ("werkatelier=integraal", {"i-u-praten", "i-l"}),
        ("doelgroep=uitvoerders&werkatelier=jongeren", {"j-u-samen", "j-u-praten"}),
        ("doelgroep=uitvoerders&thema=praten&werkatelier=integraal", {"i-u-praten"}),
        ("doelgroep=leidinggevenden-en-bestuurders&thema=praten", set()),
    ],
)
def test_filters_narrow_the_result_exactly(client, inhoud, query, verwacht):
    assert set(titels(client.get(f"/adviezen/?{query}"))) == verwacht


def test_each_facet_count_matches_the_result_it_promises(client, inhoud):
    basis = "doelgroep=uitvoerders&thema=praten"
    facetten = client.get(f"/adviezen/?{basis}").context["facetten"]
    for keuze in facetten["werkatelier"]:
        beloofd = client.get(f"/adviezen/?{basis}&werkatelier={keuze.slug}")
        assert keuze.aantal == len(titels(beloofd)), keuze
    for keuze in facetten["doelgroep"]:
        beloofd = client.get(f"/adviezen/?thema=praten&doelgroep={keuze.slug}")
        assert keuze.aantal == len(titels(beloofd)), keuze
    for keuze in facetten["thema"]:
        beloofd = client.get(f"/adviezen/?doelgroep=uitvoerders&thema={keuze.slug}")
        assert keuze.aantal == len(titels(beloofd)), keuze
    assert {k.slug: k.aantal for k in facetten["thema"]} == {"praten": 2, "samenwerken": 1}


def h1(html):
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


@pytest.mark.parametrize(
    "query, kop",
    [
        ("", "Alle 5 adviezen"),
        (
            "doelgroep=leidinggevenden-en-bestuurders",
            "2 adviezen voor leidinggevenden en bestuurders",
        ),
        ("doelgroep=uitvoerders&thema=samenwerken", "1 advies voor uitvoerders over samenwerken"),
        ("thema=praten&thema=samenwerken", "3 adviezen over praten of samenwerken"),
        ("werkatelier=jongeren&q=j", "3 adviezen uit het werkatelier ‘Jongeren’ met ‘j’"),
        ("q=onvindbaar", "Geen adviezen met ‘onvindbaar’"),
    ],
)
def test_h1_and_title_say_what_is_shown_in_plain_dutch(client, inhoud, query, kop):
    html = client.get(f"/adviezen/?{query}").content.decode()
    assert h1(html) == kop
    assert f"<title>{kop} | A&amp;O fonds Gemeenten</title>" in html


def test_each_result_links_to_its_own_page_and_says_where_it_stands(client, inhoud):
    advies = inhoud["j-u-praten"]
    html = client.get("/adviezen/?thema=praten&werkatelier=jongeren").content.decode()
    # The link carries the search, so the advies's page can lead back to it.
    assert (
        f'<a href="/adviezen/{advies.pk}/j-u-praten/?thema=praten&amp;werkatelier=jongeren">'
        "j-u-praten</a>"
    ) in html
    assert "Advies 2 voor uitvoerders · Jongeren · Praten" in html
    assert "Eerste alinea. Tweede alinea." in html


def test_a_list_across_werkateliers_never_shows_a_bare_restarting_number(client, inhoud):
    html = client.get("/adviezen/?doelgroep=uitvoerders").content.decode()
    assert re.findall(r"Advies \d voor uitvoerders · (\w+)", html) == [
        "Jongeren",
        "Jongeren",
        "Integraal",
    ] or re.findall(r"Advies \d voor uitvoerders · (\w+)", html) == [
        "Integraal",
        "Jongeren",
        "Jongeren",
    ]
    assert not re.search(r">\d\. ", html)


def test_unknown_values_are_left_out_with_a_short_note(client, inhoud):
    response = client.get("/adviezen/?thema=praten&thema=bestaat-niet&doelgroep=wethouders")
    assert response.status_code == 200
    assert set(titels(response)) == {"j-u-praten", "i-u-praten"}
    html = response.content.decode()
    assert "Het thema ‘bestaat-niet’ bestaat niet; die keuze is weggelaten." in html
    assert "De doelgroep ‘wethouders’ bestaat niet" in html


@pytest.mark.parametrize(
    "paginanummer, nummer", [("99", 2), ("abc", 1), ("0", 2), ("-1", 2), ("1" * 40, 2)]
)
def test_bad_page_number_shows_the_nearest_page_with_a_note(
    client, uitvoerders, paginanummer, nummer
):
    werkatelier = WerkatelierFactory()
    AdviesFactory.create_batch(25, werkatelier=werkatelier, doelgroep=uitvoerders)
    response = client.get(f"/adviezen/?page={paginanummer}")
    assert response.status_code == 200
    assert response.context["pagina"].number == nummer
    assert f"Die pagina bestaat niet; je ziet pagina {nummer} van 2." in response.content.decode()


def test_results_are_stable_across_pages_and_pagination_keeps_the_filters(client, uitvoerders):
    werkatelier = WerkatelierFactory(slug="groot")
    AdviesFactory.create_batch(45, werkatelier=werkatelier, doelgroep=uitvoerders)
    gezien = []
    for page in (1, 2, 3):
        response = client.get(f"/adviezen/?doelgroep=uitvoerders&page={page}")
        gezien += [a.pk for a in response.context["pagina"].object_list]
    assert len(gezien) == len(set(gezien)) == 45
    html = client.get("/adviezen/?doelgroep=uitvoerders&page=2").content.decode()
    assert 'href="?doelgroep=uitvoerders&amp;page=3#resultaten"' in html
    assert 'href="?doelgroep=uitvoerders&amp;page=1#resultaten"' in html


def test_empty_state_says_it_once_and_suggests_widening_the_filters(client, inhoud):
    html = client.get("/adviezen/?q=onvindbaarwoord").content.decode()
    assert h1(html) == "Geen adviezen met ‘onvindbaarwoord’"
    assert "Geen adviezen gevonden" not in html and "0 adviezen" not in html
    assert "zoek op een ander of korter woord" in html
    assert "bekijk alle adviezen" in html


def test_search_finds_plain_words_in_title_and_text(client, uitvoerders):
    AdviesFactory(doelgroep=uitvoerders, titel="Luister goed", tekst="Neem de tijd.")
    AdviesFactory(doelgroep=uitvoerders, titel="Iets anders", tekst="Je moet echt luisteren.")
    AdviesFactory(doelgroep=uitvoerders, titel="Niets", tekst="Niets.")
    assert set(titels(client.get("/adviezen/?q=luister"))) == {"Luister goed", "Iets anders"}


def test_a_title_match_ranks_above_a_text_match(client, uitvoerders):
    AdviesFactory(
        doelgroep=uitvoerders,
        titel="Over het netwerk",
        tekst="Netwerk, netwerk en nog eens netwerk. " * 5,
    )
    AdviesFactory(doelgroep=uitvoerders, titel="Samenwerken", tekst="Kijk naar het netwerk.")
    AdviesFactory(doelgroep=uitvoerders, titel="Netwerk in de titel", tekst="Verder niets.")
    resultaat = titels(client.get("/adviezen/?q=netwerk"))
    assert set(resultaat[:2]) == {"Over het netwerk", "Netwerk in de titel"}
    assert resultaat[2] == "Samenwerken"


def test_matched_words_are_highlighted_and_escaped(client, uitvoerders):
    AdviesFactory(
        doelgroep=uitvoerders,
        titel="Praat met <b>jongeren</b>",
        tekst="Jongeren willen <script>gehoord</script> worden.",
    )
    html = client.get("/adviezen/?q=jongeren").content.decode()
    assert '<mark class="nl-mark">jongeren</mark>' in html.lower()
    assert "<script>gehoord" not in html
    assert "&lt;b&gt;" in html


@postgres_only
def test_postgres_search_finds_stemmed_dutch_words(client, uitvoerders):
    AdviesFactory(
        doelgroep=uitvoerders, titel="Luisteren", tekst="Praat met jongeren over hun netwerk."
    )
    AdviesFactory(doelgroep=uitvoerders, titel="Anders", tekst="Iets heel anders.")
    response = client.get("/adviezen/?q=jongere")
    assert titels(response) == ["Luisteren"]
    assert '<mark class="nl-mark">jongeren</mark>' in response.content.decode()


# Words as staff write them: stems shared by several forms, stop words, and words the Dutch
# parser splits into a phrase (e-mail, zo'n) or that hold a quote or backslash.
WOORDEN = [
    "jongeren", "jongere", "jong", "netwerk", "netwerken", "samen", "werken", "werk", "de",
    "het", "niet", "e-mail", "zo'n", "O'Neill", "a\\b", "school", "ouders", "luisteren",
    "tijd", "op", "vertrouwen", "gemeente",
]  # fmt: skip


@pytest.fixture
def woordenbrij(uitvoerders):
    """Sixteen adviezen of words drawn from WOORDEN, one written for phrases, and one that is
    not public."""
    kies = random.Random(14)
    for _ in range(16):
        AdviesFactory(
            doelgroep=uitvoerders,
            titel=" ".join(kies.choices(WOORDEN, k=kies.randint(1, 4))),
            tekst=" ".join(kies.choices(WOORDEN, k=kies.randint(3, 15))),
        )
    # Phrases on purpose: over stop words, from the title into the text, a word twice.
    AdviesFactory(
        doelgroep=uitvoerders,
        titel="Samen werken met jongeren",
        tekst="Het netwerk van jongeren op school: samen werken, samen samen. De e-mail.",
    )
    AdviesFactory(
        werkatelier=WerkatelierFactory(status="concept"),
        doelgroep=uitvoerders,
        titel="netwerk jongeren",
        tekst="netwerk",
    )


def _zoals_postgresql(vraag):
    """Search through the index, and assert it answers as PostgreSQL itself: the same public
    adviezen as `zoekvector @@ vraag`; in the title what the vector cut down to its title
    (ts_filter) matches; and for words joined by "or", ts_rank."""
    from werkateliers import zoeken
    from werkateliers.catalogus import catalogus

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.id, ts_filter(zoekvector, '{a}') @@ vraag, ts_rank(zoekvector, vraag),"
            " vraag::text FROM werkateliers_advies AS a, werkateliers_werkatelier AS w,"
            " websearch_to_tsquery('dutch'::regconfig, %s) AS vraag"
            " WHERE zoekvector @@ vraag AND w.id = werkatelier_id AND w.status = 'gepubliceerd'",
            [vraag],
        )
        verwacht = {pk: (in_titel, rang) for pk, in_titel, rang, _ in cursor.fetchall()}
        cursor.execute("SELECT websearch_to_tsquery('dutch'::regconfig, %s)::text", [vraag])
        geschreven = cursor.fetchone()[0]
    treffers = zoeken.treffers(vraag, catalogus())
    gevonden = {pk: (pk in treffers.in_titel, rang) for pk, rang in treffers.rang.items()}
    assert {pk: t for pk, (t, _) in gevonden.items()} == {
        pk: t for pk, (t, _) in verwacht.items()
    }, (vraag, geschreven)
    try:
        boom = zoeken.lees_vraag(geschreven)
    except zoeken.OnbekendeVraag:
        boom = None  # PostgreSQL answered, with ts_rank
    if boom is None or boom[0] not in ("en", "zin"):  # ts_rank weighs those otherwise
        for pk, (_, rang) in verwacht.items():
            assert gevonden[pk][1] == pytest.approx(rang, rel=1e-5), (vraag, geschreven)
    return gevonden


@postgres_only
@pytest.mark.parametrize(
    "vraag",
    [
        "netwerk",
        "jongere",
        "samen werken",
        '"samen werken"',
        "netwerk or jongeren",
        "netwerk -jongeren",
        "-netwerk",
        "netwerk or -jongeren",
        "school or ouders or tijd",
        "school ouders or tijd -jongeren",
        "it's o''neill",
        r"a\b 'c' \"d",
        "e-mail or school",
        "e-mail",
        "zo'n school",
        '"samen werken" or school',
        '"netwerk jongeren" -school',
        '-"samen werken"',
        '"vertrouwen gemeente" or "tijd op"',
        "de het",
        "",
        "jongeren or x123",
    ],
)
def test_search_answers_as_postgresql_would(woordenbrij, vraag):
    _zoals_postgresql(vraag)


@postgres_only
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    vraag=st.one_of(
        st.lists(
            st.sampled_from([*WOORDEN, "or", "-", "-netwerk", "-jongeren", '"', '"samen', "x1"]),
            max_size=7,
        ).map(" ".join),
        st.text(max_size=40),
    )
)
def test_any_search_answers_as_postgresql_would(woordenbrij, vraag):
    _zoals_postgresql(vraag.replace("\x00", ""))


@postgres_only
@pytest.mark.parametrize(
    "tsquery",
    [
        "!'netwerk' <-> 'jonger'",
        "( 'netwerk' | 'school' ) <-> 'jonger'",
        "'sam' <2> 'werk'",
        "'netwerk' <2> 'jonger'",
        "'jonger' <-> ( 'netwerk' <-> 'school' )",
        "( 'werk' <-> 'jonger' ) <-> 'netwerk'",
        "'werk' <3> ( 'netwerk' <2> 'jonger' )",
        "( 'sam' <-> 'werk' ) <2> 'jonger'",
        "'sam' <-> 'sam'",
        "'sam' <0> 'sam'",
        "'sam' <0> 'werk'",
        "'e-mail' <-> 'e' <-> 'mail'",
        "'x123' <-> 'sam'",
        "!( 'jonger' & 'netwerk' ) | 'tijd'",
    ],
)
def test_questions_websearch_never_writes_are_answered_as_postgresql_would(woordenbrij, tsquery):
    """A phrase around a negation or an "or", over a gap, in a phrase, or with a distance of
    0; a negated "and". Both where it matches, and where it matches in the title."""
    from werkateliers import zoeken
    from werkateliers.catalogus import catalogus

    index = catalogus().zoekindex
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, ts_filter(zoekvector, '{a}') @@ %s::tsquery FROM werkateliers_advies"
            " WHERE zoekvector @@ %s::tsquery AND id = ANY(%s)",
            [tsquery, tsquery, list(index.alle)],
        )
        verwacht = dict(cursor.fetchall())
    vraag = zoeken.lees_vraag(tsquery)
    assert index._vind(vraag, False, {}) == set(verwacht)
    in_titel = index._vind(vraag, True, {}) & set(verwacht)  # the flag of those it finds
    assert in_titel == {pk for pk, titel in verwacht.items() if titel}


@postgres_only
def test_phrases_from_the_seed_pages_are_found_as_postgresql_finds_them(seeds):
    """What a visitor types: a few words in quotes, copied from an advies they read."""
    from werkateliers.models import Advies

    kies = random.Random(14)
    gevonden = 0
    for tekst in Advies.objects.order_by("pk").values_list("tekst_plat", flat=True):
        woorden = re.findall(r"[\w'-]+", tekst)
        begin = kies.randrange(max(1, len(woorden) - 4))
        gevonden += bool(_zoals_postgresql(f'"{" ".join(woorden[begin : begin + 4])}"'))
    assert gevonden >= Advies.objects.count() * 0.9  # nearly always the advies it came from


@postgres_only
def test_phrases_in_an_advies_too_long_for_positions_are_checked_by_postgresql(
    uitvoerders, monkeypatch
):
    """PostgreSQL gives every word past the 16,383rd the same position: there the index
    cannot tell where a word stands, and asks PostgreSQL."""
    from werkateliers import zoeken

    AdviesFactory(doelgroep=uitvoerders, titel="Kort", tekst="Samen werken.")
    AdviesFactory(doelgroep=uitvoerders, titel="Lang", tekst="vullen " * 16_400 + "werken samen")
    gevraagd = []
    zelf = zoeken.Zoekindex._zin_in_postgresql
    monkeypatch.setattr(
        zoeken.Zoekindex, "_zin_in_postgresql", lambda *a: gevraagd.append(a) or zelf(*a)
    )
    assert len(_zoals_postgresql('"lang vullen"')) == 1
    assert len(_zoals_postgresql('"samen werken"')) == 1  # in the long one at one position
    assert len(gevraagd) == 2
    assert len(_zoals_postgresql('"kort samen"')) == 1  # not in the long one: the index answers
    assert len(gevraagd) == 2


@postgres_only
def test_a_question_the_index_cannot_read_is_answered_by_postgresql(woordenbrij, monkeypatch):
    from werkateliers import zoeken

    def onleesbaar(tekst):
        raise zoeken.OnbekendeVraag(tekst)

    gevraagd = []
    zelf = zoeken._zoek_in_postgresql
    monkeypatch.setattr(zoeken, "lees_vraag", onleesbaar)
    monkeypatch.setattr(zoeken, "_zoek_in_postgresql", lambda *a: gevraagd.append(a) or zelf(*a))
    for vraag in ("netwerk or jongeren", '"samen werken" -school'):
        _zoals_postgresql(vraag)
    assert len(gevraagd) == 2


@postgres_only
def test_a_word_the_visitor_left_out_is_never_marked(client, uitvoerders):
    AdviesFactory(doelgroep=uitvoerders, titel="Luisteren", tekst="Een netwerk van jongeren.")
    html = client.get("/adviezen/?q=netwerk or -jongeren").content.decode()
    assert '<mark class="nl-mark">netwerk</mark>' in html
    assert '<mark class="nl-mark">jongeren</mark>' not in html


def test_a_search_after_a_change_finds_the_new_words(client, uitvoerders):
    AdviesFactory(doelgroep=uitvoerders, titel="Luisteren", tekst="Een netwerk.")
    assert titels(client.get("/adviezen/?q=vertrouwen")) == []
    AdviesFactory(doelgroep=uitvoerders, titel="Vertrouwen", tekst="Vertrouwen winnen.")
    assert titels(client.get("/adviezen/?q=vertrouwen")) == ["Vertrouwen"]


@postgres_only
def test_postgres_search_uses_the_index(uitvoerders):
    from werkateliers.models import Advies

    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
    plan = Advies.objects.search("jongere").explain()
    assert "advies_zoekvector" in plan


def test_search_box_limits_its_length_and_a_long_query_is_shortened(client, uitvoerders):
    html = client.get("/adviezen/").content.decode()
    assert re.search(r'<input [^>]*type="search" name="q" id="id_q" maxlength="100"', html)
    response = client.get("/adviezen/?q=" + "woord " * 40)
    assert response.status_code == 200
    assert "Je zoekopdracht was te lang" in response.content.decode()


def test_nul_byte_and_control_characters_never_give_a_500(client, inhoud):
    for query in (
        "q=%00",
        "q=a%00b",
        "thema=%00",
        "doelgroep=uit%00voerders",
        "werkatelier=%01",
        "page=%00",
    ):
        assert client.get(f"/adviezen/?{query}").status_code == 200, query


def _vul(aantal, uitvoerders, leidinggevenden):
    themas = ThemaFactory.create_batch(4)
    werkateliers = WerkatelierFactory.create_batch(max(1, aantal // 10))
    for i in range(aantal):
        AdviesFactory(
            werkatelier=werkateliers[i % len(werkateliers)],
            doelgroep=uitvoerders if i % 2 else leidinggevenden,
            thema=themas[i % 4] if i % 3 else None,
        )
    return themas, werkateliers


def _aantal_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _urls(themas, werkateliers):
    """Each page's queries, the content version's lookup included (the tests look it up on
    every request; a server once a second). The catalogue and the search index are read
    already: a list needs nothing else, a search its match (on PostgreSQL: what its words
    mean), a print the whole texts."""
    advies = werkateliers[0].adviezen.order_by("pk").last()
    return {
        "/": 1,
        "/werkateliers/": 1,
        werkateliers[0].get_absolute_url(): 3,
        advies.get_absolute_url(): 2,
        advies.get_absolute_url() + f"?doelgroep=uitvoerders&thema={themas[0].slug}&page=2": 2,
        f"/adviezen/afdrukken/?thema={themas[0].slug}": 2,
        "/adviezen/": 1,
        "/adviezen/?doelgroep=uitvoerders": 1,
        f"/adviezen/?thema={themas[0].slug}&thema={themas[1].slug}": 1,
        f"/adviezen/?werkatelier={werkateliers[0].slug}": 1,
        "/adviezen/?q=alinea": 2,
        "/adviezen/?doelgroep=uitvoerders&page=2": 1,
        # The same words narrowed down: their match is kept.
        f"/adviezen/?doelgroep=uitvoerders&thema={themas[1].slug}&thema={themas[3].slug}&q=alinea": 1,
        "/adviezen/?q=tweede": 2,
        # A phrase: the index knows where the words stand, so it costs no query more.
        "/adviezen/?q=%22tweede+alinea%22": 2,
        "/sitemap.xml": 1,
        "/feed/": 1,
    }


@pytest.mark.parametrize("aantal", [10, 200])
def test_query_counts_are_pinned_whatever_the_amount_of_content(
    client, uitvoerders, leidinggevenden, aantal
):
    themas, werkateliers = _vul(aantal, uitvoerders, leidinggevenden)
    # After a change, the first page reads the catalogue: always the same five queries; the
    # first search reads the search index (PostgreSQL): one query more.
    assert _aantal_queries(client, "/") == 1 + 5
    zoekindex = 1 if connection.vendor == "postgresql" else 0
    assert _aantal_queries(client, "/adviezen/?q=eerste") == 2 + zoekindex
    gemeten = {url: _aantal_queries(client, url) for url in _urls(themas, werkateliers)}
    assert gemeten == _urls(themas, werkateliers)


def test_home_has_both_ways_in_with_counts_the_thema_s_and_the_werkateliers(client, inhoud):
    ThemaFactory(naam="Nog zonder adviezen")
    html = " ".join(client.get("/").content.decode().split())
    assert "Nog zonder adviezen" not in html  # a thema that would lead nowhere
    assert (
        # No #resultaten: the page opens at its top, with the header and the heading whole.
        '<a class="ingang" href="/adviezen/?doelgroep=uitvoerders"> '
        '<span class="ingang__titel">Ik ben uitvoerder</span> '
        '<span class="ingang__aantal">3 adviezen voor uitvoerders</span>'
    ) in html
    assert (
        '<span class="ingang__titel">Ik ben leidinggevende of bestuurder</span> '
        '<span class="ingang__aantal">2 adviezen voor leidinggevenden en bestuurders</span>'
    ) in html
    assert html.index("Ik ben uitvoerder") < html.index("Ik ben leidinggevende")
    assert ('<a href="/adviezen/?thema=praten">Praten <span class="aantal">(2)</span></a>') in html
    # Cards say something of their own werkatelier, never the fund's general intro.
    assert (
        "Thema’s: Praten en Samenwerken. Twee adviezen voor uitvoerders en één voor leidinggevenden en bestuurders."
        in html
    )
    assert "Uitvoerders delen wat werkt." not in html


def test_every_page_has_title_description_canonical_and_open_graph(client, seeds):
    for url in (
        "/",
        "/adviezen/",
        "/werkateliers/integraal-werken/",
        "/contact/",
        "/privacy/",
        "/toegankelijkheid/",
    ):
        html = client.get(url).content.decode()
        assert re.search(r"<title>[^<]+</title>", html), url
        assert '<meta name="description" content="' in html, url
        assert f'<link rel="canonical" href="http://testserver{url}">' in html, url
        assert html.count("<h1") == 1, url
        for eigenschap in ("og:title", "og:description", "og:url", "og:type"):
            assert f'property="{eigenschap}"' in html, (url, eigenschap)
    html = client.get("/werkateliers/integraal-werken/").content.decode()
    assert '<meta property="og:title" content="Integraal werken">' in html
    assert '<meta property="og:type" content="article">' in html


def test_sitemap_lists_home_overview_and_published_werkateliers(client, seeds):
    WerkatelierFactory(slug="geheim", concept=True)
    xml = client.get("/sitemap.xml").content.decode()
    for pad in (
        "/",
        "/adviezen/",
        "/werkateliers/integraal-werken/",
        "/werkateliers/werken-met-jongeren/",
    ):
        assert f"<loc>http://testserver{pad}</loc>" in xml
    assert "geheim" not in xml


def test_robots_txt_names_the_sitemap_and_keeps_the_admin_out(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    tekst = response.content.decode()
    assert "Disallow: /beheer/" in tekst
    assert "Sitemap: http://testserver/sitemap.xml" in tekst


def test_atom_feed_lists_newly_published_werkateliers(client, seeds):
    WerkatelierFactory(titel="Nog geheim", concept=True)
    response = client.get("/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    xml = response.content.decode()
    assert xml.index("Werken met jongeren") < xml.index("Integraal werken")
    assert "Nog geheim" not in xml


def test_footer_links_accessibility_and_privacy_pages(client):
    html = client.get("/").content.decode()
    assert 'href="/toegankelijkheid/"' in html and 'href="/privacy/"' in html
    for url in ("/toegankelijkheid/", "/privacy/"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count("<h1") == 1
    assert "WCAG 2.1" in client.get("/toegankelijkheid/").content.decode()


def test_print_stylesheet_hides_web_furniture_and_writes_out_only_text_links():
    from django.conf import settings

    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    print_deel = css[css.index("@media print") :]
    assert ".hoofdmenu" in print_deel and ".knoppen" in print_deel and "display: none" in print_deel
    # Only links inside running text get their address; headings and buttons do not.
    assert '.tekst a[href^="http"]::after' in print_deel
    assert 'main a[href^="/"]::after' not in print_deel


def test_a_kept_search_match_follows_every_change(client, uitvoerders):
    advies = AdviesFactory(doelgroep=uitvoerders, titel="Wees proactief")
    assert titels(client.get("/adviezen/?q=vooruitziend")) == []
    assert titels(client.get("/adviezen/?q=vooruitziend&doelgroep=uitvoerders")) == []
    advies.titel = "Wees vooruitziend"
    advies.save()  # a new content version: the kept match of these words is not used again
    assert titels(client.get("/adviezen/?q=vooruitziend")) == ["Wees vooruitziend"]


def test_search_results_come_title_first_then_by_rank_then_in_list_order():
    from werkateliers.zoeken import Treffers

    treffers = Treffers(rang={1: 0.5, 2: 0.9, 3: 0.5, 4: 0.1, 5: 0.9}, in_titel={4, 5}, woorden=[])
    plek = {1: 4, 2: 3, 3: 1, 4: 2, 5: 0}
    assert treffers.beste_eerst(plek) == [5, 4, 2, 3, 1]
