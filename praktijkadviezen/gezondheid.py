"""/gezondheid/ for the load balancer: 200 when visitors would get pages, else 503: when the
database does not answer; when the request claims to have come over https (X-Forwarded-Proto
from the proxy in front) but that claim is not believed, so every page would redirect to
itself (nginx passes the claim on for this check alone, as X-Forwarded-Proto-Geclaimd:
NGINX_TRUSTED_PROXIES, docs/productie.md); or when this process found no manifest of the
static files (collectstatic had not run), so every page would fail.

A middleware at the top, so the check needs no allowed host, no https and no session, and
sets no cookie. Mail that keeps failing is reported in the body and in a header, but leaves
the status at 200: a broken mail server must never make a load balancer take the site out
of service, since every question is stored and will be delivered later."""

import logging

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.db import connection
from django.http import HttpResponse

from contact.models import Contactbericht

PAD = "/gezondheid/"
logger = logging.getLogger(__name__)


class GezondheidMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != PAD:
            return self.get_response(request)
        if probleem := _https_niet_geloofd(request) or _statisch_ontbreekt():
            antwoord = HttpResponse(f"{probleem}\n", status=503, content_type="text/plain")
            antwoord["Cache-Control"] = "no-store"
            return antwoord
        try:
            te_lang = Contactbericht.objects.te_lang_onbezorgd().count()
        except Exception as fout:  # any database failure means: not healthy
            logger.warning("Gezondheidscontrole: database onbereikbaar: %s", fout)
            connection.close()
            antwoord = HttpResponse(
                "database onbereikbaar\n", status=503, content_type="text/plain"
            )
        else:
            mail = (
                f"{te_lang} contactbericht(en) wachten langer dan een half uur op bezorging"
                if te_lang
                else "ok"
            )
            antwoord = HttpResponse(f"ok\ndatabase: ok\nmail: {mail}\n", content_type="text/plain")
            antwoord["X-Gezondheid-Mail"] = "achter" if te_lang else "ok"
        antwoord["Cache-Control"] = "no-store"
        return antwoord


def _https_niet_geloofd(request):
    geclaimd = request.META.get(
        "HTTP_X_FORWARDED_PROTO_GECLAIMD", request.META.get("HTTP_X_FORWARDED_PROTO", "")
    )
    if (
        settings.SECURE_SSL_REDIRECT
        and not request.is_secure()
        and geclaimd.split(",")[0].strip().lower() == "https"
    ):
        return "https van de proxy niet vertrouwd: elke pagina zou naar zichzelf doorsturen"
    return None


def _statisch_ontbreekt():
    # Read once, when the process starts: a later collectstatic needs a restart as well.
    if isinstance(staticfiles_storage, ManifestFilesMixin) and not staticfiles_storage.hashed_files:
        return "statische bestanden ontbreken: collectstatic (make static) en herstarten"
    return None
