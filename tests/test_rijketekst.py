"""Rich text: what may be in it, what never reaches a page, and its plain-text view."""

import html
import re

import pytest
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import AdviesFactory, WerkatelierFactory
from tests.word import Verslag
from werkateliers.importer import lees_bestand, lees_verslag, sla_op
from werkateliers.models import Advies
from werkateliers.rijketekst import platte_tekst, schoon, van_platte_tekst

AANVALLEN = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    '<p onclick="alert(1)" onmouseover="alert(2)">klik</p>',
    '<a href="javascript:alert(1)">link</a>',
    '<a href=" JaVaScRiPt:alert(1)">link</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<p style="background:url(javascript:alert(1))">stijl</p>',
    "<style>body{display:none}</style>",
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<iframe src="https://example.org"></iframe>',
    '<form action="https://example.org"><input name="x"></form>',
    "<p>a</p><!-- opmerking --><p>b</p>",
]
VERBODEN = ["<script", "onerror", "onclick", "onmouseover", "onload", "javascript:", "data:text",
            ' style="', "<style", "<iframe", "<svg", "<form action=\"https://example.org", "<!--"]  # fmt: skip


def test_the_allow_list_keeps_paragraphs_bold_italic_links_and_lists():
    invoer = (
        '<p>Een <strong>vet</strong> en <em>schuin</em> woord, <a href="https://aeno.nl/">een '
        'link</a> en <a href="mailto:secretariaat@aeno.nl">mail</a>.</p>'
        "<ul><li>een</li></ul><ol><li>twee</li></ol>"
    )
    assert schoon(invoer) == invoer.replace('">', '" rel="noopener noreferrer">')


@pytest.mark.parametrize(
    ("invoer", "uit"),
    [
        ('<ol type="a"><li>een</li></ol>', '<ol type="a"><li>een</li></ol>'),
        ('<ol type="I"> <li>een</li> </ol>', '<ol type="I"><li>een</li></ol>'),
        # The editor writes type="1" on every numbered list: the default, so it goes, and an
        # untouched text stays the same.
        ('<ol type="1" data-type="decimal"><li>een</li></ol>', "<ol><li>een</li></ol>"),
        ('<ol type="disc" start="3"><li>een</li></ol>', "<ol><li>een</li></ol>"),
        ('<ul type="a"><li>een</li></ul>', "<ul><li>een</li></ul>"),
    ],
)
def test_a_numbered_list_may_count_with_letters_or_roman_numerals(invoer, uit):
    assert schoon(invoer) == uit


@pytest.mark.parametrize("aanval", AANVALLEN)
def test_nothing_dangerous_survives_sanitising(aanval):
    schoongemaakt = schoon(aanval).lower()
    for verboden in VERBODEN:
        assert verboden.lower() not in schoongemaakt


def test_a_link_to_a_relative_or_unknown_address_keeps_its_words_but_not_the_link():
    assert schoon('<p><a href="/beheer/">hier</a> en <a href="ftp://x">daar</a></p>') == (
        "<p>hier en daar</p>"
    )


@given(st.text())
def test_sanitising_is_idempotent(tekst):
    assert schoon(schoon(tekst)) == schoon(tekst)


@given(st.lists(st.text(st.characters(exclude_categories=["Cs"]), min_size=1), max_size=5))
def test_plain_text_becomes_paragraphs_without_losing_a_character(alineas):
    alineas = [a.strip() for a in alineas if a.strip() and "\n" not in a and "\r" not in a]
    omgezet = van_platte_tekst("\n\n".join(alineas))
    delen = [
        html.unescape(p) for p in omgezet.removeprefix("<p>").removesuffix("</p>").split("</p><p>")
    ]
    assert delen == (alineas or [""])


def test_plain_text_view_has_no_markup_and_decodes_entities():
    assert platte_tekst("<p>Jij &amp; ik</p><ul><li>een <em>twee</em></li></ul>") == (
        "Jij & ik\n\neen twee"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("aanval", AANVALLEN)
def test_staff_input_never_brings_script_to_any_public_page(client, uitvoerders, aanval):
    werkatelier = WerkatelierFactory(intro=f"<p>Inleiding</p>{aanval}", beschrijving="")
    AdviesFactory(werkatelier=werkatelier, doelgroep=uitvoerders, tekst=f"<p>Tekst</p>{aanval}")
    advies = werkatelier.adviezen.get()
    for url in [
        werkatelier.get_absolute_url(),
        advies.get_absolute_url(),
        "/adviezen/",
        "/adviezen/?q=tekst",
        "/adviezen/afdrukken/",
        "/feed/",
        "/",
    ]:
        pagina = client.get(url).content.decode().lower()
        # Our own scripts come from files; nothing else may be a script.
        pagina = re.sub(r'<script src="/static/[^"]+" defer></script>', "", pagina)
        for verboden in ("<script", "onerror", "onclick", "onload", "javascript:", "data:text",
                         "<iframe", "<svg on"):  # fmt: skip
            assert verboden not in pagina, (url, verboden)
        assert ' style="' not in pagina, url


@pytest.mark.django_db
def test_a_javascript_link_in_a_word_file_does_not_become_a_link(uitvoerders, leidinggevenden):
    word = Verslag()
    word.kop("Eén advies voor uitvoerders", 1)
    word.alinea("1. Luister – echt")
    word.alinea("Klik ", ("link", "hier", "javascript:alert(1)"), ".")
    word.kop("Eén advies voor leidinggevenden en bestuurders", 1)
    word.alinea("1. Geef ruimte – en vertrouwen")
    word.alinea("Tekst.")
    werkatelier = sla_op(lees_verslag(lees_bestand("x.docx", word.bytes())), titel="Links")
    assert werkatelier.adviezen.get(positie=1, doelgroep=uitvoerders).tekst == "<p>Klik hier.</p>"


@pytest.mark.django_db
def test_saving_keeps_the_plain_text_that_search_and_excerpts_read(uitvoerders):
    advies = AdviesFactory(doelgroep=uitvoerders, tekst="<p>Wees <strong>duidelijk</strong>.</p>")
    assert advies.tekst_plat == "Wees duidelijk."
    advies.tekst = "<p>Anders &amp; beter</p>"
    advies.save(update_fields=["tekst"])
    advies.refresh_from_db()
    assert advies.tekst_plat == "Anders & beter"


@pytest.mark.django_db
def test_search_finds_words_never_markup(client, uitvoerders):
    AdviesFactory(
        doelgroep=uitvoerders, titel="Luister – echt", tekst="<p><strong>Vet</strong> gedrukt</p>"
    )
    assert "Geen adviezen met ‘strong’" in client.get("/adviezen/?q=strong").content.decode()
    html_ = client.get("/adviezen/?q=gedrukt").content.decode()
    assert "Luister – echt" in html_
    assert "&lt;strong&gt;" not in html_


@pytest.mark.django_db
def test_postgres_search_vector_is_built_from_the_plain_text(uitvoerders):
    if connection.vendor != "postgresql":
        pytest.skip("alleen op PostgreSQL")
    advies = AdviesFactory(
        doelgroep=uitvoerders, tekst='<p><a href="https://aeno.nl/">Site</a></p>'
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT zoekvector::text FROM werkateliers_advies WHERE id = %s", [advies.pk]
        )
        vector = cursor.fetchone()[0]
    assert "href" not in vector and "noopen" not in vector and "aeno" not in vector
    assert Advies.objects.search("site").filter(pk=advies.pk).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_turns_plain_text_into_paragraphs_and_back():
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("werkateliers", "0006_zoekvector")])
    apps = executor.loader.project_state([("werkateliers", "0006_zoekvector")]).apps
    Doelgroep = apps.get_model("werkateliers", "Doelgroep")
    Werkatelier = apps.get_model("werkateliers", "Werkatelier")
    Advies_ = apps.get_model("werkateliers", "Advies")
    tekst = "Eerste & <tweede> ‘alinea’.\nMet een regel.\r\n\r\nTweede alinea."
    werkatelier = Werkatelier.objects.create(
        titel="Oud", slug="oud", intro="Intro & zo\n\nNog iets"
    )
    Advies_.objects.create(
        werkatelier=werkatelier,
        doelgroep=Doelgroep.objects.get(slug="uitvoerders"),
        titel="Oud – advies",
        tekst=tekst,
        positie=1,
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    advies = Advies.objects.get(titel="Oud – advies")
    assert advies.tekst == (
        "<p>Eerste &amp; &lt;tweede&gt; ‘alinea’.\nMet een regel.</p><p>Tweede alinea.</p>"
    )
    assert advies.tekst_plat == "Eerste & <tweede> ‘alinea’. Met een regel.\n\nTweede alinea."
    assert advies.werkatelier.intro == "<p>Intro &amp; zo</p><p>Nog iets</p>"


@pytest.mark.parametrize(
    "getypt, adres",
    [
        ("www.taalhuizen.nl", "https://www.taalhuizen.nl"),
        ("aeno.nl/contact?over=werkateliers", "https://aeno.nl/contact?over=werkateliers"),
        ("secretariaat@aeno.nl", "mailto:secretariaat@aeno.nl"),
        (" https://aeno.nl/ ", "https://aeno.nl/"),
        ("mailto:secretariaat@aeno.nl", "mailto:secretariaat@aeno.nl"),
    ],
)
def test_a_link_typed_without_a_scheme_goes_where_staff_meant(getypt, adres):
    assert schoon(f'<p><a href="{getypt}">Taalhuis</a></p>') == (
        f'<p><a href="{adres}" rel="noopener noreferrer">Taalhuis</a></p>'
    )


@pytest.mark.parametrize(
    "getypt", ["javascript:alert(1)", "tel:0707630030", "ftp://aeno.nl", "https://", "hier", ""]
)
def test_a_link_without_a_valid_address_is_unwrapped_even_with_a_title(getypt):
    invoer = f'<p>Zie <a href="{getypt}" title="" lang="nl">het taalhuis</a>.</p>'
    assert schoon(invoer) == "<p>Zie het taalhuis.</p>"
    assert schoon('<p>Zie <a title="x">dit</a>.</p>') == "<p>Zie dit.</p>"


def test_no_attribute_but_a_link_s_address_survives():
    invoer = '<p lang="en" title="x" class="y" id="z">a <a href="https://x.nl" title="t">b</a></p>'
    assert schoon(invoer) == '<p>a <a href="https://x.nl" rel="noopener noreferrer">b</a></p>'


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_repairs_links_stored_before_the_rules_were_right(uitvoerders):
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("werkateliers", "0013_zonder_zoekindex_en_inhoudsversie")])
    apps = executor.loader.project_state(
        [("werkateliers", "0013_zonder_zoekindex_en_inhoudsversie")]
    ).apps
    Werkatelier = apps.get_model("werkateliers", "Werkatelier")
    Advies_ = apps.get_model("werkateliers", "Advies")
    werkatelier = Werkatelier.objects.create(
        titel="Oud", slug="oud", intro='<p><a rel="noopener noreferrer" title="">dood</a></p>'
    )
    Advies_.objects.create(
        werkatelier=werkatelier,
        doelgroep_id=uitvoerders.pk,
        titel="Oud – advies",
        tekst='<p><a href="www.taalhuizen.nl" rel="noopener noreferrer">taalhuis</a></p>',
        positie=1,
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    advies = Advies.objects.get(titel="Oud – advies")
    assert advies.tekst == (
        '<p><a href="https://www.taalhuizen.nl" rel="noopener noreferrer">taalhuis</a></p>'
    )
    assert advies.werkatelier.intro == "<p>dood</p>"
