"""The sitemap: every public page, every public werkatelier and every public advies, on the
site's own address (DJANGO_SITE_URL), never on a request's Host.

Written out here rather than with django.contrib.sitemaps: with thousands of adviezen, its
address lookup and template per entry cost 30 times what this does."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from praktijkadviezen.context_processors import site_url

from .models import Advies, Werkatelier

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


def sitemap(request):
    adres = escape(site_url(request))
    werkateliers = Werkatelier.objects.published().newest_first().only("pk", "slug", "gewijzigd")
    datum = {
        w.pk: f"<lastmod>{timezone.localdate(w.gewijzigd).isoformat()}</lastmod>"
        for w in werkateliers
    }
    regels = [f"<url><loc>{adres}{reverse(naam)}</loc></url>" for naam in PAGINAS]
    regels += [
        f"<url><loc>{adres}{w.get_absolute_url()}</loc>{datum[w.pk]}</url>" for w in werkateliers
    ]
    adviezen = Advies.objects.published().order_by("pk").only("pk", "titel", "werkatelier")
    regels += [
        f"<url><loc>{adres}{advies.pad}</loc>{datum[advies.werkatelier_id]}</url>"
        for advies in adviezen[:MAX_ADRESSEN]
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
