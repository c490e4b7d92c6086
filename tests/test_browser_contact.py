import pytest
from playwright.sync_api import expect

from contact.models import Contactbericht
from tests.conftest import assert_toegankelijk

# serialized_rollback: the flush after each test must not lose the data migrations' rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_visitor_sends_a_question_from_a_werkatelier_page(live_server, page, seeds, mailoutbox):
    page.goto(live_server.url + "/werkateliers/integraal-werken/")
    page.get_by_role("link", name="Stuur een e-mail").first.click()
    assert "Integraal werken" in page.locator("main").inner_text()
    assert_toegankelijk(page)

    page.get_by_label("E-mailadres (verplicht)").fill("anne@gemeente.nl")
    page.get_by_label("Je vraag (verplicht)").fill(
        "Mogen we dit advies gebruiken in ons teamoverleg?"
    )
    page.get_by_role("button", name="Verstuur je vraag").click()

    expect(page.locator("h1")).to_have_text("Bedankt, je vraag is verstuurd")
    assert_toegankelijk(page)
    bericht = Contactbericht.objects.get()
    assert bericht.werkatelier.slug == "integraal-werken"
    assert bericht.bezorging == Contactbericht.Bezorging.WACHT
    # The sender outside the request delivers it.
    from contact.emails import verstuur_wat_klaarstaat

    assert verstuur_wat_klaarstaat() == (1, 0)
    assert len(mailoutbox) == 1


def test_empty_form_shows_the_error_summary_with_focus(live_server, page):
    page.goto(live_server.url + "/contact/")
    page.get_by_role("button", name="Verstuur je vraag").click()
    samenvatting = page.locator("#fouten")
    # The click starts a navigation; wait for the answer page, as a visitor does.
    expect(samenvatting).to_be_visible()
    expect(samenvatting).to_contain_text("Vul je e-mailadres in")
    expect(samenvatting).to_be_focused()
    samenvatting.get_by_role("link", name="Je vraag (verplicht): Schrijf je vraag op.").click()
    expect(page.get_by_label("Je vraag (verplicht)")).to_be_focused()
    assert_toegankelijk(page)
    assert not Contactbericht.objects.exists()
