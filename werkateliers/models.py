import re
import uuid

import reversion
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from . import rijketekst, zoeken
from .telwoorden import aantal_adviezen, telwoord

# Positions are moved this far out of the way while an order is rewritten, so that swapping
# two adviezen never meets the unique constraint halfway.
VERSCHUIVING = 1_000_000

INGANGEN = {
    "uitvoerders": "Ik ben uitvoerder",
    "leidinggevenden-en-bestuurders": "Ik ben leidinggevende of bestuurder",
}


def in_zin(naam):
    """A name as it reads inside a sentence: "voor uitvoerders", "over praten met inwoners";
    an abbreviation keeps its capitals ("over AVG en privacy")."""
    if len(naam) > 1 and naam[1].isupper():
        return naam
    return naam[:1].lower() + naam[1:]


class Doelgroep(models.Model):
    naam = models.CharField("naam", max_length=100)
    slug = models.SlugField("webadres", max_length=100)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        ordering = ["volgorde", "naam"]
        verbose_name = "doelgroep"
        verbose_name_plural = "doelgroepen"
        constraints = [models.UniqueConstraint(fields=["slug"], name="doelgroep_slug_uniek")]

    def __str__(self):
        return self.naam

    @property
    def in_zin(self):
        """The name as it reads inside a sentence: "adviezen voor uitvoerders"."""
        return in_zin(self.naam)

    @property
    def ingang(self):
        """The home page's way in for this doelgroep: "Ik ben uitvoerder"."""
        return INGANGEN.get(self.slug, f"Adviezen voor {self.in_zin}")


class Thema(models.Model):
    naam = models.CharField("naam", max_length=150)
    slug = models.SlugField(
        "webadres", max_length=150, help_text="Het laatste deel van het webadres van het thema."
    )
    beschrijving = models.TextField("beschrijving", blank=True)

    class Meta:
        ordering = ["naam"]
        verbose_name = "thema"
        verbose_name_plural = "thema's"
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="thema_slug_uniek"),
            models.UniqueConstraint(fields=["naam"], name="thema_naam_uniek"),
        ]

    def __str__(self):
        return self.naam

    @property
    def in_zin(self):
        return in_zin(self.naam)


def publiek(pad=""):
    """The one rule for "public": published, and the publication moment has passed (so a
    scheduled werkatelier needs no cron). `pad` leads from another model to the werkatelier."""
    return Q(**{f"{pad}status": "gepubliceerd", f"{pad}gepubliceerd_op__lte": timezone.now()})


SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")


class WerkatelierQuerySet(models.QuerySet):
    def by_slug(self, slug):
        """Safe for any visitor input: what cannot be a slug (a NUL byte, say) matches nothing
        and never reaches the database."""
        if not isinstance(slug, str) or not SLUG.fullmatch(slug):
            return self.none()
        return self.filter(slug=slug)

    def published(self):
        """Public: published, with a publication moment that has passed."""
        return self.filter(publiek())

    def with_adviezen(self):
        """Everything the werkatelier page shows, in a fixed number of queries."""
        adviezen = (
            Advies.objects.select_related("doelgroep", "thema")
            .defer("zoekvector", "woordvormen", "tekst_plat")
            .order_by(*Advies.PAGINAVOLGORDE)
        )
        return self.prefetch_related(Prefetch("adviezen", queryset=adviezen))

    def newest_first(self):
        # Explicit, because Meta.ordering is not applied to GROUP BY queries.
        return self.order_by("-gepubliceerd_op", "titel")


# A revision holds a werkatelier with all its adviezen, whichever of them was saved
# (versies.py). The search vector is the database's own; it is no part of a revision.
@reversion.register(follow=["adviezen"])
class Werkatelier(models.Model):
    class Status(models.TextChoices):
        CONCEPT = "concept", "concept"
        GEPUBLICEERD = "gepubliceerd", "gepubliceerd"

    titel = models.CharField("titel", max_length=200)
    slug = models.SlugField(
        "webadres",
        max_length=200,
        help_text="Het laatste deel van het webadres, bijv. integraal-werken.",
    )
    intro = rijketekst.RijkeTekstField("inleiding", blank=True)
    datum = models.DateField("datum van het werkatelier", null=True, blank=True)
    beschrijving = models.CharField(
        "korte beschrijving",
        max_length=300,
        blank=True,
        help_text="Eén of twee zinnen voor zoekmachines en de kaartjes op de homepagina.",
    )
    status = models.CharField("status", max_length=20, choices=Status, default=Status.CONCEPT)
    gepubliceerd_op = models.DateTimeField(
        "publicatiemoment",
        null=True,
        blank=True,
        help_text="Ligt dit moment in de toekomst, dan verschijnt het werkatelier pas dan.",
    )
    gerelateerd = models.ManyToManyField(
        "self",
        verbose_name="ook interessant",
        symmetrical=False,
        blank=True,
        help_text="Werkateliers die onder ‘Misschien vind je dit ook interessant’ vooraan staan.",
    )
    aangemaakt = models.DateTimeField("aangemaakt", auto_now_add=True)
    gewijzigd = models.DateTimeField("gewijzigd", auto_now=True)

    objects = WerkatelierQuerySet.as_manager()

    class Meta:
        ordering = ["-gepubliceerd_op", "titel"]
        verbose_name = "werkatelier"
        verbose_name_plural = "werkateliers"
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="werkatelier_slug_uniek"),
            models.CheckConstraint(
                condition=Q(status="concept") | Q(gepubliceerd_op__isnull=False),
                name="werkatelier_gepubliceerd_heeft_moment",
            ),
        ]

    def __str__(self):
        return self.titel

    def save(self, *args, **kwargs):
        self.intro = rijketekst.schoon(self.intro)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("werkateliers:werkatelier_detail", kwargs={"slug": self.slug})

    def get_preview_url(self):
        return reverse("werkateliers:werkatelier_voorbeeld", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return (
            self.status == self.Status.GEPUBLICEERD
            and self.gepubliceerd_op is not None
            and self.gepubliceerd_op <= timezone.now()
        )

    def adviezen_per_doelgroep(self, adviezen=None):
        """The page's structure: per doelgroep its thema groups, each advies numbered.

        Of these adviezen in page order, or else of those prefetched by `with_adviezen()`:
        no queries either way.
        """
        groepen = []
        for advies in self.adviezen.all() if adviezen is None else adviezen:
            if not groepen or groepen[-1].doelgroep != advies.doelgroep:
                groepen.append(Doelgroepdeel(advies.doelgroep))
            groepen[-1].voeg_toe(advies)
        return groepen

    def samenvatting(self, delen=None):
        """One or two sentences about this werkatelier: the staff's own description, or else
        its thema's and its adviezen (from `adviezen_per_doelgroep()`, no query)."""
        if self.beschrijving:
            return self.beschrijving
        delen = self.adviezen_per_doelgroep() if delen is None else delen
        themas = [t.naam for d in delen for t, _ in d.themagroepen if t]
        aantallen = [(d.doelgroep.naam, d.aantal) for d in delen]
        return samenvatting(list(dict.fromkeys(themas)), aantallen)

    def aantallen_per_doelgroep(self):
        """Per doelgroep, in page order, its name and how many adviezen it has here: one
        query."""
        return list(
            self.adviezen.order_by("doelgroep__volgorde", "doelgroep__naam")
            .values_list("doelgroep__naam")
            .annotate(aantal=models.Count("pk"))
        )

    def publicatieproblemen(self):
        """What stands in the way of publishing (publicatie.py); empty when nothing does."""
        from .publicatie import publicatieproblemen

        adviezen = self.adviezen.select_related("doelgroep", "thema").order_by(
            "doelgroep__volgorde", "doelgroep__naam", "positie", "pk"
        )
        return publicatieproblemen(list(adviezen))

    @property
    def weergavestatus(self):
        """What the public sees now: "concept", "gepland" or "gepubliceerd"."""
        if self.status == self.Status.CONCEPT or self.gepubliceerd_op is None:
            return "concept"
        return "gepubliceerd" if self.is_public else "gepland"

    def get_public_or_preview_url(self):
        """Where staff see this werkatelier as the public does (or will)."""
        return self.get_absolute_url() if self.is_public else self.get_preview_url()

    def zet_volgorde(self, adviezen):
        """Save these adviezen (new, changed or not) in this order: per doelgroep 1..n."""
        self.adviezen.exclude(pk__in=[a.pk for a in adviezen if a.pk]).update(
            positie=F("positie") + VERSCHUIVING
        )
        self.adviezen.filter(pk__in=[a.pk for a in adviezen if a.pk]).update(
            positie=F("positie") + 2 * VERSCHUIVING
        )
        nummers = {}
        for advies in adviezen:
            nummers[advies.doelgroep_id] = nummers.get(advies.doelgroep_id, 0) + 1
            advies.werkatelier = self
            advies.positie = nummers[advies.doelgroep_id]
            advies.save()
        # Any advies not in the list (there should be none) goes after the others.
        for advies in self.adviezen.filter(positie__gte=VERSCHUIVING).order_by("positie"):
            nummers[advies.doelgroep_id] = nummers.get(advies.doelgroep_id, 0) + 1
            advies.positie = nummers[advies.doelgroep_id]
            advies.save(update_fields=["positie"])


def samenvatting(themas, aantallen):
    """ "Thema’s: Praten met inwoners en Met collega’s. Vier adviezen voor uitvoerders en drie
    voor leidinggevenden en bestuurders." – what a werkatelier holds, in a sentence or two."""
    zinnen = []
    if themas:
        lijst = themas[0] if len(themas) == 1 else ", ".join(themas[:-1]) + " en " + themas[-1]
        zinnen.append(f"{'Thema' if len(themas) == 1 else 'Thema’s'}: {lijst}.")
    if aantallen:
        delen = [
            f"{telwoord(aantal) if i else aantal_adviezen(aantal)} voor {in_zin(naam)}"
            for i, (naam, aantal) in enumerate(aantallen)
        ]
        zinnen.append((" en ".join(delen) if len(delen) < 3 else ", ".join(delen)) + ".")
    return " ".join(zinnen) or "Dit werkatelier heeft nog geen adviezen."


class OudAdres(models.Model):
    """A former slug of a published werkatelier, so that old links keep working."""

    slug = models.SlugField("oud adres", max_length=200)
    werkatelier = models.ForeignKey(
        Werkatelier,
        verbose_name="werkatelier",
        on_delete=models.CASCADE,
        related_name="oude_adressen",
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = "oud adres"
        verbose_name_plural = "oude adressen"
        constraints = [models.UniqueConstraint(fields=["slug"], name="oud_adres_slug_uniek")]

    def __str__(self):
        return f"/werkateliers/{self.slug}/ → {self.werkatelier}"


class Doelgroepdeel:
    """One doelgroep's adviezen on a werkatelier page, grouped by thema in page order."""

    def __init__(self, doelgroep):
        self.doelgroep = doelgroep
        self.themagroepen = []  # [(thema or None, [advies, ...]), ...]
        self.aantal = 0

    def voeg_toe(self, advies):
        self.aantal += 1
        advies.nummer = self.aantal
        if not self.themagroepen or self.themagroepen[-1][0] != advies.thema:
            self.themagroepen.append((advies.thema, []))
        self.themagroepen[-1][1].append(advies)

    @property
    def kop(self):
        return f"{aantal_adviezen(self.aantal)} voor {self.doelgroep.in_zin}"


def advies_slug(titel):
    """The title in an advies's address, for people; the address works by number alone."""
    return slugify(titel)[:80].strip("-") or "advies"


class AdviesQuerySet(models.QuerySet):
    VOLGORDE = (
        "-werkatelier__gepubliceerd_op",
        "werkatelier__titel",
        "doelgroep__volgorde",
        "positie",
        "pk",
    )

    def published(self):
        """Adviezen go public with their werkatelier, all at once."""
        return self.filter(publiek("werkatelier__"))

    def search(self, tekst):
        """Adviezen matching the search words (zoeken.py says how)."""
        return zoeken.zoek(self, tekst)


@reversion.register(follow=["werkatelier"], exclude=["zoekvector", "woordvormen"])
class Advies(models.Model):
    werkatelier = models.ForeignKey(
        Werkatelier, verbose_name="werkatelier", on_delete=models.CASCADE, related_name="adviezen"
    )
    doelgroep = models.ForeignKey(
        Doelgroep, verbose_name="doelgroep", on_delete=models.PROTECT, related_name="adviezen"
    )
    thema = models.ForeignKey(
        Thema,
        verbose_name="thema",
        on_delete=models.PROTECT,
        related_name="adviezen",
        null=True,
        blank=True,
    )
    titel = models.CharField("titel", max_length=300)
    tekst = rijketekst.RijkeTekstField("tekst")
    # The words of the text without markup (rijketekst.platte_tekst), kept by save(): what
    # search, excerpts and the feed read.
    tekst_plat = models.TextField("tekst zonder opmaak", blank=True, editable=False)
    positie = models.PositiveIntegerField("positie", default=0)
    # Title (weight A) and plain text (B) for PostgreSQL's Dutch full-text search, kept up to
    # date by a database trigger (migrations 0006, 0007); empty and unused on SQLite.
    zoekvector = SearchVectorField("zoekvector", null=True, editable=False)
    # PostgreSQL: per Dutch word stem the forms this advies uses ("netwerk": ["netwerken"]),
    # kept by the same trigger, so that a search marks the words it matched without parsing
    # the text again (zoeken.py).
    woordvormen = models.JSONField("woordvormen", null=True, editable=False)

    objects = AdviesQuerySet.as_manager()

    class Meta:
        ordering = ["werkatelier", "doelgroep__volgorde", "positie"]
        verbose_name = "advies"
        verbose_name_plural = "adviezen"
        constraints = [
            models.UniqueConstraint(
                fields=["werkatelier", "doelgroep", "positie"],
                name="advies_positie_uniek_per_doelgroep",
            ),
            models.CheckConstraint(condition=~Q(titel=""), name="advies_titel_niet_leeg"),
        ]

    # What the pages of an advies and of its werkatelier show of it, and in what order.
    PAGINAVELDEN = (
        "pk", "titel", "tekst", "tekst_plat", "positie", "werkatelier_id", "doelgroep_id",
        "thema_id",
    )  # fmt: skip
    PAGINAVOLGORDE = ("doelgroep__volgorde", "doelgroep__naam", "positie", "pk")

    def __str__(self):
        return self.titel

    def save(self, *args, **kwargs):
        self.tekst = rijketekst.schoon(self.tekst)
        self.tekst_plat = rijketekst.platte_tekst(self.tekst)
        if kwargs.get("update_fields") is not None and "tekst" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "tekst_plat"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("werkateliers:advies_detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def slug(self):
        return advies_slug(self.titel)

    @property
    def anker(self):
        return f"advies-{self.pk}"

    def get_werkatelier_url(self):
        """The advies in its place on the werkatelier page."""
        return f"{self.werkatelier.get_absolute_url()}#{self.anker}"


class Inhoudsversie(models.Model):
    """One row that changes in the same transaction as anything the public pages show: the
    page cache (praktijkadviezen/paginacache.py) keys pages by it. In the database, so a
    change is never lost when Redis is away at that moment."""

    versie = models.UUIDField(default=uuid.uuid4)
    gewijzigd = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "inhoudsversie"
        verbose_name_plural = "inhoudsversies"

    def __str__(self):
        return f"{self.versie} ({self.gewijzigd:%d-%m-%Y %H:%M:%S})"

    @classmethod
    def verhoog(cls):
        """A new version, as part of the transaction that changes the content."""
        nu = timezone.now()
        if not cls.objects.filter(pk=1).update(versie=uuid.uuid4(), gewijzigd=nu):
            cls.objects.get_or_create(pk=1, defaults={"gewijzigd": nu})
