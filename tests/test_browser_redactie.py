"""Staff journeys on live content, in Chromium, with the production settings the tests run
under (debug off: the Content-Security-Policy and the security headers are on)."""

import pytest
from playwright.sync_api import expect

from tests.conftest import meld_aan_in_browser, schermafdruk

# serialized_rollback: the flush after each test must not lose the data migrations' rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WERKATELIERS = "/beheer/werkateliers/werkatelier/"
LUISTER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


@pytest.fixture
def staf(page, live_server, redacteur):
    page.set_default_timeout(8000)
    page.add_init_script(LUISTER)
    meld_aan_in_browser(page, live_server.url)
    yield page
    assert page.evaluate("window.__csp || []") == []


def test_the_production_headers_are_on_in_these_tests(staf, live_server):
    antwoord = staf.goto(live_server.url + "/beheer/")
    assert "form-action 'self'" in antwoord.headers["content-security-policy"]
    assert antwoord.headers["x-frame-options"] == "DENY"


def _kies_tekst_in_eerste_advies(page):
    editor = page.locator("#adviezen-0 .ProseMirror").first
    editor.click()
    page.keyboard.press("Control+Home")
    page.keyboard.press("Shift+End")
    return editor


def test_the_link_dialog_fills_in_https_and_mailto_and_refuses_other_schemes(
    staf, live_server, seeds
):
    werkatelier = seeds["integraal-werken"]
    staf.goto(f"{live_server.url}{WERKATELIERS}{werkatelier.pk}/change/")
    editor = _kies_tekst_in_eerste_advies(staf)
    staf.locator("#adviezen-0").get_by_role("button", name="Link toevoegen of bewerken").click()
    dialoog = staf.locator("dialog[open]")
    expect(dialoog.get_by_label("Titel")).to_be_hidden()
    adres = dialoog.get_by_label("Webadres")
    adres.fill("javascript:alert(1)")
    dialoog.get_by_role("button", name="Opslaan").click()
    expect(dialoog.get_by_role("alert")).to_have_text(
        "Een link met ‘javascript:’ kan niet. Gebruik een webadres (https://… of www.…) of "
        "een e-mailadres."
    )
    assert editor.locator("a").count() == 0
    schermafdruk(staf, "beheer-linkdialoog-fout-1280", volledig=False)
    adres.fill("www.taalhuizen.nl")
    dialoog.get_by_role("button", name="Opslaan").click()
    expect(editor.locator("a")).to_have_attribute("href", "https://www.taalhuizen.nl")

    _kies_tekst_in_eerste_advies(staf)
    staf.locator("#adviezen-0").get_by_role("button", name="Link toevoegen of bewerken").click()
    staf.locator("dialog[open]").get_by_label("Webadres").fill("secretariaat@aeno.nl")
    staf.keyboard.press("Enter")
    expect(editor.locator("a").first).to_have_attribute("href", "mailto:secretariaat@aeno.nl")
