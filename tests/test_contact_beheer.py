"""The secretariaat's inbox: the question in the list, a handling status apart from delivery
(with who and when), answering from your own mail program, a note, and counts on the start
page."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.utils import timezone

from contact.models import Contactbericht
from tests.factories import WerkatelierFactory

pytestmark = pytest.mark.django_db

LIJST = "/beheer/contact/contactbericht/"


@pytest.fixture
def bericht():
    return Contactbericht.objects.create(
        naam="Anne",
        email="anne@gemeente.nl",
        vraag="Waar vind ik meer over intervisie?\nEn over netwerken?",
        werkatelier=WerkatelierFactory(titel="Integraal werken", slug="integraal-werken"),
        bezorging="bezorgd",
    )


def test_the_list_shows_the_start_of_each_question_and_its_handling(secretariaat_client, bericht):
    html = secretariaat_client.get(LIJST).content.decode()
    assert "Waar vind ik meer over intervisie? En over netwerken?" in html
    assert '<span class="status status-nieuw">nieuw</span>' in html
    assert "<h1>Contactberichten</h1>" in html
    assert '<a href="/werkateliers/integraal-werken/">Integraal werken</a>' in html


def test_answering_is_a_mailto_link_with_the_answer_ready(secretariaat_client, bericht):
    html = secretariaat_client.get(f"{LIJST}{bericht.pk}/change/").content.decode()
    adres = re.search(r'<a href="(mailto:[^"]+)" class="beantwoorden-link"', html).group(1)
    adres = urlsplit(adres.replace("&amp;", "&"))
    assert unquote(adres.path) == "anne@gemeente.nl"
    velden = parse_qs(adres.query)
    assert velden["subject"] == ["Re: Vraag via Praktijkadviezen over ‘Integraal werken’"]
    assert "> Waar vind ik meer over intervisie?\n> En over netwerken?" in velden["body"][0]
    assert velden["body"][0].startswith("Beste Anne,")


def test_the_button_beside_it_records_in_behandeling_and_stays_on_the_question(
    secretariaat_client, bericht
):
    response = secretariaat_client.post(f"{LIJST}{bericht.pk}/beantwoorden/")
    assert response.status_code == 302
    # No redirect to mailto: the production CSP's form-action would block it.
    assert response["Location"] == f"{LIJST}{bericht.pk}/change/"
    bericht.refresh_from_db()
    assert bericht.behandeling == Contactbericht.Behandeling.IN_BEHANDELING
    assert bericht.behandeld_door.username == "secretariaat"
    assert bericht.behandeld_op is not None
    assert secretariaat_client.get(f"{LIJST}{bericht.pk}/beantwoorden/").status_code == 405


def test_marking_answered_records_who_and_when(secretariaat_client, bericht):
    response = secretariaat_client.post(
        LIJST, {"action": "markeer_beantwoord", "_selected_action": [bericht.pk]}, follow=True
    )
    assert "1 bericht op ‘beantwoord’ gezet." in response.content.decode()
    bericht.refresh_from_db()
    assert bericht.behandeling == "beantwoord"
    assert bericht.behandeld_door.username == "secretariaat"
    html = secretariaat_client.get(f"{LIJST}{bericht.pk}/change/").content.decode()
    assert re.search(r"door secretariaat op \d\d-\d\d-\d{4} \d\d:\d\d", html)


def test_the_secretariaat_keeps_a_note_but_never_changes_the_question(secretariaat_client, bericht):
    response = secretariaat_client.post(
        f"{LIJST}{bericht.pk}/change/",
        {"behandeling": "in_behandeling", "notitie": "Karin pakt dit op.", "vraag": "Anders"},
    )
    assert response.status_code == 302
    bericht.refresh_from_db()
    assert bericht.notitie == "Karin pakt dit op."
    assert bericht.vraag.startswith("Waar vind ik meer")
    assert bericht.behandeling == "in_behandeling" and bericht.behandeld_door is not None
    assert secretariaat_client.get(f"{LIJST}add/").status_code == 403
    assert secretariaat_client.get(f"{LIJST}{bericht.pk}/delete/").status_code == 403


def test_delivery_problems_read_in_plain_dutch(secretariaat_client):
    Contactbericht.objects.create(
        email="a@b.nl",
        vraag="?",
        pogingen=2,
        probleem="De mailserver was niet bereikbaar",
        laatste_fout="ConnectionRefusedError: [Errno 111] Connection refused",
        volgende_poging=timezone.make_aware(timezone.datetime(2026, 11, 24, 14, 5)),
    )
    html = secretariaat_client.get(LIJST).content.decode()
    assert "De mailserver was niet bereikbaar; we proberen het om 14:05 opnieuw." in html
    assert "Errno" not in html


def test_the_start_page_counts_new_and_undelivered_messages(secretariaat_client, bericht):
    Contactbericht.objects.create(email="b@c.nl", vraag="?")
    html = secretariaat_client.get("/beheer/").content.decode()
    assert "2 nieuwe</a>" in html
    assert "1 nog niet per mail bezorgd</a>" in html
    assert "De mail naar het secretariaat lukt niet" not in html


def test_mail_that_keeps_failing_raises_a_banner_and_shows_in_the_health_check(
    secretariaat_client, client, settings
):
    Contactbericht.objects.create(
        email="b@c.nl", vraag="?", pogingen=4, ontvangen=timezone.now() - timedelta(minutes=31)
    )
    html = secretariaat_client.get("/beheer/").content.decode()
    assert "De mail naar het secretariaat lukt niet:" in html
    gezondheid = client.get("/gezondheid/")
    # The site stays in service: every question is stored and will be delivered.
    assert gezondheid.status_code == 200
    assert gezondheid["X-Gezondheid-Mail"] == "achter"
    assert (
        "mail: 1 contactbericht(en) wachten langer dan een half uur" in gezondheid.content.decode()
    )


def test_a_redacteur_cannot_reach_the_inbox(redacteur_client, bericht):
    assert redacteur_client.get(LIJST).status_code == 403
    assert redacteur_client.post(f"{LIJST}{bericht.pk}/beantwoorden/").status_code == 403
    assert "Contactberichten" not in redacteur_client.get("/beheer/").content.decode()


def test_after_saving_the_list_says_where_a_question_went(secretariaat_client, bericht):
    filters = "_changelist_filters=behandeling__exact%3Dnieuw"
    response = secretariaat_client.post(
        f"{LIJST}{bericht.pk}/change/?{filters}",
        {"behandeling": "beantwoord", "notitie": ""},
        follow=True,
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == f"{LIJST}?behandeling__exact=nieuw"
    assert "staat nu op ‘beantwoord’, en valt daarom buiten deze lijst" in html
    assert (
        f'<a href="{LIJST}?behandeling__exact=beantwoord">bekijk de vragen die beantwoord' in html
    )


def test_a_question_still_in_the_list_needs_no_word_about_where_it_went(
    secretariaat_client, bericht
):
    response = secretariaat_client.post(
        f"{LIJST}{bericht.pk}/change/?_changelist_filters=bezorging__exact%3Dbezorgd",
        {"behandeling": "beantwoord", "notitie": ""},
        follow=True,
    )
    assert "valt daarom buiten deze lijst" not in response.content.decode()


@pytest.mark.parametrize(
    "minuten, tekst",
    [
        (30, "een half uur"),
        (60, "een uur"),
        (90, "anderhalf uur"),
        (45, "drie kwartier"),
        (10, "10 minuten"),
        (120, "2 uur"),
    ],
)
def test_the_alarm_says_how_long_as_the_setting_says(secretariaat_client, settings, minuten, tekst):
    settings.CONTACT_ALARM_MINUTEN = minuten
    Contactbericht.objects.create(
        email="b@c.nl",
        vraag="?",
        pogingen=4,
        ontvangen=timezone.now() - timedelta(minutes=minuten + 1),
    )
    html = secretariaat_client.get("/beheer/").content.decode()
    assert f"al meer dan {tekst} op bezorging." in html


def test_the_mail_to_the_secretariaat_links_to_the_question_in_the_beheer(bericht, settings):
    from contact.emails import mail_voor

    settings.SITE_URL = "https://praktijkadviezen.aeno.nl"
    tekst = mail_voor(bericht).body
    assert (
        f"https://praktijkadviezen.aeno.nl/beheer/contact/contactbericht/{bericht.pk}/change/"
        in tekst
    )


def test_the_inbox_has_no_app_sidebar_and_the_status_columns_before_the_werkatelier(
    secretariaat_client, bericht
):
    html = secretariaat_client.get(LIJST).content.decode()
    assert 'id="nav-sidebar"' not in html
    kolommen = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', html)
    assert kolommen.index("behandeling_nu") < kolommen.index("over")
    assert kolommen.index("bezorgd") < kolommen.index("over")
    assert "zonder werkatelier" in html
