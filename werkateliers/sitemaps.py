"""The sitemap, in parts: `/sitemap.xml` is an index of the parts, each part lists at most
1,000 addresses (as WordPress and Yoast do), on the site's own address (DJANGO_SITE_URL),
never on a request's Host.

- `sitemap-paginas.xml`: the pages every site has (home, lists, privacy, …);
- `sitemap-werkateliers-<n>.xml` and `sitemap-adviezen-<n>.xml`: the public werkateliers and
  adviezen numbered (n - 1) × 1,000 + 1 up to n × 1,000.

Parts by number stay the same parts: a new advies goes into the last one, and a search
engine fetches again only the parts whose date (lastmod in the index) changed. As one file,
20,000 adviezen made a sitemap of 2.7 MB, made again whole after every edit.

Written out here rather than with django.contrib.sitemaps: with thousands of adviezen, its
address lookup and template per entry cost 30 times what this does."""

from django.db.models import F, Max
from django.db.models.functions import TruncDate
from django.http import Http404, HttpResponse
from django.urls import get_script_prefix, reverse
from django.utils.html import escape

from praktijkadviezen.context_processors import site_url

from .models import Advies, Werkatelier, advies_slug, adviesadres

# Not the contact form: robots.txt keeps search engines out of it, and a sitemap that names
# an address they may not read is one Search Console warns about.
PAGINAS = [
    "werkateliers:home",
    "werkateliers:advies_list",
    "werkateliers:werkatelier_list",
    "privacy",
    "toegankelijkheid",
]
PER_DEEL = 1_000
# A part number beyond this cannot hold a werkatelier or advies; without this bound, a
# number of twenty digits would overflow the database's integers.
MAX_DEEL = 10**9


def sitemap(request):
    """The index: a part for the pages, and one for each thousand numbers that hold a public
    werkatelier or advies, dated by the last change of what it lists (the day in the site's
    time zone, computed by the database). An advies is dated by its werkatelier, which
    changes with it."""
    adres = escape(site_url(request))
    delen = [f"<sitemap><loc>{adres}{reverse('sitemap_paginas')}</loc></sitemap>"]
    for soort, rijen, datum in [
        ("werkateliers", Werkatelier.objects.published(), "gewijzigd"),
        ("adviezen", Advies.objects.published(), "werkatelier__gewijzigd"),
    ]:
        per_deel = (
            rijen.annotate(deel=(F("pk") + (PER_DEEL - 1)) / PER_DEEL)
            .values("deel")
            .annotate(dag=Max(TruncDate(datum)))
            .order_by("deel")
            .values_list("deel", "dag")
        )
        delen += [
            f"<sitemap><loc>{adres}{reverse(f'sitemap_{soort}', args=[deel])}</loc>"
            f"<lastmod>{dag.isoformat()}</lastmod></sitemap>"
            for deel, dag in per_deel
        ]
    return _xml("sitemapindex", delen)


def paginas(request):
    adres = escape(site_url(request))
    return _xml("urlset", [f"<url><loc>{adres}{reverse(naam)}</loc></url>" for naam in PAGINAS])


def werkateliers(request, deel):
    adres = escape(site_url(request))
    werkatelier = adrespatroon("werkateliers:werkatelier_detail", slug="werkatelier-plaats")
    rijen = _deel(Werkatelier.objects.published(), deel).values_list("slug", TruncDate("gewijzigd"))
    return _xml(
        "urlset",
        [
            f"<url><loc>{adres}{werkatelier.format(slug=slug)}</loc>"
            f"<lastmod>{dag.isoformat()}</lastmod></url>"
            for slug, dag in rijen
        ],
    )


def adviezen(request, deel):
    # An advies's address in three pieces around its number and slug: an f-string per advies
    # costs half what str.format does.
    voor, midden, na = adviesadres(get_script_prefix())
    voor, na = f"<url><loc>{escape(site_url(request))}{voor}", f"{na}</loc>"
    rijen = _deel(Advies.objects.published(), deel).values_list(
        "pk", "titel", TruncDate("werkatelier__gewijzigd")
    )
    return _xml(
        "urlset",
        [
            f"{voor}{pk}{midden}{advies_slug(titel)}{na}<lastmod>{dag.isoformat()}</lastmod></url>"
            for pk, titel, dag in rijen
        ],
    )


def adrespatroon(naam, **voorbeeld):
    """The address of URL `naam` with a `{name}` slot for each argument, from one reverse():
    reverse() costs tens of microseconds, a second or more for every advies of a large site.
    `voorbeeld` gives each argument a value that occurs nowhere else in the address."""
    adres = reverse(naam, kwargs=voorbeeld)
    for sleutel, waarde in voorbeeld.items():
        adres = adres.replace(str(waarde), f"{{{sleutel}}}")
    return adres


def _deel(rijen, deel):
    if not 1 <= deel <= MAX_DEEL:
        return rijen.none()
    return rijen.filter(pk__gt=(deel - 1) * PER_DEEL, pk__lte=deel * PER_DEEL).order_by("pk")


def _xml(soort, regels):
    """A part that lists nothing is not a part: a 404, as for a part number that never held
    anything (the index names only parts with addresses)."""
    if not regels:
        raise Http404("Dit deel van de sitemap bestaat niet.")
    xml = "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<{soort} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
            *regels,
            f"</{soort}>",
            "",
        ]
    )
    antwoord = HttpResponse(xml, content_type="application/xml; charset=utf-8")
    # The sitemap is for search engines to read, not to show in their results.
    antwoord["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return antwoord
