"""The visitor's journey on the server side: a page for every advies, facets that never lead
nowhere, cards that say something, print versions, and one Dutch throughout."""

import re

import pytest
from django.utils.html import escape

from tests.conftest import als_formulier, hele_sitemap
from tests.factories import AdviesFactory, ThemaFactory, WerkatelierFactory
from werkateliers.models import Advies

pytestmark = pytest.mark.django_db


def pagina(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response.content.decode()


def kop(html):
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


# A page for every advies ----------------------------------------------------------------


def test_an_advies_page_has_its_title_as_only_h1_and_says_where_it_belongs(client, seeds):
    advies = seeds["integraal-werken"].adviezen.get(titel__startswith="Ga uit van")
    html = pagina(client, advies.get_absolute_url())
    assert html.count("<h1") == 1
    assert kop(html) == escape(advies.titel)
    assert "Advies 2 van 4 voor uitvoerders" in html
    assert '<li class="label">Voor uitvoerders</li>' in html
    assert ">Praten met inwoners</a>" in html
    assert f'<a href="{advies.werkatelier.get_absolute_url()}">Integraal werken</a>' in html
    assert advies.tekst in html


def test_an_advies_page_has_its_own_title_description_canonical_and_open_graph(client, seeds):
    advies = seeds["integraal-werken"].adviezen.get(titel__startswith="Ga uit van")
    html = pagina(client, advies.get_absolute_url() + "?doelgroep=uitvoerders")
    assert (
        f"<title>{escape(advies.titel)} – Integraal werken | A&amp;O fonds Gemeenten</title>"
        in html
    )
    beschrijving = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    assert beschrijving.startswith("De inwoner en zijn welbevinden staan centraal.")
    assert "<" not in beschrijving
    url = f"http://testserver{advies.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert f'<meta property="og:title" content="{escape(advies.titel)}">' in html


def test_an_advies_page_leads_to_the_previous_and_next_advies_of_its_werkatelier(client, seeds):
    werkatelier = seeds["integraal-werken"]
    reeks = list(werkatelier.adviezen.order_by("doelgroep__volgorde", "positie"))
    html = pagina(client, reeks[3].get_absolute_url())
    assert f'<a href="{reeks[2].get_absolute_url()}" rel="prev">' in html
    assert f'<a href="{reeks[4].get_absolute_url()}" rel="next">' in html
    # Across the doelgroep boundary, the number says for whom.
    assert "Volgend advies: advies 1 voor leidinggevenden en bestuurders" in html
    eerste = pagina(client, reeks[0].get_absolute_url())
    assert 'rel="prev"' not in eerste


def test_the_way_back_keeps_the_filters_and_the_page(client, seeds):
    advies = seeds["integraal-werken"].adviezen.get(titel__startswith="Ga uit van")
    html = pagina(client, advies.get_absolute_url() + "?doelgroep=uitvoerders&q=plan&page=2")
    assert (
        f'<a class="nl-link" href="/adviezen/?doelgroep=uitvoerders&amp;q=plan&amp;page=2'
        f'#resultaat-{advies.pk}">← Terug naar de resultaten</a>'
    ) in html
    # Without a search to go back to, there is no such link.
    assert "Terug naar de resultaten" not in pagina(client, advies.get_absolute_url())


def test_an_advies_can_be_shared_by_link_or_mail_without_third_party_scripts(client, seeds):
    advies = seeds["integraal-werken"].adviezen.first()
    html = pagina(client, advies.get_absolute_url())
    assert f'value="http://testserver{advies.get_absolute_url()}"' in html
    assert 'href="mailto:?subject=' in html
    assert re.findall(r'<script src="([^"]+)"', html) == ["/static/js/site.js"]


def test_an_outdated_title_in_the_address_redirects_to_the_current_one(client, seeds):
    advies = seeds["integraal-werken"].adviezen.first()
    response = client.get(f"/adviezen/{advies.pk}/een-oude-titel/?doelgroep=uitvoerders")
    assert response.status_code == 301
    assert response["Location"] == advies.get_absolute_url()
    assert client.get(f"/adviezen/{advies.pk}/")["Location"] == advies.get_absolute_url()


@pytest.mark.parametrize("trait", ["concept", "gepland"])
def test_an_advies_of_a_hidden_werkatelier_has_no_page(client, uitvoerders, trait):
    advies = AdviesFactory(doelgroep=uitvoerders, werkatelier=WerkatelierFactory(**{trait: True}))
    assert client.get(advies.get_absolute_url()).status_code == 404
    assert client.get(f"/adviezen/{advies.pk}/").status_code == 404
    assert client.get("/adviezen/999999/iets/").status_code == 404


def test_every_list_links_to_the_advies_pages(client, seeds):
    advies = seeds["integraal-werken"].adviezen.get(titel__startswith="Ga uit van")
    for url in ("/adviezen/", "/adviezen/?q=behoefte", "/adviezen/afdrukken/"):
        assert advies.get_absolute_url() in pagina(client, url), url
    assert advies.get_absolute_url() in pagina(client, advies.werkatelier.get_absolute_url())
    assert f"http://testserver{advies.get_absolute_url()}" in pagina(client, "/feed/")
    assert f"<loc>http://testserver{advies.get_absolute_url()}</loc>" in hele_sitemap(client)


def test_the_werkatelier_page_keeps_an_anchor_for_every_advies(client, seeds):
    werkatelier = seeds["werken-met-jongeren"]
    html = pagina(client, werkatelier.get_absolute_url())
    for advies in werkatelier.adviezen.all():
        assert f'id="advies-{advies.pk}"' in html


# Facets that never lead nowhere ----------------------------------------------------------


@pytest.fixture
def twee_doelgroepen(uitvoerders, leidinggevenden):
    thema = ThemaFactory(naam="Met collega’s", slug="met-collegas")
    werkatelier = WerkatelierFactory(titel="Samen", slug="samen")
    AdviesFactory.create_batch(3, werkatelier=werkatelier, doelgroep=uitvoerders, thema=thema)
    AdviesFactory.create_batch(2, werkatelier=werkatelier, doelgroep=leidinggevenden)
    return thema


def test_every_choice_has_a_count_iedereen_too(client, twee_doelgroepen):
    html = pagina(client, "/adviezen/")
    assert re.search(
        r'value="" id="doelgroep-alle" checked><label for="doelgroep-alle">Iedereen <span class="aantal">\(5\)</span>',
        html,
    )
    assert 'Uitvoerders <span class="aantal">(3)</span>' in html
    assert 'Leidinggevenden en bestuurders <span class="aantal">(2)</span>' in html
    assert 'Met collega’s <span class="aantal">(3)</span>' in html


def test_thema_s_follow_the_chosen_doelgroep_and_a_choice_giving_nothing_is_not_offered(
    client, twee_doelgroepen
):
    html = pagina(client, "/adviezen/?doelgroep=leidinggevenden-en-bestuurders")
    assert (
        "Met collega’s" not in html.split('aria-label="Adviezen filteren"')[1].split("</form>")[0]
    )
    assert 'Iedereen <span class="aantal">(5)</span>' in html


def test_a_chosen_choice_that_gives_nothing_stays_so_it_can_be_undone(client, twee_doelgroepen):
    html = pagina(client, "/adviezen/?doelgroep=leidinggevenden-en-bestuurders&thema=met-collegas")
    assert 'name="thema" value="met-collegas" id="thema-met-collegas" checked>' in html
    assert kop(html) == "Geen adviezen voor leidinggevenden en bestuurders over met collega’s"


def test_after_filtering_the_visitor_lands_on_the_result_count(client, twee_doelgroepen):
    html = pagina(client, "/adviezen/")
    assert 'action="/adviezen/#resultaten"' in html
    assert '<h1 class="nl-heading nl-heading--level-1" id="resultaten" tabindex="-1">' in html


def test_numbers_above_a_thousand_have_a_dot(client, uitvoerders):
    from werkateliers.templatetags.adviezen import als_getal

    assert als_getal(5000) == "5.000"
    assert "Hoogstens 5.000 tekens." in pagina(client, "/contact/")


# Cards and print ------------------------------------------------------------------------


def test_cards_use_the_werkatelier_s_own_description_or_what_it_holds(client, seeds):
    gekozen = seeds["werken-met-jongeren"]
    gekozen.beschrijving = "Zo maak je contact met jongeren die hulp mijden."
    gekozen.save()
    html = pagina(client, "/")
    assert "Zo maak je contact met jongeren die hulp mijden." in html
    assert (
        "Thema’s: Met collega&#x27;s en Praten met inwoners. Vier adviezen voor uitvoerders en "
        "drie voor leidinggevenden en bestuurders."
    ) in html
    assert "Professionals in de gemeentelijke uitvoering weten als geen ander" not in html
    verwant = pagina(client, seeds["integraal-werken"].get_absolute_url()).split(
        'id="ook-interessant"'
    )[1]
    assert "Zo maak je contact met jongeren die hulp mijden." in verwant


def test_the_home_page_shows_the_newest_werkateliers_and_a_link_to_all(client, uitvoerders):
    for i in range(8):
        AdviesFactory(doelgroep=uitvoerders, werkatelier=WerkatelierFactory(titel=f"Atelier {i}"))
    html = pagina(client, "/")
    assert html.count('class="kaart"') == 6
    assert '<a class="nl-link" href="/werkateliers/">Alle 8 werkateliers</a>' in html
    alle = pagina(client, "/werkateliers/")
    assert alle.count('class="kaart"') == 8


def test_the_print_version_holds_every_result_with_its_full_text(client, uitvoerders):
    werkatelier = WerkatelierFactory(slug="groot")
    AdviesFactory.create_batch(
        25, werkatelier=werkatelier, doelgroep=uitvoerders, tekst="<p>Volledige tekst.</p>"
    )
    html = pagina(client, "/adviezen/afdrukken/?doelgroep=uitvoerders")
    assert html.count('class="afdruk-advies"') == 25
    assert html.count("<p>Volledige tekst.</p>") == 25
    assert kop(html) == "25 adviezen voor uitvoerders"
    lijst = pagina(client, "/adviezen/?doelgroep=uitvoerders")
    assert 'href="/adviezen/afdrukken/?doelgroep=uitvoerders">Print deze adviezen</a>' in lijst


def test_every_page_prints_its_address_and_the_date(client, seeds):
    html = pagina(client, "/werkateliers/integraal-werken/")
    assert re.search(
        r'<p class="alleen-print printkop">http://testserver/werkateliers/integraal-werken/ · '
        r"afgedrukt van Praktijkadviezen, A&amp;O fonds Gemeenten, \d+ \w+ \d{4}</p>",
        html,
    )


# One Dutch ------------------------------------------------------------------------------

OPENBAAR = [
    "/",
    "/adviezen/",
    "/werkateliers/",
    "/werkateliers/integraal-werken/",
    "/contact/",
    "/contact/verzonden/",
    "/privacy/",
    "/toegankelijkheid/",
    "/bestaat-niet/",
]


def _eigen_tekst(html):
    """What we wrote ourselves: the page without the seed's own words (intro and adviezen)."""
    html = re.sub(r'<div class="tekst[^"]*">.*?</div>', "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_our_own_words_follow_one_spelling(client, seeds):
    for url in OPENBAAR:
        tekst = _eigen_tekst(client.get(url).content.decode())
        assert not re.search(r"\bemail\b", tekst, re.I), url
        assert "collega uitvoerders" not in tekst, url
        assert "Home" not in tekst, url
        assert not re.search(r"\w'\w", tekst.replace("Met collega's", "")), url


def test_the_menu_says_start_and_the_phone_number_never_breaks(client):
    html = pagina(client, "/")
    assert 'aria-current="page">Start</a>' in html
    assert '<a class="nl-link telefoon" href="tel:+31707630030">070 - 763 00 30</a>' in html


def test_the_rate_limit_page_has_a_plain_title(client, settings):
    settings.CONTACT_MAX_PER_UUR = 0
    response = als_formulier(client, "/contact/", {"email": "a@b.nl", "vraag": "<b>Mijn vraag</b>"})
    html = response.content.decode()
    assert response.status_code == 429
    titel = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert titel == "Even wachten met een nieuwe vraag | A&amp;O fonds Gemeenten"
    assert "&lt;b&gt;Mijn vraag&lt;/b&gt;" in html


def test_the_privacy_page_says_what_article_13_asks(client):
    tekst = " ".join(re.sub(r"<[^>]+>", " ", pagina(client, "/privacy/")).split())
    for nodig in (
        "Wie is verantwoordelijk?",
        "A&amp;O fonds Gemeenten is verantwoordelijk",
        "Waarvoor, en op welke grond?",
        "artikel 6, lid 1, onder f van de AVG",
        "Wie ziet je gegevens?",
        "Waar en hoe lang?",
        "verwijdert hem 365 dagen na het versturen",
        "Je rechten",
        "inzage",
        "Autoriteit Persoonsgegevens",
    ):
        assert nodig in tekst, nodig


def test_the_favicon_and_touch_icon_are_served(client):
    for pad, soort in (
        ("/favicon.ico", "image/"),
        ("/favicon.svg", "image/svg+xml"),
        ("/apple-touch-icon.png", "image/png"),
    ):
        response = client.get(pad)
        assert response.status_code == 200, pad
        assert response["Content-Type"].startswith(soort), pad


def test_the_sitemap_lists_every_public_page(client, seeds):
    xml = hele_sitemap(client)
    for pad in ("/", "/adviezen/", "/werkateliers/", "/privacy/", "/toegankelijkheid/"):
        assert f"<loc>http://testserver{pad}</loc>" in xml, pad
    assert xml.count("<loc>http://testserver/adviezen/") == 1 + Advies.objects.count()
