from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from .pogingen import (
    app_codes_toegestaan,
    bekende_browser,
    registreer_mislukt,
    vraag_nog_een_code,
)


def controleer_code(gebruiker, code, app_toegestaan=True):
    """The device (app or recovery codes) that accepts this code, or None. A recovery code
    is used up, an app's code cannot be used again. With app_toegestaan=False only recovery
    codes are tried."""
    code = "".join((code or "").split())
    if not code:
        return None
    # The devices are locked while a code is checked, so one code never works twice at once.
    with transaction.atomic():
        for apparaat in devices_for_user(gebruiker, confirmed=True, for_verify=True):
            if isinstance(apparaat, TOTPDevice) and not app_toegestaan:
                continue
            if apparaat.verify_is_allowed()[0] and apparaat.verify_token(code):
                return apparaat
    return None


class CodeInput(forms.TextInput):
    def format_value(self, value):
        return None  # a code that did not work is not shown again


def code_veld(label="Code uit je app", **extra):
    return forms.CharField(
        label=label,
        max_length=40,
        error_messages={"required": "Vul de code uit je app in."},
        widget=CodeInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
        **extra,
    )


class AanmeldForm(AdminAuthenticationForm):
    """Password and code, checked together (aanmelden/pogingen.py says why)."""

    code = code_veld(
        help_text="De zes cijfers die je app nu toont, of een van je herstelcodes. Werkt de "
        "code uit je app niet, gebruik dan een herstelcode.",
    )
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": "Dit klopt niet. Kijk je gebruikersnaam en wachtwoord na, en neem "
        "de code over die je app nu toont (of gebruik een herstelcode).",
        "nog_een_code": "Nog één code, alsjeblieft.",
    }

    def clean(self):
        naam = self.cleaned_data.get("username")
        wachtwoord = self.cleaned_data.get("password")
        code = self.cleaned_data.get("code")
        if not (naam and wachtwoord and code):
            return self.cleaned_data  # the empty field says what is missing
        gebruiker = authenticate(self.request, username=naam, password=wachtwoord)
        if gebruiker is not None and not gebruiker.is_staff:
            gebruiker = None
        apparaat, browser = None, ""
        if gebruiker is not None:
            browser = bekende_browser(self.request, gebruiker)
            apparaat = controleer_code(gebruiker, code)
            if isinstance(apparaat, TOTPDevice) and not app_codes_toegestaan(gebruiker, browser):
                # Someone keeps trying this password: in a new browser, one more code.
                vraag_nog_een_code(self.request, gebruiker, browser)
                self.request.nog_een_code = True
                raise ValidationError(self.error_messages["nog_een_code"], code="nog_een_code")
        if apparaat is None:
            # A wrong password and a wrong code look the same to whoever is guessing.
            registreer_mislukt(naam, gebruiker, browser)
            raise ValidationError(self.error_messages["invalid_login"], code="invalid_login")
        # django-otp marks the session as verified when the sign-in completes; the admin's
        # login view (BeheerSite.login) sees by this attribute that it did.
        gebruiker.otp_device = apparaat
        self.request.aangemeld_met = apparaat
        self.user_cache = gebruiker
        return self.cleaned_data


class KoppelWachtwoordForm(forms.Form):
    """The first step of an enrolment link: the account's password."""

    wachtwoord = forms.CharField(
        label="Wachtwoord",
        strip=False,
        error_messages={"required": "Vul je wachtwoord in."},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, gebruiker, *args, request=None, **kwargs):
        self.gebruiker = gebruiker
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_wachtwoord(self):
        wachtwoord = self.cleaned_data["wachtwoord"]
        gebruiker = authenticate(
            self.request, username=self.gebruiker.get_username(), password=wachtwoord
        )
        if gebruiker is None or gebruiker.pk != self.gebruiker.pk:
            raise ValidationError("Dit wachtwoord klopt niet.", code="wachtwoord")
        return wachtwoord


class CodeForm(forms.Form):
    code = code_veld(help_text="De zes cijfers die de app nu toont.")
