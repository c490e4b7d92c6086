"""Back-ups of the database: one file per run, written under a temporary name and renamed
when complete (a half-written dump never looks like a back-up), checked by reading its table
of contents back, and old ones pruned by a retention rule.

PostgreSQL: `pg_dump -Fc` (compressed, restored with `pg_restore`, table by table if need
be). SQLite (development): a consistent copy through SQLite's own backup API.
Restoring is described in docs/productie.md ("Back-up en terugzetten").
"""

import os
import sqlite3
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

from django.db import connection
from django.utils import timezone

VOORVOEGSEL = "praktijkadviezen-"
MOMENT = "%Y%m%d-%H%M%S"


def maak_backup(map_):
    """Write a back-up into `map_`; its path."""
    map_ = Path(map_)
    map_.mkdir(parents=True, exist_ok=True)
    nu = timezone.localtime()
    if connection.vendor == "postgresql":
        doel, opdracht = map_ / f"{VOORVOEGSEL}{nu:{MOMENT}}.dump", _pg_dump
    elif connection.vendor == "sqlite":
        doel, opdracht = map_ / f"{VOORVOEGSEL}{nu:{MOMENT}}.sqlite3", _sqlite_kopie
    else:
        raise NotImplementedError(connection.vendor)
    tijdelijk = doel.with_name(f".{doel.name}.bezig")
    try:
        opdracht(tijdelijk)
        os.replace(tijdelijk, doel)
    finally:
        tijdelijk.unlink(missing_ok=True)
    return doel


def pg_omgeving():
    """The database's address for PostgreSQL's own programs, as libpq reads it."""
    db = connection.settings_dict
    omgeving = {**os.environ, "PGDATABASE": db["NAME"]}
    for sleutel, naam in (
        ("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")
    ):  # fmt: skip
        if db.get(sleutel):
            omgeving[naam] = str(db[sleutel])
    return omgeving


def _pg_dump(pad):
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={pad}"],
        env=pg_omgeving(),
        check=True,
        capture_output=True,
    )
    # A dump that pg_restore cannot read is no back-up.
    subprocess.run(["pg_restore", "--list", str(pad)], check=True, capture_output=True)


def _sqlite_kopie(pad):
    connection.ensure_connection()
    doel = sqlite3.connect(pad)
    try:
        connection.connection.backup(doel)
    finally:
        doel.close()


def moment_van(pad):
    try:
        return datetime.strptime(pad.name[len(VOORVOEGSEL) :].split(".")[0], MOMENT)
    except ValueError:
        return None


def te_bewaren(paden, dagen, weken, nu):
    """Which back-ups a retention of `dagen` daily and `weken` weekly ones keeps: the newest
    of each of the last `dagen` days, and the newest of each of the last `weken` ISO weeks
    (today and this week included)."""
    per_dag, per_week = {}, {}
    for pad in sorted(paden, key=moment_van):
        moment = moment_van(pad)
        per_dag[moment.date()] = pad
        per_week[moment.isocalendar()[:2]] = pad
    vandaag = nu.date()
    dagen_terug = {vandaag - timedelta(days=i) for i in range(dagen)}
    weken_terug = {(vandaag - timedelta(weeks=i)).isocalendar()[:2] for i in range(weken)}
    return {pad for dag, pad in per_dag.items() if dag in dagen_terug} | {
        pad for week, pad in per_week.items() if week in weken_terug
    }


def ruim_op(map_, dagen, weken, nu=None):
    """Remove the back-ups the retention does not keep; the removed paths."""
    nu = nu or timezone.localtime().replace(tzinfo=None)
    paden = [p for p in Path(map_).glob(f"{VOORVOEGSEL}*") if moment_van(p)]
    houden = te_bewaren(paden, dagen, weken, nu)
    weg = sorted(set(paden) - houden)
    for pad in weg:
        pad.unlink()
    return weg
