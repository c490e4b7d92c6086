import pytest

from tests.conftest import assert_toegankelijk

# serialized_rollback: the flush after each test must not lose the data migrations' rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_leidinggevende_narrows_to_a_thema_and_lands_on_the_advies(live_server, page, seeds):
    page.goto(live_server.url + "/")
    assert_toegankelijk(page)
    page.get_by_role("link", name="Ik ben leidinggevende of bestuurder").click()
    assert (
        "6 adviezen voor leidinggevenden en bestuurders" in page.get_by_role("status").inner_text()
    )
    assert_toegankelijk(page)

    # Leidinggevenden have no thema in the seeds: widen to uitvoerders' thema "Met collega's".
    page.get_by_label("Uitvoerders").check()
    page.get_by_label("Met collega's").check()
    page.get_by_role("button", name="Toon adviezen").click()
    assert (
        "2 adviezen voor uitvoerders over Met collega's" in page.get_by_role("status").inner_text()
    )
    assert "thema=met-collegas" in page.url
    assert_toegankelijk(page)

    page.get_by_role("link", name="4. Organiseer samenwerking – investeer in collega’s").click()
    assert "/werkateliers/integraal-werken/#advies-" in page.url
    assert "Goede samenwerking is essentieel" in page.locator(":target").inner_text()


def test_filter_form_works_by_keyboard_alone(live_server, page, seeds):
    page.goto(live_server.url + "/adviezen/")
    page.get_by_label("Zoekwoorden").focus()
    page.keyboard.type("netwerk")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "met ‘netwerk’" in page.get_by_role("status").inner_text()
    assert page.locator("mark").count() > 0


def test_empty_state_and_info_pages_are_accessible(live_server, page, seeds):
    page.goto(live_server.url + "/adviezen/?q=onvindbaar")
    assert "Geen adviezen gevonden" in page.locator("main").inner_text()
    assert_toegankelijk(page)
    for pad in ("/toegankelijkheid/", "/privacy/"):
        page.goto(live_server.url + pad)
        assert page.locator("h1").count() == 1
        assert_toegankelijk(page)
