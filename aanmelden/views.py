"""The pages around signing in: setting up the app with an enrolment link, and new
recovery codes. (The sign-in page itself is the admin's, with aanmelden.forms.AanmeldForm.)"""

from base64 import b32encode
from functools import partial

import segno
from django.contrib import admin, messages
from django.contrib.auth import login
from django.db import transaction
from django.db.models import F
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.middleware import is_verified
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import sessies
from .forms import AanmeldForm, CodeForm, KoppelWachtwoordForm
from .meldingen import meld
from .models import Herstelcodes, Kennisgeving, Koppellink
from .pogingen import (
    NOG_EEN_CODE,
    onthoud_browser,
    registreer_mislukt,
    wacht_op_nog_een_code,
)

KOPPELEN = "aanmelden_koppellink"


def context(request, titel, **extra):
    return {**admin.site.each_context(request), "title": titel, **extra}


@never_cache
@sensitive_post_parameters("wachtwoord")
def koppelen(request, sleutel):
    """An enrolment link: the password first, then the app (QR code, a code from it), then
    the recovery codes, shown once. Link and password together are the two factors of a
    first sign-in; the link works once, for a week."""
    link = Koppellink.objects.met_sleutel(sleutel)
    if link is None:
        return render(
            request,
            "aanmelden/koppellink_ongeldig.html",
            context(request, "Deze koppellink werkt niet"),
            status=404,
        )
    if request.session.get(KOPPELEN) != link.pk:
        return _wachtwoord(request, link)
    return _app(request, link)


def _wachtwoord(request, link):
    form = KoppelWachtwoordForm(link.gebruiker, request.POST or None, request=request)
    if request.method == "POST":
        if form.is_valid():
            request.session.cycle_key()
            request.session[KOPPELEN] = link.pk
            return redirect(request.path)
        Koppellink.objects.filter(pk=link.pk).update(mislukte_pogingen=F("mislukte_pogingen") + 1)
    return render(
        request,
        "aanmelden/koppelen_wachtwoord.html",
        context(request, "Je account koppelen aan je app", form=form, account=link.gebruiker),
    )


def _app(request, link):
    gebruiker = link.gebruiker
    app = TOTPDevice.objects.filter(user=gebruiker, confirmed=False).order_by("pk").last()
    if app is None:
        app = TOTPDevice.objects.create(user=gebruiker, confirmed=False, name="Authenticator-app")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if app.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                # Of two tabs with the same link, only one uses it.
                gebruikt = (
                    Koppellink.objects.geldig()
                    .filter(pk=link.pk)
                    .update(gebruikt_op=timezone.now())
                )
                if gebruikt:
                    # The new app replaces any earlier one (a new phone, a lost one).
                    TOTPDevice.objects.filter(user=gebruiker).exclude(pk=app.pk).delete()
                    app.confirmed = True
                    app.save(update_fields=["confirmed"])
                    codes = Herstelcodes.objects.maak_nieuwe(gebruiker)
                    meld(gebruiker, Kennisgeving.Soort.APP)
            if not gebruikt:
                return redirect(request.path)
            del request.session[KOPPELEN]
            # django-otp marks the session verified on login; this page already shows the
            # account as OTPMiddleware will from the next request on.
            gebruiker.otp_device = app
            gebruiker.is_verified = partial(is_verified, gebruiker)
            login(request, gebruiker, backend="django.contrib.auth.backends.ModelBackend")
            sessies.begin(request)
            response = render(
                request,
                "aanmelden/herstelcodes.html",
                context(request, "Je herstelcodes", codes=codes, na_koppelen=True),
            )
            onthoud_browser(request, response, gebruiker)
            return response
        form.add_error("code", "Die code klopt niet. Neem de code over die de app nu toont.")
    geheim = b32encode(app.bin_key).decode().rstrip("=")
    return render(
        request,
        "aanmelden/koppelen_app.html",
        context(
            request,
            "Je authenticator-app instellen",
            form=form,
            account=gebruiker,
            # A viewBox without a fixed size, so the code scales to the box CSS gives it
            # (with a fixed size it was cut off at the right and the bottom).
            qr=mark_safe(
                segno.make(app.config_url, error="m").svg_inline(
                    dark="#000", omitsize=True, title="QR-code voor je authenticator-app"
                )
            ),
            sleutel=" ".join(geheim[i : i + 4] for i in range(0, len(geheim), 4)),
        ),
    )


def herstelcodes(request):
    """New recovery codes from the user menu: shown once; the old ones stop working."""
    gebruiker = request.user
    if request.method == "POST":
        codes = Herstelcodes.objects.maak_nieuwe(gebruiker)
        meld(gebruiker, Kennisgeving.Soort.HERSTELCODES)
        return render(
            request, "aanmelden/herstelcodes.html", context(request, "Je herstelcodes", codes=codes)
        )
    huidige = Herstelcodes.objects.filter(user=gebruiker).first()
    return render(
        request,
        "aanmelden/herstelcodes.html",
        context(
            request,
            "Herstelcodes",
            huidige=huidige,
            over=huidige.codes.count() if huidige else 0,
        ),
    )


@never_cache
def nog_een_code(request):
    """The second code that a right password and app code need in a new browser while
    someone keeps trying the password (aanmelden/pogingen.py). One try."""
    gebruiker, gegevens = wacht_op_nog_een_code(request)
    app = TOTPDevice.objects.filter(user=gebruiker, confirmed=True).first() if gebruiker else None
    if app is None:
        request.session.pop(NOG_EEN_CODE, None)
        return redirect("admin:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        del request.session[NOG_EEN_CODE]
        with transaction.atomic():
            app = TOTPDevice.objects.select_for_update().get(pk=app.pk)
            goed = app.verify_token(form.cleaned_data["code"])
        if not goed:
            registreer_mislukt(gebruiker.get_username(), gebruiker, gegevens["browser"])
            messages.error(request, AanmeldForm.error_messages["invalid_login"])
            return redirect("admin:login")
        gebruiker.otp_device = app
        gebruiker.is_verified = partial(is_verified, gebruiker)
        login(request, gebruiker, backend="django.contrib.auth.backends.ModelBackend")
        sessies.begin(request)
        verder = gegevens["verder"]
        if not url_has_allowed_host_and_scheme(
            verder, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            verder = "admin:index"
        response = redirect(verder)
        onthoud_browser(request, response, gebruiker)
        return response
    return render(
        request,
        "aanmelden/nog_een_code.html",
        context(request, "Nog één code uit je app", form=form),
    )
