"""The admin (/beheer/) as the fund's staff use it: its site, the rule that every staff page
needs both factors, and what every screen shares.

Signing in itself (the form, enrolment links, recovery codes, the throttle, sessions,
password rules, mails about changes) lives in the app `aanmelden`; docs/beheer.md explains
it for staff.
"""

from functools import wraps

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.text import capfirst

from aanmelden import sessies
from aanmelden import views as aanmelden_views
from aanmelden.forms import AanmeldForm
from aanmelden.meldingen import meld
from aanmelden.models import Herstelcode, Herstelcodes, Kennisgeving
from aanmelden.pogingen import onthoud_browser
from contact.models import Contactbericht

# Below this many recovery codes the start page suggests making new ones.
WEINIG_HERSTELCODES = 3


def heeft_beheertoegang(request, permissie=None):
    """Whether this request comes from an active staff account signed in with both factors
    (the admin's own rule, BeheerSite.has_permission), holding `permissie` if one is named."""
    return admin.site.has_permission(request) and (
        permissie is None or request.user.has_perm(permissie)
    )


def alleen_beheer(permissie=None):
    """For a staff page outside /beheer/ (a preview of what is not public yet): only for
    staff signed in with both factors who hold `permissie`. Anyone else gets a 404, as if the
    page did not exist; a staff account that has not given its second factor in this session
    is sent to sign in first. The answer is never kept by a cache.

        @alleen_beheer("werkateliers.view_werkatelier")
        def werkatelier_voorbeeld(request, slug): ...
    """

    def decorator(view):
        @wraps(view)
        def alleen_voor_beheer(request, *args, **kwargs):
            if not heeft_beheertoegang(request, permissie):
                gebruiker = request.user
                if gebruiker.is_active and gebruiker.is_staff and not gebruiker.is_verified():
                    return redirect_to_login(request.get_full_path(), reverse("admin:login"))
                raise Http404
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            return response

        return alleen_voor_beheer

    return decorator


class BeheerSite(admin.AdminSite):
    site_header = "Praktijkadviezen – beheer"
    site_title = "Praktijkadviezen beheer"
    index_title = "Wat wil je doen?"
    login_form = AanmeldForm

    def has_permission(self, request):
        return super().has_permission(request) and request.user.is_verified()

    def login(self, request, extra_context=None):
        response = super().login(request, extra_context)
        if getattr(request, "nog_een_code", False):  # set by AanmeldForm
            return redirect("admin:nog_een_code")
        # Set by AanmeldForm when password and code were right: the session starts now.
        apparaat = getattr(request, "aangemeld_met", None)
        if apparaat is not None and request.user.is_authenticated:
            sessies.begin(request)
            onthoud_browser(request, response, request.user)
            if isinstance(apparaat, Herstelcodes):
                meld(
                    request.user,
                    Kennisgeving.Soort.HERSTELCODE_GEBRUIKT,
                    over=apparaat.codes.count(),
                )
        return response

    def index(self, request, extra_context=None):
        """The start page, with what waits in the secretariaat's inbox, and a word when the
        recovery codes run out."""
        extra = {}
        if request.user.has_perm("contact.view_contactbericht"):
            berichten = Contactbericht.objects
            extra["inbox"] = {
                "nieuw": berichten.filter(behandeling=Contactbericht.Behandeling.NIEUW).count(),
                "onbezorgd": berichten.onbezorgd().count(),
                "te_lang": berichten.te_lang_onbezorgd().count(),
            }
        herstelcodes = Herstelcode.objects.filter(apparaat__user=request.user).count()
        if herstelcodes < WEINIG_HERSTELCODES:
            extra["herstelcodes_over"] = herstelcodes
        return super().index(request, {**extra, **(extra_context or {})})

    def get_urls(self):
        return [
            # Before signing in: whoever holds the link and the password.
            path("koppelen/<str:sleutel>/", aanmelden_views.koppelen, name="koppelen"),
            path("nog-een-code/", aanmelden_views.nog_een_code, name="nog_een_code"),
            path(
                "tweestaps/herstelcodes/",
                self.admin_view(aanmelden_views.herstelcodes),
                name="tweestaps_herstelcodes",
            ),
            *super().get_urls(),
        ]


class BeheerModelAdmin(admin.ModelAdmin):
    """A list's title is what it holds ("Werkateliers"), not Django's "Select … to change",
    which is wrong where staff may only read."""

    def changelist_view(self, request, extra_context=None):
        titel = capfirst(self.model._meta.verbose_name_plural)
        return super().changelist_view(request, {"title": titel, **(extra_context or {})})


class AlleenLezenModelAdmin(BeheerModelAdmin):
    """A list staff read and never add to, change or delete from here: what the site
    records by itself (sign-in attempts, searches, counts of subscriptions)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
