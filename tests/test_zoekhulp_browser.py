"""The Zoekopdrachten screen and the synonym form in Chromium, on a phone and a laptop: a
Redacteur sees what found nothing and makes a synonym group from it; axe-core finds nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import meld_aan_in_browser, schermafdruk
from tests.test_browser_redactie import LUISTER
from tests.test_browser_toegankelijk_beheer import bevindingen
from zoekhulp.models import Synoniemgroep, Zoekopdracht
from zoekhulp.synoniemen import synoniemen

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def gezocht():
    vandaag = timezone.localdate()
    Synoniemgroep.objects.create(woorden="schuldhulp, schulden, geldzorgen")
    for dag, vraag, aantal, resultaten in [
        (vandaag, "schuldhulpverlening", 6, 0),
        (vandaag, "boze inwoner", 4, 0),
        (vandaag, "schulden", 12, 7),
        (vandaag, "huiselijk geweld herkennen bij een gesprek aan de balie", 1, 3),
        (vandaag - timedelta(days=1), "statushouder", 2, 0),
        (vandaag - timedelta(days=1), "jongeren", 9, 11),
    ]:
        Zoekopdracht.objects.create(
            datum=dag, zoekvraag=vraag, aantal=aantal, resultaten=resultaten
        )


@pytest.mark.parametrize("breedte", [375, 1280])
def test_a_redacteur_makes_a_synonym_of_a_search_that_found_nothing(
    page, live_server, redacteur, gezocht, breedte
):
    page.add_init_script(LUISTER)
    page.set_viewport_size({"width": breedte, "height": 900})
    meld_aan_in_browser(page, live_server.url)
    page.goto(live_server.url + "/beheer/zoekhulp/zoekopdracht/")
    schermafdruk(page, f"zoekhulp-zoekopdrachten-{breedte}")
    assert bevindingen(page) == []
    eerste = page.locator("#result_list tbody tr").first
    assert eerste.locator(".field-zoekvraag").inner_text() == "schuldhulpverlening"

    page.get_by_role("link", name="Synoniem toevoegen voor ‘schuldhulpverlening’").click()
    veld = page.get_by_label("Woorden die hetzelfde betekenen")
    assert veld.input_value() == "schuldhulpverlening"
    veld.fill("schuldhulpverlening, schulden")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    # "schulden" is in a group already: the form says which, and nothing is saved.
    expect(page.locator(".errorlist").first).to_contain_text(
        "‘schulden’ staat al in de groep ‘schuldhulp · schulden · geldzorgen’"
    )
    schermafdruk(page, f"zoekhulp-synoniem-fout-{breedte}")
    assert bevindingen(page) == []

    page.goto(live_server.url + "/beheer/zoekhulp/synoniemgroep/")
    page.get_by_role("link", name="schuldhulp · schulden · geldzorgen").click()
    veld = page.get_by_label("Woorden die hetzelfde betekenen")
    veld.fill(veld.input_value() + ", schuldhulpverlening")
    schermafdruk(page, f"zoekhulp-synoniem-{breedte}")
    assert bevindingen(page) == []
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_text("is gewijzigd")).to_be_visible()
    assert synoniemen("schuldhulpverlening") == {"schuldhulp", "schulden", "geldzorgen"}

    page.goto(live_server.url + "/beheer/zoekhulp/zoekopdracht/?gevonden=nee")
    groep = "schuldhulp · schulden · geldzorgen · schuldhulpverlening"
    expect(page.get_by_role("link", name=groep)).to_be_visible()
    assert page.evaluate("window.__csp || []") == []
