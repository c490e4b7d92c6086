"""Real server processes for tests: gunicorn and the whole `make serve` stack, all on free ports of 127.0.0.1, all sharing the test database."""

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
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
    """Production serves fingerprinted static files: collectstatic, once per test run, and
    only when a static file changed since the last time (as `make static` does)."""
    global _verzameld
    manifest = BASIS / "staticfiles" / "staticfiles.json"
    if manifest.exists():
        bronnen = [*BASIS.glob("static/**/*"), *BASIS.glob("*/static/**/*")]
        nieuwste = max((b.stat().st_mtime for b in bronnen if b.is_file()), default=0)
        _verzameld = _verzameld or nieuwste < manifest.stat().st_mtime
    if not _verzameld:
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=BASIS,
            env=omgeving(settings),
            check=True,
        )
        manifest.touch()
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


class Adres(str):
    """A stack's address, which also knows serve.py's process id and its map (SERVE_MAP)."""


@contextlib.contextmanager
def serve(settings, tmp_path, **extra):
    """The `make serve` stack (deploy/serve.py) on a free port; yields its address (an
    `Adres`). Its output goes to tmp_path/serve.log."""
    if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        if os.environ.get("CI"):
            pytest.fail("nginx ontbreekt; .ci/run installeert het")
        pytest.skip("nginx ontbreekt (apt-get install nginx-light)")
    verzamel_statische_bestanden(settings)
    poort = vrije_poort()
    # nginx's workers run as www-data when the tests run as root: they must reach their map
    # (serve.py opens it for them, but pytest's tmp_path lies in a map of root's alone).
    var = Path(tempfile.mkdtemp(prefix="serve-"))
    log = open(tmp_path / "serve.log", "ab")  # noqa: SIM115 (closed below)
    proces = subprocess.Popen(
        [sys.executable, "deploy/serve.py"],
        cwd=BASIS,
        env=omgeving(
            settings,
            PORT=str(poort),
            SERVE_MAP=str(var),
            GUNICORN_WORKERS="2",
            **extra,
        ),
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    adres = f"http://127.0.0.1:{poort}"
    try:
        wacht_op(adres + "/gezondheid/", seconden=60)
        adres = Adres(adres)
        adres.pid, adres.map = proces.pid, var
        yield adres
    finally:
        proces.terminate()
        try:
            proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)
        log.close()
        shutil.rmtree(var, ignore_errors=True)


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
    (moment asked, path, status, Location, X-Microcache, seconds it took). Use as a context
    manager."""

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
        verbinding = None
        volgende = time.monotonic()
        while not self.stop.is_set():
            moment = time.monotonic()
            try:
                try:
                    hergebruikt = verbinding is not None
                    verbinding = verbinding or self._verbinding()
                    antwoord = self._een(verbinding, pad)
                except (ConnectionError, http.client.RemoteDisconnected):
                    if not hergebruikt:
                        raise
                    # A server may close a kept-alive connection as a request goes out on
                    # it; browsers then ask again on a new one, once, and so does this.
                    verbinding = self._verbinding()
                    antwoord = self._een(verbinding, pad)
                self.antwoorden.append((moment, pad, *antwoord, time.monotonic() - moment))
            except (OSError, http.client.HTTPException) as fout:
                self.fouten.append((moment, pad, repr(fout)))
                verbinding = None
            volgende += self.pauze
            self.stop.wait(max(0, volgende - time.monotonic()))

    def _verbinding(self):
        # A browser waits minutes; an answer that took long is noted (as its last field).
        return http.client.HTTPConnection(self.host, self.poort, timeout=15)

    def _een(self, verbinding, pad):
        verbinding.request("GET", pad, headers=self.kopjes)
        antwoord = verbinding.getresponse()
        antwoord.read()
        return antwoord.status, antwoord.getheader("Location"), antwoord.getheader("X-Microcache")

    def sinds(self, moment):
        return [a for a in self.antwoorden if a[0] >= moment]


def kindprocessen(pid):
    """{pid: command line} of the processes this one started."""
    gevonden = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ouder = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            if ouder == pid:
                opdracht = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ")
                gevonden[int(stat.parent.name)] = opdracht.decode()
        except (OSError, IndexError, ValueError):
            continue
    return gevonden


def kinderen(pid):
    """The processes serve.py started, by name: {"gunicorn": pid, "verzender": …, "nginx": …}."""
    namen = {"gunicorn": "gunicorn", "verzender": "verstuur_contactberichten", "nginx": "nginx"}
    return {
        naam: kind
        for kind, opdracht in kindprocessen(pid).items()
        for naam, teken in namen.items()
        if teken in opdracht
    }


def certificaat(map_):
    """A certificate for localhost and 127.0.0.1 with its key, made with the openssl command
    that Debian installs with nginx's TLS library (no Python package needed for it)."""
    if not shutil.which("openssl"):
        if os.environ.get("CI"):
            pytest.fail("openssl ontbreekt; .ci/run installeert het")
        pytest.skip("openssl ontbreekt (apt-get install openssl)")
    cert, key = Path(map_) / "cert.pem", Path(map_) / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
        + ["-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost"]
        + ["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )
    cert.chmod(0o644)
    return str(cert), str(key)
