import pytest

from tests.conftest import meld_aan_in_browser

# serialized_rollback: the flush after each test must not lose the data migrations' rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LUISTER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber);
});
"""


def _bezoek(page, url):
    meldingen = []
    page.on(
        "console",
        lambda m: meldingen.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return meldingen + page.evaluate("window.__csp")


def test_no_page_breaks_the_content_security_policy(live_server, page, seeds, redacteur):
    page.add_init_script(LUISTER)
    werkatelier = seeds["integraal-werken"]
    openbaar = [
        "/",
        werkatelier.get_absolute_url(),
        "/adviezen/",
        "/adviezen/?doelgroep=uitvoerders&thema=met-collegas&q=samenwerking",
        "/adviezen/?q=onvindbaar",
        "/contact/?werkatelier=integraal-werken",
        "/contact/verzonden/",
        "/privacy/",
        "/toegankelijkheid/",
        "/bestaat-niet/",
        "/beheer/login/",
    ]
    schendingen = {}
    for pad in openbaar:
        gevonden = _bezoek(page, live_server.url + pad)
        if gevonden:
            schendingen[pad] = gevonden
    # The contact form's error state and the admin pages with our own script.
    page.goto(live_server.url + "/contact/")
    page.get_by_role("button", name="Verstuur je vraag").click()
    if gevonden := page.evaluate("window.__csp"):
        schendingen["/contact/ (fouten)"] = gevonden
    meld_aan_in_browser(page, live_server.url)
    for pad in [
        "/beheer/",
        "/beheer/werkateliers/werkatelier/",
        f"/beheer/werkateliers/werkatelier/{werkatelier.pk}/change/",
        "/beheer/werkateliers/werkatelier/importeren/",
        f"/werkateliers/{werkatelier.slug}/voorbeeld/",
    ]:
        if gevonden := _bezoek(page, live_server.url + pad):
            schendingen[pad] = gevonden
    assert not schendingen, schendingen
