import pytest
from playwright.sync_api import expect

from tests.conftest import assert_toegankelijk

# serialized_rollback: the flush after each test must not lose the data migrations' rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_leidinggevende_widens_to_a_thema_and_opens_the_advies(live_server, page, seeds):
    page.goto(live_server.url + "/")
    assert_toegankelijk(page)
    page.get_by_role("link", name="Ik ben leidinggevende of bestuurder").click()
    assert page.locator("h1").inner_text() == "6 adviezen voor leidinggevenden en bestuurders"
    assert_toegankelijk(page)

    # Leidinggevenden have no thema in the seeds: widen to uitvoerders' thema "Met collega's".
    page.get_by_label("Uitvoerders").check()
    page.get_by_role("button", name="Toon adviezen").click()
    page.get_by_label("Met collega's").check()
    page.get_by_role("button", name="Toon adviezen").click()
    assert page.locator("h1").inner_text() == "2 adviezen voor uitvoerders over met collega's"
    assert "thema=met-collegas" in page.url
    assert_toegankelijk(page)

    page.get_by_role("link", name="Organiseer samenwerking – investeer in collega’s").click()
    assert page.locator("h1").inner_text() == "Organiseer samenwerking – investeer in collega’s"
    assert "Goede samenwerking is essentieel" in page.locator("article").inner_text()


def test_filter_form_works_by_keyboard_alone(live_server, page, seeds):
    page.goto(live_server.url + "/adviezen/")
    page.get_by_label("Zoek in de adviezen").focus()
    page.keyboard.type("netwerk")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "met ‘netwerk’" in page.locator("h1").inner_text()
    expect(page.locator("mark").first).to_be_visible()
