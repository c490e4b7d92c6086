import functools
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

import reversion
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.urls import get_script_prefix, reverse
from django.utils import timezone

from . import rijketekst, zoeken
from .publicatie import publicatieproblemen
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


class DoelgroepQuerySet(models.QuerySet):
    def with_published_count(self):
        """Each doelgroep with its number of public adviezen, in their order."""
        return self.annotate(
            aantal_adviezen=Count("adviezen", filter=publiek("adviezen__werkatelier__"))
        ).order_by("volgorde", "naam")  # Meta.ordering is not applied to GROUP BY queries


class Doelgroep(models.Model):
    naam = models.CharField("naam", max_length=100)
    slug = models.SlugField("webadres", max_length=100)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    objects = DoelgroepQuerySet.as_manager()

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


class ThemaQuerySet(models.QuerySet):
    def with_published_count(self):
        """Each thema with its number of public adviezen, by name."""
        return self.annotate(
            aantal_adviezen=Count("adviezen", filter=publiek("adviezen__werkatelier__"))
        ).order_by("naam")


class Thema(models.Model):
    naam = models.CharField("naam", max_length=150)
    slug = models.SlugField(
        "webadres", max_length=150, help_text="Het laatste deel van het webadres van het thema."
    )
    beschrijving = models.TextField("beschrijving", blank=True)

    objects = ThemaQuerySet.as_manager()

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


class OudThemaAdres(models.Model):
    """The slug of a thema that was merged into another (themas.voeg_samen), so that links to
    /adviezen/?thema=<old slug> keep working: they redirect to the thema it went into."""

    slug = models.SlugField("oud adres", max_length=150)
    thema = models.ForeignKey(
        Thema, verbose_name="thema", on_delete=models.CASCADE, related_name="oude_adressen"
    )
    # The id of the merged thema: the history still names it (themas.van_nu).
    vorig_id = models.PositiveBigIntegerField(
        "id van het samengevoegde thema", null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = "oud adres van een thema"
        verbose_name_plural = "oude adressen van thema's"
        constraints = [models.UniqueConstraint(fields=["slug"], name="oud_thema_adres_slug_uniek")]

    def __str__(self):
        return f"?thema={self.slug} → {self.thema}"


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
            .only(*Advies.PAGINAVELDEN, "doelgroep", "thema")
            .order_by(*Advies.PAGINAVOLGORDE)
        )
        return self.prefetch_related(Prefetch("adviezen", queryset=adviezen))

    def newest_first(self):
        # Explicit, because Meta.ordering is not applied to GROUP BY queries.
        return self.order_by("-gepubliceerd_op", "titel")

    def for_cards(self):
        """What a card shows of a werkatelier, without its long intro."""
        return self.defer("intro")

    def als_kaarten(self):
        """The werkateliers as a list, each with what its card says when staff wrote no
        description (`kaarttekst`): its thema's and its number of adviezen per doelgroep.
        One query more, for all of them together."""
        werkateliers = list(self)
        per_werkatelier = {w.pk: ([], {}) for w in werkateliers}
        if werkateliers:
            rijen = (
                Advies.objects.filter(werkatelier__in=list(per_werkatelier))
                .values_list("werkatelier_id", "doelgroep__naam", "thema__naam")
                .annotate(n=Count("pk"))
                .order_by("doelgroep__volgorde", "doelgroep__naam", "thema__naam")
            )
            for werkatelier_id, doelgroep, thema, aantal in rijen:
                themas, aantallen = per_werkatelier[werkatelier_id]
                if thema and thema not in themas:
                    themas.append(thema)
                aantallen[doelgroep] = aantallen.get(doelgroep, 0) + aantal
        for werkatelier in werkateliers:
            themas, aantallen = per_werkatelier[werkatelier.pk]
            werkatelier.kaarttekst = samenvatting(themas, list(aantallen.items()))
        return werkateliers

    def related_to(self, werkatelier, thema_ids, aantal=3, gekozen_ids=None):
        """Up to `aantal` others of these werkateliers, as cards, for "Misschien vind je dit
        ook interessant": chosen by staff first, then those sharing the most of these
        thema's, then the newest. One query (and one for the cards' texts). `gekozen_ids`:
        the choice of a conceptversie's preview, instead of the werkatelier's own.

        Only werkateliers that can come out on top are ranked: the chosen ones, the `aantal`
        sharing the most thema's and the 2 × `aantal` newest (when fewer than `aantal` are
        chosen or share a thema, at least `aantal` of those newest do neither). At 2,219
        werkateliers, ranking every one took 6.5 ms (the median of eleven), this 3.8 ms."""
        if gekozen_ids is None:
            gekozen_ids = Werkatelier.gerelateerd.through.objects.filter(
                from_werkatelier=werkatelier.pk
            ).values("to_werkatelier")
        anderen = self.exclude(pk=werkatelier.pk)
        kandidaten = Q(pk__in=gekozen_ids) | Q(
            pk__in=anderen.order_by("-gepubliceerd_op", "titel").values("pk")[: 2 * aantal]
        )
        if thema_ids:
            met_thema = Q(adviezen__thema__in=thema_ids)
            gedeeld = Count("adviezen__thema", filter=met_thema, distinct=True)
            meest_gedeeld = (
                anderen.filter(met_thema)
                .values("pk")
                .annotate(gedeeld=Count("adviezen__thema", distinct=True))
                .order_by("-gedeeld", "-gepubliceerd_op", "titel")
                .values("pk")[:aantal]
            )
            kandidaten |= Q(pk__in=meest_gedeeld)
        anderen = anderen.filter(kandidaten).annotate(
            gekozen=ExpressionWrapper(Q(pk__in=gekozen_ids), output_field=models.BooleanField()),
            gedeeld=gedeeld if thema_ids else Value(0),
        )
        volgorde = ("-gekozen", "-gedeeld", "-gepubliceerd_op", "titel")
        return anderen.order_by(*volgorde).for_cards()[:aantal].als_kaarten()


# A revision holds a werkatelier with all its adviezen and former addresses, whichever of them
# was saved (versies.py). The search vector is the database's own; it is no part of a revision,
# nor is the moment of the last save. (A save that changes nothing saves nothing: the admin
# sees to that, botsingen.ZorgvuldigBewaren.)
@reversion.register(follow=["adviezen", "oude_adressen"], exclude=["gewijzigd"])
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
    # Set by save(), not auto_now: a revision leaves it out (see above), and a version put back
    # from the history must still get a moment.
    gewijzigd = models.DateTimeField("gewijzigd", default=timezone.now, editable=False)

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
        # Every list of werkateliers and of adviezen starts with the newest: read in this
        # order, a page of 20 needs the first few werkateliers, not a sort of them all.
        indexes = [
            models.Index(fields=["-gepubliceerd_op", "titel"], name="werkatelier_nieuwste_eerst"),
        ]

    def __str__(self):
        return self.titel

    def save(self, *args, **kwargs):
        self.intro = rijketekst.schoon(self.intro)
        self.gewijzigd = timezone.now()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "gewijzigd"}
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

    def verwante(self, aantal=3):
        """Other public werkateliers, as cards: chosen by staff first, then most shared
        thema's (of the adviezen prefetched by `with_adviezen()`), then the newest."""
        thema_ids = {a.thema_id for a in self.adviezen.all() if a.thema_id}
        return Werkatelier.objects.published().related_to(self, thema_ids, aantal)

    def publicatieproblemen(self):
        """What stands in the way of publishing (publicatie.py); empty when nothing does."""
        adviezen = self.adviezen.select_related("doelgroep", "thema").order_by(
            "doelgroep__volgorde", "doelgroep__naam", "positie", "pk"
        )
        return publicatieproblemen(list(adviezen), Doelgroep.objects.all())

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
        zet_volgorde(self.adviezen, adviezen, werkatelier=self)

    def onthoud_oud_adres(self, vorige_slug, vorige_status=None):
        """After a change of address: the previous one keeps working (a 301) when the
        werkatelier was or is published, and the new one is no longer someone's old one."""
        gepubliceerd = self.Status.GEPUBLICEERD in (vorige_status, self.status)
        if gepubliceerd and vorige_slug and vorige_slug != self.slug:
            OudAdres.objects.update_or_create(slug=vorige_slug, defaults={"werkatelier": self})
        OudAdres.objects.filter(slug=self.slug).delete()


def zet_volgorde(rijen, adviezen, **ouder):
    """Save these adviezen (new, changed or not) of one werkatelier or conceptversie (`rijen`,
    its related manager; `ouder`, the field that points to it) in this order: per doelgroep
    1..n. Positions are moved out of the way first, so no two ever clash halfway."""
    rijen.exclude(pk__in=[a.pk for a in adviezen if a.pk]).update(
        positie=F("positie") + VERSCHUIVING
    )
    rijen.filter(pk__in=[a.pk for a in adviezen if a.pk]).update(
        positie=F("positie") + 2 * VERSCHUIVING
    )
    nummers = {}
    for advies in adviezen:
        nummers[advies.doelgroep_id] = nummers.get(advies.doelgroep_id, 0) + 1
        for naam, waarde in ouder.items():
            setattr(advies, naam, waarde)
        advies.positie = nummers[advies.doelgroep_id]
        advies.save()
    # Any advies not in the list (there should be none) goes after the others.
    for advies in rijen.filter(positie__gte=VERSCHUIVING).order_by("positie"):
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


@reversion.register()
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


# Django's slugify, step by step, with its patterns compiled once: the same result at 60 %
# of the cost (tests/test_modellen.py compares). The sitemap needs it for every advies: each
# title's slug is kept once worked out, as many as a sitemap holds (a title of 300 letters
# and its slug: under 1 kB; 20,000 titles about 6 MB per process). Nothing is rebuilt after
# an edit: a new title is worked out when first asked for.
NIET_IN_SLUG = re.compile(r"[^\w\s-]")
TUSSEN_WOORDEN = re.compile(r"[-\s]+")


@functools.lru_cache(maxsize=50_000)
def advies_slug(titel):
    """The title in an advies's address, for people; the address works by number alone."""
    ascii = unicodedata.normalize("NFKD", titel).encode("ascii", "ignore").decode("ascii")
    slug = TUSSEN_WOORDEN.sub("-", NIET_IN_SLUG.sub("", ascii.lower())).strip("-_")
    return slug[:80].strip("-") or "advies"


@functools.lru_cache(maxsize=8)
def adviesadres(prefix):
    """An advies's address in three pieces, around its number and its slug, from one
    reverse() per script prefix: a page of results names twenty adviezen, the sitemap all of
    them, and reverse() cost more than the rest of a result. The slug needs no quoting
    (advies_slug: letters, digits and hyphens)."""
    adres = reverse("werkateliers:advies_detail", kwargs={"pk": 918273645, "slug": "a-plaats"})
    voor, rest = adres.split("918273645")
    midden, na = rest.split("a-plaats")
    return voor, midden, na


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

    def over_themas(self, thema_ids):
        """About any of these thema's: standing under one on its werkatelier's page, or given
        one for the filters (`ook_over`). No join, so no advies twice."""
        ook = Advies.ook_over.through.objects.filter(advies=OuterRef("pk"), thema__in=thema_ids)
        return self.filter(Q(thema__in=thema_ids) | Exists(ook))

    def search(self, tekst):
        """The adviezen that match the search words, best first (werkateliers/zoeken/ says
        how), and equals in the order of the list."""
        return self.gezocht(zoeken.Zoekopdracht(tekst, self))

    def gezocht(self, zoekopdracht):
        """The adviezen a question, read (zoeken.Zoekopdracht), finds: best first, equals in
        the order of the list."""
        return zoekopdracht.toepassen(self).order_by("-rang", *self.VOLGORDE)

    def for_list(self, volledig=False):
        """What a list of adviezen shows of each: its title, its text for the excerpt (and,
        `volledig`, to print), and where it comes from; in the order of the list unless
        already ordered (by a search)."""
        adviezen = self.select_related("werkatelier", "doelgroep", "thema").only(
            *LIJSTVELDEN, *(["tekst"] if volledig else []), "werkatelier", "doelgroep", "thema"
        )
        return adviezen if adviezen.query.order_by else adviezen.order_by(*self.VOLGORDE)

    def with_nummer(self):
        """Each advies with `nummer`, its number on its werkatelier's page: its rank by
        position among the adviezen of its werkatelier and doelgroep. Counted on the unique
        (werkatelier, doelgroep, positie) index, only for the rows fetched."""
        eerder = (
            Advies.objects.filter(
                werkatelier=OuterRef("werkatelier"),
                doelgroep=OuterRef("doelgroep"),
                positie__lte=OuterRef("positie"),
            )
            .order_by()
            .values("werkatelier")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(nummer=Subquery(eerder))

    def for_detail(self):
        """What an advies's own page shows of it and of where it comes from."""
        return self.select_related("werkatelier", "doelgroep", "thema").only(
            *Advies.PAGINAVELDEN,
            *(f"werkatelier__{veld}" for veld in WERKATELIERVELDEN),
            "werkatelier",
            "doelgroep",
            "thema",
            "doelgroep__naam",
            "doelgroep__slug",
            "doelgroep__volgorde",
            "thema__naam",
            "thema__slug",
        )


# What an advies says: a change to these is new content (Advies.gewijzigd).
INHOUDVELDEN = ("titel", "tekst")
# What a list shows of an advies and of its werkatelier, doelgroep and thema.
LIJSTVELDEN = (
    "pk", "titel", "tekst_plat", "positie", "werkatelier__titel", "werkatelier__slug",
    "werkatelier__gepubliceerd_op", "doelgroep__naam", "doelgroep__slug", "doelgroep__volgorde",
    "thema__naam", "thema__slug",
)  # fmt: skip
# What an advies's page shows of its werkatelier.
WERKATELIERVELDEN = ("titel", "slug", "status", "gepubliceerd_op")


# The moment its text last changed is no part of a revision, as with the werkatelier's.
@reversion.register(follow=["werkatelier"], exclude=["zoekvector", "gewijzigd"])
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
    # More thema's for the filters, beside the one it stands under on its werkatelier's page
    # (which these leave alone): for adviezen without a thema heading, or about more than one.
    ook_over = models.ManyToManyField(
        Thema,
        verbose_name="ook over",
        related_name="ook_in",
        blank=True,
        help_text="Thema’s waarop dit advies ook gevonden wordt bij ‘Alle adviezen’. De pagina "
        "van het werkatelier blijft het advies tonen onder het thema hierboven.",
    )
    titel = models.CharField("titel", max_length=300)
    tekst = rijketekst.RijkeTekstField("tekst")
    # When its title or text last changed (set by save()): what a feed says was updated.
    # Moving it, renumbering it or changing its thema is no new content.
    gewijzigd = models.DateTimeField("tekst gewijzigd", default=timezone.now, editable=False)
    # The words of the text without markup (rijketekst.platte_tekst), kept by save(): what
    # search, excerpts and the feed read.
    tekst_plat = models.TextField("tekst zonder opmaak", blank=True, editable=False)
    positie = models.PositiveIntegerField("positie", default=0)
    # PostgreSQL's Dutch full-text search over what a visitor sees of an advies: its title
    # (weight A), its werkatelier's title and its thema's name (B), its text (C), the
    # werkatelier's description and intro (D). Kept by database triggers (migration
    # 0018_zoek_vector), also when a werkatelier or thema changes; empty on SQLite.
    zoekvector = SearchVectorField("zoekvector", null=True, editable=False)

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
        # What the filters of /adviezen/ count (filters.tel_keuzes), and what the sitemap
        # lists, read from an index alone rather than from the rows with their texts.
        indexes = [
            models.Index(
                fields=["werkatelier", "doelgroep", "thema", "id"], name="advies_facetten"
            ),
            models.Index(fields=["id"], include=["werkatelier", "titel"], name="advies_sitemap"),
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
        bijwerken = kwargs.get("update_fields")
        if bijwerken is not None and "tekst" in bijwerken:
            bijwerken = kwargs["update_fields"] = {*bijwerken, "tekst_plat"}
        if self.inhoud_gewijzigd() and (bijwerken is None or set(INHOUDVELDEN) & set(bijwerken)):
            self.gewijzigd = timezone.now()
            if bijwerken is not None:
                kwargs["update_fields"] = {*bijwerken, "gewijzigd"}
        super().save(*args, **kwargs)
        self._gelezen = {n: self.__dict__[n] for n in INHOUDVELDEN if n in self.__dict__}

    def get_absolute_url(self):
        voor, midden, na = adviesadres(get_script_prefix())
        return f"{voor}{self.pk}{midden}{self.slug}{na}"

    @classmethod
    def from_db(cls, db, field_names, values):
        advies = super().from_db(db, field_names, values)
        # Its content as read, to tell on save whether it changed (only what was loaded).
        advies._gelezen = {n: advies.__dict__[n] for n in INHOUDVELDEN if n in advies.__dict__}
        return advies

    def inhoud_gewijzigd(self):
        """Whether its title or text differs from what was read (a new advies: yes)."""
        gelezen = getattr(self, "_gelezen", None)
        if self._state.adding or gelezen is None:
            return True
        return any(self.__dict__.get(n, waarde) != waarde for n, waarde in gelezen.items())

    @property
    def slug(self):
        return advies_slug(self.titel)

    @cached_property
    def pad(self):
        """Its own page's address, worked out once: a list names it more than once."""
        return self.get_absolute_url()

    @property
    def anker(self):
        # An advies that exists only in a conceptversie has no id yet (concepten.voorbeeld).
        return f"advies-{self.pk}" if self.pk else getattr(self, "nieuw_anker", "advies-nieuw")

    def get_werkatelier_url(self):
        """The advies in its place on the werkatelier page."""
        return f"{self.werkatelier.get_absolute_url()}#{self.anker}"

    def plaats(self):
        """Where this advies stands on its werkatelier's page: its number among the adviezen
        for its doelgroep, how many there are, and the adviezen before and after it (each
        with its `nummer`). One query, for the adviezen of its werkatelier."""
        reeks = list(
            Advies.objects.filter(werkatelier=self.werkatelier_id)
            .select_related("doelgroep")
            .only("pk", "titel", "positie", "werkatelier", "doelgroep")
            .order_by(*self.PAGINAVOLGORDE)
        )
        tellers = {}
        for advies in reeks:
            tellers[advies.doelgroep_id] = advies.nummer = tellers.get(advies.doelgroep_id, 0) + 1
        index = next(i for i, advies in enumerate(reeks) if advies.pk == self.pk)
        return Plaats(
            nummer=reeks[index].nummer,
            aantal=tellers[self.doelgroep_id],
            vorige=reeks[index - 1] if index > 0 else None,
            volgende=reeks[index + 1] if index + 1 < len(reeks) else None,
            reeks=tuple(reeks),
        )


class Conceptversie(models.Model):
    """Changes to a published werkatelier that are not public yet: its content and adviezen
    as they will be, edited, previewed and compared until someone publishes them (now or at a
    moment) or throws them away (concepten.py). Public pages never read this table; publishing
    writes it into the werkatelier and its adviezen in one transaction."""

    werkatelier = models.OneToOneField(
        Werkatelier,
        verbose_name="werkatelier",
        on_delete=models.CASCADE,
        related_name="conceptversie",
    )
    titel = models.CharField("titel", max_length=200)
    slug = models.SlugField(
        "webadres",
        max_length=200,
        help_text="Verander je het adres, dan blijft het huidige adres werken: het verwijst door.",
    )
    intro = rijketekst.RijkeTekstField("inleiding", blank=True)
    datum = models.DateField("datum van het werkatelier", null=True, blank=True)
    beschrijving = models.CharField(
        "korte beschrijving",
        max_length=300,
        blank=True,
        help_text="Eén of twee zinnen voor zoekmachines en de kaartjes op de homepagina.",
    )
    gerelateerd = models.ManyToManyField(
        Werkatelier,
        verbose_name="ook interessant",
        blank=True,
        related_name="+",
        help_text="Werkateliers die onder ‘Misschien vind je dit ook interessant’ vooraan staan.",
    )
    # The werkatelier as it was live when this conceptversie began (versies.Stand as JSON):
    # publishing compares it with what is live then, so no change made meanwhile is undone
    # unseen.
    basis = models.JSONField("gepubliceerde versie bij het begin", editable=False)
    publiceren_op = models.DateTimeField(
        "publiceren op",
        null=True,
        blank=True,
        help_text="Leeg: nog niet gepland. Ligt het moment in het verleden, dan wordt het "
        "concept binnen enkele seconden gepubliceerd.",
    )
    probleem = models.TextField("waarom publiceren niet lukte", blank=True, editable=False)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="begonnen door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="laatst bewaard door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    aangemaakt = models.DateTimeField("begonnen", auto_now_add=True)
    gewijzigd = models.DateTimeField("laatst bewaard", auto_now=True)

    class Meta:
        ordering = ["-gewijzigd"]
        verbose_name = "conceptversie"
        verbose_name_plural = "conceptversies"
        indexes = [models.Index(fields=["publiceren_op"], name="conceptversie_gepland")]

    def __str__(self):
        return f"Conceptversie van ‘{self.werkatelier}’"

    def save(self, *args, **kwargs):
        self.intro = rijketekst.schoon(self.intro)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("admin:werkateliers_conceptversie_change", args=[self.pk])

    def zet_volgorde(self, adviezen):
        zet_volgorde(self.adviezen, adviezen, conceptversie=self)


class Conceptadvies(models.Model):
    """An advies as a conceptversie will publish it: a changed copy of a live advies, or a
    new one (`advies` empty)."""

    conceptversie = models.ForeignKey(
        Conceptversie,
        verbose_name="conceptversie",
        on_delete=models.CASCADE,
        related_name="adviezen",
    )
    advies = models.ForeignKey(
        Advies,
        verbose_name="gepubliceerd advies",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Het advies op de site dat dit concept wijzigt; leeg voor een nieuw advies.",
    )
    doelgroep = models.ForeignKey(
        Doelgroep, verbose_name="doelgroep", on_delete=models.PROTECT, related_name="+"
    )
    thema = models.ForeignKey(
        Thema,
        verbose_name="thema",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    titel = models.CharField("titel", max_length=300)
    tekst = rijketekst.RijkeTekstField("tekst")
    positie = models.PositiveIntegerField("positie", default=0)

    class Meta:
        ordering = ["conceptversie", "doelgroep__volgorde", "positie"]
        verbose_name = "advies"
        verbose_name_plural = "adviezen"
        constraints = [
            models.UniqueConstraint(
                fields=["conceptversie", "doelgroep", "positie"],
                name="conceptadvies_positie_uniek_per_doelgroep",
            ),
            models.UniqueConstraint(
                fields=["conceptversie", "advies"],
                condition=Q(advies__isnull=False),
                name="conceptadvies_een_per_advies",
            ),
            models.CheckConstraint(condition=~Q(titel=""), name="conceptadvies_titel_niet_leeg"),
        ]

    def __str__(self):
        return self.titel

    def save(self, *args, **kwargs):
        self.tekst = rijketekst.schoon(self.tekst)
        super().save(*args, **kwargs)


@dataclass(frozen=True)
class Plaats:
    nummer: int
    aantal: int
    vorige: "Advies | None"
    volgende: "Advies | None"
    # Every advies of the werkatelier in page order, each with its `nummer` (the advies page
    # lists them beside it on a wide screen).
    reeks: tuple = ()

    def per_doelgroep(self):
        """The werkatelier's adviezen per doelgroep, as its page numbers them."""
        delen = []
        for advies in self.reeks:
            if not delen or delen[-1].doelgroep.pk != advies.doelgroep_id:
                delen.append(Doelgroeplijst(advies.doelgroep, []))
            delen[-1].adviezen.append(advies)
        return delen


@dataclass(frozen=True)
class Doelgroeplijst:
    """One doelgroep's adviezen of a werkatelier, without thema groups: a list beside an advies."""

    doelgroep: Doelgroep
    adviezen: list

    @property
    def kop(self):
        return f"{aantal_adviezen(len(self.adviezen))} voor {self.doelgroep.in_zin}"


class Zoekwoord(models.Model):
    """A word that occurs in the site's content, as written (lower case): where a search looks
    for the parts of a compound and for "Bedoelde je …?". Filled by the search vector's
    trigger on PostgreSQL; words are never taken out (a suggestion is only made when it finds
    a public advies); empty on SQLite."""

    woord = models.CharField("woord", max_length=60, primary_key=True)

    class Meta:
        ordering = ["woord"]
        verbose_name = "zoekwoord"
        verbose_name_plural = "zoekwoorden"

    def __str__(self):
        return self.woord
