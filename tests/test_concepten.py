"""Conceptversies: changes to a published werkatelier stay out of sight until they are
published (now or at a moment), and publishing loses nothing that happened meanwhile."""

from datetime import timedelta

import pytest
from django.utils import timezone
from reversion.models import Version

from werkateliers import concepten
from werkateliers.models import Advies, Conceptadvies, Conceptversie, OudAdres
from werkateliers.versies import NIEUW, Stand

pytestmark = pytest.mark.django_db

PRAAT = "Praat mét de inwoner – niet over de inwoner"
TOON_LEF = "Toon lef, neem initiatief – maar houd het doel voor ogen"


@pytest.fixture
def werkatelier(seeds):
    return seeds["integraal-werken"]


def wijzig(werkatelier, gebruiker=None, titel=None, adviezen=None, weg=(), nieuw=()):
    """Write a changed Stand into the werkatelier's conceptversie: adviezen maps a title to
    changed fields, weg lists titles to remove, nieuw lists fields of new adviezen."""
    stand = Stand.van_werkatelier(werkatelier)
    if titel:
        stand.werkatelier["titel"] = titel
    for sleutel, rij in list(stand.adviezen.items()):
        if rij["titel"] in weg:
            del stand.adviezen[sleutel]
        elif rij["titel"] in (adviezen or {}):
            rij.update(adviezen[rij["titel"]])
    for i, velden in enumerate(nieuw):
        stand.adviezen[f"{NIEUW}{i}"] = velden
    return concepten.schrijf(werkatelier, stand, gebruiker)


def test_a_conceptversie_starts_as_a_copy_of_what_is_live(werkatelier, redacteur):
    conceptversie = concepten.begin(werkatelier, redacteur)
    assert conceptversie.titel == werkatelier.titel
    assert conceptversie.adviezen.count() == werkatelier.adviezen.count() == 7
    assert not concepten.verschil_met_live(conceptversie)
    assert concepten.begin(werkatelier, redacteur) == conceptversie  # one per werkatelier


def test_the_public_page_keeps_showing_the_published_version(client, werkatelier, redacteur):
    wijzig(
        werkatelier, redacteur, titel="Integraal samenwerken", adviezen={PRAAT: {"titel": "Nieuw"}}
    )
    html = client.get(werkatelier.get_absolute_url()).content.decode()
    assert "Integraal werken" in html and PRAAT in html
    assert "Integraal samenwerken" not in html
    assert "Nieuw</a>" not in client.get("/adviezen/").content.decode()


def test_the_comparison_with_live_shows_what_publishing_would_change(werkatelier, redacteur):
    conceptversie = wijzig(
        werkatelier,
        redacteur,
        titel="Integraal samenwerken",
        adviezen={PRAAT: {"tekst": "<p>Korter.</p>"}},
        weg=[TOON_LEF],
        nieuw=[
            {
                "titel": "Bel eerst – mail daarna",
                "tekst": "<p>Echt.</p>",
                "doelgroep_id": werkatelier.adviezen.first().doelgroep_id,
                "thema_id": None,
                "positie": 99,
            }
        ],
    )
    verschil = concepten.verschil_met_live(conceptversie)
    assert [(v.veld, v.oud, v.nieuw) for v in verschil.werkatelier] == [
        ("Titel", "Integraal werken", "Integraal samenwerken")
    ]
    soorten = {(a.titel, a.soort) for a in verschil.adviezen}
    assert (PRAAT, "gewijzigd") in soorten
    assert (TOON_LEF, "verwijderd") in soorten
    assert ("Bel eerst – mail daarna", "toegevoegd") in soorten


def test_publishing_makes_it_live_in_one_revision_and_removes_the_conceptversie(
    client, werkatelier, redacteur
):
    praat = werkatelier.adviezen.get(titel=PRAAT)
    conceptversie = wijzig(
        werkatelier,
        redacteur,
        titel="Integraal samenwerken",
        adviezen={PRAAT: {"titel": "Praat mét de inwoner"}},
        weg=[TOON_LEF],
        nieuw=[
            {
                "titel": "Bel eerst – mail daarna",
                "tekst": "<p>Echt.</p>",
                "doelgroep_id": praat.doelgroep_id,
                "thema_id": praat.thema_id,
                "positie": 0,
            }
        ],
    )
    conceptversie.slug = "integraal-samenwerken"
    conceptversie.save()
    concepten.publiceer(conceptversie, redacteur)

    werkatelier.refresh_from_db()
    assert werkatelier.titel == "Integraal samenwerken"
    assert werkatelier.slug == "integraal-samenwerken"
    assert OudAdres.objects.filter(slug="integraal-werken", werkatelier=werkatelier).exists()
    praat.refresh_from_db()  # the same advies, so its address and anchor stay
    assert praat.titel == "Praat mét de inwoner"
    assert not werkatelier.adviezen.filter(titel=TOON_LEF).exists()
    nieuw = werkatelier.adviezen.get(titel="Bel eerst – mail daarna")
    assert nieuw.positie == 1 and praat.positie == 2  # position 0: first
    assert not Conceptversie.objects.exists() and not Conceptadvies.objects.exists()
    versie = Version.objects.get_for_object(werkatelier).first()
    assert versie.revision.get_comment() == "Conceptversie gepubliceerd."
    assert versie.revision.user == redacteur
    assert client.get("/werkateliers/integraal-werken/").status_code == 301
    assert "Bel eerst" in client.get("/werkateliers/integraal-samenwerken/").content.decode()


def test_a_conceptversie_that_cannot_be_published_changes_nothing(werkatelier, redacteur):
    conceptversie = wijzig(werkatelier, redacteur, titel="Anders", adviezen={PRAAT: {"tekst": ""}})
    with pytest.raises(concepten.PublicatieFout) as fout:
        concepten.publiceer(conceptversie, redacteur)
    assert "(‘Praat mét de inwoner – niet over de inwoner’) heeft geen tekst." in str(fout.value)
    werkatelier.refresh_from_db()
    assert werkatelier.titel == "Integraal werken"
    assert Conceptversie.objects.filter(pk=conceptversie.pk).exists()


def test_a_scheduled_conceptversie_is_published_once_its_moment_has_passed(werkatelier, redacteur):
    conceptversie = wijzig(werkatelier, redacteur, titel="Straks anders")
    straks = timezone.now() + timedelta(hours=1)
    concepten.plan(conceptversie, straks, redacteur)
    assert concepten.publiceer_geplande() == 0
    werkatelier.refresh_from_db()
    assert werkatelier.titel == "Integraal werken"
    assert concepten.publiceer_geplande(straks + timedelta(seconds=1)) == 1
    assert concepten.publiceer_geplande(straks + timedelta(seconds=2)) == 0
    werkatelier.refresh_from_db()
    assert werkatelier.titel == "Straks anders"
    versie = Version.objects.get_for_object(werkatelier).first()
    assert versie.revision.get_comment().startswith("Geplande wijzigingen van ")
    assert versie.revision.user == redacteur


def test_a_scheduled_conceptversie_that_cannot_be_published_says_why_and_waits(
    werkatelier, redacteur
):
    conceptversie = wijzig(werkatelier, redacteur, adviezen={PRAAT: {"tekst": ""}})
    concepten.plan(conceptversie, timezone.now() - timedelta(seconds=1), redacteur)
    assert concepten.publiceer_geplande() == 0
    conceptversie.refresh_from_db()
    assert conceptversie.publiceren_op is None
    assert conceptversie.probleem.startswith("Op ")
    assert "heeft geen tekst" in conceptversie.probleem


def test_live_changes_made_meanwhile_are_taken_over_not_undone(werkatelier, redacteur):
    conceptversie = wijzig(
        werkatelier, redacteur, adviezen={PRAAT: {"titel": "Praat mét de inwoner"}}
    )
    # Meanwhile someone fixes a typo live, in another advies.
    toon = werkatelier.adviezen.get(titel=TOON_LEF)
    toon.titel = "Toon lef – neem initiatief"
    toon.save()
    tussendoor = concepten.tussendoor(conceptversie)
    assert [(a.titel, a.soort) for a in tussendoor.adviezen] == [
        ("Toon lef – neem initiatief", "gewijzigd")
    ]
    assert concepten.neem_over(conceptversie, redacteur) == []
    assert not concepten.tussendoor(conceptversie)
    concepten.publiceer(conceptversie, redacteur)
    titels = set(werkatelier.adviezen.values_list("titel", flat=True))
    assert {"Praat mét de inwoner", "Toon lef – neem initiatief"} <= titels


def test_a_scheduled_publication_stops_when_live_and_concept_changed_the_same(
    werkatelier, redacteur
):
    conceptversie = wijzig(werkatelier, redacteur, adviezen={PRAAT: {"titel": "Van het concept"}})
    praat = werkatelier.adviezen.get(titel=PRAAT)
    praat.titel = "Van de site"
    praat.save()
    concepten.plan(conceptversie, timezone.now(), redacteur)
    assert concepten.publiceer_geplande() == 0
    conceptversie.refresh_from_db()
    assert "titel van advies ‘Van het concept’" in conceptversie.probleem
    praat.refresh_from_db()
    assert praat.titel == "Van de site"


def test_the_preview_is_built_in_memory_and_saves_nothing(werkatelier, redacteur):
    doelgroep = werkatelier.adviezen.first().doelgroep_id
    conceptversie = wijzig(
        werkatelier,
        redacteur,
        titel="Voorbeeldtitel",
        nieuw=[
            {
                "titel": "Nieuw – advies",
                "tekst": "<p>x</p>",
                "doelgroep_id": doelgroep,
                "thema_id": None,
                "positie": 0,
            }
        ],
    )
    aantal = Advies.objects.count()
    voorbeeld, adviezen = concepten.voorbeeld(conceptversie)
    assert voorbeeld.titel == "Voorbeeldtitel"
    assert adviezen[0].titel == "Nieuw – advies"
    assert adviezen[0].anker.startswith("advies-nieuw-")
    assert adviezen[1].anker == f"advies-{adviezen[1].pk}"
    assert Advies.objects.count() == aantal
    werkatelier.refresh_from_db()
    assert werkatelier.titel == "Integraal werken"


def test_a_stand_survives_a_token_and_a_forged_one_is_refused(werkatelier):
    stand = Stand.van_werkatelier(werkatelier)
    assert Stand.van_token(stand.als_token()) == stand
    assert Stand.van_token(stand.als_token()[:-2] + "xx") is None
    assert Stand.van_token("") is None


def test_three_way_merge_keeps_both_editors_changes_and_names_a_clash(werkatelier):
    from werkateliers.versies import voeg_samen

    basis = Stand.van_werkatelier(werkatelier)
    hunne, mijne = Stand.van_json(basis.als_json()), Stand.van_json(basis.als_json())
    sleutels = list(basis.adviezen)
    hunne.adviezen[sleutels[0]]["titel"] = "Hun titel"
    hunne.werkatelier["beschrijving"] = "Hun beschrijving"
    mijne.adviezen[sleutels[1]]["titel"] = "Mijn titel"
    mijne.werkatelier["beschrijving"] = "Mijn beschrijving"
    samen, botsingen = voeg_samen(basis, hunne, mijne)
    assert samen.adviezen[sleutels[0]]["titel"] == "Hun titel"
    assert samen.adviezen[sleutels[1]]["titel"] == "Mijn titel"
    assert samen.werkatelier["beschrijving"] == "Mijn beschrijving"
    assert botsingen == ["Korte beschrijving"]


def test_the_sender_that_runs_beside_the_site_publishes_what_is_due(werkatelier, redacteur):
    from django.core.management import call_command

    conceptversie = wijzig(werkatelier, redacteur, titel="Op tijd")
    concepten.plan(conceptversie, timezone.now() - timedelta(seconds=1), redacteur)
    call_command("verstuur_contactberichten", stdout=open("/dev/null", "w"))
    werkatelier.refresh_from_db()
    assert werkatelier.titel == "Op tijd"


def test_public_pages_never_read_a_conceptversie_and_cost_the_same_queries(
    client, werkatelier, redacteur, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    advies = werkatelier.adviezen.first()
    paginas = ["/", "/adviezen/", "/werkateliers/", werkatelier.get_absolute_url(), advies.pad]

    def queries():
        aantallen = {}
        for pagina in paginas:
            with CaptureQueriesContext(connection) as gezien:
                assert client.get(pagina).status_code == 200
            aantallen[pagina] = [q["sql"] for q in gezien.captured_queries]
        return aantallen

    zonder = queries()
    wijzig(werkatelier, redacteur, titel="Anders", adviezen={PRAAT: {"titel": "Ook anders"}})
    met = queries()
    for pagina in paginas:
        assert len(met[pagina]) == len(zonder[pagina]), pagina
        assert not any("conceptversie" in sql or "conceptadvies" in sql for sql in met[pagina])


def test_an_old_version_naming_a_thema_that_is_gone_goes_into_the_conceptversie_without_it(
    werkatelier, redacteur
):
    from tests.factories import ThemaFactory

    weg = ThemaFactory(naam="Verdwenen")
    stand = Stand.van_werkatelier(werkatelier)
    sleutel = next(iter(stand.adviezen))
    stand.adviezen[sleutel]["thema_id"] = weg.pk
    weg.delete()
    conceptversie = concepten.schrijf(werkatelier, stand, redacteur)
    assert conceptversie.adviezen.get(advies_id=int(sleutel)).thema_id is None
