"""A throwaway PostgreSQL cluster of our own, on a free port of 127.0.0.1, for tests that stop,
restart or cut off the database. The shared one (the test database) is never touched."""

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.smtp import vrije_poort


def _bin():
    """Debian keeps PostgreSQL's server programs out of PATH, per major version."""
    for map_ in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (map_ / "pg_ctl").exists():
            return map_
    gevonden = shutil.which("pg_ctl")
    return Path(gevonden).parent if gevonden else None


class Cluster:
    def __init__(self, map_, poort):
        self.map = map_
        self.poort = poort
        self.bin = _bin()

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.poort}/postgres"

    def _als_eigenaar(self, *opdracht):
        # PostgreSQL refuses to run as root; as root (CI, containers) run it as `postgres`.
        if os.geteuid() == 0:
            opdracht = ("runuser", "-u", "postgres", "--", *opdracht)
        return subprocess.run(opdracht, check=True, capture_output=True, timeout=60)

    def maak(self):
        self.map.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.map, "postgres", "postgres")
        self._als_eigenaar(
            str(self.bin / "initdb"), "-D", str(self.map / "data"), "-U", "postgres",
            "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8",
        )  # fmt: skip

    def start(self):
        self._als_eigenaar(
            str(self.bin / "pg_ctl"), "-D", str(self.map / "data"), "-w", "-l",
            str(self.map / "log"), "-o",
            f"-p {self.poort} -c listen_addresses=127.0.0.1 -k {self.map} -c fsync=off",
            "start",
        )  # fmt: skip

    def stop(self, modus="fast"):
        self._als_eigenaar(
            str(self.bin / "pg_ctl"), "-D", str(self.map / "data"), "-w", "-m", modus, "stop"
        )  # fmt: skip

    def sql(self, tekst, database="postgres"):
        import psycopg

        with psycopg.connect(
            f"postgres://postgres@127.0.0.1:{self.poort}/{database}", autocommit=True
        ) as verbinding:
            resultaat = verbinding.execute(tekst)
            return resultaat.fetchall() if resultaat.description else None


@contextlib.contextmanager
def eigen_postgresql():
    """Start a cluster; yields it; stops it and removes its files afterwards."""
    if _bin() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL's server programs (pg_ctl) ontbreken")
        pytest.skip("pg_ctl ontbreekt")
    map_ = Path(tempfile.mkdtemp(prefix="pa-pg-")) / "cluster"
    if os.geteuid() == 0:
        os.chmod(map_.parent, 0o755)
    cluster = Cluster(map_, vrije_poort())
    cluster.maak()
    cluster.start()
    try:
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            cluster.stop("immediate")
        time.sleep(0.1)
        shutil.rmtree(map_.parent, ignore_errors=True)
