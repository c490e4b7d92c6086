import random
import re
from datetime import UTC, datetime, timedelta
from urllib.robotparser import RobotFileParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import hele_sitemap
from tests.factories import AdviesFactory, ThemaFactory, WerkatelierFactory
from werkateliers.models import Advies, Werkatelier

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


def test_a_search_result_says_the_same_as_in_the_list(client, inhoud):
    # A search's page of results comes with its counts (filters.tel_keuzes), not fetched
    # as the list without search words is: what each result says is the same.
    advies = inhoud["j-u-praten"]
    html = client.get("/adviezen/?thema=praten&werkatelier=jongeren&q=alinea").content.decode()
    assert (
        f'<a href="/adviezen/{advies.pk}/j-u-praten/?thema=praten&amp;werkatelier=jongeren'
        '&amp;q=alinea">j-u-praten</a>'
    ) in html
    assert "Advies 2 voor uitvoerders · Jongeren · Praten" in html
    assert (
        'Eerste <mark class="nl-mark">alinea</mark>. Tweede <mark class="nl-mark">alinea</mark>.'
    ) in html


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


@postgres_only
def test_phrases_from_the_seed_pages_find_the_advies_they_come_from(client, seeds):
    """What a visitor types: a few words in quotes, copied from an advies they read."""
    from werkateliers.models import Advies

    kies = random.Random(14)
    adviezen = list(Advies.objects.order_by("pk"))
    gevonden = 0
    for advies in adviezen:
        woorden = re.findall(r"[\w'-]+", advies.tekst_plat)
        begin = kies.randrange(max(1, len(woorden) - 4))
        vraag = f'"{" ".join(woorden[begin : begin + 4])}"'
        gevonden += advies.pk in Advies.objects.published().search(vraag).values_list(
            "pk", flat=True
        )
    assert gevonden >= len(adviezen) * 0.9  # nearly always (a phrase of stop words finds none)


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
        # Rows that earlier tests inserted (and rolled back) wait in the index's pending list,
        # which makes it look dear to the planner; in use, vacuum merges them.
        cursor.execute("SELECT gin_clean_pending_list('advies_zoekvector')")
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
    werkateliers = WerkatelierFactory.create_batch(max(2, aantal // 10))
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
    """Each page's queries (the page cache is off in tests, so without the content
    version's lookup). /adviezen/ counts the choices of its three filters with one query
    (filters.tel_keuzes) and fetches the page it shows; chosen values are looked up in one query
    more. A search looks up its words' synonyms (on PostgreSQL with the site's vocabulary, in
    one round trip), picks out its page in the query that counts (no fetch of its own), and
    marks the words it found with one more (PostgreSQL). With more than one word its
    counts are for all the words, and only when no advies has them all counted again for
    any of them (werkateliers/zoeken/): here every advies has both words."""
    advies = werkateliers[0].adviezen.order_by("pk").last()
    woord = 2 if connection.vendor == "postgresql" else 1
    return {
        # cards with what they say, the number of werkateliers, thema's, doelgroepen
        "/": 5,
        # the number of werkateliers, a page of cards and what they say
        "/werkateliers/": 3,
        # the werkatelier and its adviezen; the related werkateliers and what their cards say
        werkateliers[0].get_absolute_url(): 4,
        # the advies with its werkatelier, doelgroep and thema; the adviezen around it
        advies.get_absolute_url(): 2,
        advies.get_absolute_url() + f"?doelgroep=uitvoerders&thema={themas[0].slug}&page=2": 2,
        # the chosen thema, the adviezen
        f"/adviezen/afdrukken/?thema={themas[0].slug}": 2,
        "/adviezen/": 2,
        "/adviezen/?doelgroep=uitvoerders": 3,
        f"/adviezen/?thema={themas[0].slug}&thema={themas[1].slug}": 3,
        f"/adviezen/?werkatelier={werkateliers[0].slug}": 3,
        "/adviezen/?q=alinea": 1 + woord,
        "/adviezen/?doelgroep=uitvoerders&page=2": 3,
        f"/adviezen/?doelgroep=uitvoerders&thema={themas[1].slug}&thema={themas[3].slug}&q=alinea": 2
        + woord,
        "/adviezen/?q=tweede+alinea": 1 + woord,
        # a choice that does not exist is looked up like one that does
        "/adviezen/?thema=bestaat-niet": 3,
        # the sitemap's parts of werkateliers and of adviezen, each in its own
        "/sitemap.xml": 2,
        "/sitemap-paginas.xml": 0,
        f"/sitemap-werkateliers-{_deel(werkateliers[0].pk)}.xml": 1,
        f"/sitemap-adviezen-{_deel(advies.pk)}.xml": 1,
        # the newest werkateliers, their adviezen, what they say
        "/feed/": 3,
    }


@pytest.mark.parametrize("aantal", [10, 200])
def test_query_counts_are_pinned_whatever_the_amount_of_content(
    client, uitvoerders, leidinggevenden, aantal, monkeypatch
):
    # Counting a search for staff (zoekhulp) is pinned in zoekhulp's own tests.
    monkeypatch.setattr("werkateliers.views.zoekopdrachten.tel", lambda *args: None)
    themas, werkateliers = _vul(aantal, uitvoerders, leidinggevenden)
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
    geheim = AdviesFactory(werkatelier=WerkatelierFactory(slug="geheim", concept=True))
    gepland = AdviesFactory(werkatelier=WerkatelierFactory(slug="morgen", gepland=True))
    xml = hele_sitemap(client)
    for pad in (
        "/",
        "/adviezen/",
        "/werkateliers/integraal-werken/",
        "/werkateliers/werken-met-jongeren/",
    ):
        assert f"<loc>http://testserver{pad}</loc>" in xml
    # Every public advies, and no advies of a werkatelier that is not public (yet).
    for advies in Advies.objects.published():
        assert f"<loc>http://testserver{advies.get_absolute_url()}</loc>" in xml
    assert Advies.objects.published().count() > 10
    assert "geheim" not in xml and "morgen" not in xml
    assert geheim.get_absolute_url() not in xml and gepland.get_absolute_url() not in xml


def test_sitemap_dates_each_werkatelier_and_its_adviezen_by_the_day_in_the_netherlands(client):
    # 23:30 UTC on 31 December is already New Year's Day in Amsterdam.
    werkatelier = WerkatelierFactory(slug="oud-en-nieuw")
    advies = AdviesFactory(werkatelier=werkatelier)
    Werkatelier.objects.filter(pk=werkatelier.pk).update(
        gewijzigd=datetime(2025, 12, 31, 23, 30, tzinfo=UTC)
    )
    xml = hele_sitemap(client)
    nieuwjaar = "<lastmod>2026-01-01</lastmod></url>"
    assert f"/werkateliers/oud-en-nieuw/</loc>{nieuwjaar}" in xml
    assert f"{advies.get_absolute_url()}</loc>{nieuwjaar}" in xml
    # The index dates each part by the last change of what it lists.
    index = client.get("/sitemap.xml").content.decode()
    for deel in (f"werkateliers-{_deel(werkatelier.pk)}", f"adviezen-{_deel(advies.pk)}"):
        assert f"/sitemap-{deel}.xml</loc><lastmod>2026-01-01</lastmod></sitemap>" in index


def _deel(pk):
    return (pk - 1) // 1_000 + 1


def test_the_sitemap_is_an_index_of_parts_of_a_thousand_numbers_each(client, seeds):
    werkatelier = seeds["integraal-werken"]
    Werkatelier.objects.filter(pk=werkatelier.pk).update(
        gewijzigd=datetime(2026, 3, 2, 12, tzinfo=UTC)
    )
    # Numbers well past those of the seeds (on PostgreSQL they grow from test to test).
    leeg = _deel(Advies.objects.order_by("pk").last().pk) + 5
    verderop = AdviesFactory(pk=leeg * 1_000 + 500, werkatelier=werkatelier, positie=999)
    AdviesFactory(
        pk=leeg * 1_000 - 500, werkatelier=WerkatelierFactory(slug="geheim", concept=True)
    )
    index = client.get("/sitemap.xml").content.decode()
    assert index.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex ')
    delen = re.findall(r"/sitemap-([a-z]+-?\d*)\.xml", index)
    werkateliers = sorted(
        {_deel(pk) for pk in Werkatelier.objects.published().values_list("pk", flat=True)}
    )
    adviezen = sorted({_deel(pk) for pk in Advies.objects.published().values_list("pk", flat=True)})
    assert adviezen[-1] == leeg + 1 and leeg not in adviezen
    assert delen == [
        "paginas",
        *(f"werkateliers-{n}" for n in werkateliers),
        *(f"adviezen-{n}" for n in adviezen),
    ]
    assert f"/sitemap-adviezen-{leeg + 1}.xml</loc><lastmod>2026-03-02</lastmod>" in index

    deel = client.get(f"/sitemap-adviezen-{leeg + 1}.xml")
    assert deel["Content-Type"] == "application/xml; charset=utf-8"
    assert deel["X-Robots-Tag"] == "noindex, noodp, noarchive"
    xml = deel.content.decode()
    assert xml.count("<url>") == 1 and verderop.get_absolute_url() in xml
    # A part that lists nothing (a hidden advies only, none at all, a number no site reaches)
    # is not found, as any other address that does not exist.
    for pad in (
        f"/sitemap-adviezen-{leeg}.xml",
        f"/sitemap-adviezen-{leeg + 2}.xml",
        "/sitemap-adviezen-0.xml",
        f"/sitemap-werkateliers-{werkateliers[-1] + 1}.xml",
        "/sitemap-adviezen-99999999999999999999999.xml",
        "/sitemap-werkateliers-99999999999999999999999.xml",
        "/sitemap-adviezen--1.xml",
    ):
        assert client.get(pad).status_code == 404, pad


def test_every_part_of_the_sitemap_holds_at_most_its_share(client, seeds, monkeypatch):
    monkeypatch.setattr("werkateliers.sitemaps.PER_DEEL", 4)
    index = client.get("/sitemap.xml").content.decode()
    delen = re.findall(r"http://testserver(/sitemap-[a-z]+-\d+\.xml)", index)
    aantal = Advies.objects.published().count() + Werkatelier.objects.published().count()
    assert len(delen) >= aantal / 4
    adressen = []
    for deel in delen:
        xml = client.get(deel).content.decode()
        assert 1 <= xml.count("<url>") <= 4, deel
        adressen += re.findall(r"<loc>([^<]+)</loc>", xml)
    assert len(adressen) == len(set(adressen)) == aantal


def test_the_sitemap_names_no_address_robots_txt_keeps_search_engines_from(client, seeds):
    robots = RobotFileParser()
    robots.parse(client.get("/robots.txt").content.decode().splitlines())
    adressen = re.findall(r"<loc>([^<]+)</loc>", hele_sitemap(client))
    assert len(adressen) > 20
    for adres in adressen:
        assert robots.can_fetch("Googlebot", adres), adres
    assert not robots.can_fetch("Googlebot", "http://testserver/contact/")


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


def test_the_werkatelier_filter_lists_the_newest_and_says_how_to_find_the_others(
    client, uitvoerders, monkeypatch
):
    # With thousands of werkateliers a list of all of them helps nobody (filters.py).
    monkeypatch.setattr("werkateliers.filters.MAX_WERKATELIERS", 2)
    nu = timezone.now()
    titels = ["Nieuwste", "Een week oud", "Een maand oud", "Een jaar oud"]
    werkateliers = [
        WerkatelierFactory(titel=titel, gepubliceerd_op=nu - timedelta(days=dagen))
        for titel, dagen in zip(titels, [1, 7, 30, 365], strict=True)
    ]
    for werkatelier in werkateliers:
        AdviesFactory(werkatelier=werkatelier, doelgroep=uitvoerders)

    def opties(adres):
        html = client.get(adres).content.decode()
        select = html[html.index('id="id_werkatelier"') : html.index("</select>")]
        return re.findall(r'<option value="[^"]+"[^>]*>([^(]+) \(', select), html

    getoond, html = opties("/adviezen/")
    assert getoond == ["Nieuwste", "Een week oud"]
    assert "Hier staan de 2 nieuwste van 4 werkateliers." in html
    assert 'aria-describedby="id_werkatelier_uitleg"' in html
    # A werkatelier chosen is always there, so the choice can be seen and undone.
    getoond, _ = opties(f"/adviezen/?werkatelier={werkateliers[3].slug}")
    assert getoond == ["Nieuwste", "Een week oud", "Een jaar oud"]
    # With few enough, all of them and nothing said.
    monkeypatch.setattr("werkateliers.filters.MAX_WERKATELIERS", 4)
    getoond, html = opties("/adviezen/")
    assert getoond == titels
    assert "id_werkatelier_uitleg" not in html
