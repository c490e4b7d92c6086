from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from contact.models import Contactbericht
from tests.conftest import als_formulier
from tests.factories import WerkatelierFactory

pytestmark = pytest.mark.django_db

GELDIG = {
    "naam": "Anne de Vries",
    "email": "anne@gemeente.nl",
    "vraag": "Hoe organiseer ik intervisie?",
}


def post(client, **velden):
    return als_formulier(client, "/contact/", {**GELDIG, **velden})


def test_form_names_the_werkatelier_the_visitor_came_from(client):
    werkatelier = WerkatelierFactory(titel="Werken met jongeren", slug="werken-met-jongeren")
    html = client.get("/contact/?werkatelier=werken-met-jongeren").content.decode()
    assert "Je vraag gaat over het werkatelier" in html
    assert f'href="{werkatelier.get_absolute_url()}">Werken met jongeren</a>' in html
    assert 'name="werkatelier" value="werken-met-jongeren"' in html


def test_form_labels_required_and_optional_fields_and_links_privacy(client):
    html = client.get("/contact/").content.decode()
    assert "Naam (niet verplicht)" in html
    assert "E-mailadres (verplicht)" in html
    assert "Je vraag (verplicht)" in html
    assert 'href="/privacy/"' in html
    assert 'href="tel:+31707630030"' in html
    assert html.count("<h1") == 1


def test_unknown_werkatelier_is_ignored(client):
    response = client.get("/contact/?werkatelier=bestaat-niet")
    assert response.status_code == 200
    assert "Je vraag gaat over" not in response.content.decode()


def test_valid_post_stores_one_message_and_mails_nothing_in_the_request(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    WerkatelierFactory(titel="Integraal werken", slug="integraal-werken")
    with django_capture_on_commit_callbacks(execute=True) as na_afloop:
        response = post(client, werkatelier="integraal-werken")
    assert response.status_code == 302
    assert response["Location"] == "/contact/verzonden/"
    bericht = Contactbericht.objects.get()
    assert bericht.bezorging == Contactbericht.Bezorging.WACHT
    assert bericht.behandeling == Contactbericht.Behandeling.NIEUW
    assert bericht.werkatelier.slug == "integraal-werken"
    assert mailoutbox == [] and na_afloop == []


def test_the_sender_mails_it_to_the_secretariaat_with_the_visitor_to_reply_to(client, mailoutbox):
    WerkatelierFactory(titel="Integraal werken", slug="integraal-werken")
    post(client, werkatelier="integraal-werken")
    call_command("verstuur_contactberichten", stdout=open(__import__("os").devnull, "w"))
    bericht = Contactbericht.objects.get()
    assert bericht.bezorging == Contactbericht.Bezorging.BEZORGD
    assert bericht.pogingen == 1
    [mail] = mailoutbox
    assert mail.to == ["secretariaat@aeno.nl"]
    assert mail.reply_to == ["anne@gemeente.nl"]
    assert mail.subject == "Vraag via Praktijkadviezen over ‘Integraal werken’"
    assert "Hoe organiseer ik intervisie?" in mail.body
    assert mail.extra_headers["Message-ID"] == f"<contactbericht-{bericht.pk}@praktijkadviezen>"


def test_mail_without_werkatelier_has_a_plain_subject(client, mailoutbox):
    post(client)
    call_command("verstuur_contactberichten", stdout=open(__import__("os").devnull, "w"))
    assert mailoutbox[0].subject == "Vraag via Praktijkadviezen"


def test_secretariaat_address_is_a_setting(client, mailoutbox, settings):
    settings.SECRETARIAAT_EMAIL = "vragen@aeno.nl"
    post(client)
    call_command("verstuur_contactberichten", stdout=open(__import__("os").devnull, "w"))
    assert mailoutbox[0].to == ["vragen@aeno.nl"]


def test_no_copy_is_ever_mailed_to_the_visitor(client, mailoutbox):
    post(client, email="slachtoffer@voorbeeld.nl")
    call_command("verstuur_contactberichten", stdout=open(__import__("os").devnull, "w"))
    adressen = [a for mail in mailoutbox for a in mail.to + mail.cc + mail.bcc]
    assert "slachtoffer@voorbeeld.nl" not in adressen


def test_one_answer_time_from_one_setting_on_every_page_that_promises_it(client, settings):
    settings.CONTACT_ANTWOORDTERMIJN = "drie werkdagen"
    for url in ("/contact/verzonden/", "/contact/", "/toegankelijkheid/"):
        html = client.get(url).content.decode()
        assert "antwoordt meestal binnen drie werkdagen" in html, url
        assert "twee werkdagen" not in html and "vijf werkdagen" not in html, url
        assert html.count("<h1") == 1


@pytest.mark.parametrize(
    "velden, veld, fout",
    [
        ({"email": ""}, "E-mailadres (verplicht)", "Vul je e-mailadres in"),
        ({"vraag": ""}, "Je vraag (verplicht)", "Schrijf je vraag op."),
        (
            {"vraag": "x" * 5001},
            "Je vraag (verplicht)",
            "Zorg dat deze waarde niet meer dan 5000 tekens",
        ),
        ({"email": "geen-adres"}, "E-mailadres (verplicht)", "Vul een e-mailadres in zoals"),
        ({"email": "a@b.nl\r\nBcc: spam@x.nl"}, "E-mailadres (verplicht)", ""),
        ({"naam": "Anne\r\nBcc: spam@x.nl"}, "Naam (niet verplicht)", "Gebruik één regel"),
        ({"naam": "Anne\nde Vries"}, "Naam (niet verplicht)", "Gebruik één regel"),
        (
            {"naam": "x" * 101},
            "Naam (niet verplicht)",
            "Zorg dat deze waarde niet meer dan 100 tekens",
        ),
        ({"vraag": "nul\x00byte"}, "Je vraag (verplicht)", ""),
    ],
)
def test_invalid_post_stores_nothing_sends_nothing_and_shows_the_summary(
    client, mailoutbox, django_capture_on_commit_callbacks, velden, veld, fout
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, **velden)
    assert response.status_code == 200
    html = response.content.decode()
    assert "foutsamenvatting" in html
    assert f"{veld}: {fout}" in html
    assert not Contactbericht.objects.exists()
    assert mailoutbox == []


def test_error_summary_links_to_the_field_and_error_is_repeated_there(client):
    html = post(client, email="").content.decode()
    assert '<a href="#id_email">E-mailadres (verplicht): Vul je e-mailadres in' in html
    assert html.count("Vul je e-mailadres in, zodat we je kunnen antwoorden.") == 2


def test_post_without_csrf_token_is_refused(mailoutbox):
    from django.test import Client

    response = als_formulier(Client(enforce_csrf_checks=True), "/contact/", GELDIG)
    assert response.status_code == 403
    assert not Contactbericht.objects.exists()


def test_honeypot_looks_successful_but_stores_and_sends_nothing(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, website="http://spam.example")
    assert response.status_code == 302
    assert response["Location"] == "/contact/verzonden/"
    assert not Contactbericht.objects.exists()
    assert mailoutbox == []


def test_rate_limit_answers_429_in_dutch_after_five_messages_an_hour(client, mailoutbox):
    for _ in range(5):
        assert post(client).status_code == 302
    response = post(client)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Je hebt al een paar vragen gestuurd" in html
    assert ">Hoe organiseer ik intervisie?</textarea>" in html  # the question is not lost
    assert Contactbericht.objects.count() == 5


def test_rate_limit_is_per_client(client, mailoutbox):
    for _ in range(5):
        post(client)
    response = als_formulier(client, "/contact/", GELDIG, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302


def test_rate_limit_counts_only_the_last_hour(client, mailoutbox):
    for _ in range(5):
        post(client)
    Contactbericht.objects.update(ontvangen=timezone.now() - timedelta(minutes=61))
    assert post(client).status_code == 302


def test_client_address_is_not_stored(client):
    post(client)
    bericht = Contactbericht.objects.get()
    assert "127.0.0.1" not in bericht.afzender
    assert len(bericht.afzender) == 64


def test_retention_command_deletes_every_old_message_whatever_its_handling():
    oud = timezone.now() - timedelta(days=366)
    oude = [
        Contactbericht.objects.create(email="a@b.nl", vraag="?", behandeling=status, ontvangen=oud)
        for status in ("nieuw", "in_behandeling", "beantwoord")
    ]
    Contactbericht.objects.filter(pk=oude[0].pk).update(bezorging="wacht")
    recent = Contactbericht.objects.create(
        email="a@b.nl", vraag="?", ontvangen=timezone.now() - timedelta(days=364)
    )
    call_command("verwijder_oude_contactberichten")
    assert list(Contactbericht.objects.values_list("pk", flat=True)) == [recent.pk]


def test_retention_period_is_configurable():
    Contactbericht.objects.create(
        email="a@b.nl",
        vraag="?",
        behandeling="beantwoord",
        ontvangen=timezone.now() - timedelta(days=40),
    )
    call_command("verwijder_oude_contactberichten", dagen=30)
    assert not Contactbericht.objects.exists()


def test_nul_byte_in_the_werkatelier_parameter_is_ignored(client):
    assert client.get("/contact/?werkatelier=%00").status_code == 200
    assert post(client, werkatelier="a\x00b").status_code == 302
