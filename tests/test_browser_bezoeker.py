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


def test_on_a_phone_the_first_result_is_on_the_first_screen_within_eight_tabs(telefoon, seeds):
    page = telefoon
    page.goto("/adviezen/")
    eerste = page.locator(".resultaat__titel a").first
    vlak = eerste.bounding_box()
    assert vlak["y"] + vlak["height"] <= TELEFOON["height"], vlak
    schermafdruk(page, "adviezen-375", volledig=False)
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.resultaat') !== null"):
            break
    else:
        pytest.fail("Na 8 keer Tab staat de focus nog niet op het eerste resultaat.")
    assert_toegankelijk(page)


def test_on_a_phone_filtering_lands_on_the_result_count(telefoon, seeds):
    page = telefoon
    page.goto("/adviezen/")
    page.get_by_text("Filteren").click()
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
    assert 0 <= vlak["y"] < TELEFOON["height"] / 2, vlak
    # Thema's follow the doelgroep: the seeds give leidinggevenden none, so none are offered.
    page.get_by_text("Filteren").click()
    assert page.locator('input[name="thema"]').count() == 0
    schermafdruk(page, "adviezen-gefilterd-375", volledig=False)


def test_on_a_wide_screen_the_filters_stand_beside_the_results(breed, seeds):
    page = breed
    page.goto("/adviezen/")
    filters = page.locator("form.filters")
    expect(filters).to_be_visible()
    resultaten = page.locator(".resultaten").bounding_box()
    assert filters.bounding_box()["x"] + filters.bounding_box()["width"] <= resultaten["x"]
    assert_toegankelijk(page)
    schermafdruk(page, "adviezen-1280", volledig=False)
    page.get_by_label("Zoekwoorden").fill("netwerk")
    page.get_by_role("button", name="Toon adviezen").click()
    expect(page.locator("#resultaten")).to_contain_text("met ‘netwerk’")
    assert page.locator("mark").count() > 0
    assert_toegankelijk(page)
    schermafdruk(page, "adviezen-gezocht-1280")


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
    assert page.url.endswith(
        "/adviezen/?doelgroep=uitvoerders#resultaat-" + page.url.split("-")[-1]
    )
    expect(page.locator("#resultaten")).to_have_text("10 adviezen voor uitvoerders")


def test_copying_an_advies_s_link_says_so(breed, seeds):
    page = breed
    advies = seeds["integraal-werken"].adviezen.first()
    page.goto(advies.get_absolute_url())
    page.get_by_role("button", name="Kopieer de link").click()
    expect(page.locator("[data-kopieer-melding]")).to_have_text("De link is gekopieerd.")
    assert page.evaluate("navigator.clipboard.readText()").endswith(advies.get_absolute_url())


def test_a_filtered_list_prints_every_result_in_full_as_a_clean_document(breed, seeds):
    page = breed
    page.goto("/adviezen/?doelgroep=uitvoerders")
    page.get_by_role("link", name="Print deze adviezen").click()
    expect(page.locator("h1")).to_have_text("10 adviezen voor uitvoerders")
    assert page.locator(".afdruk-advies").count() == 10
    assert_toegankelijk(page)
    page.emulate_media(media="print")
    for verborgen in (".hoofdmenu", ".utrecht-page-footer", "button", ".knoppen"):
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
def test_every_public_page_is_accessible_at_both_widths(request, scherm, seeds):
    page = request.getfixturevalue(scherm)
    breedte = TELEFOON["width"] if scherm == "telefoon" else BREED["width"]
    advies = seeds["integraal-werken"].adviezen.first()
    paginas = {
        "home": "/",
        "werkateliers": "/werkateliers/",
        "werkatelier": "/werkateliers/integraal-werken/",
        "adviezen-leeg": "/adviezen/?q=onvindbaar",
        "advies": advies.get_absolute_url(),
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
    page.get_by_text("Filteren").click()
    page.get_by_label("Uitvoerders").check()
    page.get_by_role("button", name="Toon adviezen").click()
    expect(page.locator("#resultaten")).to_have_text("10 adviezen voor uitvoerders")
    context.close()
