"""The visitor's journey once more, through what production runs (`make serve`: nginx in front
of gunicorn, collected and fingerprinted static files, debug off, the content security policy
on): not one policy violation or console error, the web manifest read by the browser, the
share card served, and axe-core content on the way."""

import pytest
from playwright.sync_api import expect

from tests import servers
from tests.conftest import assert_toegankelijk

# stapel: it starts make serve's processes (browser is set by tests/conftest.py).
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.stapel,
]

LUISTER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


@pytest.fixture
def productie(settings, veel_themas, tmp_path):
    with servers.serve(settings, tmp_path) as adres:
        yield adres


def bezoeker(browser, adres, **opties):
    context = browser.new_context(base_url=adres, **opties)
    context.add_init_script(LUISTER)
    page = context.new_page()
    fouten = []
    page.on("console", lambda m: fouten.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: fouten.append(str(e)))
    return context, page, fouten


def geen_schendingen(page, fouten):
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__csp") == [], page.url
    assert fouten == [], fouten


def test_a_phone_visitor_searches_from_the_header_and_reads_an_advies(browser, productie):
    context, page, fouten = bezoeker(
        browser, productie, viewport={"width": 375, "height": 667}, has_touch=True
    )
    page.goto("/")
    page.locator("[data-zoekknop]").click()
    expect(page.locator("#kop-q")).to_be_focused()
    page.keyboard.type("inwoner")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("met ‘inwoner’")
    geen_schendingen(page, fouten)
    assert_toegankelijk(page)
    page.locator(".resultaat__titel a").first.click()
    expect(page.locator(".advies-pagina__plaats")).to_be_visible()
    geen_schendingen(page, fouten)
    assert_toegankelijk(page)
    context.close()


def test_a_desktop_visitor_filters_reads_and_shares(browser, productie):
    context, page, fouten = bezoeker(browser, productie, viewport={"width": 1280, "height": 800})
    page.goto("/")
    # The browser reads the web manifest: allowed by the policy, served as a manifest.
    cdp = context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["errors"] == [], manifest["errors"]
    assert '"short_name": "Praktijkadviezen"' in manifest["data"]
    antwoord = page.request.get("/site.webmanifest")
    assert antwoord.headers["content-type"] == "application/manifest+json"

    page.get_by_role("link", name="Ik ben uitvoerder").click()
    expect(page.locator("h1")).to_have_text("28 adviezen voor uitvoerders")
    assert page.evaluate("window.scrollY") == 0
    page.get_by_label("Schuldhulp op maat").check()
    expect(page.get_by_role("button", name="Toon adviezen")).to_be_in_viewport()
    page.get_by_role("button", name="Toon adviezen").click()
    expect(page.locator("h1")).to_have_text("1 advies voor uitvoerders over schuldhulp op maat")
    geen_schendingen(page, fouten)
    assert_toegankelijk(page)

    page.locator(".resultaat__titel a").first.click()
    page.get_by_role("link", name="Schulden en geldzorgen").first.click()
    kaart = page.locator('meta[property="og:image"]').get_attribute("content")
    assert "/werkateliers/schulden-en-geldzorgen/deelkaart.png?v=" in kaart
    beeld = page.request.get(kaart)
    assert beeld.status == 200 and beeld.headers["content-type"] == "image/png"
    geen_schendingen(page, fouten)
    assert_toegankelijk(page)
    context.close()
