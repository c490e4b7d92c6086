"""Refuse what no visitor needs to send, before anything of it is read.

- A form body in a charset Python cannot read as ASCII-compatible text (utf-16, say, or an
  unknown one) would make Django fail while parsing it: a clear 400 on every URL instead.
- The contact form is small: a post to it over CONTACT_MAX_BYTES is refused with 413, and one
  carrying a file part (multipart) with 400, both before the body is read.
"""

import codecs

from django.conf import settings
from django.shortcuts import render

CONTACTPAD = "/contact/"


def leesbare_tekenset(tekenset):
    """True for a charset in which a form's ASCII reads as ASCII (utf-8, latin-1 …)."""
    try:
        return codecs.lookup(tekenset) and "a=b&c".encode(tekenset) == b"a=b&c"
    except (LookupError, UnicodeError):
        return False


class InvoerlimietenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("POST", "PUT", "PATCH"):
            if fout := self.weiger(request):
                return fout
        return self.get_response(request)

    def weiger(self, request):
        soort = request.META.get("CONTENT_TYPE", "").lower()
        tekenset = request.content_params.get("charset") if request.content_params else None
        if tekenset and not leesbare_tekenset(tekenset):
            return self.fout(
                request,
                400,
                "We konden je invoer niet lezen",
                "Je browser stuurde tekst in een tekenset die we niet kennen. Probeer het "
                "opnieuw, of gebruik een andere browser.",
            )
        if request.path != CONTACTPAD:
            return None
        if soort.startswith("multipart/"):
            return self.fout(
                request,
                400,
                "Dit formulier verstuurt geen bestanden",
                "Een vraag aan het secretariaat is alleen tekst. Wil je een bestand sturen, "
                f"mail het dan naar {settings.SECRETARIAAT_EMAIL}.",
            )
        try:
            lengte = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            lengte = settings.CONTACT_MAX_BYTES + 1
        if lengte > settings.CONTACT_MAX_BYTES:
            return self.fout(
                request,
                413,
                "Je bericht is te lang",
                "Een vraag mag hoogstens 5.000 tekens lang zijn. Maak hem korter, of mail "
                f"hem naar {settings.SECRETARIAAT_EMAIL}.",
            )
        return None

    def fout(self, request, status, titel, uitleg):
        return render(request, "fout.html", {"titel": titel, "uitleg": uitleg}, status=status)
