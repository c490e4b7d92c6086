"""The admin (/beheer/) as the fund's staff use it: its site, sign-in with two factors, and
what every screen shares.

Sign-in policy (README, "Aanmelden"):
- every staff account signs in with its password and a code from an authenticator app
  (TOTP, django-otp), or one of its ten single-use recovery codes; an account without an
  app yet sets one up right after its first sign-in, before it can do anything else;
- five wrong passwords for one account from one address lock that pair for an hour
  (django-axes);
- across all addresses, each wrong password for an account after the fifth makes the next
  attempt wait longer: 2, 4, 8 … seconds, at most 15 minutes. While it waits, a password
  alone is refused, right or wrong, so guessing from many addresses gets nowhere; a correct
  password together with a correct code still signs in, so a stranger cannot lock a
  colleague out.
"""

import math
from base64 import b32encode
from datetime import timedelta

import segno
from axes.models import AccessAttempt
from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from contact.models import Contactbericht

VRIJE_POGINGEN = 5
MAX_WACHTTIJD = 15 * 60
AANTAL_HERSTELCODES = 10


def wachttijd(gebruikersnaam):
    """Seconds an account must wait before a password alone may be tried again: nothing for
    the first five failures in an hour (from any address), then 2, 4, 8 … up to 15 minutes
    after the last one."""
    if not gebruikersnaam:
        return 0
    pogingen = AccessAttempt.objects.filter(
        username=gebruikersnaam, attempt_time__gte=timezone.now() - timedelta(hours=1)
    ).aggregate(aantal=Sum("failures_since_start"), laatste=Max("attempt_time"))
    mislukt = pogingen["aantal"] or 0
    if mislukt < VRIJE_POGINGEN:
        return 0
    pauze = min(2 ** (mislukt - VRIJE_POGINGEN + 1), MAX_WACHTTIJD)
    over = (pogingen["laatste"] + timedelta(seconds=pauze) - timezone.now()).total_seconds()
    return max(0, math.ceil(over))


def controleer_code(gebruiker, code):
    """The device (app or recovery codes) that accepts this code, or None. A recovery code
    is used up; django-otp slows down an app after wrong codes."""
    code = "".join((code or "").split())
    if not code:
        return None
    # The devices are locked while a code is checked, so one code never works twice at once.
    with transaction.atomic():
        for apparaat in devices_for_user(gebruiker, confirmed=True, for_verify=True):
            if apparaat.verify_is_allowed()[0] and apparaat.verify_token(code):
                return apparaat
    return None


class AanmeldForm(AdminAuthenticationForm):
    code = forms.CharField(
        label="Code uit je app",
        required=False,
        max_length=20,
        help_text="De zes cijfers uit je authenticator-app, of een van je herstelcodes. "
        "Meld je je voor het eerst aan, laat dit dan leeg.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": "De gebruikersnaam of het wachtwoord klopt niet.",
        "code": "De code klopt niet. Kijk of je de code van nu overneemt, of gebruik een "
        "herstelcode.",
    }

    def clean(self):
        wacht = wachttijd(self.cleaned_data.get("username"))
        try:
            super().clean()
        except ValidationError:
            if wacht:
                raise self._te_vaak(wacht) from None
            raise
        gebruiker = self.get_user()
        if user_has_device(gebruiker):
            apparaat = controleer_code(gebruiker, self.cleaned_data.get("code"))
            if apparaat is None:
                raise (
                    self._te_vaak(wacht)
                    if wacht
                    else ValidationError(self.error_messages["code"], code="code")
                )
            # django-otp marks the session as verified when the sign-in completes.
            gebruiker.otp_device = apparaat
        elif wacht:
            raise self._te_vaak(wacht)
        return self.cleaned_data

    def _te_vaak(self, seconden):
        minuten = max(1, math.ceil(seconden / 60))
        return ValidationError(
            f"Er is te vaak een verkeerd wachtwoord gebruikt voor dit account. Probeer het over "
            f"{minuten} minu{'ut' if minuten == 1 else 'ten'} opnieuw, of meld je nu aan met je "
            "wachtwoord én de code uit je app.",
            code="te_vaak",
        )


class BeheerSite(admin.AdminSite):
    site_header = "Praktijkadviezen – beheer"
    site_title = "Praktijkadviezen beheer"
    index_title = "Wat wil je doen?"
    login_form = AanmeldForm

    def has_permission(self, request):
        return super().has_permission(request) and request.user.is_verified()

    def login(self, request, extra_context=None):
        # Signed in with a password but without an app yet: set one up first.
        gebruiker = request.user
        if gebruiker.is_active and gebruiker.is_staff and not gebruiker.is_verified():
            if not user_has_device(gebruiker):
                return redirect("admin:tweestaps_instellen")
        return super().login(request, extra_context)

    def index(self, request, extra_context=None):
        """The start page, with what waits in the secretariaat's inbox."""
        extra = {}
        if request.user.has_perm("contact.view_contactbericht"):
            berichten = Contactbericht.objects
            extra["inbox"] = {
                "nieuw": berichten.filter(behandeling=Contactbericht.Behandeling.NIEUW).count(),
                "onbezorgd": berichten.onbezorgd().count(),
                "te_lang": berichten.te_lang_onbezorgd().count(),
            }
        return super().index(request, {**extra, **(extra_context or {})})

    def get_urls(self):
        return [
            path("tweestaps/instellen/", self.instellen, name="tweestaps_instellen"),
            path(
                "tweestaps/herstelcodes/",
                self.admin_view(self.herstelcodes),
                name="tweestaps_herstelcodes",
            ),
            *super().get_urls(),
        ]

    def instellen(self, request):
        """Set up the authenticator app: scan the QR code, type a code, get recovery codes."""
        return login_required(self._instellen, login_url="admin:login")(request)

    def _instellen(self, request):
        gebruiker = request.user
        if not gebruiker.is_staff:
            raise PermissionDenied
        if user_has_device(gebruiker):
            return redirect("admin:index")
        app, _ = TOTPDevice.objects.get_or_create(
            user=gebruiker, confirmed=False, defaults={"name": "Authenticator-app"}
        )
        form = InstelForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            if not app.verify_is_allowed()[0]:
                form.add_error("code", "Even wachten: er zijn net te veel verkeerde codes getypt.")
            elif app.verify_token(form.cleaned_data["code"]):
                app.confirmed = True
                app.save()
                otp_login(request, app)
                codes = nieuwe_herstelcodes(gebruiker)
                return render(request, "beheer/herstelcodes.html", self._context(request, codes))
            else:
                form.add_error(
                    "code", "Die code klopt niet. Neem de code over die de app nu toont."
                )
        context = self._context(
            request,
            form=form,
            qr=mark_safe(segno.make(app.config_url, error="m").svg_inline(scale=5, dark="#000")),
            sleutel=" ".join(in_groepen(b32encode(app.bin_key).decode().rstrip("="), 4)),
            title="Tweestapsverificatie instellen",
        )
        return render(request, "beheer/tweestaps.html", context)

    def herstelcodes(self, request):
        """New recovery codes; the old ones stop working."""
        if request.method == "POST":
            codes = nieuwe_herstelcodes(request.user)
            return render(request, "beheer/herstelcodes.html", self._context(request, codes))
        return render(request, "beheer/herstelcodes.html", self._context(request, None))

    def _context(self, request, codes=None, **extra):
        return {
            **self.each_context(request),
            "title": extra.pop("title", "Herstelcodes"),
            "codes": codes,
            **extra,
        }


class InstelForm(forms.Form):
    code = forms.CharField(
        label="Code uit je app",
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def nieuwe_herstelcodes(gebruiker):
    apparaat, _ = StaticDevice.objects.get_or_create(
        user=gebruiker, defaults={"name": "Herstelcodes", "confirmed": True}
    )
    apparaat.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(AANTAL_HERSTELCODES)]
    apparaat.token_set.bulk_create(StaticToken(device=apparaat, token=code) for code in codes)
    return codes


def in_groepen(tekst, breedte):
    """The secret in groups of four letters, easier to type into an app by hand."""
    return [tekst[i : i + breedte] for i in range(0, len(tekst), breedte)]


class BeheerModelAdmin(admin.ModelAdmin):
    """A list's title is what it holds ("Werkateliers"), not Django's "Select … to change",
    which is wrong where staff may only read."""

    def changelist_view(self, request, extra_context=None):
        titel = capfirst(self.model._meta.verbose_name_plural)
        return super().changelist_view(request, {"title": titel, **(extra_context or {})})
