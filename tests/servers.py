"""Real server processes for tests: gunicorn and the whole `make serve` stack, all on free ports of 127.0.0.1, all sharing the test database."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.smtp import vrije_poort

BASIS = Path(__file__).resolve().parent.parent


def database_url():
    """The test database, for another process: a file on SQLite, a database on PostgreSQL.
    Only what a test commits (transaction=True) is visible there."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def omgeving(settings, **extra):
    """Production settings, on plain http, on the test database."""
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "DJANGO_HTTPS": "0",
        "DJANGO_DEBUG": "0",
        **extra,
    }


_verzameld = False


def verzamel_statische_bestanden(settings):
    """Production serves fingerprinted static files: collectstatic, once per test run."""
    global _verzameld
    if not _verzameld:
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=BASIS,
            env=omgeving(settings),
            check=True,
        )
        _verzameld = True


def wacht_op(url, seconden=30):
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        try:
            return urllib.request.urlopen(url, timeout=5).read()
        except urllib.error.HTTPError:
            raise
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"{url} kwam niet op")


@contextlib.contextmanager
def gunicorn(settings, **extra):
    """One sync worker on a free port; yields its address."""
    verzamel_statische_bestanden(settings)
    poort = vrije_poort()
    proces = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "praktijkadviezen.wsgi", "--workers", "1"],
        cwd=BASIS,
        env=omgeving(settings, GUNICORN_BIND=f"127.0.0.1:{poort}", **extra),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    adres = f"http://127.0.0.1:{poort}"
    try:
        wacht_op(adres + "/gezondheid/")
        yield adres
    finally:
        proces.terminate()
        proces.wait(timeout=20)


@contextlib.contextmanager
def serve(settings, tmp_path, **extra):
    """The `make serve` stack (deploy/serve.py) on a free port; yields its address."""
    if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        if os.environ.get("CI"):
            pytest.fail("nginx ontbreekt; .ci/run installeert het")
        pytest.skip("nginx ontbreekt (apt-get install nginx-light)")
    verzamel_statische_bestanden(settings)
    poort = vrije_poort()
    proces = subprocess.Popen(
        [sys.executable, "deploy/serve.py"],
        cwd=BASIS,
        env=omgeving(
            settings,
            PORT=str(poort),
            SERVE_MAP=str(tmp_path / "serve"),
            GUNICORN_WORKERS="2",
            **extra,
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    adres = f"http://127.0.0.1:{poort}"
    try:
        wacht_op(adres + "/gezondheid/", seconden=60)
        yield adres
    finally:
        proces.terminate()
        try:
            proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)


class TrageClients:
    """Slow clients on one address, in three kinds (a third each): headers that never end,
    a POST body that comes a few bytes at a time, and a reader that takes nothing of a large
    page. Every couple of seconds each sends a little more, as slowloris does."""

    def __init__(self, adres, aantal):
        deel = urllib.parse.urlsplit(adres)
        self.adres = (deel.hostname, deel.port)
        self.sockets = {"kop": [], "body": [], "lezer": []}
        for i in range(aantal):
            soort = ("kop", "body", "lezer")[i % 3]
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
            s.settimeout(5)
            s.connect(self.adres)
            if soort == "kop":
                s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            elif soort == "body":
                s.sendall(
                    b"POST /contact/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    b"Content-Type: application/x-www-form-urlencoded\r\n"
                    b"Content-Length: 60000\r\n\r\nnaam="
                )
            else:
                s.sendall(b"GET /adviezen/?q=x%d HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" % i)
            self.sockets[soort].append(s)
        self.stop = threading.Event()
        self.draad = threading.Thread(target=self._druppel, daemon=True)
        self.draad.start()

    def _druppel(self):
        while not self.stop.wait(2):
            for s in self.sockets["kop"]:
                self._stuur(s, b"X-Traag: ja\r\n")
            for s in self.sockets["body"]:
                self._stuur(s, b"aaaa")

    @staticmethod
    def _stuur(s, data):
        try:
            s.sendall(data)
        except OSError:
            pass  # nginx closed it: that is the point

    def gesloten_door_server(self, soort):
        """How many connections of this kind the server has ended."""
        gesloten = 0
        for s in self.sockets[soort]:
            s.settimeout(0.2)
            try:
                while data := s.recv(65536):
                    if soort != "lezer":
                        gesloten += data.startswith(b"HTTP/1.1 408")
                        break
                else:
                    gesloten += 1
            except (TimeoutError, OSError):
                pass
        return gesloten

    def sluit(self):
        self.stop.set()
        self.draad.join()
        for lijst in self.sockets.values():
            for s in lijst:
                s.close()


class Verkeer:
    """Constant traffic on some addresses, as browsers send it (compressed, keep-alive): one
    thread per address, `per_seconde` requests a second each, every answer noted as
    (moment asked, path, status, Location, X-Microcache). Use as a context manager."""

    def __init__(self, adres, paden, per_seconde=10, kopjes=None):
        deel = urllib.parse.urlsplit(adres)
        self.host, self.poort = deel.hostname, deel.port
        self.paden = paden
        self.pauze = 1 / per_seconde
        self.kopjes = {"Accept-Encoding": "gzip, br", **(kopjes or {})}
        self.antwoorden = []
        self.fouten = []
        self.stop = threading.Event()
        self.draden = [threading.Thread(target=self._vraag, args=(p,)) for p in paden]

    def __enter__(self):
        for draad in self.draden:
            draad.start()
        return self

    def __exit__(self, *_):
        self.stop.set()
        for draad in self.draden:
            draad.join()

    def _vraag(self, pad):
        import http.client

        verbinding = None
        volgende = time.monotonic()
        while not self.stop.is_set():
            moment = time.monotonic()
            try:
                if verbinding is None:
                    verbinding = http.client.HTTPConnection(self.host, self.poort, timeout=5)
                verbinding.request("GET", pad, headers=self.kopjes)
                antwoord = verbinding.getresponse()
                antwoord.read()
                self.antwoorden.append(
                    (
                        moment,
                        pad,
                        antwoord.status,
                        antwoord.getheader("Location"),
                        antwoord.getheader("X-Microcache"),
                    )
                )
            except (OSError, http.client.HTTPException) as fout:
                self.fouten.append((moment, pad, repr(fout)))
                verbinding = None
            volgende += self.pauze
            self.stop.wait(max(0, volgende - time.monotonic()))

    def sinds(self, moment):
        return [a for a in self.antwoorden if a[0] >= moment]
