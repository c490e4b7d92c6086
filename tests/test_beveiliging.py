import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.conftest import hele_sitemap
from tests.factories import AdviesFactory, DoelgroepFactory, ThemaFactory, WerkatelierFactory

pytestmark = pytest.mark.django_db

CSP = (
    "default-src 'none'; script-src 'self'; "
    "style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='; "
    "img-src 'self'; font-src 'self'; "
    "connect-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'; "
    "object-src 'none'"
)
PAGINAS = [
    "/",
    "/werkateliers/integraal-werken/",
    "/adviezen/?doelgroep=uitvoerders",
    "/contact/",
    "/beheer/login/",
]


@pytest.mark.parametrize("url", PAGINAS)
def test_security_headers_on_every_kind_of_page(client, seeds, url):
    response = client.get(url, secure=True)
    assert response.status_code == 200
    assert set(response["Content-Security-Policy"].split("; ")) == set(CSP.split("; "))
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_cookies_are_secure_and_http_only_in_production():
    from importlib import reload

    assert settings.SESSION_COOKIE_HTTPONLY
    # conftest switches these off for plain-http tests; the settings module itself turns them on.
    import praktijkadviezen.settings as instellingen

    reload(instellingen)
    assert instellingen.SESSION_COOKIE_SECURE and instellingen.CSRF_COOKIE_SECURE
    assert instellingen.SECURE_SSL_REDIRECT


def test_plain_http_is_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/adviezen/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/adviezen/"


def test_proxy_header_tells_that_the_request_was_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/adviezen/", HTTP_X_FORWARDED_PROTO="https").status_code == 200


def test_check_deploy_passes_with_production_settings(tmp_path):
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    omgeving.update(
        DJANGO_SECRET_KEY="k8#Tq2!vZ9@pL4$wX7^nB1&mC6*rF3(yH0)sJ5-eG8+uD2=aK9?oW4%iQ7~t",
        DJANGO_ALLOWED_HOSTS="praktijkadviezen.aeno.nl",
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=omgeving,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_security_txt_names_the_secretariaat(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    tekst = response.content.decode()
    assert "Contact: mailto:secretariaat@aeno.nl" in tekst
    assert "Expires: 20" in tekst


def test_health_check_answers_without_session_host_check_or_cookie(
    client, django_assert_num_queries
):
    with django_assert_num_queries(1):
        response = client.get("/gezondheid/", HTTP_HOST="10.0.0.7")
    assert response.status_code == 200
    assert response.content == b"ok\ndatabase: ok\nmail: ok\n"
    assert response["X-Gezondheid-Mail"] == "ok"
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert response["Cache-Control"] == "no-store"


def test_health_check_says_503_when_the_database_is_gone(client, monkeypatch):
    from django.db import connection

    def kapot(*args, **kwargs):
        raise RuntimeError("verbinding weg")

    monkeypatch.setattr(connection, "cursor", kapot)
    monkeypatch.setattr(connection, "close", lambda: None)
    response = client.get("/gezondheid/")
    assert response.status_code == 503


PAYLOADS = ['<script>alert("x")</script>', "javascript:alert(1)", '"><img src=x onerror=alert(1)>']


@pytest.mark.parametrize("payload", PAYLOADS)
def test_anything_staff_type_is_escaped_on_the_public_pages(client, payload):
    doelgroep = DoelgroepFactory(slug="uitvoerders", naam="Uitvoerders")
    doelgroep.naam = f"Uitvoerders {payload}"
    doelgroep.save()
    thema = ThemaFactory(naam=f"Thema {payload}", beschrijving=payload, slug="thema-x")
    werkatelier = WerkatelierFactory(
        titel=f"Titel {payload}",
        slug="xss",
        intro=f"Intro {payload}\n\nNog {payload}",
        beschrijving=payload,
    )
    AdviesFactory(
        werkatelier=werkatelier,
        doelgroep=doelgroep,
        thema=thema,
        titel=f"Advies {payload}",
        tekst=payload,
    )
    for url in [
        "/",
        "/werkateliers/xss/",
        "/adviezen/",
        "/adviezen/?q=alert",
        "/feed/",
        "/sitemap.xml",
        "/contact/?werkatelier=xss",
    ]:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert 'href="javascript:' not in html and 'src="javascript:' not in html, url
    xml = hele_sitemap(client)
    assert "<script>alert" not in xml and "<img src=x" not in xml


# Staff sessions, cookies and passwords (the app aanmelden).


@pytest.fixture
def klok(monkeypatch):
    """The sessions' clock, to move forward by hand."""
    import time

    class Klok:
        nu = time.time()

        def verder(self, seconden):
            self.nu += seconden

    klok = Klok()
    monkeypatch.setattr("aanmelden.sessies.nu", lambda: klok.nu)
    return klok


def test_a_staff_session_ends_after_thirty_minutes_without_a_request(redacteur_client, klok):
    assert redacteur_client.get("/beheer/").status_code == 200
    klok.verder(29 * 60)
    assert redacteur_client.get("/beheer/").status_code == 200
    klok.verder(29 * 60)  # each request counts as activity
    assert redacteur_client.get("/beheer/").status_code == 200
    klok.verder(31 * 60)
    response = redacteur_client.get("/beheer/werkateliers/werkatelier/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/beheer/login/")
    assert "Je bent afgemeld omdat je 30 minuten niets hebt gedaan." in response.content.decode()
    assert redacteur_client.get("/beheer/").status_code == 302


def test_a_staff_session_ends_after_twelve_hours_however_busy(redacteur_client, klok):
    assert redacteur_client.get("/beheer/").status_code == 200
    for _ in range(12 * 4):
        klok.verder(15 * 60)
        assert redacteur_client.get("/beheer/").status_code == 200
    klok.verder(60)
    response = redacteur_client.get("/beheer/", follow=True)
    assert "Je bent afgemeld omdat je al 12 uur aangemeld was." in response.content.decode()


def test_the_session_is_written_at_most_once_a_minute(redacteur_client, klok):
    from django.contrib.sessions.models import Session

    redacteur_client.get("/beheer/")
    sessie = Session.objects.get()
    for _ in range(5):
        klok.verder(5)
        redacteur_client.get("/beheer/werkateliers/")
    assert Session.objects.get().session_data == sessie.session_data
    klok.verder(60)
    redacteur_client.get("/beheer/werkateliers/")
    assert Session.objects.get().session_data != sessie.session_data


def test_staff_sessions_end_with_the_browser_and_within_twelve_hours():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60
    assert settings.BEHEER_SESSIE_STIL == 30 * 60


@pytest.mark.parametrize(
    ("https", "sessie", "csrf"),
    [("1", "__Host-sessionid", "__Host-csrftoken"), ("0", "sessionid", "csrftoken")],
)
def test_cookie_names_carry_host_only_over_https(monkeypatch, https, sessie, csrf):
    from importlib import reload

    from django.conf import global_settings

    import praktijkadviezen.settings as instellingen

    monkeypatch.setenv("DJANGO_HTTPS", https)
    try:
        reload(instellingen)
        assert instellingen.SESSION_COOKIE_NAME == sessie
        assert instellingen.CSRF_COOKIE_NAME == csrf
        # __Host- demands Secure, path / and no domain.
        assert instellingen.SESSION_COOKIE_SECURE == (https == "1")
        for naam in ("SESSION_COOKIE", "CSRF_COOKIE"):
            pad = getattr(instellingen, f"{naam}_PATH", getattr(global_settings, f"{naam}_PATH"))
            domein = getattr(
                instellingen, f"{naam}_DOMAIN", getattr(global_settings, f"{naam}_DOMAIN")
            )
            assert pad == "/" and domein is None
    finally:
        monkeypatch.undo()
        reload(instellingen)


def test_over_https_signing_in_sets_only_host_cookies(client, redacteur, settings):
    from tests.conftest import app_code

    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    client.get("/beheer/login/", secure=True)
    response = client.post(
        "/beheer/login/",
        {"username": "redacteur", "password": "Redactie-2026-geheim", "code": app_code(redacteur)},
        secure=True,
    )
    assert response.status_code == 302
    namen = set(client.cookies)
    assert namen == {"__Host-sessionid", "__Host-csrftoken", "__Host-bekende_browser"}
    for cookie in client.cookies.values():
        assert cookie["secure"] and cookie["path"] == "/" and not cookie["domain"], cookie
    assert client.get("/beheer/", secure=True).status_code == 200


@pytest.mark.parametrize(
    "wachtwoord",
    [
        "welkom123",
        "Welkom2026!!",
        "Welkom01welkom01",
        "W@chtw00rd!!",
        "zomerzomer12",
        "Wachtwoord123",
        "Amsterdam2026!",
        "Gemeente12345",
        "Password12345",
        "qwertyuiop123",
        "123456789012",
        "Sunshine2026!",
    ],
)
def test_common_dutch_and_english_passwords_are_refused(wachtwoord):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password(wachtwoord)


@pytest.mark.parametrize(
    "wachtwoord", ["Redactie-2026-geheim", "fiets-lamp-koffie-regen", "Gk9!vQ2#pL7m"]
)
def test_long_uncommon_passwords_are_accepted(wachtwoord):
    from django.contrib.auth.password_validation import validate_password

    validate_password(wachtwoord)


def test_a_short_password_is_refused_in_dutch(client, redacteur_client):
    response = redacteur_client.post(
        "/beheer/password_change/",
        {
            "old_password": "Redactie-2026-geheim",
            "new_password1": "Kort-2026",
            "new_password2": "Kort-2026",
        },
    )
    html = response.content.decode()
    assert "Dit wachtwoord is te kort: het moet minstens 12 tekens hebben." in html
    assert "Je wachtwoord heeft minstens 12 tekens." in html
    assert "Je wachtwoord is geen veelgebruikt wachtwoord of woord" in html
    assert "<title>Fout: " in html
    assert "Verandert je wachtwoord, dan krijg je daarover een mail." in html
    refused = redacteur_client.post(
        "/beheer/password_change/",
        {
            "old_password": "Redactie-2026-geheim",
            "new_password1": "Welkom-2026-welkom",
            "new_password2": "Welkom-2026-welkom",
        },
    )
    assert refused.status_code == 200
    assert "Kies bijvoorbeeld drie of vier losse woorden" in refused.content.decode()


def test_maak_redacteur_refuses_a_common_password(monkeypatch):
    from django.core.management import CommandError, call_command

    monkeypatch.setenv("DJANGO_WACHTWOORD", "welkom123")
    with pytest.raises(CommandError, match="te kort"):
        call_command("maak_redacteur", "carla")


def test_the_common_password_list_ships_with_its_source_and_licence():
    import gzip

    map_ = settings.BASE_DIR / "aanmelden" / "wachtwoordlijst"
    with gzip.open(map_ / "veelgebruikt.txt.gz", "rt", encoding="utf-8") as f:
        lijst = {regel.strip() for regel in f}
    assert {"welkom", "wachtwoord", "geheim", "vakantie", "password", "qwerty"} <= lijst
    assert len(lijst) > 60_000
    uitleg = (map_ / "README.md").read_text()
    assert "MIT" in uitleg and "CC BY-SA 4.0" in uitleg and "BSD-3-Clause" in uitleg
