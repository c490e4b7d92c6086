from datetime import timedelta

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone


def security_txt(request):
    """RFC 9116: where to report a security problem."""
    return render(
        request,
        "security.txt",
        {"verloopt": timezone.now() + timedelta(days=180)},
        content_type="text/plain; charset=utf-8",
    )


def kaal(request):
    """Only for `make bench`: the cheapest page the server can give, to compare with."""
    return HttpResponse("ok", content_type="text/plain")
