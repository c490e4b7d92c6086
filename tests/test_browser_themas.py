"""Thema's grouped on the home page and in the filter of /adviezen/, on a phone (375 px) and
a wide screen (1280 px): "Vaak gebruikt" first, axe-core clean. Screenshots go to
tests/schermafdrukken/ to be looked at."""

import pytest
from playwright.sync_api import expect

from tests.conftest import assert_toegankelijk, schermafdruk
from werkateliers.models import Advies, Thema

# serialized_rollback: the flush after each test must not lose the data migrations' rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCHERMEN = {"375": {"width": 375, "height": 667}, "1280": {"width": 1280, "height": 800}}


@pytest.fixture
def gedeelde_themas(veel_themas):
    """Eleven werkateliers; the adviezen for leidinggevenden given two thema's for the filters
    (as staff would), so that those are used by more than one werkatelier."""
    gedeeld = list(Thema.objects.filter(naam__in=["Werkgevers betrekken", "Taal en begrip"]))
    for advies in Advies.objects.filter(thema__isnull=True):
        advies.ook_over.add(*gedeeld)
    return veel_themas


@pytest.mark.parametrize("breedte", SCHERMEN)
def test_thema_s_used_by_more_than_one_werkatelier_come_first(
    browser, live_server, gedeelde_themas, breedte
):
    context = browser.new_context(viewport=SCHERMEN[breedte], base_url=live_server.url)
    page = context.new_page()
    page.goto("/")
    groepen = page.locator(".themas__groep")
    expect(groepen).to_have_text(["Vaak gebruikt", "Bij één werkatelier"])
    eerste = page.locator(".themas").first
    expect(eerste.get_by_role("link", name="Werkgevers betrekken")).to_be_visible()
    page.locator("#themas-kop").scroll_into_view_if_needed()
    schermafdruk(page, f"themas-home-{breedte}")
    assert_toegankelijk(page)

    page.goto("/adviezen/")
    if breedte == "375":
        page.locator("[data-filters] > summary").click()
    kop = page.locator(".keuzes__groepkop")
    expect(kop).to_have_text(["Vaak gebruikt", "Bij één werkatelier"])
    expect(
        page.get_by_role("group", name="Vaak gebruikt").get_by_label("Taal en begrip")
    ).to_be_visible()
    schermafdruk(page, f"themas-adviezen-{breedte}")
    assert_toegankelijk(page)
    context.close()


def test_a_redacteur_merges_two_thema_s_by_keyboard(
    browser, live_server, gedeelde_themas, redacteur
):
    from tests.conftest import meld_aan_in_browser
    from tests.test_browser_toegankelijk_beheer import bevindingen

    context = browser.new_context(viewport=SCHERMEN["1280"], base_url=live_server.url)
    page = context.new_page()
    meld_aan_in_browser(page, live_server.url)
    page.goto("/beheer/werkateliers/thema/")
    for naam in ("Taal en begrip", "Werk en meedoen"):
        page.locator("tr", has_text=naam).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("samenvoegen")
    page.get_by_role("button", name="Uitvoeren").click()
    expect(page.get_by_role("group", name="Welke naam blijft?")).to_be_visible()
    assert bevindingen(page) == []
    schermafdruk(page, "themas-samenvoegen-1280")
    page.get_by_role("radio", name="Taal en begrip (16 adviezen)").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Ja, voeg samen").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("samengevoegd tot ‘Taal en begrip’")
    assert not Thema.objects.filter(naam="Werk en meedoen").exists()
    page.goto("/adviezen/?thema=werk-en-meedoen")
    assert page.url.endswith("/adviezen/?thema=taal-en-begrip")
    context.close()
