"""Slowing down guesses without letting anyone lock an account holder out.

The sign-in form checks the password and the code together and says only "this is not
right": a wrong password and a wrong code look the same, so guessing passwords teaches
nothing, and a guess must hit the password and the code at once. Nothing is ever locked.

What remains to slow down is the one guess that could work: someone who knows the password
trying codes from the app (a million possibilities, three of them right at any moment).
After MAX_CODEFOUTEN wrong codes with the right password within a day, a right code from
the app is not enough in a browser in which the account never signed in: it then asks for
the app's next code as well (one try), so a guess must hit twice in a row. A browser in
which the account signed in before (a signed cookie, OWASP's "device cookies") keeps
signing in with one code until it has made as many mistakes itself, and recovery codes
(80 bits, not guessable) always work. So a right password with a right code always gets in,
at worst half a minute later. A stranger without the password cannot start any of this;
whoever can is reported by mail to the account holder.
"""

import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.utils import timezone

from .meldingen import meld
from .models import Aanmeldpoging, Kennisgeving

MAX_CODEFOUTEN = 5
VENSTER = timedelta(hours=24)
BEWAREN = timedelta(days=7)
BROWSER_GELDIG = timedelta(days=365)
ZOUT = "aanmelden.browser"
NOG_EEN_CODE = "aanmelden_nog_een_code"
NOG_EEN_CODE_GELDIG = 180  # seconds to give the app's next code


def browser_cookie_naam():
    # "__Host-": only over https, for this host and path "/" (as the session's cookie).
    return ("__Host-" if settings.SESSION_COOKIE_SECURE else "") + "bekende_browser"


def bekende_browser(request, gebruiker):
    """The mark of a browser in which this account signed in before, or ""."""
    waarde = request.COOKIES.get(browser_cookie_naam(), "")
    try:
        gegevens = signing.loads(waarde, salt=ZOUT, max_age=BROWSER_GELDIG)
    except signing.BadSignature:
        return ""
    if not isinstance(gegevens, dict) or gegevens.get("account") != gebruiker.pk:
        return ""
    return str(gegevens.get("browser", ""))[:32]


def onthoud_browser(request, response, gebruiker):
    """Mark this browser as one in which the account signed in."""
    merk = bekende_browser(request, gebruiker) or secrets.token_hex(16)
    response.set_cookie(
        browser_cookie_naam(),
        signing.dumps({"account": gebruiker.pk, "browser": merk}, salt=ZOUT),
        max_age=int(BROWSER_GELDIG.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def app_codes_toegestaan(gebruiker, browser):
    """Whether a code from the app may be tried for this account in this browser now."""
    recent = Aanmeldpoging.objects.filter(
        gebruiker=gebruiker, wachtwoord_goed=True, moment__gte=timezone.now() - VENSTER
    )
    if browser:
        recent = recent.filter(browser=browser)
    return recent.count() < MAX_CODEFOUTEN


def vraag_nog_een_code(request, gebruiker, browser):
    """Password and app code were right, in a browser this account never used while
    someone else keeps trying its password: remember that, and ask for the next code."""
    request.session[NOG_EEN_CODE] = {
        "account": gebruiker.pk,
        "sinds": time.time(),
        "browser": browser,
        "verder": request.POST.get("next", ""),
    }


def wacht_op_nog_een_code(request):
    """(account, what vraag_nog_een_code kept) while a next code may be given, else None."""
    gegevens = request.session.get(NOG_EEN_CODE)
    if not isinstance(gegevens, dict) or time.time() - gegevens["sinds"] > NOG_EEN_CODE_GELDIG:
        return None, None
    gebruiker = (
        get_user_model()
        ._default_manager.filter(pk=gegevens["account"], is_active=True, is_staff=True)
        .first()
    )
    return gebruiker, gegevens


def registreer_mislukt(gebruikersnaam, gebruiker, browser=""):
    """Keep a failed sign-in (gebruiker: the account if the password was right). Names that
    are no account are not kept."""
    nu = timezone.now()
    Aanmeldpoging.objects.filter(moment__lt=nu - BEWAREN).delete()
    wachtwoord_goed = gebruiker is not None
    if gebruiker is None:
        gebruiker = get_user_model()._default_manager.filter(username=gebruikersnaam).first()
        if gebruiker is None:
            return
    Aanmeldpoging.objects.create(
        gebruiker=gebruiker, moment=nu, wachtwoord_goed=wachtwoord_goed, browser=browser
    )
    if wachtwoord_goed:
        fouten = Aanmeldpoging.objects.filter(
            gebruiker=gebruiker, wachtwoord_goed=True, moment__gte=nu - VENSTER
        ).count()
        if fouten == MAX_CODEFOUTEN:
            meld(gebruiker, Kennisgeving.Soort.VERKEERDE_CODES, aantal=fouten)
