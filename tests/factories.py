from datetime import timedelta

import factory
from django.utils import timezone
from django.utils.text import slugify

from werkateliers.models import Advies, Doelgroep, Thema, Werkatelier


class DoelgroepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Doelgroep
        django_get_or_create = ("slug",)

    naam = "Uitvoerders"
    slug = factory.LazyAttribute(lambda o: slugify(o.naam))
    volgorde = 1


class ThemaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thema

    naam = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.naam))


class WerkatelierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Werkatelier

    titel = factory.Sequence(lambda n: f"Werkatelier {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.titel))
    intro = "<p>Uitvoerders delen wat werkt.</p>"
    status = Werkatelier.Status.GEPUBLICEERD
    gepubliceerd_op = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    class Params:
        concept = factory.Trait(status=Werkatelier.Status.CONCEPT, gepubliceerd_op=None)
        gepland = factory.Trait(
            gepubliceerd_op=factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
        )


class AdviesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Advies

    werkatelier = factory.SubFactory(WerkatelierFactory)
    doelgroep = factory.SubFactory(DoelgroepFactory)
    titel = factory.Sequence(lambda n: f"Advies {n} – doe het samen")
    tekst = "<p>Eerste alinea.</p><p>Tweede alinea.</p>"
    positie = factory.Sequence(lambda n: n + 1)
