from datetime import timedelta

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils import timezone


class ContactberichtQuerySet(models.QuerySet):
    def onbezorgd(self):
        """Stored but not (yet) delivered to the secretariaat."""
        return self.filter(bezorging=Contactbericht.Bezorging.WACHT)

    def te_versturen(self, nu=None):
        """Undelivered, due for an attempt, and not claimed by a sender that is still busy."""
        nu = nu or timezone.now()
        return self.onbezorgd().filter(
            Q(geclaimd_tot__isnull=True) | Q(geclaimd_tot__lt=nu), volgende_poging__lte=nu
        )

    def te_lang_onbezorgd(self):
        """Undelivered for longer than CONTACT_ALARM_MINUTEN: mail keeps failing."""
        grens = timezone.now() - timedelta(minutes=settings.CONTACT_ALARM_MINUTEN)
        return self.onbezorgd().filter(ontvangen__lt=grens)

    def bewaar_binnen_limiet(self, afzender, limiet, **velden):
        """Store a message unless this sender already sent `limiet` in the past hour; None
        when over the limit. Count and insert are one step: no burst of simultaneous posts
        gets past the limit (PostgreSQL: a lock per sender for the transaction; SQLite:
        transactions that take the write lock first, see settings)."""
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(afzender[:15], 16)])
            if self.recent_van(afzender).count() >= limiet:
                return None
            return self.create(afzender=afzender, **velden)

    def recent_van(self, afzender, uren=1):
        return self.filter(afzender=afzender, ontvangen__gte=timezone.now() - timedelta(hours=uren))

    def verlopen(self, dagen):
        """Messages older than the retention period, whatever became of them: the privacy
        page promises the period, not "once handled"."""
        return self.filter(ontvangen__lt=timezone.now() - timedelta(days=dagen))

    def verwijder_met_beheerlogboek(self):
        """Delete these messages, and every line of the admin log about a message that no
        longer exists (these, and those deleted by hand): a line names the visitor
        ("Vraag van Anne de Vries") and may quote what changed. (messages, log lines)"""
        from django.contrib.admin.models import LogEntry
        from django.contrib.contenttypes.models import ContentType

        with transaction.atomic():
            aantal, _ = self.delete()
            bestaand = Contactbericht.objects.annotate(
                tekst=Cast("pk", output_field=models.TextField())
            ).values("tekst")
            regels, _ = (
                LogEntry.objects.filter(
                    content_type=ContentType.objects.get_for_model(Contactbericht)
                )
                .exclude(object_id__in=bestaand)
                .delete()
            )
        return aantal, regels


class Contactbericht(models.Model):
    """A visitor's question. Delivery (the mail to the secretariaat, mail.py) and handling
    (what the secretariaat does with it) are two separate things."""

    class Bezorging(models.TextChoices):
        WACHT = "wacht", "nog niet bezorgd"
        BEZORGD = "bezorgd", "bezorgd"

    class Behandeling(models.TextChoices):
        NIEUW = "nieuw", "nieuw"
        IN_BEHANDELING = "in_behandeling", "in behandeling"
        BEANTWOORD = "beantwoord", "beantwoord"

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
    # A keyed hash of the sender's address, only for the rate limit; never the address itself.
    afzender = models.CharField("afzender (versleuteld)", max_length=64, blank=True)
    ontvangen = models.DateTimeField("ontvangen", default=timezone.now)

    bezorging = models.CharField(
        "bezorging", max_length=20, choices=Bezorging, default=Bezorging.WACHT
    )
    pogingen = models.PositiveSmallIntegerField("pogingen", default=0)
    volgende_poging = models.DateTimeField("volgende poging", default=timezone.now)
    laatste_fout = models.TextField("laatste fout (technisch)", blank=True)
    probleem = models.CharField("wat er misging", max_length=200, blank=True)
    # A sender claims a message before it mails it; a claim of a sender that died runs out.
    geclaimd_door = models.CharField("geclaimd door", max_length=100, blank=True)
    geclaimd_tot = models.DateTimeField("geclaimd tot", null=True, blank=True)
    verzonden_op = models.DateTimeField("bezorgd op", null=True, blank=True)

    behandeling = models.CharField(
        "behandeling", max_length=20, choices=Behandeling, default=Behandeling.NIEUW
    )
    behandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="behandeling gewijzigd door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    behandeld_op = models.DateTimeField("behandeling gewijzigd op", null=True, blank=True)
    notitie = models.TextField(
        "notitie",
        blank=True,
        help_text="Alleen voor het secretariaat, bijvoorbeeld wie de vraag oppakt.",
    )

    objects = ContactberichtQuerySet.as_manager()

    class Meta:
        ordering = ["-ontvangen"]
        verbose_name = "contactbericht"
        verbose_name_plural = "contactberichten"
        indexes = [
            models.Index(fields=["afzender", "ontvangen"], name="contactbericht_afzender"),
            models.Index(
                fields=["bezorging", "volgende_poging"], name="contactbericht_te_versturen"
            ),
        ]

    def __str__(self):
        return (
            f"Vraag van {self.naam or self.email} ({timezone.localtime(self.ontvangen):%d-%m-%Y})"
        )

    def zet_behandeling(self, behandeling, gebruiker):
        """Set the handling status, noting who did it and when."""
        self.behandeling = behandeling
        self.behandeld_door = gebruiker
        self.behandeld_op = timezone.now()
        self.save(update_fields=["behandeling", "behandeld_door", "behandeld_op"])

    @property
    def bezorgstatus(self):
        """Delivery as the secretariaat reads it."""
        if self.bezorging == self.Bezorging.BEZORGD:
            return "bezorgd"
        if not self.pogingen:
            return "wordt bezorgd"
        moment = timezone.localtime(self.volgende_poging).strftime("%H:%M")
        return (
            f"{self.probleem or 'Het versturen lukte niet'}; we proberen het om {moment} opnieuw."
        )
