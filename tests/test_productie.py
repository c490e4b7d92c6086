import re
import runpy
import shutil
import signal
import subprocess

import pytest
from django.core.management import call_command
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver

from tests.factories import AdviesFactory, ThemaFactory, WerkatelierFactory

pytestmark = pytest.mark.django_db


def _vul(aantal, uitvoerders):
    thema = ThemaFactory()
    for werkatelier in WerkatelierFactory.create_batch(aantal):
        AdviesFactory.create_batch(3, werkatelier=werkatelier, doelgroep=uitvoerders, thema=thema)


PAGINAS = {
    "/contact/": 0,
    "/contact/?werkatelier=werkatelier-0": 1,
    "/contact/verzonden/": 0,
    "/privacy/": 0,
    "/toegankelijkheid/": 0,
    "/robots.txt": 0,
    "/.well-known/security.txt": 0,
    # The sitemap's parts of werkateliers and of adviezen, and the part of the other pages
    # (test_adviezen.py pins these, and the other parts, for other amounts).
    "/sitemap.xml": 2,
    "/sitemap-paginas.xml": 0,
    # The newest werkateliers, their adviezen, what their cards say.
    "/feed/": 3,
    "/gezondheid/": 1,
}


@pytest.mark.parametrize("aantal", [2, 40])
def test_the_other_public_pages_keep_a_fixed_number_of_queries(client, uitvoerders, aantal):
    _vul(aantal, uitvoerders)
    gemeten = {}
    for url in PAGINAS:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        gemeten[url] = len(queries)
    assert gemeten == PAGINAS


def test_templates_are_cached_outside_debug():
    loaders = engines["django"].engine.template_loaders
    assert [type(loader).__module__ for loader in loaders] == ["django.template.loaders.cached"]


def test_static_files_are_fingerprinted_compressed_and_cached_for_a_year(
    client, settings, tmp_path
):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    html = client.get("/privacy/").content.decode()
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html).group(1)
    response = client.get(stylesheet, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "max-age=315360000" in response["Cache-Control"]
    assert response["Content-Encoding"] in ("gzip", "br")


def test_gunicorn_runs_two_sync_workers_per_core_plus_one(monkeypatch):
    import multiprocessing
    import runpy

    from django.conf import settings

    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    config = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    assert config["workers"] == 2 * multiprocessing.cpu_count() + 1
    assert config["worker_class"] == "sync"


def _serve():
    from django.conf import settings

    return runpy.run_path(str(settings.BASE_DIR / "deploy" / "serve.py"))


def _parameters(patronen):
    for patroon in patronen:
        if hasattr(patroon, "url_patterns"):
            yield from _parameters(patroon.url_patterns)
        else:
            yield from getattr(patroon.callback, "paginacache_parameters", {})


def test_nginx_knows_every_parameter_a_public_page_understands():
    # Others are sent to the address without them (deploy/nginx.conf): a missing name here
    # would take a filter away from its page.
    assert set(_parameters(get_resolver().url_patterns)) <= set(_serve()["PARAMETERS"])


def test_nginx_listens_on_the_configured_address_only(monkeypatch, tmp_path):
    monkeypatch.delenv("LISTEN_ADDRESS", raising=False)
    monkeypatch.setenv("PORT", "8123")
    config = _serve()["nginx_config"](tmp_path, tmp_path, "127.0.0.1:1", "127.0.0.1:2")
    assert re.findall(r"^\s*listen (\S+)", config, re.M) == ["127.0.0.1:2", "127.0.0.1:8123"]
    assert "user root" not in config
    monkeypatch.setenv("LISTEN_ADDRESS", "0.0.0.0")
    config = _serve()["nginx_config"](tmp_path, tmp_path, "127.0.0.1:1", "127.0.0.1:2")
    assert "listen 0.0.0.0:8123 reuseport;" in config


def test_make_serve_keeps_two_access_logs_of_10_mb_at_most(tmp_path):
    signalen = []

    class Nginx:
        class proces:
            send_signal = signalen.append

    serve = _serve()
    (tmp_path / "access.log").write_bytes(b"x" * (serve["LOG_MAX_BYTES"] - 1))
    serve["roteer_log"](tmp_path / "access.log", Nginx)
    assert signalen == []
    with open(tmp_path / "access.log", "ab") as log:
        log.write(b"xx")
    serve["roteer_log"](tmp_path / "access.log", Nginx)
    assert signalen == [signal.SIGUSR1]  # nginx opens a new one
    assert not (tmp_path / "access.log").exists() and (tmp_path / "access.log.1").exists()


def test_the_health_check_fails_when_a_claimed_https_is_not_believed(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = None
    assert client.get("/gezondheid/").status_code == 200  # plain http: redirected, fine
    antwoord = client.get("/gezondheid/", HTTP_X_FORWARDED_PROTO_GECLAIMD="https")
    assert antwoord.status_code == 503 and b"niet vertrouwd" in antwoord.content
    assert client.get("/gezondheid/", HTTP_X_FORWARDED_PROTO="https").status_code == 503
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/gezondheid/", HTTP_X_FORWARDED_PROTO="https").status_code == 200


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze ontbreekt")
def test_the_systemd_units_pass_systemd_analyze_verify(tmp_path):
    from django.conf import settings

    # verify wants the programs to exist: the units with this checkout for /srv/….
    for unit in (settings.BASE_DIR / "deploy" / "systemd").glob("*"):
        tekst = unit.read_text().replace("/srv/praktijkadviezen", str(settings.BASE_DIR))
        (tmp_path / unit.name).write_text(tekst)
        if unit.suffix != ".service":
            continue
        assert "Restart=on-failure" in tekst and "NoNewPrivileges=yes" in tekst
        assert "ProtectSystem=strict" in tekst and "PrivateTmp=yes" in tekst
        assert "User=praktijkadviezen" in tekst or "nginx" in unit.name
    uitkomst = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *sorted(tmp_path.glob("praktijkadviezen-*"))],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert uitkomst.returncode == 0 and not uitkomst.stderr.strip(), uitkomst.stderr


def test_the_health_check_fails_without_the_static_files_every_page_needs(
    client, settings, tmp_path
):
    settings.STATIC_ROOT = tmp_path  # collectstatic never ran here
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 503 and b"collectstatic" in antwoord.content


def test_nginx_sends_a_host_the_site_does_not_serve_to_the_site_s_own_address(
    monkeypatch, tmp_path
):
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "praktijkadviezen.aeno.nl,.aeno.nl")
    monkeypatch.setenv("DJANGO_SITE_URL", "https://praktijkadviezen.aeno.nl")
    config = _serve()["nginx_config"](tmp_path, tmp_path, "127.0.0.1:1", "127.0.0.1:2")
    assert '"praktijkadviezen.aeno.nl" 1;' in config and r'"~(^|\.)aeno\.nl$" 1;' in config
    assert "return 301 https://praktijkadviezen.aeno.nl$request_uri;" in config
    monkeypatch.delenv("DJANGO_SITE_URL")
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "*")
    config = _serve()["nginx_config"](tmp_path, tmp_path, "127.0.0.1:1", "127.0.0.1:2")
    assert "map $host $bekende_host {\n        default 1;\n    }" in config


def test_make_serve_refuses_a_port_that_is_taken():
    import socket

    with socket.socket() as bezet:
        bezet.bind(("127.0.0.1", 0))
        bezet.listen()
        with pytest.raises(SystemExit, match="Kan niet luisteren op 127.0.0.1"):
            _serve()["controleer_vrij"]("127.0.0.1", bezet.getsockname()[1])
