"""/adviezen/ on a laptop (1280 × 800) with as many thema's as a site with a dozen
werkateliers has: the filters and their button always within reach, a skip link to the
results, "Filteren" the same for mouse and keyboard, and the search field above the results,
apart from the filters. Measured in Chromium; screenshots in tests/schermafdrukken/."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import assert_toegankelijk, schermafdruk

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BREED = {"width": 1280, "height": 800}


@pytest.fixture
def breed(browser, live_server):
    context = browser.new_context(viewport=BREED, base_url=live_server.url)
    yield context.new_page()
    context.close()


def vlak(locator):
    return locator.bounding_box()


def in_beeld(page, locator):
    """Wholly inside the window, and on top: nothing (a sticky bar) covers its middle."""
    box = vlak(locator)
    if box is None or box["y"] < 0 or box["y"] + box["height"] > BREED["height"]:
        return False
    return locator.evaluate(
        """(el, box) => {
            const boven = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
            return boven !== null && (boven === el || el.contains(boven) || boven.contains(el)
                || (boven.tagName === "LABEL" && boven.control === el));
        }""",
        box,
    )


def scroll(page, y):
    """Scroll to `y` and wait until the window has been drawn there: the panel's height
    follows the scroll in the next animation frame (static/js/site.js), as a visitor sees it."""
    page.evaluate(
        f"""() => new Promise(klaar => {{
            window.scrollTo(0, {y});
            requestAnimationFrame(() => requestAnimationFrame(klaar));
        }})"""
    )


def test_the_filter_panel_is_never_taller_than_the_window_and_its_button_stays_in_view(
    breed, veel_themas
):
    page = breed
    page.goto("/adviezen/")
    assert page.locator('input[name="thema"]').count() >= 20
    paneel = page.locator(".filteren")
    knop = page.get_by_role("button", name="Toon adviezen")
    assert vlak(paneel)["height"] <= BREED["height"], vlak(paneel)
    assert in_beeld(page, knop)
    schermafdruk(page, "adviezen-breed-boven-1280", volledig=False)
    # Read down the whole list: the panel goes along, its button with it.
    for y in (600, 1200, 2400):
        scroll(page, y)
        assert in_beeld(page, knop), y
        assert vlak(paneel)["y"] >= 0, y
    # At the very end the panel leaves with the last results; its button is the last to go.
    scroll(page, "document.body.scrollHeight")
    assert in_beeld(page, knop)
    schermafdruk(page, "adviezen-breed-onder-1280", volledig=False)
    assert_toegankelijk(page)


def test_a_keyboard_user_ticking_the_last_thema_sees_it_and_the_button(breed, veel_themas):
    page = breed
    page.goto("/adviezen/")
    laatste = page.locator('input[name="thema"]').last
    page.locator('input[name="thema"]').first.focus()
    for _ in range(page.locator('input[name="thema"]').count() - 1):
        page.keyboard.press("Tab")
    expect(laatste).to_be_focused()
    page.keyboard.press("Space")
    expect(laatste).to_be_checked()
    # Focus not obscured (WCAG 2.2 SC 2.4.11): the choice is in view and above the button bar.
    assert in_beeld(page, laatste), vlak(laatste)
    assert in_beeld(page, page.get_by_role("button", name="Toon adviezen"))
    assert (
        vlak(laatste)["y"] + vlak(laatste)["height"] <= vlak(page.locator(".filters__knoppen"))["y"]
    )
    schermafdruk(page, "adviezen-laatste-thema-1280", volledig=False)
    page.keyboard.press("Tab")  # the werkatelier select
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Toon adviezen")).to_be_focused()
    page.keyboard.press("Enter")
    kop = page.locator("h1")
    expect(kop).to_contain_text("over werkgevers betrekken")
    # The page moved focus to the heading: clear of the window's edge, without a ring.
    expect(kop).to_be_focused()
    assert 8 <= vlak(kop)["y"] < 100, vlak(kop)
    assert kop.evaluate(
        "el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).boxShadow]"
    ) == ["none", "none"]


def test_from_the_heading_the_first_result_is_at_most_eight_keys_away(breed, veel_themas):
    page = breed
    # As after filtering: the page opens on the heading, which has focus.
    page.goto("/adviezen/?doelgroep=uitvoerders#resultaten")
    expect(page.locator("h1")).to_be_focused()
    toetsen = []
    while len(toetsen) < 8:
        if page.evaluate("document.activeElement.textContent.trim()") == "Naar de resultaten":
            # The skip link is visible once focused.
            assert in_beeld(page, page.get_by_role("link", name="Naar de resultaten"))
            schermafdruk(page, "naar-de-resultaten-1280", volledig=False)
            page.keyboard.press("Enter")
            toetsen.append("Enter")
        else:
            page.keyboard.press("Tab")
            toetsen.append("Tab")
        if page.evaluate("document.activeElement.closest('.resultaat') !== null"):
            break
    else:
        pytest.fail(f"Na 8 toetsen nog niet bij het eerste resultaat: {toetsen}")
    # The skip link is the first stop after the heading; past it, the first result.
    assert toetsen == ["Tab", "Enter", "Tab"], toetsen
    eerste = page.locator(".resultaat__titel a").first
    expect(eerste).to_be_focused()
    assert in_beeld(page, eerste)


def test_on_a_wide_screen_filteren_is_a_heading_not_a_control(breed, veel_themas):
    page = breed
    page.goto("/adviezen/")
    kop = page.get_by_role("heading", name="Filteren")
    expect(kop).to_be_visible()
    expect(page.locator("summary")).to_be_hidden()
    # Clicked or not, the filters stay; nothing about them is a control to fold them away.
    kop.click()
    expect(page.locator("form.filters")).to_be_visible()
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.filteren__kop')).cursor")
        != "pointer"
    )
    page.get_by_label("Werkatelier").focus()
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.tagName") == "INPUT"


def test_without_javascript_filteren_opens_the_same_by_mouse_and_by_keyboard(
    browser, live_server, seeds
):
    context = browser.new_context(
        viewport=BREED, base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/adviezen/")
    samenvatting = page.locator("summary", has_text="Filteren")
    formulier = page.locator("form.filters")
    expect(formulier).to_be_hidden()
    samenvatting.click()
    expect(formulier).to_be_visible()
    schermafdruk(page, "adviezen-zonder-javascript-1280", volledig=False)
    samenvatting.click()
    expect(formulier).to_be_hidden()
    samenvatting.focus()
    page.keyboard.press("Enter")
    expect(formulier).to_be_visible()
    page.keyboard.press("Enter")
    expect(formulier).to_be_hidden()
    context.close()


def test_the_search_field_stands_above_the_results_apart_from_the_filters(breed, veel_themas):
    page = breed
    page.goto("/adviezen/?doelgroep=uitvoerders")
    veld = page.get_by_role("searchbox", name="Zoek in de adviezen")
    paneel = vlak(page.locator(".filteren"))
    zoek = vlak(veld)
    eerste = vlak(page.locator(".resultaat").first)
    assert zoek["x"] >= paneel["x"] + paneel["width"], "het zoekveld staat niet naast de filters"
    assert zoek["y"] + zoek["height"] <= eerste["y"]
    assert abs(zoek["x"] - eerste["x"]) < 2, "het zoekveld staat niet boven de resultaten"
    assert page.locator(".filteren").locator('input[name="q"]').count() == 0
    # A search keeps the filters, and the filters keep the search.
    veld.fill("inwoner")
    veld.press("Enter")
    expect(page.locator("h1")).to_have_text(re.compile("voor uitvoerders met ‘inwoner’"))
    page.get_by_label("Leidinggevenden en bestuurders").check()
    page.get_by_role("button", name="Toon adviezen").click()
    expect(page.locator("h1")).to_contain_text("met ‘inwoner’")
    expect(page.locator("h1")).to_contain_text("leidinggevenden")
    schermafdruk(page, "adviezen-gezocht-1280")
    assert_toegankelijk(page)


def test_every_page_has_a_search_field_in_its_header(breed, seeds):
    page = breed
    for pad in [
        "/",
        "/werkateliers/",
        "/werkateliers/integraal-werken/",
        "/privacy/",
        "/bestaat-niet/",
    ]:
        page.goto(pad)
        veld = page.locator("header").get_by_role("searchbox", name="Zoek in alle adviezen")
        expect(veld).to_be_visible()
    veld.fill("samenwerking")
    veld.press("Enter")
    expect(page.locator("h1")).to_contain_text("met ‘samenwerking’")
    # The home page has one of its own, under its question.
    page.goto("/")
    expect(page.get_by_role("searchbox", name="Waar zoek je een advies over?")).to_be_visible()


def test_a_desktop_advies_page_uses_its_width_for_the_rest_of_its_werkatelier(breed, seeds):
    page = breed
    werkatelier = seeds["integraal-werken"]
    advies = werkatelier.adviezen.order_by("doelgroep__volgorde", "positie")[1]
    page.goto(advies.get_absolute_url())
    artikel = vlak(page.locator("article"))
    zij = page.get_by_role("region", name="Alle adviezen uit ‘Integraal werken’")
    expect(zij).to_be_visible()
    assert vlak(zij)["x"] >= artikel["x"] + artikel["width"]
    assert vlak(zij)["y"] < BREED["height"], "de zijkolom begint niet op het eerste scherm"
    # Nothing wider than the window, and less than a fifth of it left empty on the right.
    rechts = vlak(zij)["x"] + vlak(zij)["width"]
    assert BREED["width"] - rechts < BREED["width"] / 5, rechts
    expect(zij.get_by_role("heading", name="Vier adviezen voor uitvoerders")).to_be_visible()
    expect(zij.locator('[aria-current="page"]')).to_have_text(advies.titel)
    assert (
        zij.get_by_role("link").count() == werkatelier.adviezen.count()
    )  # the others + "Het hele werkatelier lezen"
    schermafdruk(page, "advies-zijkolom-1280", volledig=False)
    assert_toegankelijk(page)
    zij.get_by_role("link").first.click()
    expect(page.locator("h1")).not_to_have_text(advies.titel)
