"""A database blip never shows a visitor an error page (praktijkadviezen/databasestoring.py).

The fast tests make the database fail with an execute wrapper; the stack tests (`stapel`)
run gunicorn on a PostgreSQL cluster of their own and restart, stop and cut it off."""

import collections
import contextlib
import itertools
import subprocess
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest
from django.db import OperationalError, connection

from contact.models import Contactbericht
from praktijkadviezen import databasestoring
from tests.conftest import als_formulier, meld_aan

VRAAG = {
    "naam": "Anne de Vries",
    "email": "anne@gemeente.nl",
    "vraag": "Hoe houd ik een gesprek met een boze inwoner rustig?\nTweede regel.",
}


@contextlib.contextmanager
def database_valt_weg(keer=None):
    """The database fails the next `keer` queries (all of them when None). Closing
    connections is only counted: the test's own transaction must stay."""
    gesloten = []
    teller = {"fouten": 0}

    def wrapper(execute, sql, params, many, context):
        if keer is None or teller["fouten"] < keer:
            teller["fouten"] += 1
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    origineel = databasestoring.sluit_verbindingen
    databasestoring.sluit_verbindingen = lambda: gesloten.append(True)
    try:
        with connection.execute_wrapper(wrapper):
            yield gesloten
    finally:
        databasestoring.sluit_verbindingen = origineel


@pytest.mark.django_db
def test_a_page_whose_connection_broke_is_read_again_on_a_new_one(client, seeds):
    with database_valt_weg(keer=1) as gesloten:
        response = client.get("/werkateliers/integraal-werken/")
    assert response.status_code == 200
    assert "adviezen voor uitvoerders" in response.content.decode()
    assert gesloten == [True]


@pytest.mark.django_db
def test_a_page_while_the_database_is_down_is_a_dutch_503_with_retry_after(client, seeds):
    with database_valt_weg() as gesloten:
        response = client.get("/adviezen/?q=intervisie")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "De site is even niet bereikbaar" in html
    assert "secretariaat@aeno.nl" in html
    assert html.count("<h1") == 1
    assert "Content-Security-Policy" in response
    assert len(gesloten) == 2  # after each of the two tries


@pytest.mark.django_db
def test_a_staff_page_whose_session_cannot_be_read_is_a_503_not_a_500(client, redacteur):
    meld_aan(client, redacteur)
    client.raise_request_exception = False
    with database_valt_weg():
        response = client.get("/beheer/")
    assert response.status_code == 503


@pytest.mark.django_db
def test_an_error_in_a_query_itself_stays_an_error(client, seeds, monkeypatch):
    from django.db import ProgrammingError

    def kapot(*args, **kwargs):
        raise ProgrammingError("kolom bestaat niet")

    monkeypatch.setattr("werkateliers.views.render", kapot)
    client.raise_request_exception = False
    assert client.get("/werkateliers/integraal-werken/").status_code == 500


@pytest.mark.django_db
def test_a_question_posted_while_the_database_is_down_comes_back_filled_in(client, seeds):
    with database_valt_weg():
        response = als_formulier(client, "/contact/", {**VRAAG, "werkatelier": "integraal-werken"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Je vraag is nog niet verstuurd" in html
    assert "Hoe houd ik een gesprek met een boze inwoner rustig?\nTweede regel.</textarea>" in html
    assert 'value="anne@gemeente.nl"' in html
    assert 'value="Anne de Vries"' in html
    assert 'name="werkatelier" value="integraal-werken"' in html
    assert "csrfmiddlewaretoken" in html
    assert html.count("<h1") == 1
    assert not Contactbericht.objects.exists()


@pytest.mark.django_db
def test_a_question_posted_during_a_blip_is_never_stored_twice(client, seeds):
    # The post is not run again (it could be stored twice): the visitor sends it again.
    with database_valt_weg(keer=1):
        response = als_formulier(client, "/contact/", VRAAG)
    assert response.status_code == 503
    assert not Contactbericht.objects.exists()
    assert als_formulier(client, "/contact/", VRAAG).status_code == 302
    assert Contactbericht.objects.count() == 1


# --- The real thing: gunicorn on a PostgreSQL cluster of our own ----------------------------


def kopie_van_de_testdatabase(cluster):
    """The test database (schema and what the test committed) in our own cluster."""
    from tests.servers import database_url

    cluster.sql("CREATE DATABASE pa")
    dump = subprocess.run(
        ["pg_dump", "-Fc", "--no-owner", "--no-privileges", "-d", database_url()],
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout
    subprocess.run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "-d",
            f"{cluster.url[: -len('postgres')]}pa",
        ],
        input=dump,
        check=True,
        capture_output=True,
        timeout=60,
    )
    return f"{cluster.url[: -len('postgres')]}pa"


def vraag(url, data=None, headers=None):
    """(status, headers, body) of one request; status 0 when nothing answered."""
    verzoek = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(verzoek, timeout=15) as antwoord:
            return antwoord.status, antwoord.headers, antwoord.read().decode()
    except urllib.error.HTTPError as fout:
        return fout.code, fout.headers, fout.read().decode()
    except OSError:
        return 0, {}, ""


class Belasting:
    """Requests one after the other on a few pages, most of them not cached (a new search each
    time), noting every status per phase."""

    def __init__(self, adres):
        self.adres = adres
        self.fase = "voor"
        self.statussen = collections.defaultdict(collections.Counter)
        self.stop = threading.Event()
        self.draad = threading.Thread(target=self._loop, daemon=True)
        self.draad.start()

    def _loop(self):
        paginas = ["/", "/werkateliers/integraal-werken/", "/adviezen/?q=gesprek{}", "/contact/"]
        for i in itertools.count():
            if self.stop.is_set():
                return
            pad = paginas[i % len(paginas)].format(i)
            status, _, _ = vraag(self.adres + pad)
            self.statussen[self.fase][status] += 1

    def klaar(self):
        self.stop.set()
        self.draad.join(timeout=30)
        return {fase: dict(teller) for fase, teller in self.statussen.items()}


@pytest.mark.stapel
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_cut_off_restarted_and_stopped_never_gives_a_500(settings, seeds):
    if connection.vendor != "postgresql":
        pytest.skip("een eigen PostgreSQL-cluster naast de testdatabase op PostgreSQL")
    from tests.postgres import eigen_postgresql
    from tests.servers import gunicorn

    with eigen_postgresql() as cluster:
        database = kopie_van_de_testdatabase(cluster)
        with gunicorn(settings, DATABASE_URL=database) as adres:
            _, koppen, formulier = vraag(adres + "/contact/")
            cookie = koppen["Set-Cookie"].split(";")[0]
            assert vraag(adres + "/")[0] == 200  # cached from here on
            belasting = Belasting(adres)
            time.sleep(1)

            # Every connection of the site cut off, five times a second.
            belasting.fase = "afgebroken"
            einde = time.monotonic() + 3
            afgebroken = 0
            while time.monotonic() < einde:
                afgebroken += len(
                    cluster.sql(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = 'pa' AND pid <> pg_backend_pid()"
                    )
                )
                time.sleep(0.2)

            belasting.fase = "herstart"
            cluster.stop("fast")
            cluster.start()
            time.sleep(1)

            belasting.fase = "plat"
            cluster.stop("fast")
            time.sleep(1)
            gecachet = vraag(adres + "/")
            niet_gecachet = vraag(adres + "/adviezen/?q=plat")
            contact = vraag(adres + "/contact/?werkatelier=integraal-werken")
            token = formulier.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
            gepost = vraag(
                adres + "/contact/",
                data=urlencode({**VRAAG, "csrfmiddlewaretoken": token}).encode(),
                headers={"Cookie": cookie},
            )

            belasting.fase = "weer op"
            cluster.start()
            time.sleep(1.5)
            statussen = belasting.klaar()

            # The database closes connections that stay idle (idle_session_timeout): each
            # request below finds its kept connection closed.
            cluster.sql("ALTER SYSTEM SET idle_session_timeout = '200ms'")
            cluster.sql("SELECT pg_reload_conf()")
            na_stilte = []
            for i in range(5):
                time.sleep(0.4)
                na_stilte.append(vraag(f"{adres}/adviezen/?q=stilte{i}")[0])

    print(f"\n{afgebroken} verbindingen afgebroken; statussen per fase: {statussen}")
    print(f"na een gesloten, stille verbinding: {na_stilte}")
    assert na_stilte == [200] * 5
    assert all(500 not in teller for teller in statussen.values()), statussen
    assert 200 in statussen["afgebroken"] and 200 in statussen["weer op"]
    assert gecachet[0] == 200 and gecachet[1]["X-Paginacache"] == "hit"
    assert niet_gecachet[0] == 503 and niet_gecachet[1]["Retry-After"] == "30"
    assert "De site is even niet bereikbaar" in niet_gecachet[2]
    assert contact[0] == 503
    assert gepost[0] == 503 and "Je vraag is nog niet verstuurd" in gepost[2]
    assert "Tweede regel.</textarea>" in gepost[2]
