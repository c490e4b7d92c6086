"""What signing in keeps: recovery codes (hashed), enrolment links (hashed), failed sign-ins
for the throttle, and the mails about changed sign-in details waiting for the sender."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django_otp.models import Device, DeviceManager

AANTAL_HERSTELCODES = 10
# Base32 (the letters and 2-7; no 0 or 1 to mistake for o or l): 16 characters of 5 bits
# each are 80 bits.
HERSTELCODE_TEKENS = "abcdefghijklmnopqrstuvwxyz234567"
HERSTELCODE_LENGTE = 16
KOPPELLINK_GELDIG = timedelta(days=7)
KOPPELLINK_MAX_FOUTEN = 5


def vingerafdruk(geheim):
    """SHA-256 of a secret we hand out (a recovery code, an enrolment link). Both are random
    with at least 80 bits, so a fast hash without salt suffices, as for API tokens: nobody
    can try 2^80 candidates, and a copy of the database gives nothing to sign in with."""
    return hashlib.sha256(geheim.encode()).hexdigest()


def nieuwe_herstelcode():
    tekens = "".join(secrets.choice(HERSTELCODE_TEKENS) for _ in range(HERSTELCODE_LENGTE))
    return "-".join(tekens[i : i + 4] for i in range(0, HERSTELCODE_LENGTE, 4))


def normaliseer_herstelcode(tekst):
    """What was typed, as the code it must be: lower case, without dashes or spaces, and
    the digits 0 and 1 (not in the codes) read as the letters o and l."""
    tekst = (tekst or "").lower().translate(str.maketrans("01", "ol"))
    return "".join(teken for teken in tekst if teken in HERSTELCODE_TEKENS)


class HerstelcodesManager(DeviceManager):
    def maak_nieuwe(self, gebruiker):
        """A new set of codes for this account, returned to be shown once; the old set stops
        working in the same transaction."""
        codes = [nieuwe_herstelcode() for _ in range(AANTAL_HERSTELCODES)]
        with transaction.atomic():
            apparaat, _ = self.update_or_create(
                user=gebruiker,
                defaults={"name": "Herstelcodes", "confirmed": True, "gemaakt": timezone.now()},
            )
            apparaat.codes.all().delete()
            Herstelcode.objects.bulk_create(
                Herstelcode(
                    apparaat=apparaat, vingerafdruk=vingerafdruk(normaliseer_herstelcode(c))
                )
                for c in codes
            )
        return codes


class Herstelcodes(Device):
    """An account's recovery codes, as a second factor for django-otp: each code signs in
    once. Only their hashes are kept (django-otp's own static tokens are plain text)."""

    gemaakt = models.DateTimeField("gemaakt", default=timezone.now)

    objects = HerstelcodesManager()

    class Meta:
        verbose_name = "herstelcodes"
        verbose_name_plural = "herstelcodes"
        ordering = ["user"]
        constraints = [
            models.UniqueConstraint(fields=["user"], name="herstelcodes_een_set_per_account")
        ]

    def __str__(self):
        return f"herstelcodes van {self.user}"

    def verify_token(self, token):
        code = normaliseer_herstelcode(token)
        if len(code) != HERSTELCODE_LENGTE:
            return False
        # Deleting is the check: of two requests with the same code, only one deletes it.
        verwijderd, _ = self.codes.filter(vingerafdruk=vingerafdruk(code)).delete()
        return verwijderd > 0


class Herstelcode(models.Model):
    apparaat = models.ForeignKey(Herstelcodes, on_delete=models.CASCADE, related_name="codes")
    vingerafdruk = models.CharField(max_length=64)

    class Meta:
        verbose_name = "herstelcode"
        verbose_name_plural = "herstelcodes"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["apparaat", "vingerafdruk"], name="herstelcode_uniek_per_set"
            )
        ]

    def __str__(self):
        return f"herstelcode van {self.apparaat.user}"


class KoppellinkQuerySet(models.QuerySet):
    def geldig(self):
        return self.filter(
            gebruikt_op=None,
            geldig_tot__gt=timezone.now(),
            mislukte_pogingen__lt=KOPPELLINK_MAX_FOUTEN,
            gebruiker__is_active=True,
            gebruiker__is_staff=True,
        )

    def met_sleutel(self, sleutel):
        return self.geldig().filter(vingerafdruk=vingerafdruk(sleutel)).first()


class KoppellinkManager(models.Manager.from_queryset(KoppellinkQuerySet)):
    def maak(self, gebruiker, door=None):
        """A new link for this account (an earlier unused one stops working): the link and
        its secret, which is kept nowhere else and shown once."""
        sleutel = secrets.token_urlsafe(32)
        nu = timezone.now()
        with transaction.atomic():
            self.filter(gebruiker=gebruiker, gebruikt_op=None).delete()
            link = self.create(
                gebruiker=gebruiker,
                vingerafdruk=vingerafdruk(sleutel),
                gemaakt=nu,
                gemaakt_door=door,
                geldig_tot=nu + KOPPELLINK_GELDIG,
            )
        return link, sleutel


class Koppellink(models.Model):
    """A one-time link with which an account sets up its authenticator app: the something
    besides the password that a first enrolment needs. A beheerder (or `maak_redacteur`)
    makes it and hands it over; only its hash is kept."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="koppellinks",
        verbose_name="account",
    )
    vingerafdruk = models.CharField(max_length=64, unique=True)
    gemaakt = models.DateTimeField("gemaakt", default=timezone.now)
    gemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gemaakt door",
    )
    geldig_tot = models.DateTimeField("geldig tot")
    gebruikt_op = models.DateTimeField("gebruikt op", null=True, blank=True)
    mislukte_pogingen = models.PositiveSmallIntegerField("verkeerde wachtwoorden", default=0)

    objects = KoppellinkManager()

    class Meta:
        verbose_name = "koppellink"
        verbose_name_plural = "koppellinks"
        ordering = ["-gemaakt"]

    def __str__(self):
        return f"koppellink voor {self.gebruiker}"


def koppellink_adres(sleutel, request=None):
    """The full address of an enrolment link: from DJANGO_SITE_URL, never from a request's
    Host header (which a visitor chooses); without it, the request's own address, or only
    the path."""
    pad = reverse("admin:koppelen", args=[sleutel])
    if settings.SITE_URL:
        return settings.SITE_URL + pad
    return request.build_absolute_uri(pad) if request else pad


class Aanmeldpoging(models.Model):
    """A failed sign-in to an existing account. Attempts on names that are no account are
    not kept (people type their password in the wrong field). Kept a week."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="account",
    )
    moment = models.DateTimeField("moment", default=timezone.now)
    wachtwoord_goed = models.BooleanField(
        "wachtwoord klopte",
        default=False,
        help_text="Het wachtwoord klopte, de code niet: wie dit deed, kent het wachtwoord.",
    )
    browser = models.CharField(
        "browser",
        max_length=32,
        blank=True,
        help_text="Een browser waarin dit account eerder aanmeldde (leeg: een andere).",
    )

    class Meta:
        verbose_name = "mislukte aanmelding"
        verbose_name_plural = "mislukte aanmeldingen"
        ordering = ["-moment"]
        indexes = [models.Index(fields=["gebruiker", "moment"], name="aanmeldpoging_account")]

    def __str__(self):
        return f"mislukte aanmelding van {self.gebruiker} op {self.moment:%d-%m-%Y %H:%M}"


class KennisgevingQuerySet(models.QuerySet):
    def te_versturen(self, nu=None):
        nu = nu or timezone.now()
        return self.filter(verzonden_op=None, volgende_poging__lte=nu).filter(
            models.Q(geclaimd_tot=None) | models.Q(geclaimd_tot__lt=nu)
        )


class Kennisgeving(models.Model):
    """A mail to an account holder that their sign-in details changed. The request only
    stores it; the sender (`verstuur_contactberichten`) mails it, outside any request."""

    class Soort(models.TextChoices):
        WACHTWOORD = "wachtwoord", "wachtwoord gewijzigd"
        APP = "app", "authenticator-app gekoppeld"
        HERSTELCODES = "herstelcodes", "nieuwe herstelcodes"
        HERSTELCODE_GEBRUIKT = "herstelcode_gebruikt", "aangemeld met een herstelcode"
        KOPPELLINK = "koppellink", "koppellink gemaakt"
        TWEESTAPS_UIT = "tweestaps_uit", "app en herstelcodes verwijderd"
        VERKEERDE_CODES = "verkeerde_codes", "juist wachtwoord, verkeerde codes"

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="account",
    )
    soort = models.CharField("over", max_length=30, choices=Soort)
    aan = models.EmailField("aan")
    onderwerp = models.CharField("onderwerp", max_length=200)
    tekst = models.TextField("tekst")
    aangemaakt = models.DateTimeField("aangemaakt", default=timezone.now)
    verzonden_op = models.DateTimeField("verzonden op", null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField("pogingen", default=0)
    volgende_poging = models.DateTimeField("volgende poging", default=timezone.now)
    geclaimd_tot = models.DateTimeField(null=True, blank=True)
    laatste_fout = models.CharField("laatste fout", max_length=1000, blank=True)

    objects = KennisgevingQuerySet.as_manager()

    class Meta:
        verbose_name = "mail over aanmelden"
        verbose_name_plural = "mails over aanmelden"
        ordering = ["-aangemaakt"]
        indexes = [
            models.Index(fields=["verzonden_op", "volgende_poging"], name="kennisgeving_te_doen")
        ]

    def __str__(self):
        return f"{self.get_soort_display()} ({self.gebruiker})"
