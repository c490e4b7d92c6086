"""What a beheerder sees of signing in: per account whether its app and recovery codes are
set up, an enrolment link to hand over, and the failed sign-ins of the last week."""

from django.apps import apps
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import (
    AdminPasswordChangeForm,
    ReadOnlyPasswordHashWidget,
    UserChangeForm,
)
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django_otp.plugins.otp_totp.models import TOTPDevice

from praktijkadviezen.beheer import AlleenLezenModelAdmin, BeheerModelAdmin

from .meldingen import meld
from .models import (
    Aanmeldpoging,
    Herstelcode,
    Herstelcodes,
    Kennisgeving,
    Koppellink,
    koppellink_adres,
)

# django-otp's own list of TOTP devices shows each app's secret to whoever may see it,
# under English names; a beheerder works per account instead (below).
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)

User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)

# Permissions are stored with English names ("Can add TOTP device"); the lists of rights on
# a user's and a group's page show them in Dutch, with Dutch names for the two libraries
# that have none.
ACTIES = {"add": "toevoegen", "change": "wijzigen", "delete": "verwijderen", "view": "bekijken"}
NAMEN = {
    "otp_totp": ("Tweestapsverificatie", {"totpdevice": "authenticator-app"}),
    "reversion": ("Versies", {"revision": "revisie", "version": "versie"}),
}


def recht_in_het_nederlands(recht):
    soort = recht.content_type
    app_naam, modellen = NAMEN.get(soort.app_label, (None, {}))
    if app_naam is None:
        try:
            app_naam = apps.get_app_config(soort.app_label).verbose_name
        except LookupError:  # an app that is no longer installed
            app_naam = soort.app_label
    model = soort.model_class()
    model_naam = modellen.get(soort.model) or (model._meta.verbose_name if model else soort.model)
    actie, _, rest = recht.codename.partition("_")
    if actie in ACTIES and rest == soort.model:
        return f"{capfirst(app_naam)} | {model_naam} {ACTIES[actie]}"
    return f"{capfirst(app_naam)} | {recht.name}"


class NederlandseRechten:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        veld = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("user_permissions", "permissions"):
            veld.queryset = veld.queryset.select_related("content_type")
            veld.label_from_instance = recht_in_het_nederlands
        return veld


class WachtwoordZettenForm(AdminPasswordChangeForm):
    """A beheerder sets someone's password. Django's help text for switching passwords off
    ends in an English sentence that its translations cannot reach."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "usable_password" in self.fields:
            self.fields["usable_password"].help_text = (
                "Of dit account zich met een wachtwoord kan aanmelden. "
                '<ul id="id_unusable_warning" class="messagelist"><li class="warning">Zet je '
                "dit uit, dan gaat het huidige wachtwoord van dit account verloren.</li></ul>"
            )


@admin.register(Group)
class GroepAdmin(NederlandseRechten, BeheerModelAdmin, GroupAdmin):
    pass


def stand_van(gebruiker):
    """Per account: its app, its recovery codes and an open enrolment link."""
    return {
        "app": TOTPDevice.objects.filter(user=gebruiker, confirmed=True).first(),
        "herstelcodes": Herstelcodes.objects.filter(user=gebruiker).first(),
        "over": Herstelcode.objects.filter(apparaat__user=gebruiker).count(),
        "koppellink": Koppellink.objects.geldig().filter(gebruiker=gebruiker).first(),
    }


class WachtwoordStand(ReadOnlyPasswordHashWidget):
    """Whether the account has a password, in words: a beheerder has no use for the hash's
    algorithm, salt and first characters that Django shows (random letters, too)."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ingesteld = bool(value) and not value.startswith(UNUSABLE_PASSWORD_PREFIX)
        tekst = "Er is een wachtwoord ingesteld." if ingesteld else "Nog geen wachtwoord."
        context["summary"] = [{"label": tekst}]
        return context


class GebruikerForm(UserChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].widget = WachtwoordStand()


@admin.register(User)
class GebruikerAdmin(NederlandseRechten, BeheerModelAdmin, UserAdmin):
    change_password_form = WachtwoordZettenForm
    form = GebruikerForm
    readonly_fields = ["tweestaps"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [*fieldsets, ("Tweestapsverificatie", {"fields": ["tweestaps"]})]

    @admin.display(description="App en herstelcodes")
    def tweestaps(self, gebruiker):
        stand = stand_van(gebruiker)
        tekst = (
            f"App gekoppeld op {stand['app'].created_at:%d-%m-%Y}"
            if stand["app"] and stand["app"].created_at
            else "App gekoppeld"
            if stand["app"]
            else "Nog geen app gekoppeld"
        )
        return format_html(
            '{}. <a href="{}">Koppellink maken of app verwijderen</a>',
            tekst,
            reverse("admin:auth_user_tweestaps", args=[gebruiker.pk]),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/tweestaps/",
                self.admin_site.admin_view(self.tweestaps_view),
                name="auth_user_tweestaps",
            ),
            *super().get_urls(),
        ]

    def tweestaps_view(self, request, pk):
        gebruiker = get_object_or_404(User, pk=pk)
        if not self.has_change_permission(request, gebruiker):
            raise PermissionDenied
        link = None
        bevestigen = False
        if request.method == "POST":
            actie = request.POST.get("actie")
            if actie == "koppellink":
                koppellink, sleutel = Koppellink.objects.maak(gebruiker, door=request.user)
                meld(gebruiker, Kennisgeving.Soort.KOPPELLINK)
                link = koppellink_adres(sleutel, request)
            elif actie == "verwijderen":
                bevestigen = True  # first ask, as the admin does before deleting
            elif actie == "verwijderen_bevestigd":
                with transaction.atomic():
                    TOTPDevice.objects.filter(user=gebruiker).delete()
                    Herstelcodes.objects.filter(user=gebruiker).delete()
                    meld(gebruiker, Kennisgeving.Soort.TWEESTAPS_UIT)
                messages.success(
                    request,
                    f"De app en herstelcodes van ‘{gebruiker}’ zijn verwijderd. Met een nieuwe "
                    "koppellink stelt dit account een app opnieuw in.",
                )
                return redirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Tweestapsverificatie van {gebruiker}",
            "opts": self.opts,
            "original": gebruiker,
            "account": gebruiker,
            "stand": stand_van(gebruiker),
            "link": link,
            "bevestigen": bevestigen,
        }
        return TemplateResponse(request, "aanmelden/tweestaps_van.html", context)


@admin.register(Aanmeldpoging)
class AanmeldpogingAdmin(AlleenLezenModelAdmin):
    list_display = ["moment", "gebruiker", "wachtwoord_goed", "bekende_browser"]
    list_filter = ["wachtwoord_goed", "moment"]
    list_select_related = ["gebruiker"]
    search_fields = ["gebruiker__username"]
    date_hierarchy = "moment"

    @admin.display(description="bekende browser", boolean=True)
    def bekende_browser(self, poging):
        return bool(poging.browser)
