"""What staff keep to help visitors search: groups of words that mean the same here, and what
visitors searched for (per normalised search per day, nothing about who asked)."""

import re

from django.core.exceptions import ValidationError
from django.db import models, transaction

# Staff type a group as "schuldhulp, schulden, geldzorgen" (or one word a line, or with · as
# the admin shows it).
SCHEIDINGSTEKENS = re.compile(r"[,;·\n]+")
MAX_WOORDLENGTE = 100
MAX_WOORDEN = 30
# A word or a few words: letters (any alphabet), digits, hyphens, apostrophes and spaces,
# with at least one letter or digit.
WOORD = re.compile(r"^(?=.*\w)[\w'’-]+(?: [\w'’-]+)*$")


def woordenlijst(tekst):
    """The words of a group as typed: lower case, spaces tidied, in their order, once."""
    woorden = []
    for deel in SCHEIDINGSTEKENS.split(tekst or ""):
        woord = als_woord(deel)
        if woord and woord not in woorden:
            woorden.append(woord)
    return woorden


def als_woord(tekst):
    """A word as a group keeps it: lower case, single spaces, a straight apostrophe."""
    return " ".join(tekst.split()).lower().replace("’", "'")


def sleutel(woord):
    """What a search word is matched on: case and hyphens do not count ("E-mail", "email")."""
    return als_woord(woord).replace("-", "")


class Synoniemgroep(models.Model):
    woorden = models.TextField(
        "woorden die hetzelfde betekenen",
        help_text=(
            "Zet een komma tussen de woorden, bijvoorbeeld: schuldhulp, schulden, geldzorgen. "
            "Wie op een van deze woorden zoekt, vindt ook de adviezen met de andere. "
            "Een woord kan maar in één groep staan."
        ),
    )
    gewijzigd = models.DateTimeField("gewijzigd", auto_now=True)

    class Meta:
        ordering = ["woorden"]
        verbose_name = "synoniemgroep"
        verbose_name_plural = "synoniemen"

    def __str__(self):
        return self.woorden

    def save(self, *args, **kwargs):
        # The words are also kept one a row (Synoniem), which a search looks up through an
        # index and the database keeps unique; they are the group's own parts, so they are
        # written with it, in its transaction.
        woorden = woordenlijst(self.woorden)
        self.woorden = " · ".join(woorden)
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.synoniemen.all().delete()
            Synoniem.objects.bulk_create(
                Synoniem(groep=self, woord=woord, sleutel=sleutel(woord)) for woord in woorden
            )

    def clean(self):
        if not (self.woorden or "").strip():
            return  # the field says it is required
        woorden = woordenlijst(self.woorden)
        fouten = []
        if len(woorden) < 2:
            fouten.append("Vul minstens twee woorden in, met een komma ertussen.")
        if len(woorden) > MAX_WOORDEN:
            fouten.append(f"Een groep heeft hoogstens {MAX_WOORDEN} woorden.")
        for woord in woorden:
            if len(woord) > MAX_WOORDLENGTE:
                fouten.append(f"‘{woord[:30]}…’ is te lang: hoogstens {MAX_WOORDLENGTE} tekens.")
            elif not WOORD.match(woord):
                fouten.append(
                    f"‘{woord}’ is geen woord: gebruik letters, cijfers, streepjes en "
                    "apostroffen, en een komma tussen de woorden."
                )
        # The database keeps a word in one group (its constraint); here with the group it is
        # in, and also for a word written with or without a hyphen ("e-mail", "email"), which
        # a search finds as the same word.
        sleutels = {sleutel(w): w for w in woorden}
        elders = (
            Synoniem.objects.filter(sleutel__in=sleutels)
            .exclude(groep_id=self.pk)
            .select_related("groep")
            .order_by("woord")
        )
        for synoniem in elders:
            woord = sleutels[synoniem.sleutel]
            fouten.append(
                f"‘{woord}’ staat al in de groep ‘{synoniem.groep}’. Een woord kan maar in één "
                "groep staan: voeg de woorden daar toe, of haal het woord daar eerst weg."
            )
        if fouten:
            raise ValidationError({"woorden": fouten})


class Synoniem(models.Model):
    """One word of a group, as the search looks it up."""

    groep = models.ForeignKey(
        Synoniemgroep, on_delete=models.CASCADE, related_name="synoniemen", verbose_name="groep"
    )
    woord = models.CharField("woord", max_length=MAX_WOORDLENGTE)
    sleutel = models.CharField("zoeksleutel", max_length=MAX_WOORDLENGTE, db_index=True)

    class Meta:
        ordering = ["groep", "pk"]
        verbose_name = "synoniem"
        verbose_name_plural = "synoniemen"
        constraints = [
            models.UniqueConstraint(fields=["woord"], name="synoniem_in_een_groep"),
        ]

    def __str__(self):
        return self.woord


class ZoekopdrachtQuerySet(models.QuerySet):
    def ouder_dan(self, datum):
        return self.filter(datum__lt=datum)


class Zoekopdracht(models.Model):
    """How often a search (normalised) was asked on a day, and how many adviezen it found the
    last time. Nothing about who asked: no address, no session, no account."""

    datum = models.DateField("datum", db_index=True)
    zoekvraag = models.CharField("zoekvraag", max_length=200)
    aantal = models.PositiveIntegerField("keer gezocht", default=1)
    resultaten = models.PositiveIntegerField("adviezen gevonden", default=0)

    objects = ZoekopdrachtQuerySet.as_manager()

    class Meta:
        ordering = ["-datum", "resultaten", "-aantal", "zoekvraag"]
        verbose_name = "zoekopdracht"
        verbose_name_plural = "zoekopdrachten"
        constraints = [
            models.UniqueConstraint(fields=["datum", "zoekvraag"], name="zoekopdracht_per_dag"),
        ]

    def __str__(self):
        return f"{self.zoekvraag} ({self.datum:%d-%m-%Y})"
