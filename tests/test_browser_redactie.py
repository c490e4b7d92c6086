"""Staff journeys on live content, in Chromium, with the production settings the tests run
under (debug off: the Content-Security-Policy and the security headers are on)."""

import pytest
from playwright.sync_api import expect

from tests.conftest import assert_toegankelijk, meld_aan_in_browser, schermafdruk

# serialized_rollback: the flush after each test must not lose the data migrations' rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WERKATELIERS = "/beheer/werkateliers/werkatelier/"
LUISTER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + document.location.pathname + " " + e.sourceFile + ":" + e.lineNumber + " " + (e.sample || ""));
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


def test_a_change_to_a_live_werkatelier_is_prepared_checked_and_published(staf, live_server, seeds):
    page = staf
    werkatelier = seeds["integraal-werken"]
    page.goto(f"{live_server.url}{WERKATELIERS}{werkatelier.pk}/change/")
    expect(page.locator(".versiebalk")).to_contain_text("Je bewerkt de gepubliceerde versie")
    schermafdruk(page, "beheer-werkatelier-live-1280", volledig=False)
    page.locator("#id_titel").fill("Integraal samenwerken")
    page.get_by_role("button", name="Bewaar als conceptversie").click()
    expect(page.locator(".messagelist")).to_contain_text("bewaard als conceptversie")
    expect(page.locator(".versiebalk")).to_contain_text("Je bewerkt de conceptversie")
    assert_toegankelijk(page)
    schermafdruk(page, "beheer-conceptversie-1280", volledig=False)

    # The public page has not changed.
    publiek = page.context.browser.new_page()
    publiek.goto(live_server.url + werkatelier.get_absolute_url())
    expect(publiek.locator("h1")).to_have_text("Integraal werken")

    page.get_by_role("link", name="Voorbeeld", exact=True).click()
    telefoon = page.frame_locator("iframe[title$='op een telefoon']")
    computer = page.frame_locator("iframe[title$='op een computer']")
    for kader in (telefoon, computer):
        expect(kader.locator("h1")).to_have_text("Integraal samenwerken")
        expect(kader.locator(".utrecht-alert")).to_contain_text("Dit is de conceptversie")
    # Each lays out at its own width: the phone's menu wraps under the logo, the desktop's not.
    assert telefoon.locator("body").evaluate("b => b.clientWidth") == 375
    assert computer.locator("body").evaluate("b => b.clientWidth") == 1280
    assert_toegankelijk(page)
    schermafdruk(page, "beheer-voorbeeld-1280", volledig=False)
    page.get_by_role("link", name="Alleen telefoon").click()
    expect(page.locator("iframe")).to_have_count(1)
    schermafdruk(page, "beheer-voorbeeld-telefoon-1280", volledig=False)

    page.get_by_role("link", name="Vergelijk met de site").click()
    expect(page.locator(".verschillen ins")).to_have_text("samenwerken")
    assert_toegankelijk(page)
    page.get_by_role("link", name="Terug naar de conceptversie").click()
    page.get_by_role("link", name="Publiceren…").click()
    assert_toegankelijk(page)
    schermafdruk(page, "beheer-publiceren-1280")
    page.get_by_role("button", name="Publiceer wijzigingen nu").click()
    expect(page.locator(".messagelist")).to_contain_text("De wijzigingen staan op de site.")
    publiek.reload()
    expect(publiek.locator("h1")).to_have_text("Integraal samenwerken")
    publiek.close()


def test_leaving_a_form_with_unsaved_changes_asks_first(staf, live_server, seeds):
    page = staf
    werkatelier = seeds["integraal-werken"]
    adres = f"{live_server.url}{WERKATELIERS}{werkatelier.pk}/change/"
    page.goto(adres)
    page.wait_for_load_state("load")
    melding = page.locator(".niet-bewaard")
    expect(melding).to_be_empty()  # the editors setting themselves up change nothing
    page.locator("#id_titel").fill("Integraal samenwerken")
    expect(melding).to_have_text("Je hebt wijzigingen die nog niet bewaard zijn.")
    # A link elsewhere in the beheer: our own question, in Dutch.
    page.locator(".breadcrumbs").get_by_role("link", name="Werkateliers").last.click()
    vraag = page.get_by_role("dialog", name="Je wijzigingen zijn nog niet bewaard")
    expect(vraag).to_be_visible()
    assert_toegankelijk(page)
    schermafdruk(page, "beheer-niet-bewaard-1280", volledig=False)
    vraag.get_by_role("button", name="Blijf hier").click()
    assert page.url == adres and page.locator("#id_titel").input_value() == "Integraal samenwerken"
    # Dragging an advies is a change too.
    page.get_by_role("button", name="Omlaag: Praat mét de inwoner – niet over de inwoner").click()
    page.locator(".breadcrumbs").get_by_role("link", name="Werkateliers").last.click()
    with page.expect_navigation():
        page.get_by_role("button", name="Verlaat de pagina zonder bewaren").click()
    assert page.url.endswith(WERKATELIERS)
    werkatelier.refresh_from_db()
    assert werkatelier.titel == "Integraal werken"


def test_closing_the_page_with_unsaved_text_makes_the_browser_ask(staf, live_server, seeds):
    page = staf
    werkatelier = seeds["integraal-werken"]
    page.goto(f"{live_server.url}{WERKATELIERS}{werkatelier.pk}/change/")
    page.wait_for_load_state("load")
    vragen = []
    page.on("dialog", lambda dialoog: (vragen.append(dialoog.type), dialoog.dismiss()))
    page.locator("#adviezen-0 .ProseMirror").first.click()
    page.keyboard.type(" Nog een zin.")
    expect(page.locator(".niet-bewaard")).not_to_be_empty()
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    assert vragen == ["beforeunload"]


def test_saving_asks_nothing(staf, live_server, seeds):
    page = staf
    werkatelier = seeds["integraal-werken"]
    page.goto(f"{live_server.url}{WERKATELIERS}{werkatelier.pk}/change/")
    page.wait_for_load_state("load")
    vragen = []
    page.on("dialog", lambda dialoog: (vragen.append(dialoog.type), dialoog.dismiss()))
    page.locator("#id_beschrijving").fill("Over samenwerken.")
    page.get_by_role("button", name="Bewaar als conceptversie").click()
    expect(page.locator(".messagelist")).to_contain_text("bewaard als conceptversie")
    assert vragen == []


def test_a_save_over_a_newer_one_shows_both_and_saves_on_the_second_try(
    staf, browser, live_server, seeds, django_user_model
):
    from django.contrib.auth.models import Group

    from tests.conftest import met_app

    werkatelier = seeds["integraal-werken"]
    adres = f"{live_server.url}{WERKATELIERS}{werkatelier.pk}/change/"
    staf.goto(adres)
    # A colleague, in a browser of her own (an app code works once: her own account).
    bert = django_user_model.objects.create_user(
        "bert", password="Redactie-2026-ook-geheim", is_staff=True, first_name="Bert"
    )
    bert.groups.add(Group.objects.get(name="Redacteur"))
    met_app(bert)
    ander = browser.new_context().new_page()
    meld_aan_in_browser(ander, live_server.url, "bert", "Redactie-2026-ook-geheim")
    ander.goto(adres)
    ander.locator("#id_adviezen-2-titel").fill("Toon lef – neem initiatief")
    ander.get_by_role("button", name="Bewaar en zet direct op de site").click()
    expect(ander.locator(".messagelist")).to_contain_text("gewijzigd")
    ander.context.close()

    staf.locator("#id_beschrijving").fill("Over samenwerken in de uitvoering.")
    staf.get_by_role("button", name="Bewaar en zet direct op de site").click()
    botsing = staf.get_by_role("alert").filter(has_text="Niet bewaard: iemand anders was je voor")
    expect(botsing).to_be_visible()
    expect(botsing).to_contain_text("Nadat jij dit formulier opende, heeft Bert op ")
    expect(botsing).to_contain_text("Toon lef – neem initiatief")  # theirs
    expect(botsing).to_contain_text("Over samenwerken in de uitvoering.")  # mine
    expect(staf.locator("#id_adviezen-2-titel")).to_have_value("Toon lef – neem initiatief")
    assert_toegankelijk(staf)
    schermafdruk(staf, "beheer-botsing-1280", volledig=False)
    staf.get_by_role("button", name="Bewaar en zet direct op de site").click()
    expect(staf.locator(".messagelist")).to_contain_text("gewijzigd")
    werkatelier.refresh_from_db()
    assert werkatelier.beschrijving == "Over samenwerken in de uitvoering."
    assert werkatelier.adviezen.filter(titel="Toon lef – neem initiatief").exists()
