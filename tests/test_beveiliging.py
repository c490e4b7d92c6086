import os
import subprocess
import sys

import pytest
from django.conf import settings

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
