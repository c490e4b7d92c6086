from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Werkatelier


class PaginaSitemap(Sitemap):
    def items(self):
        return ["werkateliers:home", "werkateliers:advies_list"]

    def location(self, item):
        return reverse(item)


class WerkatelierSitemap(Sitemap):
    def items(self):
        return Werkatelier.objects.published().newest_first()

    def lastmod(self, werkatelier):
        return werkatelier.gewijzigd


SITEMAPS = {"paginas": PaginaSitemap, "werkateliers": WerkatelierSitemap}
