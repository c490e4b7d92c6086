"""The content version: one row that changes in the same transaction as anything the public
pages show. The page cache (praktijkadviezen/paginacache.py) keys pages by it.

This app knows nothing of what the content is. Whoever changes content calls `verhoog()`,
with the moments at which content still to come will appear (a scheduled publication): the
version read after such a moment counts it, so a publication moment that passes changes the
version without a save and without a cron job.
"""

import logging
import time
import uuid
from datetime import UTC, datetime

from django.conf import settings
from django.db import DatabaseError, models, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


class Inhoudsversie(models.Model):
    versie = models.UUIDField("versie", default=uuid.uuid4)
    gewijzigd = models.DateTimeField("gewijzigd", default=timezone.now)
    # Moments still to come at which content appears, as POSIX timestamps (a JSON list works
    # on SQLite and PostgreSQL alike); each one that has passed counts in the version.
    momenten = models.JSONField("komende momenten", default=list, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "inhoudsversie"
        verbose_name_plural = "inhoudsversies"

    def __str__(self):
        return f"{self.versie} ({self.gewijzigd:%d-%m-%Y %H:%M:%S})"


def verhoog(momenten=()):
    """A new version, as part of the transaction that changes the content. `momenten`: the
    datetimes, from now on, at which content appears without another change."""
    nu = timezone.now()
    komend = sorted(m.timestamp() for m in momenten if m > nu)
    velden = {"versie": uuid.uuid4(), "gewijzigd": nu, "momenten": komend}
    if not Inhoudsversie.objects.filter(pk=1).update(**velden):
        Inhoudsversie.objects.update_or_create(pk=1, defaults=velden)
    vergeet()
    # Other transactions of this process (and this one after its commit) read it again.
    transaction.on_commit(vergeet)


_bekend = None  # (row values, when read): this process's last look at the version


def huidige_versie():
    """The content version as a string, and the moment it began (for Last-Modified), read
    from the database at most once per PAGINACACHE_VERSIE_SECONDEN by this process."""
    global _bekend
    nu = time.monotonic()
    if _bekend is None or nu - _bekend[1] >= settings.PAGINACACHE_VERSIE_SECONDEN:
        try:
            rij = _lees()
        except DatabaseError:
            if _bekend is None:
                raise
            # Content cannot change while the database cannot be reached: the version holds.
            logger.warning("Inhoudsversie niet te lezen; de laatst bekende blijft gelden.")
            rij = _bekend[0]
        _bekend = (rij, nu)
    versie, gewijzigd, momenten = _bekend[0]
    # The moments that have passed since the last change, each counting as a change.
    tijd = timezone.now().timestamp()
    verstreken = [m for m in momenten if m <= tijd]
    if not verstreken:
        return f"{versie.hex}.0", gewijzigd
    laatste = datetime.fromtimestamp(verstreken[-1], tz=UTC)
    return f"{versie.hex}.{len(verstreken)}", max(gewijzigd, laatste)


def _lees():
    rij = Inhoudsversie.objects.filter(pk=1).values_list("versie", "gewijzigd", "momenten").first()
    if rij is None:  # a new or emptied database (tests flush it): start a version
        verhoog()
        return _lees()
    return rij


def vergeet():
    """This process reads the version again on its next request."""
    global _bekend
    _bekend = None
