"""No error page for a database blip.

A kept connection that the server closed (a restart, an idle timeout, pg_terminate_backend)
fails on its first query. Django's socket check (praktijkadviezen/postgresql/base.py) catches
most of these before the query, but not one that breaks between the check and the query.

`DatabasestoringMiddleware` therefore runs a GET or HEAD once more, on a fresh connection,
when the database failed while making it. Reading a page writes nothing we would mind doing
twice, so running it again is safe; a POST is never run twice (a question could be stored
twice), the view that takes it decides (contact/views.py keeps the visitor's text). When the
second try fails too, the database is really down: the visitor gets a Dutch 503 with
Retry-After, rendered without the database. Cached pages are still served meanwhile
(praktijkadviezen/paginacache.py answers them before this middleware is reached).

Why a middleware and not the database backend: only the request knows whether running it
again is safe (its method) and everything it read must come from the same, new connection.
"""

import contextlib
import logging
import sys

from django.core.signals import got_request_exception
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.dispatch import receiver
from django.shortcuts import render

logger = logging.getLogger(__name__)

# Errors of the connection, not of the query: a query that is wrong fails again, and stays a 500.
DATABASEFOUTEN = (OperationalError, InterfaceError)
OPNIEUW_NA_SECONDEN = 30
VEILIG = ("GET", "HEAD")


def is_databasefout(fout):
    return isinstance(fout, DATABASEFOUTEN)


def sluit_verbindingen():
    """Let go of every connection, so the next query opens a new one."""
    for verbinding in connections.all(initialized_only=True):
        with contextlib.suppress(DatabaseError):
            verbinding.close()


def niet_bereikbaar(request):
    """The page for a database that cannot be reached. It needs no database itself."""
    antwoord = render(request, "503.html", status=503)
    antwoord["Retry-After"] = str(OPNIEUW_NA_SECONDEN)
    antwoord["Cache-Control"] = "no-store"
    return antwoord


class DatabasestoringMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        antwoord = self.get_response(request)
        if not getattr(request, "databasefout", False):
            return antwoord
        sluit_verbindingen()
        if request.method in VEILIG:
            logger.warning(
                "Database weg bij %s; nog één keer, op een nieuwe verbinding.", request.path
            )
            request.databasefout = False
            antwoord = self.get_response(request)
            if not getattr(request, "databasefout", False):
                return antwoord
            sluit_verbindingen()
        return niet_bereikbaar(request)

    def process_exception(self, request, fout):
        # A view (or its template) that failed on the database: noted here, answered above.
        if is_databasefout(fout):
            request.databasefout = True
            return niet_bereikbaar(request)
        return None


@receiver(got_request_exception)
def _noteer(sender, request=None, **kwargs):
    # The same for a middleware further in that failed on the database (a staff session
    # read by the authentication middleware): Django has made a 500 of it by now, which
    # the middleware above replaces.
    if request is not None and is_databasefout(sys.exc_info()[1]):
        request.databasefout = True
