from html import escape
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from .models import Advies, Werkatelier

# The newest werkateliers the feed holds: readers poll it, and a feed is not an archive.
AANTAL = 20


class _OpSiteAdres:
    """The request as the feed sees it: on the configured site address (DJANGO_SITE_URL), so
    a strange Host header can never change the links in a feed that others get."""

    def __init__(self, request):
        self._request = request
        self._adres = urlsplit(settings.SITE_URL)

    def get_host(self):
        return self._adres.netloc

    def is_secure(self):
        return self._adres.scheme == "https"

    def __getattr__(self, naam):
        return getattr(self._request, naam)


class NieuweWerkateliers(Feed):
    feed_type = Atom1Feed
    title = "Praktijkadviezen – nieuwe werkateliers"
    subtitle = (
        "De uitkomsten van de werkateliers van het A&O fonds Gemeenten, zodra ze verschijnen."
    )
    link = reverse_lazy("werkateliers:home")
    language = "nl"
    author_name = "A&O fonds Gemeenten"
    author_email = settings.SECRETARIAAT_EMAIL

    def __call__(self, request, *args, **kwargs):
        self.site_url = settings.SITE_URL or f"{request.scheme}://{request.get_host()}"
        if settings.SITE_URL:
            request = _OpSiteAdres(request)
        return super().__call__(request, *args, **kwargs)

    def items(self):
        adviezen = Advies.objects.only("pk", "titel", "werkatelier").order_by(
            *Advies.PAGINAVOLGORDE
        )
        return (
            Werkatelier.objects.published()
            .newest_first()
            .for_cards()
            .prefetch_related(Prefetch("adviezen", queryset=adviezen))[:AANTAL]
            .als_kaarten()
        )

    def item_title(self, werkatelier):
        return werkatelier.titel

    def item_link(self, werkatelier):
        return werkatelier.get_absolute_url()

    def item_description(self, werkatelier):
        """HTML (escaped once more by the feed): what the werkatelier is about, and a link to
        each of its adviezen. Every part from the content is escaped here."""
        links = "".join(
            f'<li><a href="{escape(self.site_url)}{advies.pad}">{escape(advies.titel)}</a></li>'
            for advies in werkatelier.adviezen.all()
        )
        over = escape(werkatelier.beschrijving or werkatelier.kaarttekst)
        return f"<p>{over}</p><ul>{links}</ul>"

    def item_pubdate(self, werkatelier):
        return werkatelier.gepubliceerd_op

    def item_updateddate(self, werkatelier):
        return werkatelier.gewijzigd
