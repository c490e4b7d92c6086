"""Every staff screen, in Chromium under the production settings: axe-core finds no WCAG 2.1
A/AA violation, and nothing serious or critical it could not decide either ("incomplete":
axe's own word for what a person must check, which we fix rather than leave)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group
from django.test import Client
from reversion.models import Version

from contact.models import Contactbericht
from tests.conftest import WCAG_21_AA, meld_aan, meld_aan_in_browser, met_app, schermafdruk
from tests.test_beheer import WERKATELIERS, formulier
from tests.test_browser_redactie import LUISTER
from werkateliers.models import Conceptversie, OudAdres, Werkatelier

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ERNSTIG = {"serious", "critical"}


def bevindingen(page):
    """axe's violations, and its incomplete results that are serious or critical."""
    uitslag = (
        Axe()
        .run(
            page,
            options={
                "runOnly": {"type": "tag", "values": WCAG_21_AA},
                "resultTypes": ["violations", "incomplete"],
            },
        )
        .response
    )
    regels = []
    for soort, lijst in (
        ("violation", uitslag["violations"]),
        ("incomplete", uitslag["incomplete"]),
    ):
        for regel in lijst:
            if soort == "incomplete" and regel["impact"] not in ERNSTIG:
                continue
            doelen = ", ".join(str(n["target"]) for n in regel["nodes"][:5])
            regels.append(f"{soort} {regel['id']} ({regel['impact']}): {regel['help']} – {doelen}")
    return regels


@pytest.fixture
def inhoud(seeds, redacteur):
    """A werkatelier with a history, a conceptversie, an old address, a deleted one, and
    questions: something on every screen."""
    werkatelier = seeds["integraal-werken"]
    staf = meld_aan(Client(), redacteur)
    data = formulier(werkatelier, beschrijving="Over samenwerken.")
    staf.post(f"{WERKATELIERS}{werkatelier.pk}/change/", data)
    staf.post(
        f"{WERKATELIERS}{werkatelier.pk}/change/",
        formulier(werkatelier, _concept="1", titel="Integraal samenwerken"),
    )
    OudAdres.objects.create(slug="integraal", werkatelier=werkatelier)
    jongeren = seeds["werken-met-jongeren"]
    weg = Werkatelier.objects.create(titel="Weg", slug="weg")
    import reversion

    with reversion.create_revision():
        weg.save()
    weg.delete()
    Contactbericht.objects.create(
        naam="Anne", email="anne@gemeente.nl", vraag="Waar vind ik meer?", werkatelier=werkatelier
    )
    return {
        "werkatelier": werkatelier,
        "jongeren": jongeren,
        "conceptversie": Conceptversie.objects.get(),
        "versie": Version.objects.get_for_object(werkatelier).order_by("pk")[0],
        "verwijderd": Version.objects.get_deleted(Werkatelier).get(),
        "advies": werkatelier.adviezen.first(),
        "bericht": Contactbericht.objects.get(),
    }


def paginas_van_de_redactie(inhoud):
    w, c, a = inhoud["werkatelier"], inhoud["conceptversie"], inhoud["advies"]
    return {
        "start": "/beheer/",
        "werkateliers": WERKATELIERS,
        "werkatelier": f"{WERKATELIERS}{w.pk}/change/",
        "werkatelier-nieuw": f"{WERKATELIERS}add/",
        "werkatelier-verwijderen": f"{WERKATELIERS}{inhoud['jongeren'].pk}/delete/",
        "geschiedenis": f"{WERKATELIERS}{w.pk}/history/",
        "vergelijken": f"{WERKATELIERS}{w.pk}/geschiedenis/{Version.objects.get_for_object(w).order_by('-pk')[0].pk}/",
        "terugzetten": f"{WERKATELIERS}{w.pk}/geschiedenis/{inhoud['versie'].pk}/terugzetten/",
        "importeren": f"{WERKATELIERS}importeren/",
        "verwijderde": f"{WERKATELIERS}recover/",
        "terughalen": f"{WERKATELIERS}recover/{inhoud['verwijderd'].pk}/",
        "conceptversies": "/beheer/werkateliers/conceptversie/",
        "conceptversie": f"/beheer/werkateliers/conceptversie/{c.pk}/change/",
        "conceptversie-voorbeeld": f"/beheer/werkateliers/conceptversie/{c.pk}/voorbeeld/",
        "conceptversie-vergelijken": f"/beheer/werkateliers/conceptversie/{c.pk}/vergelijken/",
        "conceptversie-publiceren": f"/beheer/werkateliers/conceptversie/{c.pk}/publiceren/",
        "conceptversie-weggooien": f"/beheer/werkateliers/conceptversie/{c.pk}/weggooien/",
        "adviezen": "/beheer/werkateliers/advies/",
        "advies": f"/beheer/werkateliers/advies/{a.pk}/change/",
        "thema's": "/beheer/werkateliers/thema/",
        "thema": f"/beheer/werkateliers/thema/{a.thema_id}/change/",
        "doelgroepen": "/beheer/werkateliers/doelgroep/",
        "doelgroep": f"/beheer/werkateliers/doelgroep/{a.doelgroep_id}/change/",
        "oude-adressen": "/beheer/werkateliers/oudadres/",
        "herstelcodes": "/beheer/tweestaps/herstelcodes/",
        "wachtwoord": "/beheer/password_change/",
        "geen-toegang": "/beheer/contact/contactbericht/",
    }


def loop_langs(page, live_server, paginas, breedte):
    """Each page at this width: a screenshot of its first screen, then axe over the whole page
    at once (the window as tall as the page). In a window of one screen, the editor's toolbar,
    which stays in view while its text scrolls under it, makes axe undecided about that text."""
    fouten = {}
    for naam, pad in paginas.items():
        page.set_viewport_size({"width": breedte, "height": 900})
        # Loaded (scripts, styles and fonts too): the admin fetches nothing afterwards, so
        # waiting for half a second of network silence on each page bought nothing.
        page.goto(live_server.url + pad, wait_until="load")
        schermafdruk(page, f"beheer-axe-{naam}-{breedte}", volledig=False)
        hoogte = page.evaluate("document.documentElement.scrollHeight")
        page.set_viewport_size({"width": breedte, "height": max(900, min(hoogte, 16000))})
        if gevonden := bevindingen(page):
            fouten[f"{naam} ({pad}, {breedte} px)"] = gevonden
    return fouten


@pytest.mark.parametrize("breedte", [1280, 375])
def test_every_screen_of_the_redactie_passes_axe_with_its_undecided_results(
    page, live_server, inhoud, breedte
):
    page.add_init_script(LUISTER)
    page.goto(live_server.url + "/beheer/login/")
    fouten = {}
    if gevonden := bevindingen(page):
        fouten["aanmelden"] = gevonden
    meld_aan_in_browser(page, live_server.url)
    fouten |= loop_langs(page, live_server, paginas_van_de_redactie(inhoud), breedte)
    assert not fouten, "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in fouten.items())
    assert page.evaluate("window.__csp || []") == []


@pytest.mark.parametrize("breedte", [1280, 375])
def test_every_screen_of_the_secretariaat_and_the_beheerder_passes_axe(
    page, live_server, inhoud, django_user_model, breedte
):
    sec = django_user_model.objects.create_user(
        "sec", password="Secretariaat-2026-geheim", is_staff=True
    )
    sec.groups.add(Group.objects.get(name="Secretariaat"))
    met_app(sec)
    baas = django_user_model.objects.create_superuser("baas", password="Beheer-2026-geheim-!")
    met_app(baas)
    bericht = inhoud["bericht"]
    page.add_init_script(LUISTER)
    meld_aan_in_browser(page, live_server.url, "sec", "Secretariaat-2026-geheim")
    fouten = loop_langs(
        page,
        live_server,
        {
            "start-secretariaat": "/beheer/",
            "inbox": "/beheer/contact/contactbericht/",
            "inbox-nieuw": "/beheer/contact/contactbericht/?behandeling__exact=nieuw",
            "vraag": f"/beheer/contact/contactbericht/{bericht.pk}/change/",
        },
        breedte,
    )
    page.context.clear_cookies()
    meld_aan_in_browser(page, live_server.url, "baas", "Beheer-2026-geheim-!")
    fouten |= loop_langs(
        page,
        live_server,
        # The accounts, groups and sign-in pages have their own sweep (tests/test_aanmelden.py).
        {
            "start-beheerder": "/beheer/",
            "contactbericht-verwijderen": f"/beheer/contact/contactbericht/{bericht.pk}/delete/",
        },
        breedte,
    )
    assert not fouten, "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in fouten.items())
    assert page.evaluate("window.__csp || []") == []
