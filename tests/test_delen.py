"""Sharing shares what the visitor sees: a filtered list or a search keeps its choices in
og:url (and in the address to copy), and every page has a 1200 × 630 picture with a text
alternative, a werkatelier's own one drawn in the site's font."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from PIL import Image

from werkateliers import deelkaart

pytestmark = pytest.mark.django_db


def meta(html, eigenschap):
    gevonden = re.search(rf'<meta property="{eigenschap}" content="([^"]*)">', html)
    return gevonden and gevonden.group(1)


def test_a_filtered_list_is_shared_with_its_choices_and_keeps_its_canonical(client, seeds):
    html = client.get(
        "/adviezen/?q=inwoner&thema=praten-met-inwoners&doelgroep=uitvoerders&onzin=1"
    ).content.decode()
    assert "Geen adviezen" not in html
    # The choices in a fixed order, unknown parameters left out.
    adres = (
        "http://testserver/adviezen/?doelgroep=uitvoerders&amp;thema=praten-met-inwoners"
        "&amp;q=inwoner"
    )
    assert meta(html, "og:url") == adres
    assert '<link rel="canonical" href="http://testserver/adviezen/">' in html
    # The field to copy from holds the same address.
    assert f'id="lijstadres" type="text" readonly value="{adres}"' in html


def test_the_page_of_a_list_is_part_of_what_is_shared(client, uitvoerders):
    from tests.factories import AdviesFactory

    AdviesFactory.create_batch(25, doelgroep=uitvoerders)
    html = client.get("/adviezen/?page=2").content.decode()
    assert meta(html, "og:url") == "http://testserver/adviezen/?page=2"


def test_og_url_uses_the_site_s_address_never_the_request_s_host(client, settings, seeds):
    settings.SITE_URL = "https://praktijkadviezen.aeno.nl"
    settings.ALLOWED_HOSTS = ["*"]
    html = client.get("/adviezen/?q=netwerk", HTTP_HOST="evil.example").content.decode()
    assert meta(html, "og:url") == "https://praktijkadviezen.aeno.nl/adviezen/?q=netwerk"
    assert "evil.example" not in html


def test_an_advies_is_shared_by_its_own_address_whatever_search_led_there(client, seeds):
    advies = seeds["integraal-werken"].adviezen.first()
    html = client.get(advies.get_absolute_url() + "?q=inwoner").content.decode()
    assert meta(html, "og:url") == f"http://testserver{advies.get_absolute_url()}"


def test_a_werkatelier_page_shows_its_own_card_with_a_text_alternative(client, seeds):
    werkatelier = seeds["integraal-werken"]
    html = client.get(werkatelier.get_absolute_url()).content.decode()
    afbeelding = meta(html, "og:image")
    assert re.fullmatch(
        r"http://testserver/werkateliers/integraal-werken/deelkaart\.png\?v=[0-9a-f]{10}",
        afbeelding,
    )
    assert meta(html, "og:image:width") == "1200"
    assert meta(html, "og:image:height") == "630"
    assert meta(html, "og:image:alt") == escape(
        "Praktijkadviezen uit het werkatelier: Integraal werken. Vier adviezen voor "
        "uitvoerders en drie voor leidinggevenden en bestuurders."
    )
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_other_pages_show_the_site_s_card_never_the_square_icon(client, seeds):
    for pad in ["/", "/adviezen/", "/werkateliers/", "/contact/", "/privacy/"]:
        html = client.get(pad).content.decode()
        assert meta(html, "og:image") == "http://testserver/deelkaart.png", pad
        assert meta(html, "og:image:alt") == escape(deelkaart.voor_site().alt), pad


def test_the_card_is_a_1200_by_630_png_drawn_once_per_content_version(
    client, settings, seeds, django_assert_num_queries
):
    settings.PAGINACACHE_SECONDEN = 600
    werkatelier = seeds["integraal-werken"]
    pad = f"/werkateliers/{werkatelier.slug}/deelkaart.png"
    with CaptureQueriesContext(connection) as eerste:
        antwoord = client.get(pad + "?v=123")
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(antwoord.content)).size == (1200, 630)
    assert "public" in antwoord["Cache-Control"] and antwoord["ETag"]
    # The content version, the werkatelier and its counts: a fixed number of queries.
    assert len(eerste) == 3, [q["sql"] for q in eerste]
    # The second time it comes from the page cache: drawn once for this version.
    with django_assert_num_queries(1):  # the content version
        tweede = client.get(pad)
    assert tweede.content == antwoord.content
    assert tweede["X-Paginacache"] == "hit"
    assert client.get(pad, HTTP_IF_NONE_MATCH=antwoord["ETag"]).status_code == 304


def test_a_changed_title_gives_a_new_card_at_a_new_address(client, seeds):
    werkatelier = seeds["integraal-werken"]
    voor = meta(client.get(werkatelier.get_absolute_url()).content.decode(), "og:image")
    beeld_voor = client.get(voor.removeprefix("http://testserver")).content
    werkatelier.titel = "Integraal werken in de wijk"
    werkatelier.save()
    na = meta(client.get(werkatelier.get_absolute_url()).content.decode(), "og:image")
    assert na != voor
    assert client.get(na.removeprefix("http://testserver")).content != beeld_voor


def test_a_hidden_or_unknown_werkatelier_has_no_card(client, uitvoerders):
    from tests.factories import WerkatelierFactory

    concept = WerkatelierFactory(concept=True)
    assert client.get(f"/werkateliers/{concept.slug}/deelkaart.png").status_code == 404
    assert client.get("/werkateliers/bestaat-niet/deelkaart.png").status_code == 404


def test_the_site_s_card_is_a_png_of_the_right_size(client, db):
    antwoord = client.get("/deelkaart.png")
    assert antwoord.status_code == 200
    assert Image.open(io.BytesIO(antwoord.content)).size == (1200, 630)


def test_a_long_title_fits_on_the_card_in_at_most_three_lines():
    lang = "Agressie en veiligheid aan de balie " * 6
    letter, grootte, regels = deelkaart._titelregels(lang.strip(), 1200 - 2 * deelkaart.MARGE)
    assert len(regels) == 3 and regels[-1].endswith("…")
    assert all(letter.getlength(r) <= 1200 - 2 * deelkaart.MARGE for r in regels)
    kort = deelkaart._titelregels("Integraal werken", 1056)
    assert kort[1] == 76 and kort[2] == ["Integraal werken"]


def test_the_card_is_drawn_in_the_site_s_own_font_in_bold_and_regular():
    # The vendored Source Sans 3, the same file the pages load, at the weights asked for.
    assert deelkaart.LETTER.name == "source-sans-3-latin-wght-normal.woff2"
    vet, gewoon = deelkaart._letter(40, 700), deelkaart._letter(40, 400)
    assert vet.getname()[0].startswith("Source Sans 3")
    assert vet.getlength("Praktijkadviezen") > gewoon.getlength("Praktijkadviezen") * 1.03
