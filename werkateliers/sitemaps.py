"""The sitemap: every public page, every public werkatelier and every public advies, on the
site's own address (DJANGO_SITE_URL), never on a request's Host.

Written out here rather than with django.contrib.sitemaps: with thousands of adviezen, its
address lookup and template per entry cost 30 times what this does."""

from django.db import connection
from django.db.models.functions import TruncDate
from django.http import HttpResponse
from django.urls import get_script_prefix, reverse
from django.utils.html import escape

from praktijkadviezen.context_processors import site_url

from .models import Advies, Werkatelier, advies_slug, adviesadres

PAGINAS = [
    "werkateliers:home",
    "werkateliers:advies_list",
    "werkateliers:werkatelier_list",
    "contact:contact",
    "privacy",
    "toegankelijkheid",
]
# One sitemap holds at most 50,000 addresses (sitemaps.org); far more than the fund will write.
MAX_ADRESSEN = 50_000


def adrespatroon(naam, **voorbeeld):
    """The address of URL `naam` with a `{name}` slot for each argument, from one reverse():
    reverse() costs tens of microseconds, a second or more for every advies of a large site.
    `voorbeeld` gives each argument a value that occurs nowhere else in the address."""
    adres = reverse(naam, kwargs=voorbeeld)
    for sleutel, waarde in voorbeeld.items():
        adres = adres.replace(str(waarde), f"{{{sleutel}}}")
    return adres


def sitemap(request):
    adres = escape(site_url(request))
    # The day of the last change in the site's time zone, computed by the database: in
    # Python, a time with its zone costs 2 µs a werkatelier to read and 2 more to convert.
    # By number: search engines read no order into a sitemap, and sorting by date and title
    # cost a millisecond more at 2,000 werkateliers.
    werkateliers = (
        Werkatelier.objects.published()
        .order_by("pk")
        .values_list("pk", "slug", TruncDate("gewijzigd"))
    )
    werkatelier = adrespatroon("werkateliers:werkatelier_detail", slug="werkatelier-plaats")
    datum = {}
    regels = [f"<url><loc>{adres}{reverse(naam)}</loc></url>" for naam in PAGINAS]
    for pk, slug, dag in werkateliers:
        datum[pk] = f"<lastmod>{dag.isoformat()}</lastmod>"
        regels.append(f"<url><loc>{adres}{werkatelier.format(slug=slug)}</loc>{datum[pk]}</url>")
    # An advies's address in three pieces around its number and slug: an f-string per advies
    # costs half what str.format does, at 20,000 adviezen 6 ms against 15.
    voor, midden, na = adviesadres(get_script_prefix())
    voor, na = f"<url><loc>{adres}{voor}", f"{na}</loc>"
    # Every advies, public or not, read from an index alone (advies_sitemap), without joining
    # its werkatelier: those of the public werkateliers above are the public ones.
    # Read as the database gives them: the ORM's handling of 20,000 rows, a hundred at a
    # time, cost more than making their lines.
    sql, params = (
        Advies.objects.order_by("pk")
        .values_list("pk", "titel", "werkatelier")
        .query.sql_with_params()
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        adviezen = cursor.fetchall()
    regels += [
        f"{voor}{pk}{midden}{advies_slug(titel)}{na}{datum[werkatelier_id]}</url>"
        for pk, titel, werkatelier_id in adviezen
        if werkatelier_id in datum
    ]
    xml = "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
            *regels[:MAX_ADRESSEN],
            "</urlset>",
            "",
        ]
    )
    antwoord = HttpResponse(xml, content_type="application/xml; charset=utf-8")
    # The sitemap is for search engines to read, not to show in their results.
    antwoord["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return antwoord
