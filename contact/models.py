from datetime import timedelta

from django.db import models
from django.utils import timezone


class ContactberichtQuerySet(models.QuerySet):
    def te_versturen(self):
        """Stored but not (yet) mailed: new, or an earlier attempt failed."""
        return self.filter(status__in=[Contactbericht.Status.NIEUW, Contactbericht.Status.MISLUKT])

    def recent_van(self, afzender, uren=1):
        return self.filter(afzender=afzender, ontvangen__gte=timezone.now() - timedelta(hours=uren))

    def verlopen(self, dagen):
        """Handled messages older than the retention period."""
        return self.filter(
            status=Contactbericht.Status.AFGEHANDELD,
            ontvangen__lt=timezone.now() - timedelta(days=dagen),
        )


class Contactbericht(models.Model):
    class Status(models.TextChoices):
        NIEUW = "nieuw", "nieuw"
        VERZONDEN = "verzonden", "verzonden"
        MISLUKT = "mislukt", "mislukt"
        AFGEHANDELD = "afgehandeld", "afgehandeld"

    naam = models.CharField("naam", max_length=100, blank=True)
    email = models.EmailField("e-mailadres")
    vraag = models.TextField("vraag")
    werkatelier = models.ForeignKey(
        "werkateliers.Werkatelier",
        verbose_name="werkatelier",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contactberichten",
    )
    status = models.CharField("status", max_length=20, choices=Status, default=Status.NIEUW)
    pogingen = models.PositiveSmallIntegerField("pogingen", default=0)
    laatste_fout = models.TextField("laatste fout", blank=True)
    # A keyed hash of the sender's address, only for the rate limit; never the address itself.
    afzender = models.CharField("afzender (versleuteld)", max_length=64, blank=True)
    ontvangen = models.DateTimeField("ontvangen", default=timezone.now)
    verzonden_op = models.DateTimeField("verzonden op", null=True, blank=True)
    afgehandeld_op = models.DateTimeField("afgehandeld op", null=True, blank=True)

    objects = ContactberichtQuerySet.as_manager()

    class Meta:
        ordering = ["-ontvangen"]
        verbose_name = "contactbericht"
        verbose_name_plural = "contactberichten"
        indexes = [
            models.Index(fields=["afzender", "ontvangen"], name="contactbericht_afzender"),
            models.Index(fields=["status", "ontvangen"], name="contactbericht_status"),
        ]

    def __str__(self):
        return f"Vraag van {self.naam or self.email} ({self.ontvangen:%d-%m-%Y})"
