"""The secretariaat's day in Chromium, under the production settings (CSP on, debug off): the
inbox at 1280×800, answering from the mail program, saving a question."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from contact.models import Contactbericht
from tests.conftest import assert_toegankelijk, meld_aan_in_browser, met_app, schermafdruk
from tests.test_browser_redactie import LUISTER

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VRAGEN = [
    (
        "Anne de Vries",
        "anne@gemeente.nl",
        "Waar vind ik meer over intervisie? We willen dat in ons team invoeren en zoeken een goede vorm.",
    ),
    (
        "Bas",
        "bas@utrecht.nl",
        "Mag ik de adviezen gebruiken in een training voor nieuwe collega's?",
    ),
    ("", "c.jansen@zwolle.nl", "Is er ook een werkatelier over schuldhulp gepland?"),
    ("Dilan", "dilan@gemeente.nl", "Hoe kan ik me aanmelden voor een volgend werkatelier?"),
    ("Eva", "eva@almere.nl", "De link naar het taalhuis werkt niet."),
    (
        "Fatima El Amrani",
        "f.elamrani@rotterdam.nl",
        "Kunnen jullie een werkatelier organiseren bij ons in de regio? We hebben veel belangstelling.",
    ),
    ("Gert", "gert@ede.nl", "Bedankt voor de adviezen, heel bruikbaar!"),
    ("Hanna", "hanna@gemeente.nl", "Staan de adviezen ook als pdf ergens?"),
    ("Ilse", "ilse@tilburg.nl", "Wie kan ik bellen over samenwerking met de wijkteams?"),
    ("Joost", "joost@gemeente.nl", "Zijn er adviezen voor leidinggevenden over thuiswerken?"),
]


@pytest.fixture
def secretaris(django_user_model):
    gebruiker = django_user_model.objects.create_user(
        "secretariaat", password="Secretariaat-2026-geheim", is_staff=True
    )
    gebruiker.groups.add(Group.objects.get(name="Secretariaat"))
    met_app(gebruiker)
    return gebruiker


@pytest.fixture
def vragen(seeds):
    nu = timezone.now()
    werkatelier = seeds["integraal-werken"]
    return [
        Contactbericht.objects.create(
            naam=naam,
            email=email,
            vraag=vraag,
            werkatelier=werkatelier if i % 3 == 0 else None,
            ontvangen=nu - timedelta(hours=i),
            bezorging="bezorgd" if i else "wacht",
        )
        for i, (naam, email, vraag) in enumerate(VRAGEN)
    ]


@pytest.fixture
def inbox(browser, live_server, secretaris, vragen):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(8000)
    page.add_init_script(LUISTER)
    meld_aan_in_browser(page, live_server.url, "secretariaat", "Secretariaat-2026-geheim")
    yield page
    assert page.evaluate("window.__csp || []") == []
    context.close()


def test_the_inbox_shows_its_status_columns_and_eight_questions_on_one_screen(inbox, live_server):
    inbox.goto(live_server.url + "/beheer/contact/contactbericht/")
    schermafdruk(inbox, "beheer-inbox-1280x800", volledig=False)
    # Within the list's own box too, which scrolls sideways when the columns do not fit.
    rand = min(
        1280,
        inbox.locator("#changelist .results").evaluate(
            "e => e.getBoundingClientRect().left + e.clientWidth"
        ),
    )
    kop = inbox.locator("#result_list thead")
    for naam in ("Behandeling", "Bezorging"):
        box = kop.get_by_text(naam, exact=True).bounding_box()
        assert box and box["x"] + box["width"] <= rand, naam
    rijen = inbox.locator("#result_list tbody tr")
    zichtbaar = [r for r in rijen.all() if (b := r.bounding_box()) and b["y"] + b["height"] <= 800]
    assert len(zichtbaar) >= 8
    assert_toegankelijk(inbox)


def test_answering_opens_the_mail_program_and_saving_says_where_the_question_went(
    inbox, live_server, vragen
):
    page = inbox
    page.goto(live_server.url + "/beheer/contact/contactbericht/?behandeling__exact=nieuw")
    page.get_by_role("link", name="Anne de Vries").click()
    link = page.get_by_role("link", name="Beantwoorden in je mailprogramma")
    assert link.get_attribute("href").startswith("mailto:anne@gemeente.nl?subject=Re%3A%20")
    expect(page.get_by_role("button", name="Zet op ‘in behandeling’")).to_be_visible()
    assert_toegankelijk(page)
    schermafdruk(page, "beheer-vraag-1280x800", volledig=False)
    # A click on the link opens the mail program (Chromium here has none) and records it.
    page.evaluate(
        "document.querySelector('.beantwoorden-link').addEventListener('click', e => e.preventDefault())"
    )
    link.click()
    expect(page.get_by_role("status")).to_have_text(
        "Je mailprogramma gaat open. De vraag staat nu op ‘in behandeling’."
    )
    expect(page.get_by_label("Behandeling:")).to_have_value("in_behandeling")
    expect(page.locator(".niet-bewaard")).to_be_empty()  # what the form shows is stored
    bericht = Contactbericht.objects.get(email="anne@gemeente.nl")
    assert (
        bericht.behandeling == "in_behandeling"
        and bericht.behandeld_door.username == "secretariaat"
    )

    page.get_by_label("Behandeling:").select_option("beantwoord")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    # Back to the list of new questions, which no longer shows hers: it says where it went.
    assert "behandeling__exact=nieuw" in page.url
    melding = page.locator(".messagelist")
    expect(melding).to_contain_text("staat nu op ‘beantwoord’, en valt daarom buiten deze lijst")
    melding.get_by_role("link", name="bekijk de vragen die beantwoord zijn").click()
    expect(page.locator("#result_list")).to_contain_text("Anne de Vries")


def test_without_javascript_the_button_records_in_behandeling(
    browser, live_server, secretaris, vragen
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.add_init_script(LUISTER)
    meld_aan_in_browser(page, live_server.url, "secretariaat", "Secretariaat-2026-geheim")
    bericht = Contactbericht.objects.get(email="bas@utrecht.nl")
    page.goto(f"{live_server.url}/beheer/contact/contactbericht/{bericht.pk}/change/")
    page.get_by_role("button", name="Zet op ‘in behandeling’").click()
    expect(page.locator(".messagelist")).to_contain_text("staat op ‘in behandeling’")
    bericht.refresh_from_db()
    assert bericht.behandeling == "in_behandeling"
    context.close()
