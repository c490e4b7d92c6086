"""Visitors who asked to hear of new adviezen by e-mail, and the mails the sender delivers.

A subscription (Abonnement) counts only once its address confirmed it by a link in a mail
(double opt-in); unconfirmed, it is removed after BEDENKTIJD. New adviezen are noticed by the
sender (verzenden.py): each advies is announced once (Aankondiging), in a Publicatie that
becomes one Verzending per matching subscriber. Nothing here holds an IP address; the rate
limit keeps keyed hashes for an hour (Aanmeldpoging).
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone

BEDENKTIJD = timedelta(days=7)  # unconfirmed subscriptions are kept this long, no longer
LIMIETVENSTER = timedelta(hours=1)


def nieuwe_sleutel():
    return secrets.token_urlsafe(32)


def versleuteld(tekst):
    """A keyed hash: enough to count with, useless to anyone else."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:attendering:{tekst}".encode()).hexdigest()


class AbonnementQuerySet(models.QuerySet):
    def bevestigd(self):
        return self.filter(bevestigd_op__isnull=False)

    def onbevestigd_verlopen(self, nu=None):
        """Never confirmed within BEDENKTIJD of the last request: to be removed."""
        nu = nu or timezone.now()
        return self.filter(bevestigd_op__isnull=True, aangemeld_op__lt=nu - BEDENKTIJD)


class Abonnement(models.Model):
    """One address's wish to hear of new adviezen. `alles`, or the doelgroepen and thema's
    chosen (an advies matches when it fits both choices that were made)."""

    email = models.EmailField("e-mailadres", max_length=254)
    alles = models.BooleanField("alle nieuwe adviezen", default=True)
    doelgroepen = models.ManyToManyField(
        "werkateliers.Doelgroep", verbose_name="doelgroepen", blank=True, related_name="+"
    )
    themas = models.ManyToManyField(
        "werkateliers.Thema", verbose_name="thema's", blank=True, related_name="+"
    )
    # The secret in the links to change the choice and to unsubscribe (sent in every mail).
    sleutel = models.CharField("sleutel", max_length=64, default=nieuwe_sleutel, editable=False)
    # Part of the signed confirmation link; emptied once used, so the link works once.
    bevestigcode = models.CharField("bevestigcode", max_length=64, blank=True, editable=False)
    aangemeld_op = models.DateTimeField("aangemeld op", default=timezone.now)
    bevestigd_op = models.DateTimeField("bevestigd op", null=True, blank=True)

    objects = AbonnementQuerySet.as_manager()

    class Meta:
        ordering = ["-aangemeld_op"]
        verbose_name = "aanmelding voor nieuwe adviezen"
        verbose_name_plural = "aanmeldingen voor nieuwe adviezen"
        constraints = [
            models.UniqueConstraint(fields=["email"], name="abonnement_email_uniek"),
            models.UniqueConstraint(fields=["sleutel"], name="abonnement_sleutel_uniek"),
        ]

    def __str__(self):
        # Never the address: this name may end up in the admin's history.
        return f"Aanmelding {self.pk}"

    @property
    def is_bevestigd(self):
        return self.bevestigd_op is not None

    def past_bij(self, doelgroep_ids, thema_ids, advies):
        """Does this advies fit the choice (given as sets of ids)?"""
        if self.alles:
            return True
        if not doelgroep_ids and not thema_ids:
            # A choice whose thema's were all removed since: nothing, rather than everything.
            return False
        # Its thema, and those staff gave it for the filters (verzenden.met_themas).
        themas = getattr(advies, "alle_themas", {advies.thema_id})
        return (not doelgroep_ids or advies.doelgroep_id in doelgroep_ids) and (
            not thema_ids or bool(themas & thema_ids)
        )


class AanmeldpogingQuerySet(models.QuerySet):
    def verlopen(self, nu=None):
        return self.filter(moment__lt=(nu or timezone.now()) - LIMIETVENSTER)

    def binnen_limiet(self, afzender, adres, per_afzender, per_adres):
        """Count this attempt against the limits, in one step with the count (PostgreSQL: a
        lock per sender for the transaction; SQLite: transactions take the write lock first).
        "afzender" when this sender is over its limit (nothing is counted), "adres" when the
        address is (counted, but no mail may go), else "ok"."""
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    for sleutel in (afzender, adres):
                        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(sleutel[:15], 16)])
            self.verlopen().delete()
            if self.filter(afzender=afzender).count() >= per_afzender:
                return "afzender"
            te_vaak = self.filter(adres=adres).count() >= per_adres
            self.create(afzender=afzender, adres=adres)
            return "adres" if te_vaak else "ok"


class Aanmeldpoging(models.Model):
    """One subscription request, only for the rate limit: kept for LIMIETVENSTER."""

    afzender = models.CharField("afzender (versleuteld)", max_length=64)
    adres = models.CharField("e-mailadres (versleuteld)", max_length=64)
    moment = models.DateTimeField("moment", default=timezone.now)

    objects = AanmeldpogingQuerySet.as_manager()

    class Meta:
        ordering = ["-moment"]
        verbose_name = "aanmeldpoging"
        verbose_name_plural = "aanmeldpogingen"
        indexes = [
            models.Index(fields=["afzender", "moment"], name="aanmeldpoging_afzender"),
            models.Index(fields=["adres", "moment"], name="aanmeldpoging_adres"),
        ]

    def __str__(self):
        return f"Aanmeldpoging {self.pk}"


class Publicatie(models.Model):
    """Adviezen that became public and were not announced before, noticed in one round of the
    sender; each matching subscriber gets one mail about them."""

    aangemaakt_op = models.DateTimeField("gezien op", default=timezone.now)
    # Set in the same transaction that made its Verzendingen.
    uitgedeeld_op = models.DateTimeField("verzendingen gemaakt op", null=True, blank=True)

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name = "publicatie van nieuwe adviezen"
        verbose_name_plural = "publicaties van nieuwe adviezen"

    def __str__(self):
        return f"Nieuwe adviezen van {timezone.localtime(self.aangemaakt_op):%d-%m-%Y %H:%M}"


class Aankondiging(models.Model):
    """This advies has been announced (or was public before mails existed: no publicatie).
    It is never announced again, however often its werkatelier is republished."""

    advies = models.OneToOneField(
        "werkateliers.Advies", verbose_name="advies", on_delete=models.CASCADE, related_name="+"
    )
    publicatie = models.ForeignKey(
        Publicatie,
        verbose_name="publicatie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aankondigingen",
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = "aankondiging"
        verbose_name_plural = "aankondigingen"

    def __str__(self):
        return f"Aankondiging van advies {self.advies_id}"


class VerzendingQuerySet(models.QuerySet):
    def te_versturen(self, nu=None):
        """Waiting, due, and not claimed by a sender that is still busy."""
        nu = nu or timezone.now()
        return self.filter(
            Q(geclaimd_tot__isnull=True) | Q(geclaimd_tot__lt=nu),
            status=Verzending.Status.WACHT,
            volgende_poging__lte=nu,
        )


class Verzending(models.Model):
    """One mail to one subscriber, delivered by the sender after claiming it."""

    class Soort(models.TextChoices):
        BEVESTIGEN = "bevestigen", "bevestig je aanmelding"
        AL_AANGEMELD = "al_aangemeld", "je was al aangemeld"
        NIEUWE_ADVIEZEN = "nieuwe_adviezen", "nieuwe adviezen"

    class Status(models.TextChoices):
        WACHT = "wacht", "wacht"
        VERZONDEN = "verzonden", "verzonden"
        VERVALLEN = "vervallen", "niet meer nodig"

    abonnement = models.ForeignKey(
        Abonnement,
        verbose_name="aanmelding",
        on_delete=models.CASCADE,
        related_name="verzendingen",
    )
    soort = models.CharField("soort", max_length=20, choices=Soort)
    publicatie = models.ForeignKey(
        Publicatie,
        verbose_name="publicatie",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="verzendingen",
    )
    status = models.CharField("status", max_length=20, choices=Status, default=Status.WACHT)
    aangemaakt_op = models.DateTimeField("aangemaakt op", default=timezone.now)
    pogingen = models.PositiveSmallIntegerField("pogingen", default=0)
    volgende_poging = models.DateTimeField("volgende poging", default=timezone.now)
    laatste_fout = models.TextField("laatste fout (technisch)", blank=True)
    geclaimd_door = models.CharField("geclaimd door", max_length=100, blank=True)
    geclaimd_tot = models.DateTimeField("geclaimd tot", null=True, blank=True)
    verzonden_op = models.DateTimeField("verzonden op", null=True, blank=True)

    objects = VerzendingQuerySet.as_manager()

    class Meta:
        ordering = ["aangemaakt_op", "pk"]
        verbose_name = "verzending"
        verbose_name_plural = "verzendingen"
        constraints = [
            # One mail per publication per subscriber, whatever happens to the sender.
            models.UniqueConstraint(
                fields=["publicatie", "abonnement"],
                condition=Q(publicatie__isnull=False),
                name="verzending_een_per_publicatie",
            ),
            models.CheckConstraint(
                condition=Q(soort="nieuwe_adviezen", publicatie__isnull=False)
                | (~Q(soort="nieuwe_adviezen") & Q(publicatie__isnull=True)),
                name="verzending_publicatie_bij_nieuwe_adviezen",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "volgende_poging"], name="verzending_te_versturen"),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} ({self.get_status_display()})"


def voeg_themas_samen(blijft, weg):
    """Who chose one of the thema's `weg` follows `blijft` from now on: for when staff merge
    thema's (deleting them would otherwise drop them from every choice)."""
    tussen = Abonnement.themas.through
    volgers = set(tussen.objects.filter(thema__in=weg).values_list("abonnement_id", flat=True))
    tussen.objects.filter(thema__in=weg).delete()
    al = set(tussen.objects.filter(thema=blijft).values_list("abonnement_id", flat=True))
    tussen.objects.bulk_create(
        tussen(abonnement_id=pk, thema=blijft) for pk in sorted(volgers - al)
    )
