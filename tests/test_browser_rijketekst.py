import re

import pytest
from playwright.sync_api import expect

from tests.conftest import meld_aan_in_browser, schermafdruk
from tests.test_browser_csp import LUISTER

# serialized_rollback: the flush after each test must not lose the data migrations' rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def meld_aan(page, live_server):
    meld_aan_in_browser(page, live_server.url)


def test_editor_works_by_keyboard_in_dutch_under_the_csp(live_server, page, seeds, redacteur):
    page.add_init_script(LUISTER)
    meldingen = []
    page.on("console", lambda m: meldingen.append(m.text) if m.type == "error" else None)
    werkatelier = seeds["integraal-werken"]
    meld_aan(page, live_server)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + f"/beheer/werkateliers/werkatelier/{werkatelier.pk}/change/")
    page.wait_for_selector("#adviezen-0 .ProseMirror")

    advies = page.locator("#adviezen-0 .prose-editor")
    assert advies.get_by_role("button", name="Vet").is_visible()
    assert advies.get_by_role("button", name="Cursief").is_visible()
    assert advies.get_by_role("button", name="Lijst met opsommingstekens").is_visible()
    veld = page.locator("#adviezen-0 .ProseMirror")
    assert veld.get_attribute("aria-labelledby")

    # The caret at the end of the text, as a click after its last word puts it.
    veld.evaluate(
        """veld => { veld.focus(); const r = document.createRange(); r.selectNodeContents(veld);
        r.collapse(false); getSelection().removeAllRanges(); getSelection().addRange(r); }"""
    )
    page.wait_for_function("document.activeElement.classList.contains('ProseMirror')")
    page.keyboard.press("Enter")
    page.keyboard.type("Nieuwe alinea met ")
    page.keyboard.press("Control+b")
    page.keyboard.type("nadruk")
    page.keyboard.press("Control+b")
    page.keyboard.type(".")
    expect(page.locator("#id_adviezen-0-tekst")).to_have_value(
        re.compile(r"<p>Nieuwe alinea met <strong>nadruk</strong>\.</p>$")
    )
    schermafdruk(page, "beheer-editor-1280")
    page.locator('input[name="_continue"]').click()
    page.wait_for_selector(".messagelist, .errornote")
    assert "gewijzigd" in page.locator(".messagelist, .errornote").first.inner_text(), page.locator(
        "#content-main"
    ).inner_text()[:3000]

    tekst = werkatelier.adviezen.get(titel__startswith="Praat mét").tekst
    assert tekst.endswith("<p>Nieuwe alinea met <strong>nadruk</strong>.</p>")
    assert page.evaluate("window.__csp") == []
    assert [m for m in meldingen if "Content Security Policy" in m] == []
