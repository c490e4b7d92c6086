import pytest

from tests.conftest import assert_toegankelijk

# serialized_rollback: the flush after each test must not lose the data migrations' rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_seed_werkatelier_page_is_accessible(live_server, page, seeds):
    page.goto(live_server.url + "/werkateliers/werken-met-jongeren/")
    assert page.locator("h1").count() == 1
    assert page.locator("h2").first.inner_text() == "Zes adviezen voor uitvoerders"
    assert_toegankelijk(page)


def test_the_anchor_of_one_advies_on_its_werkatelier_page_lands_on_it(live_server, page, seeds):
    advies = seeds["integraal-werken"].adviezen.get(titel__startswith="Toon lef")
    page.goto(live_server.url + advies.get_werkatelier_url())
    doel = page.locator(":target")
    assert "Toon lef, neem initiatief" in doel.inner_text()
