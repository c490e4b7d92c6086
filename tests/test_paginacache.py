import logging
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import timezone

from tests.conftest import meld_aan
from tests.factories import WerkatelierFactory
from tests.smtp import vrije_poort
from werkateliers.models import Werkatelier

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def paginacache(settings):
    settings.PAGINACACHE_SECONDEN = 600
    cache.clear()
    yield
    cache.clear()


def haal(client, url, **extra):
    """Like a visitor: content changes become visible once their transaction commits."""
    return client.get(url, **extra)


def test_second_anonymous_visit_comes_from_the_cache(client, seeds):
    assert client.get("/").get("X-Paginacache") == "miss"
    assert client.get("/").get("X-Paginacache") == "hit"
    assert client.get("/adviezen/?doelgroep=uitvoerders").get("X-Paginacache") == "miss"
    assert client.get("/adviezen/?doelgroep=uitvoerders").get("X-Paginacache") == "hit"


def test_a_cached_page_keeps_its_security_headers(client, seeds):
    client.get("/")
    response = client.get("/")
    assert response["X-Paginacache"] == "hit"
    assert "Content-Security-Policy" in response
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_cached_pages_cost_no_queries(client, seeds, django_assert_num_queries):
    client.get("/werkateliers/integraal-werken/")
    with django_assert_num_queries(0):
        assert client.get("/werkateliers/integraal-werken/")["X-Paginacache"] == "hit"


def test_a_publication_shows_at_once(client, seeds, django_capture_on_commit_callbacks):
    nieuw = WerkatelierFactory(titel="Vers van de pers", concept=True)
    assert "Vers van de pers" not in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        nieuw.status = Werkatelier.Status.GEPUBLICEERD
        nieuw.gepubliceerd_op = timezone.now()
        nieuw.save()
    assert "Vers van de pers" in client.get("/").content.decode()


def test_an_edit_shows_at_once(client, seeds, django_capture_on_commit_callbacks):
    werkatelier = seeds["integraal-werken"]
    assert "Wees proactief" in client.get(werkatelier.get_absolute_url()).content.decode()
    advies = werkatelier.adviezen.get(titel__startswith="Wees proactief")
    with django_capture_on_commit_callbacks(execute=True):
        advies.titel = "Wees vooruitziend – en positief"
        advies.save()
    html = client.get(werkatelier.get_absolute_url()).content.decode()
    assert "Wees vooruitziend" in html and "Wees proactief" not in html


def test_an_unpublish_shows_at_once(client, seeds, django_capture_on_commit_callbacks):
    werkatelier = seeds["integraal-werken"]
    assert client.get(werkatelier.get_absolute_url()).status_code == 200
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        werkatelier.status = Werkatelier.Status.CONCEPT
        werkatelier.save()
    assert client.get(werkatelier.get_absolute_url()).status_code == 404
    assert "Integraal werken" not in client.get("/").content.decode()


def test_a_reorder_shows_at_once(client, seeds, django_capture_on_commit_callbacks):
    werkatelier = seeds["integraal-werken"]
    assert re.search(
        r'Advies 3: </span><a href="[^"]+">Toon lef',
        client.get(werkatelier.get_absolute_url()).content.decode(),
    )
    adviezen = list(werkatelier.adviezen.order_by("doelgroep__volgorde", "positie"))
    adviezen[2], adviezen[3] = adviezen[3], adviezen[2]
    with django_capture_on_commit_callbacks(execute=True):
        werkatelier.zet_volgorde(adviezen)
    html = client.get(werkatelier.get_absolute_url()).content.decode()
    assert re.search(r'Advies 3: </span><a href="[^"]+">Organiseer samenwerking', html)


def test_an_import_shows_at_once(
    client, uitvoerders, leidinggevenden, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    from tests.test_importer import VOORBEELDEN

    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "import_werkatelier",
            str(VOORBEELDEN / "werkatelier-jongeren.txt"),
            titel="Jong",
            publiceer=True,
            stdout=open(os.devnull, "w"),
        )
    assert "Jong" in client.get("/").content.decode()


def test_a_scheduled_moment_passing_shows_at_once(client, seeds, monkeypatch):
    gepland = WerkatelierFactory(
        titel="Komt morgen", gepubliceerd_op=timezone.now() + timedelta(hours=1)
    )
    cache.clear()
    assert "Komt morgen" not in client.get("/").content.decode()
    assert client.get("/")["X-Paginacache"] == "hit"
    later = gepland.gepubliceerd_op + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Komt morgen" in client.get("/").content.decode()


def test_a_page_seen_by_staff_is_never_served_to_visitors(client, redacteur, seeds):
    staf = Client()
    meld_aan(staf, redacteur)
    response = staf.get("/")
    assert "X-Paginacache" not in response  # not stored, not served from the cache
    assert client.get("/")["X-Paginacache"] == "miss"
    assert "X-Paginacache" not in staf.get("/")


def test_contact_form_is_never_cached(client):
    for _ in range(2):
        response = client.get("/contact/")
        assert "X-Paginacache" not in response
        assert "csrfmiddlewaretoken" in response.content.decode()


def test_preview_is_never_cached(client, redacteur, uitvoerders):
    werkatelier = WerkatelierFactory(concept=True)
    meld_aan(client, redacteur)
    assert "X-Paginacache" not in client.get(f"/werkateliers/{werkatelier.slug}/voorbeeld/")


def test_pages_are_served_when_redis_is_down(client, seeds, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "praktijkadviezen.cache.VeiligeRedisCache",
            "LOCATION": f"redis://127.0.0.1:{vrije_poort()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    with caplog.at_level(logging.WARNING, logger="praktijkadviezen.cache"):
        for url in ("/", "/werkateliers/integraal-werken/", "/adviezen/", "/feed/", "/sitemap.xml"):
            assert client.get(url).status_code == 200, url
    assert "Redis niet bereikbaar" in caplog.text


def _redis_bereikbaar():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_edit_through_one_process_shows_through_another_sharing_redis(settings, seeds, tmp_path):
    """Two server processes, one Redis: this test process edits, a gunicorn process serves."""
    if connection.vendor != "postgresql":
        pytest.skip("een tweede proces kan de testdatabase alleen op PostgreSQL delen")
    if not _redis_bereikbaar():
        if os.environ.get("CI"):
            pytest.fail("Redis op 127.0.0.1:6379 is niet bereikbaar")
        pytest.skip("Redis op 127.0.0.1:6379 is niet bereikbaar")
    redis_url = "redis://127.0.0.1:6379/15"
    settings.CACHES = {
        "default": {"BACKEND": "praktijkadviezen.cache.VeiligeRedisCache", "LOCATION": redis_url}
    }
    cache.clear()
    db = connection.settings_dict
    poort = vrije_poort()
    omgeving = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "DJANGO_HTTPS": "0",
        "PAGINACACHE_SECONDEN": "600",
    }
    # Production settings serve fingerprinted static files: they need collectstatic first.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=omgeving,
        check=True,
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "praktijkadviezen.wsgi",
            "--bind",
            f"127.0.0.1:{poort}",
            "--workers",
            "1",
        ],
        cwd=settings.BASE_DIR,
        env=omgeving,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{poort}/werkateliers/integraal-werken/"
    try:
        for _ in range(150):
            try:
                eerste = urllib.request.urlopen(url, timeout=5).read().decode()
                break
            except urllib.error.HTTPError:
                raise
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn startte niet")
        assert "Wees proactief" in eerste
        assert urllib.request.urlopen(url).headers["X-Paginacache"] == "hit"
        advies = seeds["integraal-werken"].adviezen.get(titel__startswith="Wees proactief")
        advies.titel = "Wees vooruitziend – en positief"
        advies.save()  # autocommit: the version changes in Redis right away
        html = urllib.request.urlopen(url).read().decode()
        assert "Wees vooruitziend" in html
    finally:
        server.terminate()
        server.wait(timeout=10)
        cache.clear()
