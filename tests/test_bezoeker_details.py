"""The details a visitor notices: who publishes the site, search in every header, one
breadcrumb, the web manifest, the honeypot and the contact form's addresses."""

import json
import re

import pytest

from tests.conftest import als_formulier

pytestmark = pytest.mark.django_db

OPENBAAR = [
    "/",
    "/adviezen/",
    "/adviezen/?q=inwoner",
    "/werkateliers/",
    "/werkateliers/integraal-werken/",
    "/contact/",
    "/contact/verzonden/",
    "/privacy/",
    "/toegankelijkheid/",
]


def kop_van(html):
    return html.split('<header class="utrecht-page-header">')[1].split("</header>")[0]


@pytest.mark.parametrize("pad", OPENBAAR)
def test_every_header_names_and_links_the_fund_and_has_a_search_field(client, seeds, pad):
    kop = kop_van(client.get(pad).content.decode())
    assert (
        'Een website van het <a class="nl-link" href="https://www.aeno.nl/">A&amp;O fonds '
        "Gemeenten</a>"
    ) in kop
    assert re.search(
        r'<form class="kopzoeken" id="kopzoeken" method="get" action="/adviezen/" role="search"',
        kop,
    )
    assert re.search(r'<input [^>]*type="search" name="q" id="kop-q"', kop)
    assert '<a class="nl-button nl-button--secondary kop__zoekknop" href="#kopzoeken"' in kop


def test_the_404_page_has_the_header_s_search_too(client, db):
    antwoord = client.get("/bestaat-niet/")
    assert antwoord.status_code == 404
    assert 'id="kop-q"' in kop_van(antwoord.content.decode())


def test_the_home_page_asks_what_the_visitor_looks_for(client, seeds):
    html = client.get("/").content.decode()
    assert re.search(
        r'<form class="zoekbalk" method="get" action="/adviezen/" role="search"'
        r' aria-label="Zoeken in alle adviezen">\s*'
        r'<label class="utrecht-form-label zoekbalk__label" for="home-q">Waar zoek je een advies'
        r" over\?</label>",
        html,
    )


def test_on_the_list_the_search_field_stands_apart_from_the_filters_yet_sends_them(client, seeds):
    html = client.get("/adviezen/?q=inwoner&doelgroep=uitvoerders").content.decode()
    zoekbalk = html.split('class="zoekbalk zoeken__zoekbalk"')[1].split('class="filteren"')[0]
    assert re.search(
        r'<input [^>]*name="q" id="id_q" maxlength="100" value="inwoner"'
        r' form="filterformulier">',
        zoekbalk,
    )
    assert '<button type="submit" class="nl-button nl-button--primary"' in zoekbalk
    assert 'form="filterformulier">Zoeken</button>' in zoekbalk
    filters = html.split('id="filterformulier"')[1].split("</form>")[0]
    assert 'name="q"' not in filters
    assert '<a class="nl-skip-link nl-skip-link--visible-on-focus" href="#resultatenlijst">' in html
    assert '<section class="zoeken__resultaten" id="resultatenlijst" tabindex="-1"' in html


def test_the_werkatelier_and_advies_pages_share_one_breadcrumb(client, seeds):
    werkatelier = seeds["integraal-werken"]
    advies = werkatelier.adviezen.order_by("doelgroep__volgorde", "positie").first()

    def stappen(pad):
        html = client.get(pad).content.decode()
        nav = html.split('aria-label="Kruimelpad"')[1].split("</nav>")[0]
        return re.findall(r'<(?:a|span) class="utrecht-breadcrumb-nav__link[^>]*>([^<]*)<', nav)

    assert stappen(werkatelier.get_absolute_url()) == ["Start", "Werkateliers", "Integraal werken"]
    assert stappen(advies.get_absolute_url()) == [
        "Start",
        "Werkateliers",
        "Integraal werken",
        "Advies 1 voor uitvoerders",
    ]


def test_the_web_manifest_is_allowed_by_the_policy_and_served_as_a_manifest(client, db):
    antwoord = client.get("/site.webmanifest")
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/manifest+json"
    manifest = json.loads(b"".join(antwoord.streaming_content))
    assert manifest["lang"] == "nl" and manifest["start_url"] == "/"
    beleid = client.get("/")["Content-Security-Policy"]
    assert "manifest-src 'self'" in beleid.split("; ")


def test_the_honeypot_is_hidden_from_screen_readers_and_from_tab(client, db):
    html = client.get("/contact/").content.decode()
    honing = html.split('<div class="honing" aria-hidden="true">')[1].split("</form>")[0]
    assert re.search(r'<input [^>]*name="website"[^>]*tabindex="-1"', honing)


def test_the_form_posts_to_its_own_address_so_the_thank_you_page_has_no_fragment(client, db):
    html = client.get("/contact/").content.decode()
    assert '<form method="post" novalidate class="utrecht-form">' in html
    assert "#fouten" not in html
    # With errors, the summary takes the focus by itself, without a fragment or a script.
    fout = als_formulier(client, "/contact/", {"email": "", "vraag": ""}).content.decode()
    assert 'id="fouten" tabindex="-1" autofocus role="alert"' in fout
    goed = als_formulier(client, "/contact/", {"email": "a@b.nl", "vraag": "Een vraag"})
    assert goed.status_code == 302 and goed["Location"] == "/contact/verzonden/"


def test_filteren_counts_the_filters_chosen_not_the_search(client, seeds):
    html = client.get("/adviezen/?q=inwoner&doelgroep=uitvoerders").content.decode()
    assert 'Filteren <span class="filteren__gekozen">(1 gekozen)</span>' in html
    zonder = client.get("/adviezen/?q=inwoner").content.decode()
    assert "gekozen)" not in zonder


def test_clearing_the_filters_keeps_the_search(client, seeds):
    html = client.get("/adviezen/?q=inwoner samen&doelgroep=uitvoerders").content.decode()
    assert (
        '<a class="nl-link" href="/adviezen/?q=inwoner%20samen#resultaten">Filters wissen</a>'
        in html
    )
    assert "Filters wissen" not in client.get("/adviezen/?q=inwoner").content.decode()
    assert (
        'href="/adviezen/#resultaten">Filters wissen'
        in client.get("/adviezen/?thema=praten-met-inwoners").content.decode()
    )
