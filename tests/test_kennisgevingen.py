"""A mail to the account holder when their password or second factor changes: stored in the
request, mailed by the sender outside it (as contact questions are)."""

import smtplib
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from aanmelden.meldingen import bezorg_kennisgevingen
from aanmelden.models import Kennisgeving
from tests.conftest import meld_aan

pytestmark = pytest.mark.django_db


@pytest.fixture
def anne(django_user_model):
    gebruiker = django_user_model.objects.create_user(
        "anne",
        password="Eerste-wachtwoord-2026",
        is_staff=True,
        email="anne@aeno.nl",
        first_name="Anne",
        last_login=timezone.now(),
    )
    gebruiker.groups.add(Group.objects.get(name="Redacteur"))
    return gebruiker


def test_changing_one_s_own_password_mails_afterwards_not_in_the_request(
    client, anne, mailoutbox, django_capture_on_commit_callbacks
):
    meld_aan(client, anne)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/beheer/password_change/",
            {
                "old_password": "Eerste-wachtwoord-2026",
                "new_password1": "Tweede-wachtwoord-zomer-2026",
                "new_password2": "Tweede-wachtwoord-zomer-2026",
            },
        )
    assert response.status_code == 302
    assert mailoutbox == []  # nothing mailed in the request
    melding = Kennisgeving.objects.get()
    assert melding.soort == "wachtwoord" and melding.aan == "anne@aeno.nl"

    call_command("verstuur_contactberichten")
    (mail,) = mailoutbox
    assert mail.to == ["anne@aeno.nl"]
    assert mail.subject == "Je wachtwoord voor Praktijkadviezen is gewijzigd"
    assert mail.body.startswith("Hallo Anne,")
    assert "is het wachtwoord van je account ‘anne’" in mail.body
    assert "Was jij dat niet? Neem dan meteen contact op" in mail.body
    assert "Tweede-wachtwoord" not in mail.body
    melding.refresh_from_db()
    assert melding.verzonden_op is not None
    # Once: the next round sends nothing.
    call_command("verstuur_contactberichten")
    assert len(mailoutbox) == 1


def test_a_beheerder_setting_a_password_or_the_command_line_mails_too(anne, django_user_model):
    beheerder = django_user_model.objects.create_superuser("baas", password="x" * 14)
    from django.test import Client

    client = meld_aan(Client(), beheerder)
    client.post(
        f"/beheer/auth/user/{anne.pk}/password/",
        {
            "usable_password": "true",
            "password1": "Door-de-baas-gezet-2026",
            "password2": "Door-de-baas-gezet-2026",
        },
    )
    anne.refresh_from_db()
    assert anne.check_password("Door-de-baas-gezet-2026")
    anne.set_password("Via-de-commandoregel-2026")
    anne.save()
    assert Kennisgeving.objects.filter(gebruiker=anne, soort="wachtwoord").count() == 2


def test_a_new_account_gets_no_such_mail(monkeypatch):
    monkeypatch.setenv("DJANGO_WACHTWOORD", "Een-lang-wachtwoord-2026")
    call_command("maak_redacteur", "bert", "--email", "bert@aeno.nl", stdout=open("/dev/null", "w"))
    assert not Kennisgeving.objects.exists()


def test_no_address_no_mail(anne):
    anne.email = ""
    anne.save()
    anne.set_password("Nog-een-wachtwoord-2026")
    anne.save()
    assert not Kennisgeving.objects.exists()


def test_new_recovery_codes_are_mailed_about(client, anne, mailoutbox):
    meld_aan(client, anne).post("/beheer/tweestaps/herstelcodes/")
    bezorg_kennisgevingen()
    (mail,) = mailoutbox
    assert mail.subject == "Je hebt nieuwe herstelcodes voor Praktijkadviezen"
    assert "De herstelcodes die je daarvoor had, werken niet meer." in mail.body


def test_a_failed_mail_is_kept_and_tried_again_later(anne, mailoutbox, monkeypatch):
    anne.set_password("Nog-een-wachtwoord-2026")
    anne.save()

    def weigert(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("weg")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", weigert)
    assert bezorg_kennisgevingen() == (0, 1)
    melding = Kennisgeving.objects.get()
    assert melding.verzonden_op is None and melding.pogingen == 1
    assert "SMTPServerDisconnected" in melding.laatste_fout
    assert melding.volgende_poging > timezone.now()
    monkeypatch.undo()
    assert bezorg_kennisgevingen() == (0, 0)  # not yet due
    Kennisgeving.objects.update(volgende_poging=timezone.now())
    assert bezorg_kennisgevingen() == (1, 0)
    assert len(mailoutbox) == 1


def test_a_mail_another_sender_holds_is_left_alone(anne, mailoutbox):
    anne.set_password("Nog-een-wachtwoord-2026")
    anne.save()
    Kennisgeving.objects.update(geclaimd_tot=timezone.now() + timedelta(minutes=1))
    assert bezorg_kennisgevingen() == (0, 0)
    # A claim that ran out (a sender that died) is taken over.
    Kennisgeving.objects.update(geclaimd_tot=timezone.now() - timedelta(seconds=1))
    assert bezorg_kennisgevingen() == (1, 0)


def test_mails_are_deleted_after_thirty_days(anne):
    anne.set_password("Nog-een-wachtwoord-2026")
    anne.save()
    Kennisgeving.objects.update(aangemaakt=timezone.now() - timedelta(days=31))
    bezorg_kennisgevingen()
    assert not Kennisgeving.objects.exists()
