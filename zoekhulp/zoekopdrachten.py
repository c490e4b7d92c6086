"""Counting what visitors search for: per normalised search per day, how often and how many
adviezen it found the last time. Nothing about who asked is stored. Counting is a side matter:
it never makes a search wait long or fail."""

import calendar
import logging
import re
from contextlib import contextmanager
from datetime import date

from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.utils import timezone

from .models import Zoekopdracht

logger = logging.getLogger(__name__)

MAX_LENGTE = 200
BEWAARTERMIJN_MAANDEN = 13
# How long a count waits for a lock held elsewhere before it gives up. SQLite (a laptop) has
# one lock for the whole file, which every writer takes in turn, and no fair queue: there a
# count waits longer, so that searches at the same moment all count.
LOCK_WACHTTIJD_MS = 200
SQLITE_WACHTTIJD_MS = 2000
# Curly quotes become straight ones: "‘agressie’" and "'agressie'" are one search.
RECHTE_AANHALINGSTEKENS = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"'}
)
# Control characters (NUL among them, which PostgreSQL refuses in text) count as a space.
STUURTEKENS = re.compile(r"[\x00-\x1f\x7f]")

_opgeruimd_op = None  # the day this process last deleted what is past the retention period


def normaliseer(zoekvraag):
    """A search as it is counted: lower case, one space between words, straight quotes, at
    most 200 characters."""
    tekst = STUURTEKENS.sub(" ", str(zoekvraag)).translate(RECHTE_AANHALINGSTEKENS).lower()
    return " ".join(tekst.split())[:MAX_LENGTE].rstrip()


def tel(zoekvraag, aantal_resultaten):
    """Count one search of today, with the number of adviezen it found. Never raises: when
    the database cannot count (locked, the table missing, read-only), the search goes on
    uncounted and the log says so."""
    try:
        resultaten = max(0, int(aantal_resultaten))
    except (TypeError, ValueError):
        resultaten = 0
    _tel(zoekvraag, resultaten)


def tel_uit_cache(zoekvraag):
    """Count a search answered from the page cache (zoekhulp.middleware): its page, and the
    number it found, were made for an earlier one, which tel() counted."""
    _tel(zoekvraag, None)


def _tel(zoekvraag, resultaten):
    vraag = normaliseer(zoekvraag)
    if not vraag:
        return
    vandaag = timezone.localdate()
    try:
        if resultaten is not None and _in_een_keer():
            nieuw = _tel_op(vandaag, vraag, resultaten, kort=True)
        else:
            nieuw = _tel_met_wachttijd(vandaag, vraag, resultaten)
    except DatabaseError:
        logger.warning(
            "Zoekopdracht niet geteld: de database kon het niet bijhouden.", exc_info=True
        )
        return
    if nieuw:
        _ruim_op(vandaag)


def _in_een_keer():
    """Whether a new search can be counted in one round trip to the database (PostgreSQL,
    outside a transaction): its settings and its INSERT sent as one string, which PostgreSQL
    runs as one transaction. Else four: BEGIN, the settings, the INSERT, COMMIT."""
    return connection.vendor == "postgresql" and not connection.in_atomic_block


def _tel_met_wachttijd(vandaag, vraag, resultaten):
    """Count in a transaction of its own that waits for a lock for a moment only; whether
    the row is new. None when there was nothing to count."""
    with _apart_en_kort():
        if resultaten is None:
            if _verhoog(vandaag, vraag):
                return None
            # A page kept from before midnight: today's row starts with its count.
            resultaten = (
                Zoekopdracht.objects.filter(zoekvraag=vraag)
                .order_by("-datum")
                .values_list("resultaten", flat=True)
                .first()
            )
            if resultaten is None:
                return None  # its first search was not counted either
        return _tel_op(vandaag, vraag, resultaten)


# What _apart_en_kort sets on PostgreSQL, for the rest of the transaction.
KORT = "SELECT set_config('lock_timeout', %s, true), set_config('synchronous_commit', 'off', true)"


def _tel_op(vandaag, vraag, resultaten, kort=False):
    """Today's row one up, or a new one, in one statement (PostgreSQL and SQLite both have
    INSERT … ON CONFLICT, which Django's ORM cannot say with a +1): two requests at once both
    count, whichever makes the row. Whether the row is new. `kort`: with _apart_en_kort's
    settings sent in front (`_in_een_keer`; Django's client-side binding allows two
    statements in one string)."""
    tabel = connection.ops.quote_name(Zoekopdracht._meta.db_table)
    sql = (
        f"INSERT INTO {tabel} (datum, zoekvraag, aantal, resultaten) VALUES (%s, %s, 1, %s) "
        "ON CONFLICT (datum, zoekvraag) DO UPDATE "
        f"SET aantal = {tabel}.aantal + 1, resultaten = excluded.resultaten "
        "RETURNING aantal"
    )
    parameters = [vandaag, vraag, resultaten]
    with connection.cursor() as cursor:
        if kort:
            cursor.execute(f"{KORT}; {sql}", [f"{LOCK_WACHTTIJD_MS}ms", *parameters])
            cursor.nextset()
        else:
            cursor.execute(sql, parameters)
        return cursor.fetchone()[0] == 1


def _verhoog(vandaag, vraag):
    """Today's row one up, if there is one; whether there was."""
    return Zoekopdracht.objects.filter(datum=vandaag, zoekvraag=vraag).update(
        aantal=F("aantal") + 1
    )


@contextmanager
def _apart_en_kort():
    """A transaction of its own (a savepoint when the caller is in one, so that a failure here
    leaves the caller's transaction usable) that waits for a lock held elsewhere (a migration,
    a long delete, another writer on SQLite) for a moment only, then fails: a search never
    waits long for its count."""
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        # SQLite's wait is per connection; it takes its lock as the transaction begins.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            gewoon = int(cursor.fetchone()[0])
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_WACHTTIJD_MS}")
        try:
            with transaction.atomic():
                yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA busy_timeout = {gewoon}")
        return
    if connection.vendor != "postgresql":
        with transaction.atomic():
            yield
        return
    # A count lost in a crash is no loss: its commit does not wait for the disk. Both
    # settings hold to the end of the transaction; in the caller's transaction they go back
    # to what they were once we are done.
    genest, gewoon = connection.in_atomic_block, None
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT current_setting('lock_timeout'), current_setting('synchronous_commit')"
                )
                gewoon = cursor.fetchone()
                cursor.execute(KORT, [f"{LOCK_WACHTTIJD_MS}ms"])
            yield
    finally:
        if genest and gewoon is not None:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('lock_timeout', %s, true),"
                    " set_config('synchronous_commit', %s, true)",
                    gewoon,
                )


def grens(vandaag):
    """The first day still kept: rows from before it are past the 13 months."""
    jaar, maand = divmod(vandaag.year * 12 + vandaag.month - 1 - BEWAARTERMIJN_MAANDEN, 12)
    maand += 1
    # The 31st when that month is shorter: its last day.
    return date(jaar, maand, min(vandaag.day, calendar.monthrange(jaar, maand)[1]))


def verwijder_oude(vandaag=None):
    """Delete what is older than 13 months; how many rows went."""
    vandaag = vandaag or timezone.localdate()
    aantal, _ = Zoekopdracht.objects.ouder_dan(grens(vandaag)).delete()
    return aantal


def _ruim_op(vandaag):
    # Without a scheduled job: each process deletes what has passed the retention period
    # when it first makes a new row on a new day (one indexed DELETE a day per process).
    global _opgeruimd_op
    if _opgeruimd_op == vandaag:
        return
    try:
        with _apart_en_kort():
            verwijder_oude(vandaag)
    except DatabaseError:
        # The next new row tries again.
        logger.warning("Oude zoekopdrachten niet verwijderd.", exc_info=True)
        return
    _opgeruimd_op = vandaag
