"""Back-ups (backups/maken.py, `manage.py maak_backup`): made, pruned by the retention rule,
and restored into an empty database as docs/productie.md says, with everything back."""

import sqlite3
import subprocess
from datetime import datetime, timedelta

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from reversion.models import Version

from backups.maken import VOORVOEGSEL, pg_omgeving, ruim_op
from contact.models import Contactbericht

OP_POSTGRESQL = "postgresql" in settings.DATABASES["default"]["ENGINE"]

# What must come back, row for row; every other table must come back with as many rows.
TABELLEN = {
    "werkateliers_werkatelier": "id, slug, titel, status, intro",
    "werkateliers_advies": "id, werkatelier_id, doelgroep_id, thema_id, titel, tekst, positie",
    "werkateliers_thema": "id, naam, slug",
    "reversion_revision": "id, date_created, comment",
    "reversion_version": "id, revision_id, object_id, serialized_data",
    "contact_contactbericht": "id, naam, email, vraag, werkatelier_id, ontvangen, bezorging",
}


def test_the_retention_keeps_the_newest_of_each_recent_day_and_week(tmp_path):
    nu = datetime(2026, 12, 6, 3, 30)  # a Sunday
    for dagen_terug in range(100):
        for uur in (1, 3):  # two a day: only the later one of a day can be kept
            moment = nu - timedelta(days=dagen_terug, hours=3 - uur)
            (tmp_path / f"{VOORVOEGSEL}{moment:%Y%m%d-%H%M%S}.dump").touch()
    (tmp_path / "iets-anders.txt").touch()
    (tmp_path / f".{VOORVOEGSEL}20261206-033000.dump.bezig").touch()

    ruim_op(tmp_path, dagen=7, weken=4, nu=nu)

    over = sorted(p.name for p in tmp_path.glob(f"{VOORVOEGSEL}*"))
    assert over == [
        # the newest of each of the three weeks before this one: their Sundays
        "praktijkadviezen-20261115-033000.dump",
        "praktijkadviezen-20261122-033000.dump",
        "praktijkadviezen-20261129-033000.dump",
        # the last seven days (this week, Monday to Sunday)
        "praktijkadviezen-20261130-033000.dump",
        "praktijkadviezen-20261201-033000.dump",
        "praktijkadviezen-20261202-033000.dump",
        "praktijkadviezen-20261203-033000.dump",
        "praktijkadviezen-20261204-033000.dump",
        "praktijkadviezen-20261205-033000.dump",
        "praktijkadviezen-20261206-033000.dump",
    ]
    assert (tmp_path / "iets-anders.txt").exists()


@pytest.mark.skipif(OP_POSTGRESQL, reason="op PostgreSQL: de test hieronder")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_of_sqlite_is_a_copy_that_opens(seeds, tmp_path):
    call_command("maak_backup", "--map", str(tmp_path))
    [kopie] = tmp_path.glob(f"{VOORVOEGSEL}*.sqlite3")
    with sqlite3.connect(kopie) as db:
        assert db.execute("SELECT count(*) FROM werkateliers_werkatelier").fetchone() == (2,)


def rijen(cursor, tabel, kolommen):
    cursor.execute(f"SELECT {kolommen} FROM {tabel} ORDER BY id")
    return cursor.fetchall()


def tellingen(cursor):
    cursor.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
    )
    tabellen = [rij[0] for rij in cursor.fetchall()]
    uitkomst = {}
    for tabel in tabellen:
        cursor.execute(f'SELECT count(*) FROM "{tabel}"')
        uitkomst[tabel] = cursor.fetchone()[0]
    return uitkomst


@pytest.mark.skipif(not OP_POSTGRESQL, reason="pg_dump en pg_restore: alleen op PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restored_into_an_empty_database_has_everything_back(seeds, tmp_path):
    werkatelier = seeds["integraal-werken"]
    Contactbericht.objects.create(
        naam="Anne", email="anne@gemeente.nl", vraag="Hoe?", werkatelier=werkatelier
    )
    Contactbericht.objects.create(email="bo@gemeente.nl", vraag="En nu?\nTweede regel.")
    assert Version.objects.get_for_object(werkatelier).exists()  # the import made a revision

    uitvoer = call_command("maak_backup", "--map", str(tmp_path))
    [dump] = tmp_path.glob(f"{VOORVOEGSEL}*.dump")
    assert uitvoer is None and dump.stat().st_size > 0

    # The restore as docs/productie.md describes it: an empty database, then pg_restore.
    omgeving = pg_omgeving()
    terug = f"{omgeving['PGDATABASE']}_terug"
    beheer = {**omgeving, "PGDATABASE": "postgres"}
    subprocess.run(["dropdb", "--if-exists", terug], env=beheer, check=True)
    subprocess.run(["createdb", "--template=template0", terug], env=beheer, check=True)
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "-d", terug, dump],
            env=beheer,
            check=True,
            capture_output=True,
        )
        with (
            psycopg.connect(dbname=terug, **_adres(omgeving)) as hersteld,
            hersteld.cursor() as nieuw,
            connection.cursor() as oud,
        ):
            for tabel, kolommen in TABELLEN.items():
                assert rijen(nieuw, tabel, kolommen) == rijen(oud, tabel, kolommen), tabel
                assert rijen(oud, tabel, kolommen), f"{tabel} is leeg: de test bewijst dan niets"
            assert tellingen(nieuw) == tellingen(oud)
    finally:
        subprocess.run(["dropdb", "--if-exists", "--force", terug], env=beheer, check=True)


def _adres(omgeving):
    sleutels = {"PGHOST": "host", "PGPORT": "port", "PGUSER": "user", "PGPASSWORD": "password"}
    return {naam: omgeving[sleutel] for sleutel, naam in sleutels.items() if sleutel in omgeving}
