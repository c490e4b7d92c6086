from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from .models import Werkatelier
from .rijketekst import platte_tekst


class NieuweWerkateliers(Feed):
    feed_type = Atom1Feed
    title = "Praktijkadviezen – nieuwe werkateliers"
    subtitle = (
        "De uitkomsten van de werkateliers van het A&O fonds Gemeenten, zodra ze verschijnen."
    )
    link = reverse_lazy("werkateliers:home")
    language = "nl"

    def items(self):
        return Werkatelier.objects.published().newest_first()[:20]

    def item_title(self, werkatelier):
        return werkatelier.titel

    def item_description(self, werkatelier):
        return werkatelier.beschrijving or platte_tekst(werkatelier.intro)

    def item_pubdate(self, werkatelier):
        return werkatelier.gepubliceerd_op

    def item_updateddate(self, werkatelier):
        return werkatelier.gewijzigd
