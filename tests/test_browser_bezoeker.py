"""The visitor's journey in Chromium, on a phone (375 × 667) and a wide screen (1280 × 800):
results on the first screen, where focus lands after a filter, an advies on its own page and
the way back, printing, and axe-core on every page and state. Screenshots go to
tests/schermafdrukken/ to be looked at."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import assert_toegankelijk, schermafdruk

# serialized_rollback: the flush after each test must not lose the data migrations' rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TELEFOON = {"width": 375, "height": 667}
BREED = {"width": 1280, "height": 800}


@pytest.fixture
def telefoon(browser, live_server):
    context = browser.new_context(viewport=TELEFOON, base_url=live_server.url, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def breed(browser, live_server):
    context = browser.new_context(viewport=BREED, base_url=live_server.url)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    yield context.new_page()
    context.close()


def focus_in(page, selector):
    return page.evaluate(f"document.activeElement.closest({selector!r}) !== null")


def druk_tot_eerste_resultaat(page, maximum):
    """Keys a keyboard user presses to reach the first result: Tab, and Enter on a skip link
    that leads there. Returns the keys pressed."""
    toetsen = []
    while len(toetsen) < maximum:
        if page.evaluate("document.activeElement.matches('a.nl-skip-link')") and re.search(
            r"Naar de resultaten|Direct naar de inhoud",
            page.evaluate("document.activeElement.textContent"),
        ):
            page.keyboard.press("Enter")
            toetsen.append("Enter")
        else:
            page.keyboard.press("Tab")
            toetsen.append("Tab")
        if focus_in(page, ".resultaat"):
            return toetsen
    pytest.fail(f"Na {maximum} toetsen staat de focus nog niet op het eerste resultaat: {toetsen}")


def test_on_a_phone_the_first_result_is_on_the_first_screen_within_eight_keys(telefoon, seeds):
    page = telefoon
    page.goto("/adviezen/")
    eerste = page.locator(".resultaat__titel a").first
    vlak = eerste.bounding_box()
    assert vlak["y"] + vlak["height"] <= TELEFOON["height"], vlak
    schermafdruk(page, "adviezen-375", volledig=False)
    toetsen = druk_tot_eerste_resultaat(page, 8)
    # Direct naar de inhoud, then past the search field to "Naar de resultaten".
    assert toetsen.count("Enter") == 2, toetsen
    assert_toegankelijk(page)


def test_on_a_phone_the_header_s_search_button_opens_the_field_with_the_cursor_in_it(
    telefoon, seeds
):
    page = telefoon
    page.goto("/werkateliers/integraal-werken/")
    veld = page.locator("#kop-q")
    expect(veld).to_be_hidden()
    knop = page.locator("[data-zoekknop]")
    expect(knop).to_have_role("button")
    expect(knop).to_have_attribute("aria-expanded", "false")
    knop.click()
    expect(veld).to_be_visible()
    expect(veld).to_be_focused()
    expect(knop).to_have_attribute("aria-expanded", "true")
    schermafdruk(page, "kop-zoeken-open-375", volledig=False)
    assert_toegankelijk(page)
    page.keyboard.type("netwerk")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(re.compile("adviezen met ‘netwerk’"))
    expect(page.locator("#id_q")).to_have_value("netwerk")


def test_without_javascript_the_phone_s_search_button_leads_to_the_field(
    browser, live_server, seeds
):
    context = browser.new_context(
        viewport=TELEFOON, base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/privacy/")
    expect(page.locator("#kop-q")).to_be_hidden()
    page.get_by_role("link", name="Zoeken", exact=True).click()
    expect(page.locator("#kop-q")).to_be_visible()
    page.locator("#kop-q").fill("jongeren")
    page.locator("#kop-q").press("Enter")
    expect(page.locator("h1")).to_have_text(re.compile("met ‘jongeren’"))
    context.close()


def test_on_a_phone_filtering_lands_on_the_result_count(telefoon, seeds):
    page = telefoon
    page.goto("/adviezen/")
    page.locator("summary", has_text="Filteren").click()
    page.get_by_label("Leidinggevenden en bestuurders").check()
    schermafdruk(page, "adviezen-filteren-375")
    assert_toegankelijk(page)
    page.get_by_role("button", name="Toon adviezen").click()
    page.wait_for_url(re.compile(r"#resultaten$"))
    kop = page.locator("#resultaten")
    expect(kop).to_have_text("6 adviezen voor leidinggevenden en bestuurders")
    expect(page).to_have_title(
        "6 adviezen voor leidinggevenden en bestuurders | A&O fonds Gemeenten"
    )
    vlak = kop.bounding_box()
    # The heading whole, clear of the window's top edge, and without a focus ring.
    assert 8 <= vlak["y"] < TELEFOON["height"] / 2, vlak
    expect(kop).to_be_focused()
    assert page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.boxShadow]; })()"
    ) == ["none", "none"]
    # Thema's follow the doelgroep: the seeds give leidinggevenden none, so none are offered.
    page.locator("summary", has_text="Filteren").click()
    assert page.locator('input[name="thema"]').count() == 0
    schermafdruk(page, "adviezen-gefilterd-375", volledig=False)


@pytest.mark.parametrize("scherm", ["telefoon", "breed"])
def test_ik_ben_uitvoerder_opens_with_the_header_and_the_heading_whole(request, scherm, seeds):
    page = request.getfixturevalue(scherm)
    hoogte = (TELEFOON if scherm == "telefoon" else BREED)["height"]
    page.goto("/")
    page.get_by_role("link", name=re.compile("Ik ben uitvoerder")).click()
    expect(page.locator("h1")).to_have_text("10 adviezen voor uitvoerders")
    assert page.evaluate("window.scrollY") == 0
    assert page.locator("header").bounding_box()["y"] == 0
    kop = page.locator("h1").bounding_box()
    assert kop["y"] > 0 and kop["y"] + kop["height"] <= hoogte, kop
    # Nothing the visitor did not choose is focused, so nothing has a ring.
    assert page.evaluate("document.activeElement === document.body")
    schermafdruk(
        page,
        f"ik-ben-uitvoerder-{TELEFOON['width'] if scherm == 'telefoon' else BREED['width']}",
        volledig=False,
    )


@pytest.mark.parametrize("scherm", ["telefoon", "breed"])
def test_an_advies_opens_on_its_own_page_and_leads_back_to_the_results(request, scherm, seeds):
    page = request.getfixturevalue(scherm)
    breedte = TELEFOON["width"] if scherm == "telefoon" else BREED["width"]
    page.goto("/adviezen/?doelgroep=uitvoerders#resultaten")
    titel = page.locator(".resultaat__titel a").nth(2)
    naam = titel.inner_text()
    titel.click()
    expect(page.locator("h1")).to_have_text(naam)
    expect(page.locator(".advies-pagina__plaats")).to_contain_text(
        "Advies 3 van 6 voor uitvoerders"
    )
    assert_toegankelijk(page)
    schermafdruk(page, f"advies-{breedte}")
    page.get_by_role("link", name="Volgend advies").click()
    expect(page.locator(".advies-pagina__plaats")).to_contain_text(
        "Advies 4 van 6 voor uitvoerders"
    )
    page.get_by_role("link", name="← Terug naar de resultaten").click()
    page.wait_for_url(re.compile(r"/adviezen/\?doelgroep=uitvoerders#resultaat-\d+$"))
    expect(page.locator("#resultaten")).to_have_text("10 adviezen voor uitvoerders")


def test_copying_an_advies_s_link_says_so(breed, seeds):
    page = breed
    advies = seeds["integraal-werken"].adviezen.first()
    page.goto(advies.get_absolute_url())
    page.get_by_role("button", name="Kopieer de link").click()
    expect(page.locator("[data-kopieer-melding]")).to_have_text("De link is gekopieerd.")
    assert page.evaluate("navigator.clipboard.readText()").endswith(advies.get_absolute_url())


def test_a_filtered_list_s_copied_link_and_og_url_are_what_the_visitor_sees(breed, seeds):
    page = breed
    page.goto("/")
    page.locator("#home-q").fill("jongeren")
    page.locator("#home-q").press("Enter")
    page.locator("summary, .filteren__kop").first.wait_for()
    page.get_by_label(re.compile("^Uitvoerders")).check()
    page.get_by_role("button", name="Toon adviezen").click()
    expect(page.locator("h1")).to_have_text(re.compile("voor uitvoerders met ‘jongeren’"))
    # The address as the form made it, cleaned of empty fields and in a fixed order.
    adres = f"{page.url.split('?')[0]}?doelgroep=uitvoerders&q=jongeren"
    og_url = page.locator('meta[property="og:url"]').get_attribute("content")
    assert og_url == adres
    page.goto(og_url)
    expect(page.locator("h1")).to_have_text(re.compile("voor uitvoerders met ‘jongeren’"))
    assert page.locator('link[rel="canonical"]').get_attribute("href").endswith("/adviezen/")
    page.get_by_role("button", name="Kopieer de link").click()
    expect(page.locator("[data-kopieer-melding]")).to_have_text("De link is gekopieerd.")
    assert page.evaluate("navigator.clipboard.readText()") == adres
    assert_toegankelijk(page)


def test_a_filtered_list_prints_every_result_in_full_as_a_clean_document(breed, seeds):
    page = breed
    page.goto("/adviezen/?doelgroep=uitvoerders")
    page.get_by_role("link", name="Print deze adviezen").click()
    expect(page.locator("h1")).to_have_text("10 adviezen voor uitvoerders")
    assert page.locator(".afdruk-advies").count() == 10
    assert_toegankelijk(page)
    page.emulate_media(media="print")
    for verborgen in (".hoofdmenu", ".utrecht-page-footer", "button", ".knoppen", ".afzender"):
        for element in page.locator(verborgen).all():
            expect(element).to_be_hidden()
    expect(page.locator(".printkop")).to_be_visible()
    expect(page.locator(".printkop")).to_contain_text("/adviezen/afdrukken/?doelgroep=uitvoerders")
    assert (
        "Een gesprek met een jongere is niet iets dat je even tussendoor doet"
        in page.inner_text("main")
    )
    schermafdruk(page, "afdrukken-print")


def test_a_werkatelier_prints_compactly_in_landscape(breed, seeds):
    page = breed
    page.goto(seeds["integraal-werken"].get_absolute_url())
    pdf = page.pdf(format="A4", landscape=True)
    paginas = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert paginas <= 4, paginas


@pytest.mark.parametrize("scherm", ["telefoon", "breed"])
def test_every_public_page_is_accessible_at_both_widths(request, scherm, veel_themas):
    page = request.getfixturevalue(scherm)
    breedte = TELEFOON["width"] if scherm == "telefoon" else BREED["width"]
    advies = veel_themas["integraal-werken"].adviezen.first()
    paginas = {
        "home": "/",
        "werkateliers": "/werkateliers/",
        "werkatelier": "/werkateliers/integraal-werken/",
        "adviezen-alle": "/adviezen/",
        "adviezen-gezocht": "/adviezen/?q=inwoner&doelgroep=uitvoerders",
        "adviezen-pagina-2": "/adviezen/?page=2",
        "adviezen-leeg": "/adviezen/?q=onvindbaar",
        # "Bedoelde je …?" and "any of the words" (PostgreSQL), "Ook gezocht op"
        "adviezen-uitleg": "/adviezen/?q=inwonr+jongeren+OF+samenwerkingsverband",
        "advies": advies.get_absolute_url(),
        "afdrukken": "/adviezen/afdrukken/?doelgroep=leidinggevenden-en-bestuurders",
        "contact": "/contact/?werkatelier=integraal-werken",
        "verzonden": "/contact/verzonden/",
        "privacy": "/privacy/",
        "toegankelijkheid": "/toegankelijkheid/",
        "404": "/bestaat-niet/",
    }
    for naam, pad in paginas.items():
        page.goto(pad)
        assert page.locator("h1").count() == 1, pad
        assert page.evaluate("document.documentElement.scrollWidth") <= breedte, pad
        assert_toegankelijk(page)
        schermafdruk(page, f"{naam}-{breedte}")
    page.goto("/contact/")
    page.get_by_role("button", name="Verstuur je vraag").click()
    expect(page.locator("#fouten")).to_be_visible()
    assert_toegankelijk(page)
    schermafdruk(page, f"contact-fouten-{breedte}")


def test_without_javascript_the_filters_still_work(browser, live_server, seeds):
    context = browser.new_context(
        viewport=BREED, base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/adviezen/")
    page.locator("summary", has_text="Filteren").click()
    page.get_by_label("Uitvoerders").check()
    page.get_by_role("button", name="Toon adviezen").click()
    expect(page.locator("#resultaten")).to_have_text("10 adviezen voor uitvoerders")
    context.close()


def test_the_contact_form_is_red_only_where_the_server_found_a_mistake(breed, seeds):
    page = breed
    page.goto("/contact/")

    def rand(veld):
        return page.locator(veld).evaluate("el => getComputedStyle(el).borderTopColor")

    gewoon = rand("#id_email")
    assert rand("#id_vraag") == gewoon  # empty and required, but nobody has sent it yet
    page.locator("#id_email").fill("iemand@gemeente.nl")
    page.get_by_role("button", name="Verstuur je vraag").click()
    expect(page.locator("#fouten")).to_be_focused()
    assert rand("#id_vraag") != gewoon
    assert rand("#id_email") == gewoon
    # The thank-you page's address is its own, without a fragment from the form.
    page.locator("#id_vraag").fill("Hoe organiseer ik een werkatelier?")
    page.get_by_role("button", name="Verstuur je vraag").click()
    expect(page.locator("h1")).to_have_text("Bedankt, je vraag is verstuurd")
    assert page.url.endswith("/contact/verzonden/"), page.url


def test_the_honeypot_is_not_in_what_a_screen_reader_hears(breed, seeds):
    page = breed
    page.goto("/contact/")
    boom = page.locator("form.utrecht-form").aria_snapshot()
    assert "Laat dit veld leeg" not in boom
    assert "Je vraag (verplicht)" in boom
    page.locator("#id_vraag").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Verstuur je vraag")).to_be_focused()


def test_the_404_page_s_button_is_readable_and_a_blue_on_blue_one_would_fail(breed, db):
    page = breed
    page.goto("/bestaat-niet/")
    knop = page.locator("main").get_by_role("link", name="Zoek in alle adviezen")
    kleur, achtergrond = knop.evaluate(
        "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]"
    )
    assert kleur == "rgb(255, 255, 255)" and achtergrond == "rgb(21, 74, 114)"
    assert_toegankelijk(page)
    # As it was: the running text's link colour on the button. The check must see it.
    knop.evaluate("el => { el.style.color = getComputedStyle(el).backgroundColor; }")
    with pytest.raises(AssertionError, match="color-contrast"):
        assert_toegankelijk(page)
