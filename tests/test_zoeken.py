"""Search quality: what visitors type, on realistic content written for it (tests/zoekinhoud),
as a table of question → what they should find. The Dutch reading (stemming, compounds,
suggestions, ranking) is PostgreSQL's; a smaller table holds for SQLite too."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection

from tests import zoekinhoud
from tests.factories import AdviesFactory, WerkatelierFactory
from werkateliers.models import Advies, Thema, Werkatelier
from werkateliers.zoeken import Zoekopdracht, woordvormen
from werkateliers.zoeken.vraag import lees

pytestmark = pytest.mark.django_db
POSTGRES = connection.vendor == "postgresql"
alleen_postgres = pytest.mark.skipif(not POSTGRES, reason="Nederlands zoeken is van PostgreSQL")


@pytest.fixture
def inhoud(uitvoerders, leidinggevenden):
    return zoekinhoud.laad(uitvoerders, leidinggevenden)


def van(werkatelier):
    """The titles of a werkatelier's adviezen in the content."""
    gegevens = next(w for w in zoekinhoud.WERKATELIERS if w["titel"] == werkatelier)
    return {advies[2] for advies in gegevens["adviezen"]}


def met_thema(thema):
    return {a[2] for w in zoekinhoud.WERKATELIERS for a in w["adviezen"] if a[1] == thema}


def zoek(client, vraag, **filters):
    response = client.get("/adviezen/", {"q": vraag, **filters})
    assert response.status_code == 200
    return response


def titels(response):
    return [a.titel for a in response.context["pagina"].object_list]


def tekst(response):
    return response.content.decode()


def h1(response):
    return re.search(r"<h1[^>]*>(.*?)</h1>", tekst(response), re.S).group(1).strip()


AGRESSIE = van("Agressie en veiligheid aan de balie")
GEWELD = van("Huiselijk geweld: signaleren en doorpakken")
BRIEVEN = van("Heldere brieven en e-mails aan inwoners")
REINTEGRATIE = van("Werken aan werk: re-integratie die past")

# question → the titles the first results must be (in any order), or the titles that must be
# among the results, or must not be.
VRAGEN = [
    # the werkatelier and thema a visitor heard of
    ("agressie", {"eerst": AGRESSIE}),
    ("huiselijk geweld", {"eerst": GEWELD}),
    ("signaleren", {"bevat": met_thema("Signaleren") | GEWELD}),
    ("re-integratie", {"eerst": REINTEGRATIE, "bevat": van("Statushouders op weg naar werk")}),
    ("praten jongeren", {"eerst": met_thema("Praten met jongeren")}),
    ("Heldere brieven en e-mails aan inwoners", {"eerst": BRIEVEN}),
    # questions in a sentence
    ("hoe praat ik met een jongere", {"eerst": met_thema("Praten met jongeren")}),
    ("boze inwoner", {"eerst": {"Blijf rustig als iemand boos wordt"}}),
    ("inwoner is boos", {"eerst": {"Blijf rustig als iemand boos wordt"}}),
    (
        "wat doe ik met een boze klant aan de telefoon",
        {"bevat": {"Blijf rustig als iemand boos wordt"}, "een_van": True},
    ),
    # half words: the last word is also the start of a word
    ("samenw", {"bevat": van("Samenwerking in de wijk")}),
    ("mantelz", {"eerst": van("Mantelzorgers ondersteunen")}),
    # compounds the site does not use, made of words it does
    (
        "schuldhulpverlening",
        {"eerst": {"Ken de hulpverlening in de buurt"}, "ook": ["schuld", "hulpverlening"]},
    ),
    ("jongerencontact", {"eerst": {"Laat één vast gezicht het contact houden"}}),
    # singular and plural
    ("gezinnen", {"bevat": {"Werk met een tolk, niet met een kind", "Eén gezin, één plan"}}),
    ("brief", {"bevat": BRIEVEN | {"Gebruik de taal van de jongere"}}),
    ("statushouder", {"eerst": van("Statushouders op weg naar werk")}),
    # typed without accents
    ("client", {"eerst": {"Vraag ook naar de mantelzorger"}}),
    # OF, NIET, or, -, phrases in straight and curly quotes
    (
        "statushouders OF mantelzorgers",
        {"eerst": van("Statushouders op weg naar werk") | van("Mantelzorgers ondersteunen")},
    ),
    (
        "jongeren niet school",
        {
            "bevat": {"Gebruik de taal van de jongere"},
            "niet": {"Ga naar de plek waar jongeren zijn"},
        },
    ),
    ("jongeren -school", {"niet": {"Ga naar de plek waar jongeren zijn"}}),
    (
        "tolk or respijtzorg",
        {"eerst": {"Werk met een tolk, niet met een kind", "Let op tekenen van overbelasting"}},
    ),
    (
        '"veilig thuis"',
        {"eerst": {"Overleg met Veilig Thuis voordat je twijfelt"}, "niet": AGRESSIE},
    ),
    (
        "“veilig thuis”",
        {"eerst": {"Overleg met Veilig Thuis voordat je twijfelt"}, "niet": AGRESSIE},
    ),
]


@alleen_postgres
@pytest.mark.parametrize("vraag,verwacht", VRAGEN, ids=[v for v, _ in VRAGEN])
def test_a_question_finds_what_the_visitor_means(client, inhoud, vraag, verwacht):
    response = zoek(client, vraag)
    gevonden = titels(response)
    eerst = verwacht.get("eerst", set())
    assert set(gevonden[: len(eerst)]) == eerst, gevonden
    assert verwacht.get("bevat", set()) <= set(gevonden), gevonden
    assert not verwacht.get("niet", set()) & set(gevonden), gevonden
    zoekopdracht = response.context["filterset"].zoekopdracht
    assert zoekopdracht.een_van == verwacht.get("een_van", False)
    for woord in verwacht.get("ook", []):
        assert woord in zoekopdracht.ook_gezocht
    if "ook" in verwacht:
        assert "Ook gezocht op: " + ", ".join(f"‘{w}’" for w in verwacht["ook"]) in tekst(response)


@alleen_postgres
@pytest.mark.parametrize(
    "vraag,suggestie",
    [
        ("jongern", {"jongeren", "jongere"}),  # both find the same (one stem)
        ("samewerken", {"samenwerken"}),
        ("mantelzorgr", {"mantelzorger", "mantelzorgers", "mantelzorg"}),
    ],
)
def test_a_misspelled_word_gets_one_suggestion_that_finds_something(
    client, inhoud, vraag, suggestie
):
    response = zoek(client, vraag)
    assert titels(response) == []
    link = re.search(
        r'Bedoelde je <a class="nl-link" href="([^"]+)">([^<]+)</a>\?', tekst(response)
    )
    assert link and link[2] in suggestie
    adres = urlparse(link[1].replace("&amp;", "&"))
    assert parse_qs(adres.query)["q"] == [link[2]]
    assert titels(client.get(adres.path, parse_qs(adres.query)))


@alleen_postgres
def test_a_suggestion_replaces_only_the_misspelled_word_and_keeps_the_filters(client, inhoud):
    response = zoek(client, "praten jongern", doelgroep="uitvoerders")
    adres = response.context["filterset"].suggestie_adres
    gevraagd = parse_qs(adres)
    assert gevraagd["doelgroep"] == ["uitvoerders"]
    assert gevraagd["q"][0] in {"praten jongeren", "praten jongere"}


@alleen_postgres
def test_a_word_that_finds_something_gets_no_suggestion(client, inhoud):
    assert "Bedoelde je" not in tekst(zoek(client, "jongeren"))


@alleen_postgres
def test_singular_and_plural_find_the_same_adviezen(client, inhoud):
    # In quotes: else the last word is also the start of longer words (brieven: brievenbus).
    for enkel, meer in (("gezin", "gezinnen"), ("brief", "brieven"), ("kind", "kinderen")):
        assert set(titels(zoek(client, f'"{enkel}"'))) == set(titels(zoek(client, f'"{meer}"')))


@alleen_postgres
def test_words_close_together_rank_above_words_far_apart(client, inhoud):
    gevonden = titels(zoek(client, "samen werken"))
    assert gevonden.index("Eén gezin, één plan") < gevonden.index(
        "Houd het aantal hulpverleners klein"
    )


@alleen_postgres
def test_when_no_advies_has_every_word_the_page_says_it_shows_any(client, inhoud):
    response = zoek(client, "tolk respijtzorg")
    assert len(titels(response)) == 2
    assert "Geen advies bevat al deze woorden" in tekst(response)


@pytest.mark.parametrize(
    "vraag,melding",
    [
        ("de", "‘de’ is te algemeen om op te zoeken"),
        ("het en de", "‘het’, ‘en’ en ‘de’ zijn te algemeen om op te zoeken"),
        ("OF", "‘of’ is te algemeen om op te zoeken"),
    ],
)
def test_a_question_of_only_stop_words_says_so(client, inhoud, vraag, melding):
    response = zoek(client, vraag)
    assert h1(response) == melding
    assert "Geen adviezen" not in tekst(response)


def test_only_words_to_leave_out_find_nothing_and_say_why(client, inhoud):
    response = zoek(client, "-jongeren")
    assert titels(response) == []
    assert "alleen weglaten kan niet" in tekst(response)


@pytest.mark.parametrize(
    "vraag,gemarkeerd",
    [("e-mail", "e-mail"), ("collega's", "collega's"), ("jongeren", "jongeren")],
)
def test_highlighting_marks_whole_words_only(client, inhoud, vraag, gemarkeerd):
    html = tekst(zoek(client, vraag))
    marks = re.findall(r'<mark class="nl-mark">([^<]*)</mark>', html)
    assert marks and all(len(m) > 1 for m in marks), marks
    assert gemarkeerd in {m.lower().replace("&#x27;", "'") for m in marks}
    # never a piece of a longer word: what follows a mark is no letter, hyphen or apostrophe
    assert not re.search(r"</mark>[\w'’-]*\w", html)


# SQLite (make run): the same page, matching plain text.
OOK_OP_SQLITE = [
    ("agressie", {"eerst": AGRESSIE}),
    ("signaleren", {"bevat": met_thema("Signaleren")}),
    ("samenw", {"bevat": van("Samenwerking in de wijk")}),
    ("statushouders OF mantelzorgers", {"bevat": van("Mantelzorgers ondersteunen")}),
    ("jongeren NIET school", {"niet": {"Ga naar de plek waar jongeren zijn"}}),
]


@pytest.mark.parametrize("vraag,verwacht", OOK_OP_SQLITE, ids=[v for v, _ in OOK_OP_SQLITE])
def test_on_any_database_a_question_finds_the_obvious(client, inhoud, vraag, verwacht):
    gevonden = titels(zoek(client, vraag))
    eerst = verwacht.get("eerst", set())
    assert set(gevonden[: len(eerst)]) == eerst, gevonden
    assert verwacht.get("bevat", set()) <= set(gevonden), gevonden
    assert not verwacht.get("niet", set()) & set(gevonden), gevonden


def test_on_any_database_no_advies_with_every_word_shows_those_with_any(client, inhoud):
    response = zoek(client, "tolk respijtzorg")
    assert len(titels(response)) == 2
    assert "Geen advies bevat al deze woorden" in tekst(response)


VIJANDIG = [
    "\x00",
    "jong\x00eren",
    "a" * 10_000,
    "jongeren " * 1200,
    "🙂 jongeren 🙂",
    "👩‍👩‍👧",
    "\"'\\",
    "'; DROP TABLE werkateliers_advies; --",
    "1' OR '1'='1",
    "jongeren & | ! ( ) <-> :*",
    "!!! ||| &&&",
    "'jongeren':*",
    "%_%",
    "“",
    '"',
    "- - -",
    "OF NIET OF",
    "NIET",
    "niet jongeren of",
    "\\' \\\\ ''",
    "‮jongeren",
    "e\u0301e\u0301n",
    "x" * 100 + "y",
]


@pytest.mark.parametrize("vraag", VIJANDIG)
def test_hostile_input_never_gives_a_500(client, inhoud, vraag):
    assert client.get("/adviezen/", {"q": vraag}).status_code == 200
    assert client.get("/adviezen/afdrukken/", {"q": vraag}).status_code == 200


@alleen_postgres
def test_a_renamed_werkatelier_or_thema_is_found_by_its_new_name_at_once(client, inhoud):
    werkatelier = Werkatelier.objects.get(titel="Eenzaamheid onder ouderen")
    werkatelier.titel = "Alleen en vergeten"
    werkatelier.save()
    assert set(titels(zoek(client, "vergeten"))) == van("Eenzaamheid onder ouderen")
    Thema.objects.filter(naam="Schrijven").update(naam="Taalgebruik")
    assert set(titels(zoek(client, "taalgebruik"))) == met_thema("Schrijven")


@alleen_postgres
def test_a_thema_given_for_the_filters_finds_the_advies_too(client, inhoud, uitvoerders):
    werkatelier = WerkatelierFactory(titel="Zonder kopjes")
    advies = AdviesFactory(werkatelier=werkatelier, doelgroep=uitvoerders, titel="Bel eerst")
    # Words no text of the content has, nor any part of them.
    thema = Thema.objects.create(naam="Xylofoon", slug="xylofoon")
    assert titels(zoek(client, "xylofoon")) == []
    advies.ook_over.add(thema)
    assert titels(zoek(client, "xylofoon")) == ["Bel eerst"]
    thema.naam = "Ukelele"
    thema.save()
    assert titels(zoek(client, "ukelele")) == ["Bel eerst"]
    advies.ook_over.remove(thema)
    assert titels(zoek(client, "ukelele")) == []


@alleen_postgres
def test_a_concept_werkatelier_is_never_found_nor_suggested(client, inhoud, uitvoerders):
    concept = WerkatelierFactory(concept=True, titel="Geheime plannen")
    AdviesFactory(werkatelier=concept, doelgroep=uitvoerders, titel="Wijkwethouder spreekt")
    assert titels(zoek(client, "wijkwethouder")) == []
    assert "Bedoelde je" not in tekst(zoek(client, "wijkwethouders"))


def test_all_words_or_any_is_decided_by_the_list_or_else_asked_of_the_database(inhoud):
    # The list of adviezen decides it from its counts (filters.AdviesFilter.bereken); any
    # other use of a search (the feed, AdviesQuerySet.search) asks when it needs to know.
    basis = Advies.objects.published()
    beide = Zoekopdracht("jongeren netwerk", basis)  # no advies has both words
    assert beide.onbeslist
    assert beide.een_van and not beide.onbeslist
    assert basis.search("jongeren netwerk").exists()
    alle = Zoekopdracht("praten met jongeren", basis)
    assert not alle.een_van
    assert basis.search("praten met jongeren").count() == 2


def test_a_search_costs_a_fixed_number_of_queries_whatever_the_content(
    client, inhoud, uitvoerders, django_assert_num_queries, monkeypatch
):
    # The synonyms (on PostgreSQL with the vocabulary: one round trip); the filters' choices
    # counted with all the words and the page of results (one query) and, only when no
    # advies has them all, the same again with any of them; the words on the page to mark
    # (PostgreSQL). A search without results marks nothing. A word the vocabulary does not
    # know costs one query more on PostgreSQL (its suggestion), and one to ask at once
    # whether it finds anything and whether all or any of the words do. Counting the search
    # for staff is zoekhulp's, pinned in its tests.
    monkeypatch.setattr("werkateliers.views.zoekopdrachten.tel", lambda *args: None)
    een, een_van, zonder = (3, 4, 3) if POSTGRES else (2, 3, 2)
    onbekend = 1 if POSTGRES else 0
    vragen = {
        "jongeren": een,
        "praten met jongeren": een,  # an advies has all the words: counted once
        "jongeren netwerk": een_van,  # none has both: counted again with either
        "statushouders OF mantelzorgers": een,
        # a compound is split on PostgreSQL only
        "schuldhulpverlening": een_van + onbekend if POSTGRES else zonder,
        "jongern": zonder + onbekend,
    }
    for vraag, aantal in vragen.items():
        with django_assert_num_queries(aantal):
            zoek(client, vraag)
    for i in range(60):
        AdviesFactory(doelgroep=uitvoerders, titel=f"Jongeren en schulden {i}")
    for vraag, aantal in vragen.items():
        with django_assert_num_queries(aantal):
            zoek(client, vraag)


def test_a_search_is_counted_for_staff_once_with_its_number_of_results(client, inhoud):
    from zoekhulp.models import Zoekopdracht

    zoek(client, "Agressie")
    zoek(client, "agressie", page="1")
    zoek(client, "jongern")
    zoek(client, "jongeren", page="2")  # a later page is the same search
    assert {(z.zoekvraag, z.aantal, z.resultaten) for z in Zoekopdracht.objects.all()} == {
        ("agressie", 2, 4),
        ("jongern", 1, 0),
    }


@pytest.mark.parametrize(
    "groep,vraag,verwacht",
    [
        ("vluchteling, statushouder", "vluchteling", van("Statushouders op weg naar werk")),
        ("geldzorgen, schulden, schuldhulp", "schuldhulp", van("Schulden vroeg in beeld")),
        ("mail, e-mail, email", "email", {"Schrijf een e-mail zoals je praat"}),
        # a phrase in quotes is one term, and so looks up its group
        (
            "eenzaamheid, alleen en vergeten",
            '"alleen en vergeten"',
            van("Eenzaamheid onder ouderen"),
        ),
        # the whole question as a phrase of a group, typed without quotes
        (
            "eenzaamheid, alleen en vergeten",
            "Alleen en vergeten",
            van("Eenzaamheid onder ouderen"),
        ),
    ],
)
def test_synonyms_staff_keep_find_the_other_words_and_the_page_says_so(
    client, inhoud, groep, vraag, verwacht
):
    from zoekhulp.models import Synoniemgroep

    Synoniemgroep.objects.create(woorden=groep)
    response = zoek(client, vraag)
    assert verwacht <= set(titels(response)), titels(response)
    assert "Ook gezocht op: " in tekst(response)


# How a question is read, and the forms of a word: no database.
@pytest.mark.parametrize(
    "vraag,gelezen",
    [
        ("hoe praat ik met een jongere", ["praat", "jongere"]),
        ("jongeren OF ouderen -agressie", ["jongeren", "|ouderen", "-agressie"]),
        ("jongeren or ouderen niet agressie", ["jongeren", "|ouderen", "-agressie"]),
        ("NIET “huiselijk geweld” schulden", ["-huiselijk geweld", "schulden"]),
        ("„aan de balie” collega’s e-mail", ["aan de balie", "collega's", "e-mail"]),
        ('"onaf', ["onaf"]),
        ("jongeren OF", ["jongeren"]),
        ("OF NIET", []),
    ],
)
def test_a_question_is_read_as_people_type_it(vraag, gelezen):
    termen = lees(vraag).termen
    assert [("-" if t.niet else "") + ("|" if t.of else "") + t.tekst for t in termen] == gelezen


@pytest.mark.parametrize(
    "woord,andere",
    [
        ("gezin", "gezinnen"),
        ("gezinnen", "gezin"),
        ("brief", "brieven"),
        ("brieven", "brief"),
        ("kind", "kinderen"),
        ("les", "lessen"),
        ("boom", "bomen"),
        ("huis", "huizen"),
        ("jongeren", "jongere"),
        ("collega's", "collega"),
        # an adjective with and without -e, by the same spelling rules
        ("boos", "boze"),
        ("boze", "boos"),
        ("dikke", "dik"),
    ],
)
def test_singular_and_plural_are_each_others_forms(woord, andere):
    assert andere in woordvormen.vormen(woord)


@pytest.mark.parametrize(
    "woord,delen",
    [
        ("schuldhulpverlening", ["schuld", "hulpverlening"]),
        ("jongerenwerker", ["jongeren", "werker"]),
        ("arbeidsmarkt", ["arbeid", "markt"]),
        ("jongern", None),
        ("samenwerking", None),  # "werking" is no word of this site
    ],
)
def test_a_compound_is_split_into_words_the_site_knows(woord, delen):
    bekend = {"schulden", "hulpverlening", "jongeren", "werker", "arbeid", "markt", "samen"}
    assert woordvormen.splits(woord, bekend) == delen


def test_each_page_of_search_results_follows_the_order_of_the_whole_list(client, uitvoerders):
    # The page is picked out by the same query as the filters' counts (filters.tel_keuzes);
    # pages 1 to 3 together are the list in its own order, ties included.
    from django.http import QueryDict

    from werkateliers.filters import AdviesFilter

    werkateliers = WerkatelierFactory.create_batch(3)
    for i in range(45):
        titel = f"Samen werken {i}" if i % 3 else f"Werken aan een plan {i}"
        AdviesFactory(doelgroep=uitvoerders, titel=titel, werkatelier=werkateliers[i % 3])
    # Each with its number on its werkatelier's page, as with_nummer counts it.
    verwacht = [(a.pk, a.nummer) for a in AdviesFilter(QueryDict("q=werken")).resultaten()]
    assert len(verwacht) == 45
    assert {nummer for _, nummer in verwacht} != {1}
    gezien = []
    for page in (1, 2, 3):
        pagina = zoek(client, "werken", page=str(page)).context["pagina"]
        gezien += [(advies.pk, advies.nummer) for advies in pagina.object_list]
    assert gezien == verwacht
    # A page beyond the last shows the last one, searched for anew: the same.
    pagina = zoek(client, "werken", page="99").context["pagina"]
    assert [(a.pk, a.nummer) for a in pagina.object_list] == verwacht[40:]
