"""A first enrolment of the authenticator app needs more than the password: a one-time link
that a beheerder (or `maak_redacteur`) hands over. Link and password together set up the app
and give the recovery codes; the password alone never gets anywhere."""

import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from aanmelden.models import Herstelcodes, Kennisgeving, Koppellink
from tests.conftest import meld_aan

pytestmark = pytest.mark.django_db

WACHTWOORD = "Nieuw-account-2026"


@pytest.fixture
def nieuw(django_user_model):
    gebruiker = django_user_model.objects.create_user(
        "nieuw", password=WACHTWOORD, is_staff=True, email="nieuw@aeno.nl"
    )
    gebruiker.groups.add(Group.objects.get(name="Redacteur"))
    return gebruiker


def link_voor(gebruiker):
    _, sleutel = Koppellink.objects.maak(gebruiker)
    return f"/beheer/koppelen/{sleutel}/"


def code_van(app):
    return f"{TOTP(app.bin_key).token():06d}"


def koppel(client, link, wachtwoord=WACHTWOORD):
    """Password, then the app's code: the recovery codes page."""
    assert client.post(link, {"wachtwoord": wachtwoord}).status_code == 302
    client.get(link)  # the QR code
    app = TOTPDevice.objects.filter(confirmed=False).latest("pk")
    return client.post(link, {"code": code_van(app)}), app


def test_maak_redacteur_prints_a_one_time_link_that_sets_up_the_app(
    client, monkeypatch, django_user_model, settings
):
    settings.SITE_URL = "https://praktijkadviezen.aeno.nl"
    monkeypatch.setenv("DJANGO_WACHTWOORD", "Een-lang-wachtwoord-2026")
    uit = io.StringIO()
    call_command("maak_redacteur", "anne", "--email", "anne@aeno.nl", stdout=uit)
    tekst = uit.getvalue()
    adres = re.search(r"https://praktijkadviezen\.aeno\.nl(/beheer/koppelen/[\w-]+/)", tekst)
    assert adres, tekst
    assert "werkt één keer, 7 dagen" in tekst
    anne = django_user_model.objects.get(username="anne")
    assert not TOTPDevice.objects.filter(user=anne).exists()

    response = client.get(adres.group(1))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Je account koppelen aan je app</h1>" in html
    assert "<strong>anne</strong>" in html
    assert (
        client.post(adres.group(1), {"wachtwoord": "Een-lang-wachtwoord-2026"}).status_code == 302
    )
    html = client.get(adres.group(1)).content.decode()
    assert "<h1>Je authenticator-app instellen</h1>" in html
    assert re.search(r'<svg viewBox="0 0 (\d+) \1" class="segno">', html)
    assert re.search(r'<code class="sleutel">([A-Z2-7]{4} ?)+</code>', html)


def test_the_whole_enrolment_ends_signed_in_with_recovery_codes(client, nieuw):
    link = link_voor(nieuw)
    assert client.post(link, {"wachtwoord": WACHTWOORD}).status_code == 302
    # After the password alone the account is not signed in.
    assert client.get("/beheer/").status_code == 302
    assert "Je authenticator-app instellen" in client.get(link).content.decode()
    app = TOTPDevice.objects.get(user=nieuw, confirmed=False)
    fout = client.post(link, {"code": "12345"})
    assert "Die code klopt niet." in fout.content.decode()
    response = client.post(link, {"code": code_van(app)})
    html = response.content.decode()
    assert "Bewaar deze herstelcodes op een veilige plek" in html
    codes = re.findall(r"<li><code>([a-z2-7-]+)</code></li>", html)
    assert len(codes) == 10
    assert "no-store" in response["Cache-Control"]
    app.refresh_from_db()
    assert app.confirmed
    assert client.get("/beheer/werkateliers/werkatelier/").status_code == 200
    assert Herstelcodes.objects.get(user=nieuw).verify_token(codes[0])
    assert Kennisgeving.objects.filter(gebruiker=nieuw, soort="app").exists()


def test_a_link_works_once(client, nieuw):
    link = link_voor(nieuw)
    koppel(client, link)
    ander = client.__class__()
    response = ander.get(link)
    assert response.status_code == 404
    assert "Deze koppellink is al gebruikt, verlopen" in response.content.decode()


def test_a_new_app_replaces_the_old_one(client, nieuw):
    oud = TOTPDevice.objects.create(user=nieuw, confirmed=True, name="Oude telefoon")
    oude_codes = Herstelcodes.objects.maak_nieuwe(nieuw)
    _, app = koppel(client, link_voor(nieuw))
    assert list(TOTPDevice.objects.filter(user=nieuw)) == [app]
    assert not TOTPDevice.objects.filter(pk=oud.pk).exists()
    assert not Herstelcodes.objects.get(user=nieuw).verify_token(oude_codes[0])


def test_an_expired_or_unknown_link_is_a_dutch_404(client, nieuw):
    link = link_voor(nieuw)
    Koppellink.objects.update(geldig_tot=timezone.now() - timedelta(seconds=1))
    for adres in (link, "/beheer/koppelen/bestaat-niet/"):
        response = client.get(adres)
        assert response.status_code == 404
        assert "<h1>Deze koppellink werkt niet</h1>" in response.content.decode()


def test_five_wrong_passwords_end_a_link(client, nieuw):
    link = link_voor(nieuw)
    for _ in range(4):
        response = client.post(link, {"wachtwoord": "Geraden-wachtwoord-1"})
        assert "Dit wachtwoord klopt niet." in response.content.decode()
    assert client.post(link, {"wachtwoord": "Geraden-wachtwoord-1"}).status_code == 200
    assert client.post(link, {"wachtwoord": WACHTWOORD}).status_code == 404


def test_a_newer_link_ends_the_older_one(client, nieuw):
    oud = link_voor(nieuw)
    nieuwer = link_voor(nieuw)
    assert client.get(oud).status_code == 404
    assert client.get(nieuwer).status_code == 200


def test_without_an_app_the_sign_in_form_lets_no_one_in(client, nieuw):
    for code in ("", "123456", "abcd-efgh-ijkl-mnop"):
        response = client.post(
            "/beheer/login/", {"username": "nieuw", "password": WACHTWOORD, "code": code}
        )
        assert response.status_code == 200
    assert client.get("/beheer/").status_code == 302


def test_nieuwe_koppellink_for_an_existing_account(nieuw):
    uit = io.StringIO()
    call_command("nieuwe_koppellink", "nieuw", stdout=uit)
    assert "/beheer/koppelen/" in uit.getvalue()
    assert "Zet het adres van de site ervoor" in uit.getvalue()
    assert Kennisgeving.objects.filter(gebruiker=nieuw, soort="koppellink").exists()
    with pytest.raises(CommandError, match="Er is geen account ‘niemand’"):
        call_command("nieuwe_koppellink", "niemand")


def test_a_beheerder_makes_a_link_or_removes_a_stolen_phone(client, django_user_model, nieuw):
    beheerder = django_user_model.objects.create_superuser("baas", password="x" * 14)
    meld_aan(client, beheerder)
    wijzig = client.get(f"/beheer/auth/user/{nieuw.pk}/change/").content.decode()
    assert "Nog geen app gekoppeld" in wijzig
    pagina = f"/beheer/auth/user/{nieuw.pk}/tweestaps/"
    assert f'href="{pagina}"' in wijzig
    html = client.post(pagina, {"actie": "koppellink"}).content.decode()
    link = re.search(
        r'<code class="koppellink-adres">http://testserver(/beheer/koppelen/[\w-]+/)', html
    )
    assert link and "Je ziet hem alleen nu" in html
    assert client.__class__().get(link.group(1)).status_code == 200
    # The link is shown once: the page shows it no more.
    assert link.group(1) not in client.get(pagina).content.decode()

    TOTPDevice.objects.create(user=nieuw, confirmed=True, name="Gestolen telefoon")
    Herstelcodes.objects.maak_nieuwe(nieuw)
    vraag = client.post(pagina, {"actie": "verwijderen"}).content.decode()
    assert "Weet je het zeker?" in vraag
    assert TOTPDevice.objects.filter(user=nieuw).exists()
    response = client.post(pagina, {"actie": "verwijderen_bevestigd"}, follow=True)
    assert "De app en herstelcodes van ‘nieuw’ zijn verwijderd." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=nieuw).exists()
    assert not Herstelcodes.objects.filter(user=nieuw).exists()
    assert Kennisgeving.objects.filter(gebruiker=nieuw, soort="tweestaps_uit").exists()


def test_only_who_may_change_accounts_reaches_that_page(redacteur_client, nieuw):
    assert redacteur_client.get(f"/beheer/auth/user/{nieuw.pk}/tweestaps/").status_code == 403
    assert (
        redacteur_client.post(
            f"/beheer/auth/user/{nieuw.pk}/tweestaps/", {"actie": "koppellink"}
        ).status_code
        == 403
    )
    assert not Koppellink.objects.exists()
