"""Atom feeds: the newest werkateliers (/feed/), and the newest adviezen for a doelgroep
and/or thema's (/adviezen/feed/?doelgroep=…&thema=…), each advies with its text.

A feed says an entry was updated only when its content changed: a werkatelier's last save,
an advies's publication or the last change to its title or text (`Advies.gewijzigd`), never
the moment the feed was asked for."""

from datetime import UTC, datetime
from html import escape
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404, HttpResponsePermanentRedirect, QueryDict
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from .filters import AdviesFilter
from .models import Advies, Werkatelier, in_zin, samenvatting

# The newest werkateliers the feed holds: readers poll it, and a feed is not an archive.
AANTAL = 20
# What a feed without entries says it was last updated: a fixed moment (the site's first
# year), so that it does not change with every request as Django's now() would.
NOG_NIETS = datetime(2026, 1, 1, tzinfo=UTC)
# The parameters a feed of adviezen understands, as /adviezen/ reads them.
FEEDPARAMETERS = {"doelgroep": 1, "thema": 10}


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


class AtomMetInhoud(Atom1Feed):
    """Atom with each entry's whole text as <content>, and a fixed <updated> when there are
    no entries."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("inhoud"):
            handler.addQuickElement("content", item["inhoud"], {"type": "html"})

    def latest_post_date(self):
        if any(item["updateddate"] or item["pubdate"] for item in self.items):
            return super().latest_post_date()
        return NOG_NIETS


class SiteFeed(Feed):
    """A feed of this site: its links on the site's own address, by the fund."""

    feed_type = AtomMetInhoud
    language = "nl"
    author_name = "A&O fonds Gemeenten"
    author_email = settings.SECRETARIAAT_EMAIL

    def __call__(self, request, *args, **kwargs):
        self.site_url = settings.SITE_URL or f"{request.scheme}://{request.get_host()}"
        if settings.SITE_URL:
            request = _OpSiteAdres(request)
        return super().__call__(request, *args, **kwargs)


class NieuweWerkateliers(SiteFeed):
    title = "Praktijkadviezen – nieuwe werkateliers"
    subtitle = (
        "De uitkomsten van de werkateliers van het A&O fonds Gemeenten, zodra ze verschijnen."
    )
    link = reverse_lazy("werkateliers:home")

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


class NieuweAdviezen(SiteFeed):
    """The newest adviezen for a doelgroep and/or thema's, as /adviezen/ filters them (an
    advies given a thema for the filters included): one entry per werkatelier, holding the
    texts of its adviezen that match. Per werkatelier, because its adviezen appear together:
    a reader gets one item when a werkatelier is published (as a subscriber gets one mail),
    and no two entries claim the same moment. A doelgroep or thema that does not exist is a
    404; a merged thema's old slug redirects. Three queries: the chosen values, the
    werkateliers, their adviezen."""

    def __call__(self, request, *args, **kwargs):
        gevraagd = QueryDict(mutable=True)
        for naam in FEEDPARAMETERS:
            gevraagd.setlist(naam, request.GET.getlist(naam))
        filterset = AdviesFilter(gevraagd)
        if filterset.verhuisd:
            themas = [filterset.verhuisd.get(s, s) for s in gevraagd.getlist("thema")]
            gevraagd.setlist("thema", list(dict.fromkeys(themas)))
            return HttpResponsePermanentRedirect(f"{request.path}?{gevraagd.urlencode()}")
        if filterset.notities:
            raise Http404("Die doelgroep of dat thema bestaat niet.")
        # On the request, not on this feed: one instance serves every request.
        request.feedfilters = filterset
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return request.feedfilters

    def _query(self, filterset):
        paren = [(naam, slug) for naam in FEEDPARAMETERS for slug in filterset.gekozen[naam]]
        return f"?{urlencode(paren)}" if paren else ""

    def title(self, filterset):
        gekozen = filterset.opties
        delen = ["Praktijkadviezen – nieuwe adviezen"]
        if gekozen["doelgroep"]:
            delen.append(f"voor {in_zin(gekozen['doelgroep'][0][1])}")
        if gekozen["thema"]:
            delen.append("over " + " of ".join(in_zin(label) for _, label, _ in gekozen["thema"]))
        return " ".join(delen)

    subtitle = (
        "Praktische adviezen uit de werkateliers van het A&O fonds Gemeenten, zodra ze verschijnen."
    )

    def link(self, filterset):
        return reverse("werkateliers:advies_list") + self._query(filterset)

    def feed_url(self, filterset):
        return reverse("werkateliers:advies_feed") + self._query(filterset)

    def items(self, filterset):
        adviezen = filterset.gevonden()
        gevonden = (
            adviezen.select_related("doelgroep", "thema")
            .only(
                "pk",
                "titel",
                "tekst",
                "gewijzigd",
                "positie",
                "werkatelier",
                "doelgroep__naam",
                "doelgroep__volgorde",
                "thema__naam",
                "doelgroep",
                "thema",
            )  # fmt: skip
            .order_by(*Advies.PAGINAVOLGORDE)
            .with_nummer()
        )
        return (
            Werkatelier.objects.filter(pk__in=adviezen.values("werkatelier"))
            .newest_first()
            .only("pk", "titel", "slug", "gepubliceerd_op")
            .prefetch_related(Prefetch("adviezen", queryset=gevonden, to_attr="gevonden"))[:AANTAL]
        )

    def item_title(self, werkatelier):
        return werkatelier.titel

    def item_link(self, werkatelier):
        return werkatelier.get_absolute_url()

    def item_description(self, werkatelier):
        """What it holds for this feed, in a sentence (escaped once more by the feed)."""
        aantallen = {}
        for advies in werkatelier.gevonden:
            naam = advies.doelgroep.naam
            aantallen[naam] = aantallen.get(naam, 0) + 1
        return escape(samenvatting([], list(aantallen.items())))

    def item_extra_kwargs(self, werkatelier):
        """Each advies with its title, number and text (sanitised when saved, rijketekst)."""
        delen = []
        for advies in werkatelier.gevonden:
            adres = escape(f"{self.site_url}{advies.pad}")
            waar = f"Advies {advies.nummer} voor {in_zin(advies.doelgroep.naam)}"
            delen.append(
                f'<h2><a href="{adres}">{escape(advies.titel)}</a></h2>'
                f"<p><em>{escape(waar)}</em></p>{advies.tekst}"
            )
        return {"inhoud": "".join(delen)}

    def item_categories(self, werkatelier):
        namen = [a.doelgroep.naam for a in werkatelier.gevonden]
        namen += [a.thema.naam for a in werkatelier.gevonden if a.thema]
        return list(dict.fromkeys(namen))

    def item_pubdate(self, werkatelier):
        return werkatelier.gepubliceerd_op

    def item_updateddate(self, werkatelier):
        """Published, or later when the title or text of one of its adviezen changed."""
        return max([werkatelier.gepubliceerd_op, *(a.gewijzigd for a in werkatelier.gevonden)])
