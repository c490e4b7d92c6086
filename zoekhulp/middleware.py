"""Searches answered from the page cache count too.

The search view counts a search as it makes its page (zoekopdrachten.tel, with the number it
found). The same search asked again while that page is in the page cache never reaches the
view: this middleware, outside the page cache, counts it (one UPDATE). A 304 (a browser
checking a page it has) is not a new search and is not counted; nor is a page after the first
of the same search. Requests that nginx's one-second microcache answers are not seen at all.
"""

import functools

from django.urls import reverse

from .zoekopdrachten import tel_uit_cache


@functools.cache
def zoekpagina():
    return reverse("werkateliers:advies_list")


class ZoekopdrachtenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        antwoord = self.get_response(request)
        if (
            antwoord.get("X-Paginacache") == "hit"
            and antwoord.status_code == 200
            and request.path_info == zoekpagina()
            and request.GET.get("page", "1") in ("", "1")
        ):
            tel_uit_cache(request.GET.get("q", ""))
        return antwoord
