"""Signing in to /beheer/: a password and a code from an authenticator app (or a recovery
code), checked together; guessing slowed down without letting anyone lock the owner out."""

import json
import re

import pytest
from django.core import signing

from aanmelden.models import Aanmeldpoging, Herstelcode, Herstelcodes, Kennisgeving
from aanmelden.pogingen import MAX_CODEFOUTEN, browser_cookie_naam
from tests.conftest import app_code

pytestmark = pytest.mark.django_db

WACHTWOORD = "Redactie-2026-geheim"
LOGIN = "/beheer/login/"
FOUT = "Dit klopt niet. Kijk je gebruikersnaam en wachtwoord na"


def aanmelden(client, code="", wachtwoord=WACHTWOORD, gebruiker="redacteur"):
    return client.post(
        LOGIN, {"username": gebruiker, "password": wachtwoord, "code": code, "next": "/beheer/"}
    )


def fouten(response):
    return " ".join(
        re.findall(r'class="errornote"[^>]*>\s*(.*?)\s*</p>', response.content.decode(), re.S)
    )


def verkeerde_code(gebruiker):
    return "000000" if app_code(gebruiker) != "000000" else "111111"


def binnen(client):
    return client.get("/beheer/").status_code == 200


def test_password_and_the_app_s_code_sign_in(client, redacteur):
    response = aanmelden(client, app_code(redacteur))
    assert response.status_code == 302
    assert binnen(client)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_signing_in_works_outside_a_test_transaction_too(client, redacteur):
    """As on a server, where a request has no transaction around it: the code is checked
    with the devices locked (PostgreSQL refuses that lock outside a transaction)."""
    for code in (app_code(redacteur), verkeerde_code(redacteur)):
        client.logout()
        response = aanmelden(client, code)
        assert response.status_code in (200, 302)


def test_the_sign_in_page_has_a_heading_and_says_what_to_do_without_an_app(client):
    html = client.get(LOGIN).content.decode()
    assert html.count("<h1") == 1 and "<h1>Aanmelden</h1>" in html
    assert "Nog geen app ingesteld? Open de koppellink" in html
    assert 'autocomplete="one-time-code"' in html


def test_a_password_alone_is_not_enough(client, redacteur):
    response = aanmelden(client)
    assert response.status_code == 200
    assert "Vul de code uit je app in." in response.content.decode()
    assert not binnen(client)
    # An empty code is no attempt: nothing was checked, nothing counted.
    assert not Aanmeldpoging.objects.exists()


def test_a_wrong_password_and_a_wrong_code_read_the_same(client, redacteur):
    goed_wachtwoord = fouten(aanmelden(client, verkeerde_code(redacteur)))
    fout_wachtwoord = fouten(aanmelden(client, app_code(redacteur), wachtwoord="Geraden-2026"))
    onbekend = fouten(aanmelden(client, app_code(redacteur), gebruiker="bestaat-niet"))
    assert FOUT in goed_wachtwoord
    assert goed_wachtwoord == fout_wachtwoord == onbekend
    assert not binnen(client)


def test_a_code_that_did_not_work_is_not_shown_again(client, redacteur):
    html = aanmelden(client, "123456").content.decode()
    assert re.search(r'<input[^>]*name="code"[^>]*>', html)
    assert "123456" not in html


def test_failures_are_kept_per_account_without_names_that_are_no_account(client, redacteur):
    aanmelden(client, verkeerde_code(redacteur))
    aanmelden(client, app_code(redacteur), wachtwoord="fout-wachtwoord")
    aanmelden(client, "123456", gebruiker="Redactie-2026-geheim")  # password in the name field
    pogingen = list(Aanmeldpoging.objects.order_by("pk"))
    assert [(p.gebruiker, p.wachtwoord_goed) for p in pogingen] == [
        (redacteur, True),
        (redacteur, False),
    ]


def test_an_inactive_or_non_staff_account_never_gets_in(client, redacteur):
    code = app_code(redacteur)
    redacteur.is_staff = False
    redacteur.save()
    assert FOUT in fouten(aanmelden(client, code))
    redacteur.is_staff, redacteur.is_active = True, False
    redacteur.save()
    assert FOUT in fouten(aanmelden(client, code))


def test_a_recovery_code_signs_in_once_and_the_owner_hears_of_it(client, redacteur):
    redacteur.email = "redacteur@aeno.nl"
    redacteur.save()
    codes = Herstelcodes.objects.maak_nieuwe(redacteur)
    assert len(codes) == 10 and len(set(codes)) == 10
    # Typed with spaces, in capitals and with a 0 for the o: it is still the code.
    getypt = codes[3].upper().replace("-", " ").replace("O", "0")
    assert aanmelden(client, getypt).status_code == 302
    client.logout()
    assert FOUT in fouten(aanmelden(client, codes[3]))
    assert Herstelcode.objects.filter(apparaat__user=redacteur).count() == 9
    melding = Kennisgeving.objects.get(soort="herstelcode_gebruikt")
    assert "je hebt er nog 9" in melding.tekst


def test_recovery_codes_have_80_bits_and_are_kept_only_as_hashes(redacteur):
    codes = Herstelcodes.objects.maak_nieuwe(redacteur)
    for code in codes:
        assert re.fullmatch(r"[a-z2-7]{4}(-[a-z2-7]{4}){3}", code)  # 16 × 5 bits
    opgeslagen = set(Herstelcode.objects.values_list("vingerafdruk", flat=True))
    assert len(opgeslagen) == 10
    for code in codes:
        assert code not in opgeslagen and code.replace("-", "") not in opgeslagen
        assert all(re.fullmatch(r"[0-9a-f]{64}", v) for v in opgeslagen)


def test_new_recovery_codes_replace_the_old_ones(redacteur_client, redacteur):
    oude = Herstelcodes.objects.maak_nieuwe(redacteur)
    html = redacteur_client.post("/beheer/tweestaps/herstelcodes/").content.decode()
    nieuwe = re.findall(r"<li><code>([a-z2-7-]+)</code></li>", html)
    assert len(nieuwe) == 10 and not set(oude) & set(nieuwe)
    apparaat = Herstelcodes.objects.get(user=redacteur)
    assert not apparaat.verify_token(oude[0])
    assert apparaat.verify_token(nieuwe[0])


# The throttle: only someone who knows the password can start it, and the owner keeps
# getting in from a browser they used before, or with a recovery code.


def test_a_stranger_guessing_passwords_locks_no_one_out(client, redacteur):
    for i in range(50):
        aanmelden(client, app_code(redacteur), wachtwoord=f"gok-nummer-{i}")
    assert aanmelden(client, app_code(redacteur)).status_code == 302
    assert binnen(client)


def opnieuw(gebruiker):
    """The app's code of now may be used once more (the test's clock stands still)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=gebruiker).update(last_t=-1)


def volgende_code(gebruiker):
    """The code the app will show in half a minute."""
    import time

    from django_otp.oath import TOTP

    apparaat = gebruiker.totpdevice_set.get(confirmed=True)
    totp = TOTP(apparaat.bin_key)
    totp.time = time.time() + 30
    return f"{totp.token():06d}"


def test_after_wrong_codes_with_the_right_password_a_new_browser_needs_a_second_code(
    client, redacteur
):
    redacteur.email = "redacteur@aeno.nl"
    redacteur.save()
    aanvaller = client.__class__()
    for _ in range(MAX_CODEFOUTEN):
        aanmelden(aanvaller, verkeerde_code(redacteur))
    # The owner has been told, once.
    melding = Kennisgeving.objects.get(soort="verkeerde_codes")
    assert melding.aan == "redacteur@aeno.nl"
    assert "met je juiste wachtwoord, maar met een verkeerde code" in melding.tekst
    # In a new browser, the right password and code ask for the app's next code …
    eigenaar = client.__class__()
    response = aanmelden(eigenaar, app_code(redacteur))
    assert response.status_code == 302 and response["Location"] == "/beheer/nog-een-code/"
    assert not binnen(eigenaar)
    html = eigenaar.get("/beheer/nog-een-code/").content.decode()
    assert "<h1>Nog één code uit je app</h1>" in html
    # … not the same one again …
    assert eigenaar.post("/beheer/nog-een-code/", {"code": app_code(redacteur)}).status_code == 302
    assert not binnen(eigenaar)
    # … and with the next one it is in: a right password and code are never locked out.
    opnieuw(redacteur)
    aanmelden(eigenaar, app_code(redacteur))
    response = eigenaar.post("/beheer/nog-een-code/", {"code": volgende_code(redacteur)})
    assert response.status_code == 302 and response["Location"] == "/beheer/"
    assert binnen(eigenaar)


def test_a_wrong_second_code_ends_the_attempt(client, redacteur):
    aanvaller = client.__class__()
    for _ in range(MAX_CODEFOUTEN):
        aanmelden(aanvaller, verkeerde_code(redacteur))
    aanmelden(aanvaller, app_code(redacteur))
    response = aanvaller.post("/beheer/nog-een-code/", {"code": "000000"}, follow=True)
    assert FOUT in response.content.decode()
    assert Aanmeldpoging.objects.count() == MAX_CODEFOUTEN + 1
    # One try: the next code no longer helps; it starts again at the sign-in page.
    response = aanvaller.post("/beheer/nog-een-code/", {"code": volgende_code(redacteur)})
    assert response["Location"] == "/beheer/login/"
    assert not binnen(aanvaller)


def test_a_recovery_code_needs_no_second_code(client, redacteur):
    for _ in range(MAX_CODEFOUTEN):
        aanmelden(client.__class__(), verkeerde_code(redacteur))
    codes = Herstelcodes.objects.maak_nieuwe(redacteur)
    assert aanmelden(client, codes[0])["Location"] == "/beheer/"
    assert binnen(client)


def test_the_owner_s_own_browser_keeps_working_during_such_an_attack(client, redacteur):
    # The owner signed in before in this browser: it carries a mark of that.
    assert aanmelden(client, app_code(redacteur)).status_code == 302
    merk = client.cookies[browser_cookie_naam()]
    assert merk["httponly"] and merk["samesite"] == "Lax"
    client.post("/beheer/logout/")
    aanvaller = client.__class__()
    for _ in range(MAX_CODEFOUTEN + 3):
        aanmelden(aanvaller, verkeerde_code(redacteur))
    opnieuw(redacteur)
    assert aanmelden(aanvaller, app_code(redacteur))["Location"] == "/beheer/nog-een-code/"
    opnieuw(redacteur)
    assert aanmelden(client, app_code(redacteur))["Location"] == "/beheer/"


def test_a_browser_mark_of_another_account_or_forged_helps_nothing(client, redacteur):
    aanvaller = client.__class__()
    for _ in range(MAX_CODEFOUTEN):
        aanmelden(aanvaller, verkeerde_code(redacteur))
    for waarde in (
        signing.dumps({"account": redacteur.pk + 1, "browser": "x"}, salt="aanmelden.browser"),
        json.dumps({"account": redacteur.pk, "browser": "x"}),
        "kapot",
    ):
        aanvaller.cookies[browser_cookie_naam()] = waarde
        assert aanmelden(aanvaller, app_code(redacteur))["Location"] == "/beheer/nog-een-code/"
        opnieuw(redacteur)


def test_a_known_browser_that_keeps_guessing_loses_its_privilege(client, redacteur):
    assert aanmelden(client, app_code(redacteur)).status_code == 302
    client.post("/beheer/logout/")
    for _ in range(MAX_CODEFOUTEN):
        aanmelden(client, verkeerde_code(redacteur))
    opnieuw(redacteur)
    assert aanmelden(client, app_code(redacteur))["Location"] == "/beheer/nog-een-code/"


def test_failures_older_than_a_day_no_longer_count_and_a_week_later_are_gone(client, redacteur):
    from datetime import timedelta

    from django.utils import timezone

    for _ in range(MAX_CODEFOUTEN):
        aanmelden(client, verkeerde_code(redacteur))
    Aanmeldpoging.objects.update(moment=timezone.now() - timedelta(hours=25))
    assert aanmelden(client, app_code(redacteur)).status_code == 302
    Aanmeldpoging.objects.update(moment=timezone.now() - timedelta(days=8))
    client.post("/beheer/logout/")
    aanmelden(client, "12345")
    assert Aanmeldpoging.objects.count() == 1


def test_the_beheerder_sees_failed_sign_ins_in_dutch(client, django_user_model, redacteur):
    from tests.conftest import meld_aan

    aanmelden(client.__class__(), verkeerde_code(redacteur))
    beheerder = django_user_model.objects.create_superuser("baas", password="x" * 14)
    html = meld_aan(client, beheerder).get("/beheer/aanmelden/aanmeldpoging/").content.decode()
    assert "<h1>Mislukte aanmeldingen</h1>" in html
    assert "Wachtwoord klopte" in html and "redacteur" in html
    assert 'href="/beheer/aanmelden/aanmeldpoging/add/"' not in html
