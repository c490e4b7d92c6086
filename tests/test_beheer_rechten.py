"""What each group may reach and change in /beheer/, and that every screen speaks the
site's Dutch."""

import re

import pytest
from django.contrib.auth.models import Group
from django.http import Http404
from django.test import Client

from tests.conftest import meld_aan
from tests.test_versies import bewaar

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(django_user_model):
    return django_user_model.objects.create_superuser("beheerder", password="Beheer-2026-geheim")


def client_voor(gebruiker):
    return meld_aan(Client(), gebruiker)


@pytest.fixture
def secretariaat(django_user_model):
    gebruiker = django_user_model.objects.create_user("sec", password="x" * 14, is_staff=True)
    gebruiker.groups.add(Group.objects.get(name="Secretariaat"))
    return gebruiker


def test_a_redacteur_edits_content_but_only_reads_doelgroepen(redacteur, seeds):
    client = client_voor(redacteur)
    doelgroep = seeds["integraal-werken"].adviezen.first().doelgroep
    assert client.get("/beheer/werkateliers/doelgroep/").status_code == 200
    html = client.get(f"/beheer/werkateliers/doelgroep/{doelgroep.pk}/change/").content.decode()
    assert 'name="naam"' not in html  # read-only: no field to type in
    assert client.get("/beheer/werkateliers/doelgroep/add/").status_code == 403
    assert client.get(f"/beheer/werkateliers/doelgroep/{doelgroep.pk}/delete/").status_code == 403
    for pad in ("werkatelier", "thema", "advies"):
        assert client.get(f"/beheer/werkateliers/{pad}/add/").status_code == 200, pad
    for pad in ("/beheer/auth/user/", "/beheer/auth/group/", "/beheer/contact/contactbericht/"):
        assert client.get(pad).status_code == 403, pad


def test_no_edit_delete_or_add_icons_where_a_redacteur_cannot_act(redacteur, seeds):
    client = client_voor(redacteur)
    werkatelier = seeds["integraal-werken"]
    html = client.get(f"/beheer/werkateliers/werkatelier/{werkatelier.pk}/change/").content.decode()
    assert 'id="change_id_adviezen-0-doelgroep"' not in html
    assert 'id="delete_id_adviezen-0-doelgroep"' not in html
    assert 'id="add_id_adviezen-0-doelgroep"' not in html
    # For thema's, which a Redacteur may change, they are there.
    assert 'id="add_id_adviezen-0-thema"' in html


def test_a_beheerder_may_change_doelgroepen_and_users(beheerder, seeds):
    client = client_voor(beheerder)
    doelgroep = seeds["integraal-werken"].adviezen.first().doelgroep
    html = client.get(f"/beheer/werkateliers/doelgroep/{doelgroep.pk}/change/").content.decode()
    assert 'name="naam"' in html
    assert client.get("/beheer/auth/user/").status_code == 200


def test_the_secretariaat_reaches_only_the_inbox(secretariaat, seeds):
    client = client_voor(secretariaat)
    assert client.get("/beheer/contact/contactbericht/").status_code == 200
    for pad in (
        "/beheer/werkateliers/werkatelier/",
        "/beheer/werkateliers/thema/",
        "/beheer/werkateliers/doelgroep/",
        "/beheer/werkateliers/werkatelier/importeren/",
        "/beheer/auth/user/",
    ):
        assert client.get(pad).status_code in (302, 403), pad
    assert 'href="/beheer/werkateliers/' not in client.get("/beheer/").content.decode()


ENGELS = {
    "add", "change", "delete", "select", "view", "history", "search", "model", "name", "save",
    "home", "yes", "object", "objects", "selected", "welcome", "password", "link",
    "filter", "action", "go", "run", "today", "now", "show", "hide", "previous", "next", "the",
}  # fmt: skip


def _zichtbaar_en_voorgelezen(html):
    html = re.sub(r"<script.*?</script>|<style.*?</style>", "", html, flags=re.S)
    attributen = re.findall(r'(?:aria-label|title|alt|placeholder)="([^"]*)"', html)
    knoppen = re.findall(r'<input[^>]+type="(?:submit|button)"[^>]*value="([^"]*)"', html)
    tekst = re.sub(r"<[^>]+>", " ", html)
    return " ".join([tekst, *attributen, *knoppen])


def test_every_screen_staff_use_speaks_dutch_with_je(redacteur, seeds):
    client = client_voor(redacteur)
    werkatelier = seeds["integraal-werken"]
    bewaar(client, werkatelier)
    bewaar(client, werkatelier)
    from reversion.models import Version

    versie = Version.objects.get_for_object(werkatelier).order_by("-pk")[0]
    advies = werkatelier.adviezen.first()
    for pad in (
        "/beheer/",
        "/beheer/werkateliers/",
        "/beheer/werkateliers/werkatelier/",
        "/beheer/werkateliers/werkatelier/?status_nu=gepland",
        f"/beheer/werkateliers/werkatelier/{werkatelier.pk}/change/",
        f"/beheer/werkateliers/werkatelier/{werkatelier.pk}/history/",
        f"/beheer/werkateliers/werkatelier/{werkatelier.pk}/geschiedenis/{versie.pk}/",
        f"/beheer/werkateliers/werkatelier/{werkatelier.pk}/delete/",
        "/beheer/werkateliers/werkatelier/importeren/",
        "/beheer/werkateliers/thema/",
        f"/beheer/werkateliers/thema/{advies.thema_id}/change/",
        "/beheer/werkateliers/doelgroep/",
        "/beheer/werkateliers/advies/",
        f"/beheer/werkateliers/advies/{advies.pk}/change/",
        "/beheer/tweestaps/herstelcodes/",
    ):
        tekst = _zichtbaar_en_voorgelezen(client.get(pad).content.decode())
        # The seeds' own words quote "U kunt hier komen …"; our own screens say je.
        tekst = tekst.replace("‘U kunt hier komen als u een probleem heeft met …’", "")
        tekst = tekst.replace("‘De gemeente helpt u graag met …’", "")
        engels = {w for w in re.findall(r"[A-Za-z]+", tekst) if w.lower() in ENGELS}
        assert engels <= {"Link", "link", "Filter", "filter"}, (pad, engels)
        assert not re.search(r"\b[Uu]w?\b", tekst), (
            pad,
            re.findall(r".{30}\b[Uu]w?\b.{30}", tekst),
        )
        for fout in (
            "De werkatelier",
            "De thema",
            "Geselecteerde thema",
            "Slug",
            "Voorpagina",
            "Selecteer",
        ):
            assert fout not in tekst, (pad, fout)


def test_messages_after_saving_say_je_and_need_no_article(redacteur, seeds):
    client = client_voor(redacteur)
    werkatelier = seeds["integraal-werken"]
    response = bewaar(
        client,
        werkatelier,
        **{"Praat mét de inwoner – niet over de inwoner": ("titel", "Praat mét de inwoner")},
    )
    bericht = re.sub(r"<[^>]+>", "", " ".join(m.message for m in response.wsgi_request._messages))
    assert bericht == "‘Integraal werken’ is gewijzigd."
    thema = werkatelier.adviezen.exclude(thema=None).first().thema
    response = client.post(
        f"/beheer/werkateliers/thema/{thema.pk}/change/",
        {"naam": thema.naam, "slug": thema.slug, "beschrijving": "", "_continue": "1"},
        follow=True,
    )
    html = re.sub(r"<[^>]+>", "", response.content.decode())
    assert "‘Praten met inwoners’ is gewijzigd. Je kunt het hieronder verder bewerken." in html


def test_a_preview_needs_the_second_factor_too(client, redacteur, secretariaat, uitvoerders):
    from tests.factories import WerkatelierFactory

    werkatelier = WerkatelierFactory(titel="Nog geheim", concept=True)
    url = f"/werkateliers/{werkatelier.slug}/voorbeeld/"
    # A stranger: the page does not exist.
    assert client.get(url).status_code == 404
    # Staff signed in with a password only: first the second factor.
    client.force_login(redacteur)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/beheer/login/?next={url}"
    # Both factors, but no right to see werkateliers: it does not exist either.
    assert client_voor(secretariaat).get(url).status_code == 404
    response = client_voor(redacteur).get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_helper_for_staff_pages_outside_the_admin_works_on_any_view(rf, redacteur):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from praktijkadviezen.beheer import alleen_beheer

    @alleen_beheer()
    def pagina(request):
        return HttpResponse("geheim")

    verzoek = rf.get("/iets/")
    verzoek.user = AnonymousUser()
    with pytest.raises(Http404):
        pagina(verzoek)
    verzoek.user = redacteur
    redacteur.is_verified = lambda: True
    assert pagina(verzoek).content == b"geheim"
    redacteur.is_verified = lambda: False
    assert pagina(verzoek).status_code == 302


NIET_VOOR_DE_BEHEERDER = {"totp", "otp", "axes", "device", "devices", "token", "tokens", "static"}


def test_everything_the_beheerder_sees_around_accounts_is_dutch(beheerder, redacteur):
    from aanmelden.models import Aanmeldpoging

    client = client_voor(beheerder)
    Aanmeldpoging.objects.create(gebruiker=redacteur, wachtwoord_goed=True)
    index = client.get("/beheer/").content.decode()
    assert "Mislukte aanmeldingen" in index
    for pad in (
        "/beheer/",
        "/beheer/auth/",
        "/beheer/auth/user/",
        f"/beheer/auth/user/{redacteur.pk}/change/",
        f"/beheer/auth/user/{redacteur.pk}/tweestaps/",
        f"/beheer/auth/user/{redacteur.pk}/password/",
        "/beheer/auth/group/",
        "/beheer/aanmelden/",
        "/beheer/aanmelden/aanmeldpoging/",
        "/beheer/password_change/",
        "/beheer/tweestaps/herstelcodes/",
    ):
        response = client.get(pad)
        assert response.status_code == 200, pad
        tekst = _zichtbaar_en_voorgelezen(response.content.decode())
        woorden = {w.lower() for w in re.findall(r"[A-Za-z]+", tekst)}
        assert not woorden & (ENGELS | NIET_VOOR_DE_BEHEERDER) - {"link", "filter"}, (
            pad,
            woorden & (ENGELS | NIET_VOOR_DE_BEHEERDER),
        )
        assert not re.search(r"\b[Uu]w?\b", tekst), (
            pad,
            re.findall(r".{30}\b[Uu]w?\b.{30}", tekst),
        )
    # The password as a sentence, not the hash's algorithm, salt and first characters (random
    # letters, which once read as the English word "go").
    wachtwoord = _zichtbaar_en_voorgelezen(
        client.get(f"/beheer/auth/user/{redacteur.pk}/change/").content.decode()
    )
    assert "Er is een wachtwoord ingesteld." in wachtwoord
    assert not re.search(r"\b(salt|hash|algoritme|md5)\b", wachtwoord)
    # django-otp's own list of apps (with each secret) is not in the admin at all.
    assert client.get("/beheer/otp_totp/totpdevice/").status_code == 404


def test_new_recovery_codes_are_in_the_user_menu(redacteur_client):
    html = redacteur_client.get("/beheer/").content.decode()
    menu = re.search(r'<div id="user-tools">(.*?)</div>', html, re.S).group(1)
    assert '<a href="/beheer/tweestaps/herstelcodes/">Herstelcodes</a>' in menu
    assert "Wachtwoord wijzigen" in menu and "Afmelden" in menu
    html = redacteur_client.get("/beheer/tweestaps/herstelcodes/").content.decode()
    assert "Je hebt nog geen herstelcodes." in html
    assert 'value="Maak nieuwe herstelcodes"' in html


def _beheer_adressen(werkatelier):
    """Every address of /beheer/ without parameters, and the change page of each list."""
    from django.contrib import admin
    from django.urls import URLPattern, URLResolver, reverse

    adressen = []

    def loop(patronen, voor=""):
        for patroon in patronen:
            if isinstance(patroon, URLResolver):
                loop(patroon.url_patterns, voor + str(patroon.pattern))
            elif isinstance(patroon, URLPattern) and "<" not in str(patroon.pattern):
                adressen.append("/beheer/" + voor + str(patroon.pattern).lstrip("^").rstrip("$"))

    loop(admin.site.get_urls())
    adressen.append(reverse("admin:werkateliers_werkatelier_change", args=[werkatelier.pk]))
    return adressen


OPEN_VOOR_IEDEREEN = {"/beheer/login/", "/beheer/logout/", "/beheer/nog-een-code/"}


def test_no_staff_page_opens_with_a_password_alone(client, redacteur, seeds):
    werkatelier = seeds["integraal-werken"]
    client.force_login(redacteur)  # a session without a second factor
    adressen = [a for a in _beheer_adressen(werkatelier) if a not in OPEN_VOOR_IEDEREEN]
    assert len(adressen) > 20
    for adres in adressen:
        response = client.get(adres)
        assert response.status_code == 302, adres
        assert response["Location"].startswith("/beheer/login/"), adres
    assert client.get(f"/werkateliers/{werkatelier.slug}/voorbeeld/").status_code == 302
