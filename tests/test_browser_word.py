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
    expect(page.locator("#rol-9")).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(page.locator("#import-melding")).to_have_text(
        "Rol van regel 9: tekst. Goed gelezen: 2 adviezen."
    )
    expect(page.locator("#rol-9")).to_be_focused()
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


def verslag_als_word():
    """A report as Word writes it: thema as Kop 2, numbered adviezen in bold, a closing
    block after the last advies."""
    from tests.word import Verslag

    verslag = Verslag()
    verslag.alinea("Intro van het werkatelier over de wijk.")
    verslag.kop("Eén advies voor uitvoerders", 1)
    verslag.kop("Praten met inwoners", 2)
    verslag.alinea("1. ", ("vet", "Luister – echt"))
    verslag.alinea("Neem de tijd voor wie voor je zit.")
    verslag.kop("Eén advies voor leidinggevenden en bestuurders", 1)
    verslag.alinea("1. ", ("vet", "Geef ruimte – en vertrouwen"))
    verslag.alinea("Uitvoerders hebben steun nodig.")
    verslag.alinea("Meer weten?")
    verslag.alinea("Bel Sanne: 06 12 34 56 78.")
    return verslag.bytes()


def test_without_javascript_roles_and_thema_are_corrected_by_submitting_the_form(
    live_server, browser, page, redacteur, uitvoerders, leidinggevenden, tmp_path
):
    """Signed in with JavaScript (as every browser test does), then the same session in a
    browser without it: the Word file is uploaded, a role changed and read again with the
    form's own button, a thema mapped, and the concept made."""
    Thema.objects.create(naam="Gesprekken met inwoners", slug="gesprekken-met-inwoners")
    meld_aan_in_browser(page, live_server.url)
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False,
        viewport={"width": 1280, "height": 900},
    )  # fmt: skip
    context.add_cookies(page.context.cookies())
    zonder = context.new_page()
    zonder.goto("/beheer/werkateliers/werkatelier/importeren/")
    bestand = tmp_path / "De wijk in.docx"
    bestand.write_bytes(verslag_als_word())
    zonder.get_by_label("Titel van het werkatelier").fill("De wijk in")
    zonder.get_by_label("Verslag als bestand").set_input_files(bestand)
    with zonder.expect_navigation():
        zonder.get_by_role("button", name="Controleer").click()

    resultaat = zonder.locator("#import-resultaat")
    expect(resultaat).to_contain_text("Zo leest de site ‘De wijk in.docx’")
    expect(resultaat).to_contain_text("Bij 2 blokken moest de site raden")
    slot = zonder.locator("li.import-blok", has_text="Meer weten?")
    expect(slot).to_contain_text("slot — niet overgenomen?")
    # importeren.js hides this button; here nothing ran to hide it.
    knop = zonder.get_by_role("button", name="Lees opnieuw met deze rollen")
    expect(knop).to_be_visible()
    schermafdruk(zonder, "beheer-import-zonder-js-1280")
    zonder.set_viewport_size({"width": 375, "height": 800})
    schermafdruk(zonder, "beheer-import-zonder-js-375")
    zonder.set_viewport_size({"width": 1280, "height": 900})

    slot.get_by_role("combobox").select_option("tekst")
    with zonder.expect_navigation():
        knop.click()
    expect(resultaat).to_contain_text("De opbouw is goed gelezen: 2 adviezen.")
    gekozen = zonder.locator("li.import-blok", has_text="Meer weten?")
    expect(gekozen).to_contain_text("door jou gekozen")
    expect(gekozen.get_by_role("combobox")).to_have_value("tekst")
    # The file is not chosen again: what was read travels with the form.
    expect(zonder.locator(".import-goed").last).to_contain_text("Je controleert het bestand")

    keuze = zonder.get_by_label("Thema ‘Praten met inwoners’")
    keuze.select_option(label="Gebruik ‘Gesprekken met inwoners’")
    with zonder.expect_navigation():
        zonder.get_by_role("button", name="Maak aan als concept").click()
    expect(zonder.locator(".messagelist")).to_contain_text(
        "‘De wijk in’ is aangemaakt als concept."
    )
    context.close()

    werkatelier = Werkatelier.objects.get()
    assert werkatelier.status == Werkatelier.Status.CONCEPT
    advies = werkatelier.adviezen.get(doelgroep=leidinggevenden)
    assert advies.tekst.endswith("<p>Meer weten?</p><p>Bel Sanne: 06 12 34 56 78.</p>")
    assert werkatelier.adviezen.get(doelgroep=uitvoerders).thema.naam == "Gesprekken met inwoners"
    assert Thema.objects.count() == 1


def test_a_list_inside_a_numbered_item_and_a_typed_lettered_list_show_letters(
    live_server, page, uitvoerders
):
    """Word's second list level (an <ol> in an item) and a list typed as a., b. (type="a")
    show letters on the public page, as in Word."""
    from tests.factories import AdviesFactory

    advies = AdviesFactory(
        doelgroep=uitvoerders, titel="Doe het samen – laat de inwoner zelf klikken",
        tekst="<p>Zo pak je het aan:</p><ol><li>Laat zien waar het begint:<ol><li>de website "
        "van de gemeente</li><li>het inlogscherm met DigiD</li></ol></li><li>Laat de inwoner "
        'het daarna zelf doen.</li></ol><p>Lukt het niet, dan:</p><ol type="a"><li>bel de '
        "inwoner na een week</li><li>of spreek een tweede keer af</li></ol>",
    )  # fmt: skip
    page.goto(live_server.url + advies.get_absolute_url())
    soorten = page.locator(".tekst ol").evaluate_all(
        "lijsten => lijsten.map(l => getComputedStyle(l).listStyleType)"
    )
    assert soorten == ["decimal", "lower-alpha", "lower-alpha"]
    for breedte in (375, 1280):
        page.set_viewport_size({"width": breedte, "height": 900})
        schermafdruk(page, f"advies-lijst-met-letters-{breedte}")
    assert_toegankelijk(page)
