"""Signing in to /beheer/: a password and a code from an authenticator app (or a recovery
code), a first sign-in that sets up the app, and guessing slowed down without letting a
stranger lock a colleague out."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django_otp.plugins.otp_static.models import StaticToken

from praktijkadviezen.beheer import wachttijd
from tests.conftest import app_code

pytestmark = pytest.mark.django_db

WACHTWOORD = "Redactie-2026-geheim"
LOGIN = "/beheer/login/"


def aanmelden(client, code="", wachtwoord=WACHTWOORD, adres="127.0.0.1", gebruiker="redacteur"):
    return client.post(
        LOGIN,
        {"username": gebruiker, "password": wachtwoord, "code": code, "next": "/beheer/"},
        REMOTE_ADDR=adres,
    )


def fouten(response):
    return " ".join(
        re.findall(r'class="errornote"[^>]*>\s*(.*?)\s*</p>', response.content.decode(), re.S)
    )


def test_password_and_the_app_s_code_sign_in(client, redacteur):
    response = aanmelden(client, app_code(redacteur))
    assert response.status_code == 302
    assert client.get("/beheer/").status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_signing_in_works_outside_a_test_transaction_too(client, redacteur):
    """As on a server, where a request has no transaction around it: the code is checked
    with the devices locked (PostgreSQL refuses that lock outside a transaction)."""
    for code in (app_code(redacteur), "000000" if app_code(redacteur) != "000000" else "1"):
        client.logout()
        response = aanmelden(client, code)
        assert response.status_code in (200, 302)


def test_a_password_alone_is_not_enough(client, redacteur):
    response = aanmelden(client)
    assert response.status_code == 200
    assert "De code klopt niet." in fouten(response)
    assert client.get("/beheer/").status_code == 302


def test_a_wrong_code_is_refused_in_dutch(client, redacteur):
    response = aanmelden(client, "000000" if app_code(redacteur) != "000000" else "111111")
    assert "De code klopt niet. Kijk of je de code van nu overneemt" in fouten(response)
    assert client.get("/beheer/").status_code == 302


def test_a_recovery_code_signs_in_once(client, redacteur):
    from praktijkadviezen.beheer import nieuwe_herstelcodes

    codes = nieuwe_herstelcodes(redacteur)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert aanmelden(client, codes[3]).status_code == 302
    client.logout()
    assert "De code klopt niet." in fouten(aanmelden(client, codes[3]))
    assert StaticToken.objects.filter(device__user=redacteur).count() == 9


def test_a_first_sign_in_sets_up_the_app_with_a_qr_code_then_shows_recovery_codes(
    client, django_user_model, settings
):
    # django-otp slows an app down after a wrong code; this test does not wait for that.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    nieuw = django_user_model.objects.create_user("nieuw", password=WACHTWOORD, is_staff=True)
    nieuw.groups.add(Group.objects.get(name="Redacteur"))
    response = aanmelden(client, gebruiker="nieuw")
    assert response.status_code == 302
    # Every admin page leads to setting up the app first.
    response = client.get("/beheer/werkateliers/werkatelier/", follow=True)
    assert response.redirect_chain[-1][0] == "/beheer/tweestaps/instellen/"
    html = response.content.decode()
    assert '<svg width="' in html and 'class="segno"' in html
    assert re.search(r'<code class="sleutel">([A-Z2-7]{4} ?)+</code>', html)

    app = TOTPDevice.objects.get(user=nieuw, confirmed=False)
    fout = client.post("/beheer/tweestaps/instellen/", {"code": "12345"})
    assert "Die code klopt niet." in fout.content.decode()
    goed = client.post("/beheer/tweestaps/instellen/", {"code": f"{TOTP(app.bin_key).token():06d}"})
    html = goed.content.decode()
    assert "Bewaar deze herstelcodes op een veilige plek" in html
    assert len(re.findall(r"<li><code>[a-z2-7]+</code></li>", html)) == 10
    app.refresh_from_db()
    assert app.confirmed
    assert client.get("/beheer/werkateliers/werkatelier/").status_code == 200


def test_new_recovery_codes_replace_the_old_ones(redacteur_client, redacteur):
    from praktijkadviezen.beheer import nieuwe_herstelcodes

    oude = nieuwe_herstelcodes(redacteur)
    html = redacteur_client.post("/beheer/tweestaps/herstelcodes/").content.decode()
    nieuwe = re.findall(r"<li><code>([a-z2-7]+)</code></li>", html)
    assert len(nieuwe) == 10 and not set(oude) & set(nieuwe)
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(nieuwe)


def test_five_wrong_passwords_lock_the_account_from_that_address_for_an_hour(client, redacteur):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert aanmelden(client, wachtwoord="fout").status_code == 200
    response = aanmelden(client, wachtwoord="fout")
    assert response.status_code == 429
    assert "Aanmelden is tijdelijk geblokkeerd" in response.content.decode()
    # Even the right password with the right code does not get in from here now.
    assert aanmelden(client, app_code(redacteur)).status_code == 429


def test_guessing_from_many_addresses_slows_down_and_a_password_alone_is_refused(client, redacteur):
    for i in range(8):
        aanmelden(client, wachtwoord=f"fout{i}", adres=f"10.0.0.{i}")
    assert 0 < wachttijd("redacteur") <= 2**4
    # While the account waits, even the right password alone reveals nothing.
    response = aanmelden(client, adres="10.0.1.1")
    assert "Er is te vaak een verkeerd wachtwoord gebruikt voor dit account." in fouten(response)
    response = aanmelden(client, wachtwoord="nog-een-gok", adres="10.0.1.2")
    assert "Er is te vaak een verkeerd wachtwoord gebruikt voor dit account." in fouten(response)


def test_the_wait_grows_with_each_failure_up_to_fifteen_minutes(client, redacteur):
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(
        username="redacteur",
        ip_address="10.1.1.1",
        user_agent="",
        get_data="",
        post_data="",
        http_accept="",
        path_info="",
        failures_since_start=4,
    )
    assert wachttijd("redacteur") == 0
    AccessAttempt.objects.update(failures_since_start=5)
    assert wachttijd("redacteur") == 2
    AccessAttempt.objects.update(failures_since_start=8)
    assert wachttijd("redacteur") == 16
    AccessAttempt.objects.update(failures_since_start=40)
    assert wachttijd("redacteur") == 900


def test_a_stranger_cannot_lock_a_colleague_out(client, redacteur):
    for i in range(30):
        aanmelden(client, wachtwoord=f"gok{i}", adres=f"10.2.0.{i}")
    response = aanmelden(client, app_code(redacteur), adres="192.168.1.20")
    assert response.status_code == 302
    assert client.get("/beheer/").status_code == 200
