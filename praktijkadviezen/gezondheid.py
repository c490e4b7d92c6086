"""/gezondheid/ for the load balancer: 200 when the database answers, 503 when it does not.

A middleware at the top, so the check needs no allowed host, no https and no session, and
sets no cookie."""

import logging

from django.db import connection
from django.http import HttpResponse

PAD = "/gezondheid/"
logger = logging.getLogger(__name__)


class GezondheidMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != PAD:
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception as fout:  # any database failure means: not healthy
            logger.warning("Gezondheidscontrole: database onbereikbaar: %s", fout)
            connection.close()
            antwoord = HttpResponse(
                "database onbereikbaar\n", status=503, content_type="text/plain"
            )
        else:
            antwoord = HttpResponse("ok\n", content_type="text/plain")
        antwoord["Cache-Control"] = "no-store"
        return antwoord
