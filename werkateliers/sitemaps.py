from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Advies, Werkatelier


class OpenbareSitemap(Sitemap):
    """Addresses on the configured site address (DJANGO_SITE_URL), never on a request's Host."""

    def get_protocol(self, protocol=None):
        return (
            urlsplit(settings.SITE_URL).scheme
            if settings.SITE_URL
            else super().get_protocol(protocol)
        )

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc if settings.SITE_URL else super().get_domain(site)


class PaginaSitemap(OpenbareSitemap):
    def items(self):
        return [
            "werkateliers:home",
            "werkateliers:advies_list",
            "werkateliers:werkatelier_list",
            "contact:contact",
            "privacy",
            "toegankelijkheid",
        ]

    def location(self, item):
        return reverse(item)


class WerkatelierSitemap(OpenbareSitemap):
    def items(self):
        return Werkatelier.objects.published().newest_first().only("slug", "gewijzigd")

    def lastmod(self, werkatelier):
        return werkatelier.gewijzigd


class AdviesSitemap(OpenbareSitemap):
    def items(self):
        return (
            Advies.objects.published()
            .select_related("werkatelier")
            .only("pk", "titel", "werkatelier__gewijzigd")
            .order_by("werkatelier_id", "doelgroep_id", "positie", "pk")
        )

    def lastmod(self, advies):
        return advies.werkatelier.gewijzigd


SITEMAPS = {"paginas": PaginaSitemap, "werkateliers": WerkatelierSitemap, "adviezen": AdviesSitemap}
