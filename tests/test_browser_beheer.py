import random
import re

import pytest
from playwright.sync_api import expect

from tests.conftest import assert_toegankelijk, meld_aan_in_browser, schermafdruk
from tests.test_importer import seed_tekst
from werkateliers.models import Werkatelier

# serialized_rollback: the flush after each test must not lose the data migrations' rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TOON_LEF = "Toon lef, neem initiatief – maar houd het doel voor ogen"
ORGANISEER = "Organiseer samenwerking – investeer in collega’s"


def titels_op_pagina(page):
    return [
        t.strip()
        for t in page.locator(".doelgroep").first.locator(".advies__titel a").all_inner_texts()
    ]


def meld_aan(page, live_server):
    meld_aan_in_browser(page, live_server.url)


def rijen(page):
    return page.locator("#adviezen-group .inline-related:not(.empty-form)")


def posities(page, aantal):
    velden = page.locator('#adviezen-group input[name$="-positie"]')
    return [velden.nth(i).input_value() for i in range(aantal)]


def sleep_als_een_hand(page, greep, doel, onder=True):
    """Press the handle, then move as a hand does: many small, slightly uneven steps."""
    # The mouse works in the visible part of the page: bring both rows into view first.
    page.set_viewport_size({"width": 1280, "height": 1400})
    doel.evaluate("element => element.scrollIntoView({block: 'start'})")
    van = greep.bounding_box()
    naar = doel.bounding_box()
    x, y = van["x"] + van["width"] / 2, van["y"] + van["height"] / 2
    doel_y = naar["y"] + (naar["height"] * 0.75 if onder else naar["height"] * 0.25)
    page.mouse.move(x, y)
    page.mouse.down()
    willekeur = random.Random(7)
    stappen = 60
    for stap in range(1, stappen + 1):
        page.mouse.move(
            x + willekeur.uniform(-3, 3),
            y + (doel_y - y) * stap / stappen + willekeur.uniform(-2, 2),
        )
    page.mouse.move(x, doel_y)
    page.mouse.up()


def test_redacteur_imports_reorders_with_a_gradual_drag_and_publishes(live_server, page, redacteur):
    meld_aan(page, live_server)
    page.goto(live_server.url + "/beheer/werkateliers/werkatelier/")
    page.get_by_role("link", name="Importeer werkatelier").click()
    assert_toegankelijk(page)
    # A Dutch browser, as staff have: its file field says "Bestand kiezen" (conftest).
    assert page.evaluate("navigator.language").startswith("nl")
    page.get_by_label("Titel van het werkatelier").fill("Integraal werken")
    page.get_by_label("Tekst van het verslag").fill(seed_tekst("werkatelier-integraal-werken.txt"))
    page.get_by_role("button", name="Controleer").click()
    assert "De opbouw is goed gelezen: 7 adviezen." in page.locator("#content-main").inner_text()
    schermafdruk(page, "beheer-import-1280")
    assert_toegankelijk(page)
    page.get_by_label("Thema ‘Praten met inwoners’").select_option(
        label="Maak het nieuwe thema ‘Praten met inwoners’"
    )
    page.get_by_label("Thema ‘Met collega's’").select_option(
        label="Maak het nieuwe thema ‘Met collega's’"
    )
    page.get_by_role("button", name="Maak aan als concept").click()

    werkatelier = Werkatelier.objects.get()
    assert f"/beheer/werkateliers/werkatelier/{werkatelier.pk}/change/" in page.url
    assert werkatelier.status == Werkatelier.Status.CONCEPT

    # Drag advies 4 ("Organiseer samenwerking") above advies 3 ("Toon lef"), by hand.
    sleep_als_een_hand(
        page, rijen(page).nth(3).locator(".volgorde-greep"), rijen(page).nth(2), onder=False
    )
    assert ORGANISEER in rijen(page).nth(2).inner_text()
    assert posities(page, 4) == ["1", "2", "3", "4"]
    expect(page.get_by_role("status").filter(has_text="Advies")).to_contain_text(
        f"Advies 4 staat nu op plaats 3 voor uitvoerders: {ORGANISEER}."
    )
    schermafdruk(page, "beheer-gesleept-1280")

    page.locator("#id_status").select_option("gepubliceerd")
    page.locator('input[name="_save"]').click()
    assert "gewijzigd" in page.locator(".messagelist").inner_text()
    werkatelier.refresh_from_db()
    assert werkatelier.is_public
    page.goto(live_server.url + "/werkateliers/integraal-werken/")
    assert titels_op_pagina(page) == [
        "Praat mét de inwoner – niet over de inwoner",
        "Ga uit van de behoefte van de inwoner – en betrek hem bij het plan",
        ORGANISEER,
        TOON_LEF,
    ]


def test_dragging_works_by_touch_too(browser, live_server, seeds, redacteur):
    context = browser.new_context(viewport={"width": 1024, "height": 1400}, has_touch=True)
    page = context.new_page()
    meld_aan(page, live_server)
    werkatelier = seeds["werken-met-jongeren"]
    page.goto(live_server.url + f"/beheer/werkateliers/werkatelier/{werkatelier.pk}/change/")
    greep = rijen(page).nth(1).locator(".volgorde-greep")
    doel = rijen(page).nth(0)
    doel.evaluate("element => element.scrollIntoView({block: 'start'})")
    van, naar = greep.bounding_box(), doel.bounding_box()
    x, y = van["x"] + van["width"] / 2, van["y"] + van["height"] / 2
    eind_y = naar["y"] + naar["height"] * 0.2
    client = context.new_cdp_session(page)

    def raak(soort, punt_y):
        punten = [] if soort == "touchEnd" else [{"x": x, "y": punt_y}]
        client.send("Input.dispatchTouchEvent", {"type": soort, "touchPoints": punten})

    raak("touchStart", y)
    for stap in range(1, 41):
        raak("touchMove", y + (eind_y - y) * stap / 40)
    raak("touchEnd", eind_y)
    assert "Houd het helder" in rijen(page).nth(0).inner_text()
    assert posities(page, 2) == ["1", "2"]
    context.close()


def test_keyboard_buttons_move_an_advies_and_say_where_it_is_now(
    live_server, page, redacteur, seeds
):
    meld_aan(page, live_server)
    werkatelier = seeds["integraal-werken"]
    page.goto(live_server.url + f"/beheer/werkateliers/werkatelier/{werkatelier.pk}/change/")
    page.get_by_role("button", name=f"Omhoog: {ORGANISEER}").focus()
    page.keyboard.press("Enter")
    assert ORGANISEER in rijen(page).nth(2).inner_text()
    assert posities(page, 4) == ["1", "2", "3", "4"]
    expect(page.get_by_role("status").filter(has_text="Advies")).to_have_text(
        f"Advies 4 staat nu op plaats 3 voor uitvoerders: {ORGANISEER}."
    )
    # Focus stays on the button, so the next press moves it further.
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Advies")).to_contain_text(
        "Advies 3 staat nu op plaats 2"
    )
    expect(page.get_by_role("status").filter(has_text="Advies")).to_contain_text(
        "Let op: de adviezen met thema ‘Praten met inwoners’ staan nu niet meer bij elkaar."
    )


def test_the_admin_pages_that_changed_are_accessible(live_server, page, redacteur, seeds):
    from reversion.models import Version

    from tests.conftest import meld_aan as meld_aan_met_client
    from tests.test_versies import bewaar

    werkatelier = seeds["integraal-werken"]
    staf = meld_aan_met_client(__import__("django.test").test.Client(), redacteur)
    bewaar(staf, werkatelier)
    bewaar(staf, werkatelier, **{TOON_LEF: ("titel", "Toon lef – en neem initiatief")})
    versie = Version.objects.get_for_object(werkatelier).order_by("-pk")[0]
    page.goto(live_server.url + "/beheer/login/")
    assert_toegankelijk(page)
    meld_aan(page, live_server)
    for naam, pad in {
        "start": "/beheer/",
        "werkateliers": "/beheer/werkateliers/werkatelier/",
        "werkatelier": f"/beheer/werkateliers/werkatelier/{werkatelier.pk}/change/",
        "geschiedenis": f"/beheer/werkateliers/werkatelier/{werkatelier.pk}/history/",
        "vergelijken": f"/beheer/werkateliers/werkatelier/{werkatelier.pk}/geschiedenis/{versie.pk}/",
        "importeren": "/beheer/werkateliers/werkatelier/importeren/",
        "doelgroep": f"/beheer/werkateliers/doelgroep/{werkatelier.adviezen.first().doelgroep_id}/change/",
        "herstelcodes": "/beheer/tweestaps/herstelcodes/",
    }.items():
        page.goto(live_server.url + pad)
        page.wait_for_load_state("networkidle")
        assert_toegankelijk(page)
        schermafdruk(page, f"beheer-{naam}-1280", volledig=naam != "werkatelier")


def test_compare_and_restore_in_the_browser(live_server, page, redacteur, seeds):
    from django.test import Client

    from tests.conftest import meld_aan as meld_aan_met_client
    from tests.test_versies import bewaar

    werkatelier = seeds["integraal-werken"]
    staf = meld_aan_met_client(Client(), redacteur)
    bewaar(staf, werkatelier)
    bewaar(staf, werkatelier, **{TOON_LEF: ("titel", "Toon lef – fout")})
    meld_aan(page, live_server)
    page.goto(live_server.url + f"/beheer/werkateliers/werkatelier/{werkatelier.pk}/change/")
    page.get_by_role("link", name="Geschiedenis").click()
    page.get_by_role("link", name="Wat veranderde er?").first.click()
    expect(page.locator(".verschillen ins").first).to_be_visible()
    weg = " ".join(page.locator(".verschillen del").all_inner_texts())
    erbij = " ".join(page.locator(".verschillen ins").all_inner_texts())
    assert "initiatief" in weg and "doel voor ogen" in weg and "fout" in erbij
    schermafdruk(page, "beheer-vergelijk-1280")
    page.get_by_role("link", name=re.compile("^Zet de versie van")).click()
    # On the site: the old version goes into the conceptversie, after seeing what changes.
    expect(page.locator(".versiebalk")).to_contain_text("De oude versie komt in de conceptversie")
    assert_toegankelijk(page)
    schermafdruk(page, "beheer-terugzetten-1280")
    page.get_by_role("button", name="Zet terug in de conceptversie").click()
    expect(page.locator(".messagelist")).to_contain_text("staat nu in de conceptversie")
    werkatelier.refresh_from_db()
    assert werkatelier.conceptversie.adviezen.filter(titel=TOON_LEF).exists()
    assert not werkatelier.adviezen.filter(titel=TOON_LEF).exists()  # not yet on the site


def test_status_and_links_tell_the_truth(live_server, page, redacteur, seeds):
    from datetime import timedelta

    from django.utils import timezone

    werkatelier = seeds["werken-met-jongeren"]
    werkatelier.gepubliceerd_op = timezone.now() + timedelta(days=3)
    werkatelier.save()
    meld_aan(page, live_server)
    page.goto(live_server.url + "/beheer/werkateliers/werkatelier/?status_nu=gepland")
    rij = page.locator("#result_list tbody tr")
    expect(rij).to_have_count(1)
    expect(rij).to_contain_text("gepland voor")
    rij.get_by_role("link", name="Voorbeeld").click()
    expect(page.locator(".utrecht-alert")).to_contain_text("Dit werkatelier is gepland")
    page.goto(live_server.url + f"/beheer/werkateliers/werkatelier/{werkatelier.pk}/change/")
    # An advies's own link leads to its place in the preview, not to a page that is not there.
    with page.expect_navigation():
        page.locator("#adviezen-0 .inlineviewlink, #adviezen-0 a[href*='voorbeeld']").first.click()
    assert page.url.endswith(
        f"#advies-{werkatelier.adviezen.order_by('doelgroep__volgorde', 'positie').first().pk}"
    )
