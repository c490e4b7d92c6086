import os
import re
import time
import urllib.request
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from inhoudsversie.models import Inhoudsversie, vergeet
from praktijkadviezen import paginacache as paginacache_module
from praktijkadviezen.paginacache import PUBLIEK, dichtbij, normaliseer
from tests import servers
from tests.conftest import meld_aan
from tests.factories import WerkatelierFactory
from werkateliers.models import Advies, Werkatelier

pytestmark = pytest.mark.django_db


def leeg():
    dichtbij.clear()


@pytest.fixture(autouse=True)
def paginacache(settings):
    settings.PAGINACACHE_SECONDEN = 600
    leeg()
    vergeet()
    yield
    leeg()
    vergeet()


def publieke_paginas(seeds):
    advies = Advies.objects.published().first()
    return [
        "/",
        "/adviezen/",
        "/adviezen/?doelgroep=uitvoerders",
        "/adviezen/?q=samenwerking",
        "/adviezen/afdrukken/?doelgroep=uitvoerders",
        advies.get_absolute_url(),
        "/werkateliers/",
        seeds["integraal-werken"].get_absolute_url(),
        "/privacy/",
        "/toegankelijkheid/",
        "/feed/",
        "/sitemap.xml",
        "/robots.txt",
    ]


def bewaarde_sleutels():
    return list(dichtbij.paginas)


def test_second_anonymous_visit_comes_from_the_cache(client, seeds):
    assert client.get("/").get("X-Paginacache") == "miss"
    assert client.get("/").get("X-Paginacache") == "hit"
    assert client.get("/adviezen/?doelgroep=uitvoerders").get("X-Paginacache") == "miss"
    assert client.get("/adviezen/?doelgroep=uitvoerders").get("X-Paginacache") == "hit"


def test_every_public_page_carries_caching_headers_and_answers_a_conditional_get(client, seeds):
    for url in publieke_paginas(seeds):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == PUBLIEK, url
        assert re.fullmatch(r'"[0-9a-f]{32}"', response["ETag"]), url  # strong
        assert response["Last-Modified"].endswith(" GMT"), url
        vary = {v.strip() for v in response["Vary"].split(",")}
        assert {"Cookie", "Accept-Encoding"} <= vary, url
        opnieuw = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert opnieuw.status_code == 304, url
        assert opnieuw.content == b""
        assert opnieuw["ETag"] == response["ETag"]
        assert opnieuw["Cache-Control"] == PUBLIEK
        sinds = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
        assert sinds.status_code == 304, url
        anders = client.get(url, HTTP_IF_NONE_MATCH='"iets-anders"')
        assert anders.status_code == 200 and anders.content == response.content, url


def test_a_304_needs_no_rendering_and_no_query_when_the_version_is_known(
    client, seeds, settings, django_assert_num_queries
):
    settings.PAGINACACHE_VERSIE_SECONDEN = 60
    for url in publieke_paginas(seeds):
        etag = client.get(url)["ETag"]
        with django_assert_num_queries(0):
            response = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304, url
        assert not response.templates, url


def test_without_the_page_cache_the_headers_and_304s_stay(client, seeds, settings):
    settings.PAGINACACHE_SECONDEN = 0
    for url in publieke_paginas(seeds):
        response = client.get(url)
        assert response["Cache-Control"] == PUBLIEK, url
        assert "X-Paginacache" not in response
        assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304, url


def test_the_etag_stays_while_the_page_stays_the_same(
    client, seeds, django_capture_on_commit_callbacks
):
    eerst = client.get("/privacy/")["ETag"]
    werkatelier = client.get("/werkateliers/integraal-werken/")["ETag"]
    advies = seeds["integraal-werken"].adviezen.get(titel__startswith="Wees proactief")
    with django_capture_on_commit_callbacks(execute=True):
        advies.titel = "Wees vooruitziend"
        advies.save()
    privacy = client.get("/privacy/")
    assert privacy["X-Paginacache"] == "miss"  # a new version: made again …
    assert privacy["ETag"] == eerst  # … and the same bytes, so browsers keep their copy
    assert client.get("/werkateliers/integraal-werken/")["ETag"] != werkatelier


def test_a_hit_returns_every_header_the_view_set(client, seeds):
    for url in publieke_paginas(seeds):
        gemaakt = client.get(url)
        bewaard = client.get(url)
        assert bewaard["X-Paginacache"] == "hit", url
        zonder = {"X-Paginacache"}
        assert {k: v for k, v in gemaakt.items() if k not in zonder} == {
            k: v for k, v in bewaard.items() if k not in zonder
        }, url
    assert client.get("/sitemap.xml")["X-Robots-Tag"] == "noindex, noodp, noarchive"
    assert client.get("/feed/")["Content-Type"].startswith("application/atom+xml")


def test_a_cached_page_keeps_its_security_headers(client, seeds):
    client.get("/")
    response = client.get("/")
    assert response["X-Paginacache"] == "hit"
    assert "Content-Security-Policy" in response
    assert response["X-Frame-Options"] == "DENY"
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_cached_pages_cost_no_queries(client, seeds, settings, django_assert_num_queries):
    settings.PAGINACACHE_VERSIE_SECONDEN = 60
    client.get("/werkateliers/integraal-werken/")
    with django_assert_num_queries(0):
        assert client.get("/werkateliers/integraal-werken/")["X-Paginacache"] == "hit"


def test_a_hit_costs_one_query_when_the_version_is_looked_up(
    client, seeds, django_assert_num_queries
):
    client.get("/werkateliers/integraal-werken/")
    with django_assert_num_queries(1):  # PAGINACACHE_VERSIE_SECONDEN is 0 in the tests
        assert client.get("/werkateliers/integraal-werken/")["X-Paginacache"] == "hit"


def test_unknown_parameters_never_make_an_entry(client, seeds):
    client.get("/adviezen/?doelgroep=uitvoerders&thema=met-collegas")
    sleutels = bewaarde_sleutels()
    for variant in [
        "/adviezen/?thema=met-collegas&doelgroep=uitvoerders",
        "/adviezen/?doelgroep=uitvoerders&thema=met-collegas&utm_source=nieuwsbrief",
        "/adviezen/?doelgroep=uitvoerders&thema=met-collegas&q=&page=",
        "/adviezen/?doelgroep=uitvoerders&thema=met-collegas&thema=met-collegas",
        "/adviezen/?_=1700000000&doelgroep=uitvoerders&thema=met-collegas",
        "/adviezen/?doelgroep=uitvoerders&doelgroep=leidinggevenden&thema=met-collegas",
    ]:
        assert client.get(variant)["X-Paginacache"] == "hit", variant
    for willekeurig in range(20):
        assert client.get(f"/?x{willekeurig}={willekeurig}")["X-Paginacache"] in ("hit", "miss")
        client.get(f"/werkateliers/integraal-werken/?cachebuster={willekeurig}")
    # The home page and the werkatelier once each, whatever was added to their addresses.
    assert len(bewaarde_sleutels()) == len(sleutels) + 2


def test_the_view_sees_the_normalised_query(client, seeds):
    html = client.get(
        "/adviezen/afdrukken/?thema=praten-met-jongeren&thema=praten-met-inwoners&onzin=1"
    ).content.decode()
    assert "thema=praten-met-inwoners&amp;thema=praten-met-jongeren" in html
    assert "onzin" not in html


def test_a_page_about_an_odd_request_is_not_stored(client, seeds):
    for url in ["/adviezen/?thema=bestaat-niet", "/adviezen/?page=999"]:
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Paginacache" not in response
        assert "private" in response["Cache-Control"]
    assert bewaarde_sleutels() == []


@given(
    st.lists(
        st.tuples(st.sampled_from(["doelgroep", "thema", "q", "page", "x"]), st.text(max_size=5)),
        max_size=12,
    )
)
def test_normalising_is_stable_and_ignores_order(paren):
    from django.http import QueryDict

    from werkateliers.views import ZOEKPARAMETERS

    def querydict(lijst):
        q = QueryDict(mutable=True)
        for naam, waarde in lijst:
            q.appendlist(naam, waarde)
        return q

    eens = normaliseer(querydict(paren), ZOEKPARAMETERS)
    assert normaliseer(QueryDict(eens), ZOEKPARAMETERS) == eens
    thema_omgekeerd = [p for p in paren if p[0] == "thema"][::-1]
    anders = [p for p in paren if p[0] != "thema"] + thema_omgekeerd
    assert normaliseer(querydict(anders), ZOEKPARAMETERS) == eens
    assert "x=" not in eens


def test_a_strange_host_cannot_change_what_others_get(client, seeds, settings):
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]
    vreemd = client.get("/", HTTP_HOST="127.0.0.1:6666")
    assert "127.0.0.1:6666" in vreemd.content.decode()  # its own links, its own entry
    for url in [
        "/",
        "/sitemap.xml",
        "/sitemap-paginas.xml",
        "/feed/",
        "/werkateliers/integraal-werken/",
    ]:
        client.get(url, HTTP_HOST="127.0.0.1:6666")
        html = client.get(url, HTTP_HOST="127.0.0.1").content.decode()
        assert ":6666" not in html, url
        assert "http://127.0.0.1/" in html, url


def test_with_a_site_address_no_host_header_shows_in_any_page(client, seeds, settings):
    settings.ALLOWED_HOSTS = ["praktijkadviezen.aeno.nl", "127.0.0.1"]
    settings.SITE_URL = "https://praktijkadviezen.aeno.nl"
    for url in [
        "/",
        "/sitemap.xml",
        "/sitemap-paginas.xml",
        "/feed/",
        "/werkateliers/integraal-werken/",
    ]:
        vreemd = client.get(url, HTTP_HOST="127.0.0.1:6666")
        assert ":6666" not in vreemd.content.decode(), url
        assert "https://praktijkadviezen.aeno.nl/" in vreemd.content.decode(), url
        gewoon = client.get(url, HTTP_HOST="praktijkadviezen.aeno.nl")
        assert gewoon["X-Paginacache"] == "hit", url  # one page for every Host
        assert gewoon.content == vreemd.content


def test_a_host_that_is_not_allowed_is_refused(client, seeds):
    response = client.get("/", HTTP_HOST="kwaadwillend.example")
    assert response.status_code == 400
    assert bewaarde_sleutels() == []


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


def test_a_change_that_is_rolled_back_keeps_the_version(client, seeds):
    from django.db import transaction

    client.get("/")  # the version row exists
    voor = Inhoudsversie.objects.get().versie
    with pytest.raises(RuntimeError), transaction.atomic():
        seeds["integraal-werken"].save()
        raise RuntimeError("afgebroken")
    assert Inhoudsversie.objects.get().versie == voor


def test_a_scheduled_moment_passing_shows_at_once(client, seeds, monkeypatch):
    gepland = WerkatelierFactory(
        titel="Komt morgen", gepubliceerd_op=timezone.now() + timedelta(hours=1)
    )
    leeg()
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
    assert response["Cache-Control"] == "private, no-cache"
    assert client.get("/")["X-Paginacache"] == "miss"
    assert "X-Paginacache" not in staf.get("/")


def test_contact_form_is_never_cached(client):
    for _ in range(2):
        response = client.get("/contact/")
        assert "X-Paginacache" not in response
        assert "private" in response["Cache-Control"]
        assert "csrfmiddlewaretoken" in response.content.decode()


def test_preview_is_never_cached(client, redacteur, uitvoerders):
    werkatelier = WerkatelierFactory(concept=True)
    meld_aan(client, redacteur)
    response = client.get(f"/werkateliers/{werkatelier.slug}/voorbeeld/")
    assert "X-Paginacache" not in response
    assert "private" in response["Cache-Control"]


def test_hits_survive_a_database_that_cannot_be_reached(client, seeds, settings, monkeypatch):
    """Content cannot change while the database is away: the last known version holds."""
    from django.db import OperationalError

    from inhoudsversie import models

    client.get("/privacy/")
    vergeet()
    client.get("/privacy/")

    def weg():
        raise OperationalError("verbinding verbroken")

    monkeypatch.setattr(models, "_lees", weg)
    settings.PAGINACACHE_VERSIE_SECONDEN = 0
    assert client.get("/privacy/")["X-Paginacache"] == "hit"


def test_pages_stay_no_longer_than_the_setting_says(client, seeds, settings, monkeypatch):
    settings.PAGINACACHE_SECONDEN = 60
    client.get("/privacy/")
    assert client.get("/privacy/")["X-Paginacache"] == "hit"
    nu = time.monotonic()
    monkeypatch.setattr(paginacache_module.time, "monotonic", lambda: nu + 61)
    assert client.get("/privacy/")["X-Paginacache"] == "miss"


def test_a_new_version_lets_go_of_every_page_of_the_one_before(
    client, seeds, django_capture_on_commit_callbacks
):
    for url in ("/", "/privacy/", "/werkateliers/"):
        client.get(url)
    assert len(dichtbij.paginas) == 3
    with django_capture_on_commit_callbacks(execute=True):
        seeds["integraal-werken"].save()
    client.get("/privacy/")
    assert len(dichtbij.paginas) == 1


@pytest.mark.stapel
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_edit_through_one_process_shows_through_another(settings, seeds):
    """Two processes, no shared cache at all: the version in the database is enough."""
    with servers.gunicorn(settings, PAGINACACHE_SECONDEN="600") as adres:
        url = adres + "/werkateliers/integraal-werken/"
        assert b"Wees proactief" in urllib.request.urlopen(url).read()
        assert urllib.request.urlopen(url).headers["X-Paginacache"] == "hit"
        advies = seeds["integraal-werken"].adviezen.get(titel__startswith="Wees proactief")
        advies.titel = "Wees vooruitziend – en positief"
        advies.save()
        time.sleep(1.1)  # PAGINACACHE_VERSIE_SECONDEN
        assert "Wees vooruitziend" in urllib.request.urlopen(url).read().decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_kept_connection_is_checked_without_a_query_and_replaced_when_the_server_closed_it(
    client, seeds, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("de verbinding wordt alleen op PostgreSQL bewaard en gecontroleerd")
    import psycopg

    assert client.get("/werkateliers/").status_code == 200
    connection.ensure_connection()
    assert connection.socket_is_gezond()
    gevraagd = []
    echte_cursor = connection.connection.cursor
    monkeypatch.setattr(
        connection.connection, "cursor", lambda *a, **k: gevraagd.append(1) or echte_cursor(*a, **k)
    )
    connection.health_check_done = False
    connection.close_if_health_check_failed()
    assert gevraagd == []  # no SELECT 1
    monkeypatch.undo()

    pid = connection.connection.info.backend_pid
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"], dbname=db["NAME"]
    ) as beheer:
        beheer.execute("SELECT pg_terminate_backend(%s)", [pid])
    einde = time.monotonic() + 5
    while connection.socket_is_gezond() and time.monotonic() < einde:
        time.sleep(0.05)
    assert not connection.socket_is_gezond()
    # The next request (Django marks the check as not done when a request starts; the test
    # client leaves that out): a new connection, no error page.
    connection.health_check_done = False
    assert client.get("/werkateliers/").status_code == 200
    assert connection.connection.info.backend_pid != pid


def test_a_new_release_never_serves_pages_the_previous_one_made(settings, tmp_path):
    from praktijkadviezen.paginacache import uitrol

    sjabloon = tmp_path / "pagina.html"
    sjabloon.write_text("<p>oud</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    uitrol.cache_clear()
    try:
        oud = uitrol()
        sjabloon.write_text("<p>nieuw</p>")
        uitrol.cache_clear()  # a new release starts new processes
        assert uitrol() != oud
    finally:
        uitrol.cache_clear()


def test_a_process_keeps_its_recent_pages_in_memory_within_a_limit(client, seeds, monkeypatch):
    client.get("/privacy/")
    assert client.get("/privacy/")["X-Paginacache"] == "hit"
    monkeypatch.setattr(dichtbij, "MAX_BYTES", 1)
    client.get("/toegankelijkheid/")  # over the limit: the oldest pages make room
    assert len(dichtbij.paginas) <= 1
