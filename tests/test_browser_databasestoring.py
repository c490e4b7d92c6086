"""The pages a visitor sees while the database is away, in a browser: accessible, in Dutch,
and the question still in the form."""

import pytest
from django.db import OperationalError
from playwright.sync_api import expect

from contact.forms import ContactForm
from contact.models import Contactbericht
from tests.conftest import assert_toegankelijk

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def weg(*args, **kwargs):
    raise OperationalError("connection to server failed: Connection refused")


def test_a_page_while_the_database_is_down_is_the_dutch_503(live_server, page, monkeypatch):
    monkeypatch.setattr("werkateliers.views.render", weg)
    antwoord = page.goto(live_server.url + "/adviezen/?q=gesprek")
    assert antwoord.status == 503
    assert page.locator("h1").inner_text() == "De site is even niet bereikbaar"
    assert_toegankelijk(page)


def test_a_question_sent_while_the_database_is_down_stays_in_the_form(
    live_server, page, monkeypatch
):
    page.goto(live_server.url + "/contact/")
    page.get_by_label("E-mailadres (verplicht)").fill("anne@gemeente.nl")
    page.get_by_label("Je vraag (verplicht)").fill("Hoe bereid ik een keukentafelgesprek voor?")
    origineel = ContactForm.clean_werkatelier

    def database_weg(self):
        return origineel(self) if self.zonder_database else weg()

    monkeypatch.setattr(ContactForm, "clean_werkatelier", database_weg)
    page.get_by_role("button", name="Verstuur je vraag").click()

    melding = page.locator("#niet-bewaard")
    expect(melding).to_contain_text("Je vraag is nog niet verstuurd")
    expect(melding).to_be_focused()  # set by the page's script once it has loaded
    vraag = page.get_by_label("Je vraag (verplicht)")
    assert vraag.input_value() == "Hoe bereid ik een keukentafelgesprek voor?"
    assert page.get_by_label("E-mailadres (verplicht)").input_value() == "anne@gemeente.nl"
    assert_toegankelijk(page)

    # Back again: the same form sends it.
    monkeypatch.setattr(ContactForm, "clean_werkatelier", origineel)
    page.get_by_role("button", name="Verstuur je vraag").click()
    expect(page.locator("h1")).to_have_text("Bedankt, je vraag is verstuurd")
    assert Contactbericht.objects.get().vraag == "Hoe bereid ik een keukentafelgesprek voor?"
