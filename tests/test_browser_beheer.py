import pytest

from tests.conftest import assert_toegankelijk
from tests.test_importer import seed_tekst
from werkateliers.models import Werkatelier

# serialized_rollback: the flush after each test must not lose the data migrations' rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def titels_op_pagina(page):
    return [
        t.strip()
        for t in page.locator(".doelgroep").first.locator(".advies__titel a").all_inner_texts()
    ]


def test_redacteur_imports_reorders_by_dragging_and_publishes(live_server, page, redacteur):
    page.goto(live_server.url + "/beheer/")
    page.get_by_label("Gebruikersnaam").fill("redacteur")
    page.get_by_label("Wachtwoord").fill("Redactie-2026-geheim")
    page.get_by_role("button", name="Aanmelden").click()

    page.goto(live_server.url + "/beheer/werkateliers/werkatelier/")
    page.get_by_role("link", name="Importeer werkatelier").click()
    assert_toegankelijk(page)
    page.get_by_label("Titel van het werkatelier").fill("Integraal werken")
    page.get_by_label("Tekst van het verslag").fill(seed_tekst("werkatelier-integraal-werken.txt"))
    page.get_by_role("button", name="Controleer").click()
    assert "De opbouw is goed gelezen: 7 adviezen." in page.locator("#content-main").inner_text()
    assert_toegankelijk(page)
    page.get_by_label("Nieuw thema: Praten met inwoners").check()
    page.get_by_label("Nieuw thema: Met collega's").check()
    page.get_by_role("button", name="Maak aan als concept").click()

    werkatelier = Werkatelier.objects.get()
    assert f"/beheer/werkateliers/werkatelier/{werkatelier.pk}/change/" in page.url
    assert_toegankelijk(page)
    assert werkatelier.status == Werkatelier.Status.CONCEPT

    # Drag advies 4 ("Organiseer samenwerking") above advies 3 ("Toon lef").
    rijen = page.locator("#adviezen-group .inline-related:not(.empty-form)")
    rijen.nth(3).locator(".volgorde-greep").drag_to(rijen.nth(2).locator(".volgorde-greep"))
    posities = page.locator('#adviezen-group input[name$="-positie"]')
    assert [posities.nth(i).input_value() for i in range(4)] == ["1", "2", "3", "4"]
    assert "Organiseer samenwerking" in rijen.nth(2).inner_text()

    page.get_by_label("Status").select_option("gepubliceerd")
    page.locator('input[name="_save"]').click()
    assert "gewijzigd" in page.locator(".messagelist").inner_text()

    assert_toegankelijk(page)
    werkatelier.refresh_from_db()
    assert werkatelier.is_public
    page.goto(live_server.url + "/werkateliers/integraal-werken/")
    assert titels_op_pagina(page) == [
        "Praat mét de inwoner – niet over de inwoner",
        "Ga uit van de behoefte van de inwoner – en betrek hem bij het plan",
        "Organiseer samenwerking – investeer in collega’s",
        "Toon lef, neem initiatief – maar houd het doel voor ogen",
    ]


def test_keyboard_buttons_move_an_advies(live_server, page, redacteur, seeds):
    page.goto(live_server.url + "/beheer/login/")
    page.get_by_label("Gebruikersnaam").fill("redacteur")
    page.get_by_label("Wachtwoord").fill("Redactie-2026-geheim")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    werkatelier = seeds["integraal-werken"]
    page.goto(live_server.url + f"/beheer/werkateliers/werkatelier/{werkatelier.pk}/change/")
    page.get_by_role(
        "button", name="Omhoog: Organiseer samenwerking – investeer in collega’s"
    ).focus()
    page.keyboard.press("Enter")
    posities = page.locator('#adviezen-group input[name$="-positie"]')
    assert (
        "Organiseer samenwerking"
        in page.locator("#adviezen-group .inline-related").nth(2).inner_text()
    )
    assert [posities.nth(i).input_value() for i in range(4)] == ["1", "2", "3", "4"]
