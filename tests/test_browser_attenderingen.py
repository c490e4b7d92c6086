"""'Houd me op de hoogte' in Chromium, on a phone (375 × 667) and a wide screen (1280 × 800):
from the footer to /volgen/, a mistake and its summary, subscribing, the confirmation link from
the mail, the choice page and unsubscribing; axe-core (violations and doubtful contrast) and
the content security policy on every page. Screenshots go to tests/schermafdrukken/."""

import re

import pytest
from playwright.sync_api import expect

from attenderingen import verzenden
from attenderingen.models import Abonnement
from tests.conftest import assert_toegankelijk, schermafdruk

# serialized_rollback: the flush after each test must not lose the data migrations' rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCHERMEN = {"375": {"width": 375, "height": 667}, "1280": {"width": 1280, "height": 800}}
LUISTER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


@pytest.mark.parametrize("breedte", SCHERMEN)
def test_a_visitor_subscribes_confirms_and_unsubscribes(
    browser, live_server, settings, seeds, mailoutbox, breedte
):
    settings.SITE_URL = live_server.url
    verzenden.kondig_aan()  # the seeds are old news
    context = browser.new_context(viewport=SCHERMEN[breedte], base_url=live_server.url)
    context.add_init_script(LUISTER)
    page = context.new_page()

    def bekeken(naam):
        expect(page.locator("h1")).to_have_count(1)
        assert page.evaluate("window.__csp") == [], page.url
        assert_toegankelijk(page)
        schermafdruk(page, f"volgen-{naam}-{breedte}")

    page.goto("/werkateliers/integraal-werken/")
    page.get_by_role("link", name="Nieuwe adviezen volgen").click()
    expect(page.locator("h1")).to_have_text("Blijf op de hoogte")
    bekeken("pagina")

    page.get_by_role("button", name="Houd me op de hoogte").click()
    expect(page.locator("#fouten")).to_be_focused()
    bekeken("fout")

    page.get_by_label("Uitvoerders").check()
    page.get_by_label("Je e-mailadres").fill("anne@gemeente.nl")
    page.get_by_role("button", name="Houd me op de hoogte").click()
    expect(page.locator("h1")).to_have_text("Kijk in je mailbox")
    bekeken("aangemeld")

    verzenden.ronde()
    [mail] = mailoutbox
    bevestiglink = re.search(r"https?://\S+/bevestig/\S+", mail.body).group()
    page.goto(bevestiglink)
    expect(page.locator("h1")).to_have_text("Bevestig je aanmelding")
    expect(page.locator("main")).to_contain_text("nieuwe adviezen voor uitvoerders")
    bekeken("bevestigen")
    page.get_by_role("button", name="Ja, houd me op de hoogte").click()
    expect(page.get_by_role("status")).to_contain_text("Je aanmelding is bevestigd")
    expect(page.get_by_label("Uitvoerders")).to_be_checked()
    bekeken("keuze")

    page.get_by_role("link", name="Meld je af").click()
    bekeken("afmelden")
    page.get_by_role("button", name="Ja, meld me af").click()
    expect(page.locator("h1")).to_have_text("Je bent afgemeld")
    bekeken("afgemeld")
    assert not Abonnement.objects.exists()
    context.close()


def test_the_secretariaat_sees_counts_and_can_take_someone_off(
    browser, live_server, django_user_model, seeds
):
    from django.contrib.auth.models import Group

    from tests.conftest import meld_aan_in_browser, met_app

    gebruiker = django_user_model.objects.create_user(
        "secretariaat", password="Secretariaat-2026-geheim", is_staff=True
    )
    gebruiker.groups.add(Group.objects.get(name="Secretariaat"))
    met_app(gebruiker)
    Abonnement.objects.create(email="anne@gemeente.nl", bevestigd_op="2026-12-01T09:00Z")
    context = browser.new_context(viewport=SCHERMEN["1280"], base_url=live_server.url)
    context.add_init_script(LUISTER)
    page = context.new_page()
    meld_aan_in_browser(page, live_server.url, "secretariaat", "Secretariaat-2026-geheim")
    page.get_by_role("link", name="Aanmeldingen voor nieuwe adviezen").first.click()
    expect(page.locator("h1")).to_have_text("Aanmeldingen voor nieuwe adviezen")
    assert "anne@gemeente.nl" not in page.content()
    assert page.evaluate("window.__csp") == []
    assert_toegankelijk(page)
    schermafdruk(page, "volgen-beheer-1280")
    page.get_by_label("E-mailadres").fill("anne@gemeente.nl")
    page.get_by_role("button", name="Meld dit adres af").click()
    expect(page.get_by_text("krijgt geen e-mails over nieuwe adviezen meer")).to_be_visible()
    assert not Abonnement.objects.exists()
    context.close()
