"""The import preview in a browser: roles changed by keyboard alone, read again in place (the
focus stays, a status line says what changed), axe-core, and screenshots at phone and desk width. Run as production runs: debug off, the strict
Content-Security-Policy on (conftest), and any violation of it fails the test."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import WCAG_21_AA, assert_toegankelijk, meld_aan_in_browser, schermafdruk
from tests.test_browser_csp import LUISTER
from werkateliers.models import Thema, Werkatelier

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VERSLAG = (
    "Intro van het werkatelier over de wijk.\n"
    "Eén advies voor uitvoerders\n"
    "Praten met inwoners\n"
    "1. Luister – echt\n"
    "Neem de tijd voor wie voor je zit.\n"
    "Eén advies voor leidinggevenden en bestuurders\n"
    "1. Geef ruimte – en vertrouwen\n"
    "Uitvoerders hebben steun nodig.\n"
    "Meer weten?\n"
    "Bel Sanne: 06 12 34 56 78.\n"
)


def geen_ernstige_twijfels(page):
    """axe-core's 'incomplete' (what it could not decide) holds nothing serious or critical."""
    resultaat = Axe().run(
        page, context="#content-main",
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["incomplete"]},
    )  # fmt: skip
    ernstig = [
        f"{r['id']} ({r['impact']}): {[(n['target'], n.get('any')) for n in r['nodes']]}"
        for r in resultaat.response["incomplete"]
        if r["impact"] in ("serious", "critical")
    ]
    assert not ernstig, ernstig


def controleer(page, live_server):
    page.goto(live_server.url + "/beheer/werkateliers/werkatelier/importeren/")
    page.get_by_label("Titel van het werkatelier").fill("De wijk in")
    page.get_by_label("Tekst van het verslag").fill(VERSLAG)
    page.get_by_role("button", name="Controleer").click()


def test_a_role_is_changed_by_keyboard_and_the_preview_follows_in_place(
    live_server, page, redacteur, uitvoerders, leidinggevenden
):
    Thema.objects.create(naam="Gesprekken met inwoners", slug="gesprekken-met-inwoners")
    page.add_init_script(LUISTER)
    meld_aan_in_browser(page, live_server.url)
    controleer(page, live_server)
    resultaat = page.locator("#import-resultaat")
    expect(resultaat).to_contain_text("Bij 2 blokken moest de site raden")
    expect(page.locator("#blok-9")).to_contain_text("slot — niet overgenomen?")
    # Without JavaScript's help the form needs its own button; with it, that button is gone.
    expect(page.get_by_role("button", name="Lees opnieuw met deze rollen")).to_be_hidden()
    page.set_viewport_size({"width": 1280, "height": 900})
    schermafdruk(page, "beheer-import-rollen-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    schermafdruk(page, "beheer-import-rollen-375")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert_toegankelijk(page)
    geen_ernstige_twijfels(page)

    # Keyboard only: the guess's link leads to its block, Tab to its role, an arrow changes it.
    page.get_by_role("link", name="Regel 9: ‘Meer weten?’").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "rol-9"
    page.keyboard.press("ArrowUp")
    expect(page.locator("#import-melding")).to_have_text(
        "Rol van regel 9: tekst. Goed gelezen: 2 adviezen."
    )
    assert page.evaluate("document.activeElement.id") == "rol-9"
    expect(resultaat).to_contain_text("De opbouw is goed gelezen: 2 adviezen.")
    expect(page.locator("#blok-9")).to_contain_text("door jou gekozen")
    expect(page.locator("#blok-10")).to_contain_text("tekst")

    # The new thema: the existing one that looks like it is offered first.
    keuze = page.get_by_label("Thema ‘Praten met inwoners’")
    assert keuze.locator("optgroup[label='Lijkt op'] option").all_inner_texts() == [
        "Gebruik ‘Gesprekken met inwoners’"
    ]
    keuze.focus()
    page.keyboard.press("End")
    expect(page.locator("#import-melding")).to_contain_text(
        "Thema ‘Praten met inwoners’: Gebruik ‘Gesprekken met inwoners’"
    )
    assert_toegankelijk(page)
    page.get_by_role("button", name="Maak aan als concept").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    werkatelier = Werkatelier.objects.get()
    assert werkatelier.status == Werkatelier.Status.CONCEPT
    advies = werkatelier.adviezen.get(doelgroep=leidinggevenden)
    assert advies.tekst.endswith("<p>Meer weten?</p><p>Bel Sanne: 06 12 34 56 78.</p>")
    assert werkatelier.adviezen.get(doelgroep=uitvoerders).thema.naam == "Gesprekken met inwoners"
    assert page.evaluate("window.__csp") == []
