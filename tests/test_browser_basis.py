import pytest

from tests.conftest import assert_toegankelijk

# serialized_rollback: the flush after each test must not lose the data migrations' rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_home_skip_link_is_first_tab_stop_and_page_is_accessible(live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Direct naar de inhoud"
    page.keyboard.press("Enter")
    assert page.url.endswith("#inhoud")
    assert_toegankelijk(page)
