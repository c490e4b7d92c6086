"""Counting what visitors search for: per normalised search per day, how often and how many
adviezen it found the last time. Nothing about who asked is stored. Counting is a side matter:
it never makes a search wait long or fail."""

import calendar
import logging
import re
from contextlib import contextmanager
from datetime import date

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from .models import Zoekopdracht

logger = logging.getLogger(__name__)

MAX_LENGTE = 200
BEWAARTERMIJN_MAANDEN = 13
# How long a count waits for a lock held elsewhere before it gives up.
LOCK_WACHTTIJD_MS = 200
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
        with _apart_en_kort():
            if _verhoog(vandaag, vraag, resultaten):
                return
            if resultaten is None:
                # A page kept from before midnight: today's row starts with its count.
                resultaten = (
                    Zoekopdracht.objects.filter(zoekvraag=vraag)
                    .order_by("-datum")
                    .values_list("resultaten", flat=True)
                    .first()
                )
                if resultaten is None:
                    return  # its first search was not counted either
            try:
                with transaction.atomic():
                    Zoekopdracht.objects.create(
                        datum=vandaag, zoekvraag=vraag, aantal=1, resultaten=resultaten
                    )
            except IntegrityError:
                # Another request made today's row between our UPDATE and our INSERT.
                _verhoog(vandaag, vraag, resultaten)
                return
        _ruim_op(vandaag)
    except DatabaseError:
        logger.warning(
            "Zoekopdracht niet geteld: de database kon het niet bijhouden.", exc_info=True
        )


def _verhoog(vandaag, vraag, resultaten):
    """One UPDATE of today's row; whether there was one. Two requests at once wait for each
    other's row lock, and both count."""
    velden = {"aantal": F("aantal") + 1}
    if resultaten is not None:
        velden["resultaten"] = resultaten
    return Zoekopdracht.objects.filter(datum=vandaag, zoekvraag=vraag).update(**velden)


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
            cursor.execute(f"PRAGMA busy_timeout = {LOCK_WACHTTIJD_MS}")
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
    # PostgreSQL's setting holds to the end of the transaction; in the caller's transaction
    # it goes back to what it was once we are done.
    genest, gewoon = connection.in_atomic_block, None
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT current_setting('lock_timeout'), set_config('lock_timeout', %s, true)",
                    [f"{LOCK_WACHTTIJD_MS}ms"],
                )
                gewoon = cursor.fetchone()[0]
            yield
    finally:
        if genest and gewoon is not None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('lock_timeout', %s, true)", [gewoon])


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
    if _opgeruimd_op != vandaag:
        verwijder_oude(vandaag)
        _opgeruimd_op = vandaag
