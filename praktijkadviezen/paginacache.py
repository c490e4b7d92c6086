"""Public pages for anonymous visitors: cached, revalidated, never stale, never poisoned.

A request passes `PaginacacheMiddleware` before the content security policy, sessions,
authentication, CSRF and messages, so a page served from the cache costs none of them:

1. Only a GET or HEAD of a view marked with `cache_voor_bezoekers` is considered. Its query
   string is reduced to the parameters that view understands, in a fixed order; the view sees
   only those, so an unknown or reordered parameter never makes a page of its own.
2. A visitor with a session (staff) passes through; what staff see is marked private.
3. The key is the release (`uitrol`), the content version, the site address and the
   normalised address. The site address is DJANGO_SITE_URL when set (all links come from it
   too), else the scheme and host with its port: a strange Host header gets its own entry
   and never changes what others get.
4. A hit (from this process's memory, `Dichtbij`) is answered with every header the view
   set; a conditional GET that matches its ETag or Last-Modified gets a 304.
5. A miss runs the view. A 200 that is the same for everyone (no cookie, no CSRF token, not
   marked private by the view) becomes public for browsers and proxies (`PUBLIEK`), gets a
   strong ETag (a hash of the bytes) and a Last-Modified, and is stored.

The content version lives in the database (the `inhoudsversie` app): every change to what the
public pages show changes it in the same transaction, and so does a scheduled publication
moment that passes. Each process reads it at most once a second (PAGINACACHE_VERSIE_SECONDEN),
so a hit needs no query and a change reaches every visitor within that time: a page is only
ever read under the version it was made under.

One store per process, and no shared one: a page costs a millisecond or two to make, about
what a round trip to a shared cache would cost, and nginx's microcache answers repeated
requests in front of all processes (deploy/nginx.conf).
"""

import functools
import hashlib
import threading
import time
from collections import OrderedDict
from functools import wraps
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from inhoudsversie.models import huidige_versie

# Browsers ask every time (a 304 costs nothing); a shared cache (nginx, a CDN) may answer for
# one second, and never with a stale page after that.
PUBLIEK = "public, max-age=0, s-maxage=1, must-revalidate"
PRIVE = "private, no-cache"
MAX_PADLENGTE = 600


def cache_voor_bezoekers(view=None, *, parameters=None):
    """Mark a view as a public page. `parameters` maps each query parameter the page
    understands to the number of values it takes; everything else is dropped."""

    def markeer(view):
        @wraps(view)
        def pagina(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        pagina.paginacache_parameters = dict(parameters or {})
        return pagina

    return markeer(view) if view is not None else markeer


class PaginacacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        parameters = _parameters(request)
        if parameters is None:
            return _prive(self.get_response(request))
        _normaliseer(request, parameters)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return _prive(self.get_response(request))
        if settings.PAGINACACHE_SECONDEN <= 0 or len(request.get_full_path()) > MAX_PADLENGTE:
            return _voorwaardelijk(request, _publiek_of_prive(request, self.get_response(request)))
        try:
            versie, moment = huidige_versie()
        except DatabaseError:
            return _prive(self.get_response(request))  # the view shows what is wrong
        dichtbij.houd(versie)
        sleutel = _sleutel(request, versie)
        bewaard = dichtbij.get(sleutel)
        if bewaard is not None:
            antwoord = _uit_cache(bewaard)
            antwoord["X-Paginacache"] = "hit"
            return _voorwaardelijk(request, antwoord)
        antwoord = _publiek_of_prive(request, self.get_response(request), moment)
        if antwoord.get("Cache-Control") == PUBLIEK:
            _bewaar(sleutel, antwoord)
            antwoord["X-Paginacache"] = "miss"
        return _voorwaardelijk(request, antwoord)


def _parameters(request):
    """The parameters of a marked view, or None for anything else."""
    if request.method not in ("GET", "HEAD"):
        return None
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return None
    return getattr(view, "paginacache_parameters", None)


def normaliseer(querydict, parameters):
    """The query string a page sees: known parameters only, by name, their values without
    blanks and (where several are allowed) sorted, at most as many as the page takes."""
    paren = []
    for naam, hoeveel in sorted(parameters.items()):
        waarden = [w.strip() for w in querydict.getlist(naam) if w.strip()]
        if hoeveel > 1:
            waarden = sorted(set(waarden))
        paren += [(naam, waarde) for waarde in waarden[:hoeveel]]
    return urlencode(paren)


def _normaliseer(request, parameters):
    tekst = normaliseer(request.GET, parameters)
    request.META["QUERY_STRING"] = tekst
    request.GET = QueryDict(tekst)


def _sleutel(request, versie):
    adres = settings.SITE_URL or f"{request.scheme}://{request.get_host()}"
    pagina = hashlib.sha256(f"{adres}{request.get_full_path()}".encode()).hexdigest()
    return f"paginacache:{uitrol()}:{versie}:{pagina}"


@functools.cache
def uitrol():
    """What this version of the site makes of the content: its templates, its static files
    (their fingerprinted names are in the pages) and its security policy. A new release that
    changes any of them never serves a page the previous one made."""
    vingerafdruk = hashlib.sha256(repr(settings.CONTENT_SECURITY_POLICY).encode())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    bestanden = [manifest] if manifest.exists() else []
    for map_ in settings.TEMPLATES[0]["DIRS"]:
        bestanden += sorted(Path(map_).rglob("*"))
    for bestand in bestanden:
        if bestand.is_file():
            vingerafdruk.update(bestand.read_bytes())
    return vingerafdruk.hexdigest()[:12]


def _publiek_of_prive(request, antwoord, moment=None):
    """Public when the response is the same for everyone, otherwise private."""
    gedeeld = (
        antwoord.status_code == 200
        and not antwoord.streaming
        and not antwoord.cookies
        and not request.META.get("CSRF_COOKIE_USED")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        # A view marks a page private when it is about one odd request (an unknown thema).
        and not {"private", "no-store", "no-cache"} & _richtlijnen(antwoord)
    )
    if not gedeeld:
        return _prive(antwoord)
    antwoord["Cache-Control"] = PUBLIEK
    # nginx's microcache (deploy/nginx.conf) holds the page for a second; nginx hides this.
    antwoord["X-Accel-Expires"] = "1"
    patch_vary_headers(antwoord, ("Cookie", "Accept-Encoding"))
    antwoord["ETag"] = f'"{hashlib.sha256(antwoord.content).hexdigest()[:32]}"'
    if moment is not None and "Last-Modified" not in antwoord:
        antwoord["Last-Modified"] = http_date(moment.timestamp())
    return antwoord


def _richtlijnen(antwoord):
    return {d.strip().split("=")[0].lower() for d in antwoord.get("Cache-Control", "").split(",")}


def _prive(antwoord):
    antwoord.headers.setdefault("Cache-Control", PRIVE)
    return antwoord


def _voorwaardelijk(request, antwoord):
    if antwoord.get("Cache-Control") != PUBLIEK:
        return antwoord
    return get_conditional_response(
        request,
        etag=antwoord["ETag"],
        last_modified=parse_http_date_safe(antwoord.get("Last-Modified", "")),
        response=antwoord,
    )


class Dichtbij:
    """This process's most recently used pages, in its own memory. Keys hold the content
    version, so none can be stale, and a new version lets go of all pages of the one before
    (no one asks for them again); the oldest go when the pages together pass MAX_BYTES, or
    when they are older than PAGINACACHE_SECONDEN."""

    MAX_BYTES = 32 * 1024 * 1024

    def __init__(self):
        self.paginas = OrderedDict()
        self.bytes = 0
        self.versie = None
        self.slot = threading.Lock()

    def houd(self, versie):
        """Keep only pages of this content version."""
        if versie != self.versie:
            with self.slot:
                self.paginas.clear()
                self.bytes = 0
                self.versie = versie

    def get(self, sleutel):
        with self.slot:
            bewaard = self.paginas.get(sleutel)
            if bewaard is None:
                return None
            if time.monotonic() > bewaard[0]:
                self._weg(sleutel)
                return None
            self.paginas.move_to_end(sleutel)
            return bewaard[1]

    def set(self, sleutel, pagina):
        with self.slot:
            if sleutel in self.paginas:
                self._weg(sleutel)
            self.paginas[sleutel] = (time.monotonic() + settings.PAGINACACHE_SECONDEN, pagina)
            self.bytes += len(pagina[2])
            while self.bytes > self.MAX_BYTES:
                self._weg(next(iter(self.paginas)))

    def _weg(self, sleutel):
        _, pagina = self.paginas.pop(sleutel)
        self.bytes -= len(pagina[2])

    def clear(self):
        with self.slot:
            self.paginas.clear()
            self.bytes = 0
            self.versie = None


dichtbij = Dichtbij()


def _bewaar(sleutel, antwoord):
    kopjes = [(naam, waarde) for naam, waarde in antwoord.items() if naam != "X-Paginacache"]
    dichtbij.set(sleutel, (antwoord.status_code, kopjes, antwoord.content))


def _uit_cache(bewaard):
    status, kopjes, inhoud = bewaard
    antwoord = HttpResponse(inhoud, status=status)
    for naam, waarde in kopjes:
        antwoord[naam] = waarde
    return antwoord
