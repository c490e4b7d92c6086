"""Public pages cached for anonymous visitors, and never stale.

Every page is stored under the current *content version*. Any change to the content
(saved or deleted in the admin, imported, reordered) sets a new version once its transaction
has committed, and so does a scheduled publication moment that passes; pages of an old
version are never read again and simply expire. The version lives in the shared cache
(Redis), so every server process sees a change on its next request.

The version is changed from model signals: invalidating a cache is not business logic, and
a signal catches every way content changes, the admin, the importer and the shell alike.
"""

import hashlib
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.http import HttpResponse
from django.utils import timezone

VERSIE = "paginacache:versie"
MAX_PADLENGTE = 600


def huidige_versie():
    gegevens = cache.get(VERSIE)
    if gegevens is None:
        gegevens = _nieuwe_versie()
        if not cache.add(VERSIE, gegevens, None):  # another process was first: use its version
            gegevens = cache.get(VERSIE) or gegevens
    elif gegevens["volgende"] is not None and timezone.now().timestamp() >= gegevens["volgende"]:
        gegevens = _nieuwe_versie()  # a scheduled werkatelier has just gone public
        cache.set(VERSIE, gegevens, None)
    return gegevens["versie"]


def _nieuwe_versie():
    from werkateliers.models import Werkatelier

    volgende = Werkatelier.objects.filter(
        status=Werkatelier.Status.GEPUBLICEERD, gepubliceerd_op__gt=timezone.now()
    ).aggregate(moment=Min("gepubliceerd_op"))["moment"]
    return {"versie": uuid.uuid4().hex, "volgende": volgende.timestamp() if volgende else None}


def inhoud_gewijzigd(**kwargs):
    """Signal receiver: after the change commits, every cached page is out of date."""
    transaction.on_commit(lambda: cache.set(VERSIE, _nieuwe_versie(), None), robust=True)


def cache_voor_bezoekers(view):
    """Serve the page from the cache to anonymous visitors; store it when it is the same for
    everyone (no cookie set, no CSRF token in it)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cachebaar(request):
            return view(request, *args, **kwargs)
        pad = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        sleutel = f"paginacache:{huidige_versie()}:{pad}"
        bewaard = cache.get(sleutel)
        if bewaard is not None:
            status, inhoud, soort = bewaard
            antwoord = HttpResponse(inhoud, status=status, content_type=soort)
            antwoord["X-Paginacache"] = "hit"
            return antwoord
        antwoord = view(request, *args, **kwargs)
        if _bewaarbaar(request, antwoord):
            if hasattr(antwoord, "render"):
                antwoord.render()
            cache.set(
                sleutel,
                (antwoord.status_code, antwoord.content, antwoord["Content-Type"]),
                settings.PAGINACACHE_SECONDEN,
            )
            antwoord["X-Paginacache"] = "miss"
        return antwoord

    return wrapper


def _cachebaar(request):
    return (
        settings.PAGINACACHE_SECONDEN > 0
        and request.method in ("GET", "HEAD")
        # Staff have a session cookie; what they see is never stored nor served from here.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and len(request.get_full_path()) <= MAX_PADLENGTE
    )


def _bewaarbaar(request, antwoord):
    return (
        antwoord.status_code == 200
        and not antwoord.streaming
        and not antwoord.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and "no-store" not in antwoord.get("Cache-Control", "")
    )
