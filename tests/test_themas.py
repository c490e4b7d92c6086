"""Thema's that stay a useful filter: more thema's for an advies (`ook_over`), thema's used by
more than one werkatelier first, and merging thema's in the admin."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from inhoudsversie.models import Inhoudsversie
from tests.conftest import meld_aan
from tests.factories import AdviesFactory, ThemaFactory, WerkatelierFactory
from werkateliers.models import Advies, OudThemaAdres, Thema

pytestmark = pytest.mark.django_db
THEMAS = "/beheer/werkateliers/thema/"


@pytest.fixture
def themas(uitvoerders, leidinggevenden):
    """ "Praten" under adviezen of two werkateliers, "Netwerken" of one; an advies for
    leidinggevenden without a thema heading, given "Netwerken" for the filters."""
    praten = ThemaFactory(naam="Praten met inwoners", slug="praten")
    netwerk = ThemaFactory(naam="Netwerken", slug="netwerken")
    jong = WerkatelierFactory(titel="Jongeren", slug="jongeren")
    schuld = WerkatelierFactory(titel="Schulden", slug="schulden")
    adviezen = {
        "jong-praten": AdviesFactory(
            werkatelier=jong, doelgroep=uitvoerders, thema=praten, titel="Luister eerst"
        ),
        "jong-leiding": AdviesFactory(
            werkatelier=jong, doelgroep=leidinggevenden, titel="Geef ruimte"
        ),
        "schuld-praten": AdviesFactory(
            werkatelier=schuld, doelgroep=uitvoerders, thema=praten, titel="Vraag door"
        ),
        "schuld-netwerk": AdviesFactory(
            werkatelier=schuld, doelgroep=uitvoerders, thema=netwerk, titel="Ken de buurt"
        ),
    }
    adviezen["jong-leiding"].ook_over.add(netwerk)
    return {"praten": praten, "netwerken": netwerk, "adviezen": adviezen}


def titels(html):
    return re.findall(r'class="resultaat__titel"[^>]*>\s*<a[^>]*>(.*?)</a>', html, flags=re.S)


def test_an_advies_given_a_thema_for_the_filters_is_found_under_it_and_counted(client, themas):
    html = client.get("/adviezen/?thema=netwerken").content.decode()
    assert "Geef ruimte" in html and "Ken de buurt" in html
    assert "Luister eerst" not in html
    assert "2 adviezen over netwerken" in html
    # The choice counts it too, also without the thema chosen.
    html = client.get("/adviezen/").content.decode()
    assert re.search(r'for="thema-netwerken">Netwerken <span class="aantal">\(2\)', html)


def test_a_thema_for_the_filters_keeps_the_filter_for_leidinggevenden(client, themas):
    html = client.get("/adviezen/?doelgroep=leidinggevenden-en-bestuurders").content.decode()
    assert 'id="thema-netwerken"' in html


def test_a_thema_for_the_filters_does_not_change_the_werkatelier_page(client, themas):
    html = client.get("/werkateliers/jongeren/").content.decode()
    # No heading for it: the page keeps its layout (the cards of others may name it).
    assert not re.search(r"<h\d[^>]*>\s*Netwerken", html)
    assert re.search(
        r"<h\d[^>]*>\s*Netwerken", client.get("/werkateliers/schulden/").content.decode()
    )
    assert "Geef ruimte" in html


def test_an_advies_given_its_own_thema_for_the_filters_counts_once(client, themas):
    themas["adviezen"]["jong-praten"].ook_over.add(themas["praten"])
    html = client.get("/adviezen/").content.decode()
    assert re.search(r'for="thema-praten">Praten met inwoners <span class="aantal">\(2\)', html)


def test_the_advies_admin_edits_its_other_thema_s_and_drops_its_own(redacteur_client, themas):
    advies = themas["adviezen"]["jong-praten"]
    pad = f"/beheer/werkateliers/advies/{advies.pk}/change/"
    html = redacteur_client.get(pad).content.decode()
    assert 'name="ook_over"' in html
    antwoord = redacteur_client.post(
        pad,
        {
            "werkatelier": advies.werkatelier_id,
            "doelgroep": advies.doelgroep_id,
            "thema": themas["praten"].pk,
            "ook_over": [themas["praten"].pk, themas["netwerken"].pk],
            "titel": advies.titel,
            "tekst": advies.tekst,
            "positie": advies.positie,
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    assert list(advies.ook_over.all()) == [themas["netwerken"]]


def _groepen(html, kop):
    """The group headings in order, with the thema's under each."""
    delen = re.split(rf"<{kop}[^>]*>(.*?)</{kop}>", html)
    return [
        (delen[i], re.findall(r"\?thema=([\w-]+)|thema-([\w-]+)\"", delen[i + 1]))
        for i in range(1, len(delen), 2)
    ]


def test_home_shows_thema_s_of_more_than_one_werkatelier_first(client, themas):
    ThemaFactory(naam="Aandacht", slug="aandacht")
    AdviesFactory(
        werkatelier=themas["adviezen"]["jong-praten"].werkatelier,
        doelgroep=themas["adviezen"]["jong-praten"].doelgroep,
        thema=Thema.objects.get(slug="aandacht"),
    )
    html = client.get("/").content.decode()
    vaak = html.index(">Vaak gebruikt</h3>")
    een = html.index(">Bij één werkatelier</h3>")
    assert vaak < html.index("?thema=praten") < een
    # Netwerken: one werkatelier under a heading, another given it for the filters.
    assert vaak < html.index("?thema=netwerken") < een
    assert een < html.index("?thema=aandacht")


def test_the_filter_groups_its_thema_s_the_same_way(client, themas):
    ThemaFactory(naam="Aandacht", slug="aandacht")
    AdviesFactory(
        werkatelier=themas["adviezen"]["jong-praten"].werkatelier,
        doelgroep=themas["adviezen"]["jong-praten"].doelgroep,
        thema=Thema.objects.get(slug="aandacht"),
    )
    html = client.get("/adviezen/").content.decode()
    vaak = html.index(">Vaak gebruikt</legend>")
    een = html.index(">Bij één werkatelier</legend>")
    assert vaak < html.index('id="thema-netwerken"') < html.index('id="thema-praten"') < een
    assert een < html.index('id="thema-aandacht"')


def test_one_group_only_has_no_group_headings(client, themas):
    # Within one werkatelier every thema is "bij één werkatelier": nothing to tell apart.
    html = client.get("/adviezen/?werkatelier=schulden").content.decode()
    assert "Vaak gebruikt" not in html and "Bij één werkatelier" not in html
    assert 'id="thema-praten"' in html


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("aantal", [3, 40])
def test_thema_s_for_the_filters_cost_no_queries_more(client, themas, uitvoerders, aantal):
    werkateliers = WerkatelierFactory.create_batch(3)
    extra = ThemaFactory.create_batch(3)
    for i in range(aantal):
        advies = AdviesFactory(werkatelier=werkateliers[i % 3], doelgroep=uitvoerders)
        advies.ook_over.add(extra[i % 3], themas["praten"])
    # As pinned in test_adviezen.py: home 5; /adviezen/ 2, with a thema chosen 3.
    assert _queries(client, "/") == 5
    assert _queries(client, "/adviezen/") == 2
    assert _queries(client, "/adviezen/?thema=praten") == 3


# Merging


def samenvoegen(client, themas, blijft=None):
    gegevens = {"action": "samenvoegen", "_selected_action": [t.pk for t in themas]}
    if blijft is not None:
        gegevens |= {"bevestigd": "ja", "blijft": blijft.pk}
    return client.post(THEMAS, gegevens, follow=blijft is not None)


def test_merging_asks_which_name_remains_in_dutch(redacteur_client, themas):
    html = samenvoegen(redacteur_client, [themas["praten"], themas["netwerken"]]).content.decode()
    assert "Welke naam blijft?" in html
    assert "Praten met inwoners (2 adviezen)" in html
    assert "Netwerken (2 adviezen)" in html  # one under it, one also about it
    assert "Ja, voeg samen" in html
    assert Thema.objects.count() == 2  # nothing happened yet


def test_merging_without_a_choice_asks_again(redacteur_client, themas):
    gegevens = {
        "action": "samenvoegen",
        "_selected_action": [themas["praten"].pk, themas["netwerken"].pk],
        "bevestigd": "ja",
    }
    html = redacteur_client.post(THEMAS, gegevens).content.decode()
    assert "Kies welke naam blijft." in html
    assert Thema.objects.count() == 2


def test_merging_moves_the_adviezen_to_the_thema_that_remains(redacteur_client, themas):
    praten, netwerk = themas["praten"], themas["netwerken"]
    versie = Inhoudsversie.objects.values_list("versie", flat=True).first()
    antwoord = samenvoegen(redacteur_client, [praten, netwerk], blijft=praten)
    assert "2 thema’s samengevoegd tot ‘Praten met inwoners’" in antwoord.content.decode()
    assert list(Thema.objects.all()) == [praten]
    assert Advies.objects.filter(thema=praten).count() == 3
    # Given the old thema for the filters: given the one that remains.
    assert list(themas["adviezen"]["jong-leiding"].ook_over.all()) == [praten]
    assert Inhoudsversie.objects.values_list("versie", flat=True).first() != versie


def test_a_merged_thema_s_address_redirects_for_good(redacteur_client, client, themas):
    praten, netwerk = themas["praten"], themas["netwerken"]
    samenvoegen(redacteur_client, [praten, netwerk], blijft=praten)
    antwoord = client.get("/adviezen/?thema=netwerken&doelgroep=uitvoerders")
    assert antwoord.status_code == 301
    assert antwoord["Location"] == "/adviezen/?doelgroep=uitvoerders&thema=praten"
    assert client.get("/adviezen/afdrukken/?thema=netwerken").status_code == 301
    assert OudThemaAdres.objects.get(slug="netwerken").thema == praten
    # Merged again: the oldest address follows to the newest thema.
    samen = ThemaFactory(naam="Samen", slug="samen")
    samenvoegen(redacteur_client, [praten, samen], blijft=samen)
    antwoord = client.get("/adviezen/?thema=netwerken&thema=praten")
    assert antwoord["Location"] == "/adviezen/?thema=samen"


def test_merging_keeps_the_history_of_each_werkatelier_it_changes(redacteur_client, themas):
    praten, netwerk = themas["praten"], themas["netwerken"]
    samenvoegen(redacteur_client, [praten, netwerk], blijft=netwerk)
    for slug in ("jongeren", "schulden"):
        werkatelier = themas["adviezen"]["jong-praten" if slug == "jongeren" else "schuld-praten"]
        versie = Version.objects.get_for_object(werkatelier.werkatelier).first()
        assert versie is not None, slug
        assert (
            versie.revision.comment == "Thema ‘Praten met inwoners’ samengevoegd met ‘Netwerken’."
        )
        assert versie.revision.user.username == "redacteur"
    html = redacteur_client.get(f"{THEMAS}?o=1").content.decode()
    assert "Praten met inwoners" not in html


def test_only_staff_who_may_change_and_delete_thema_s_can_merge(
    django_user_model, redacteur_client, themas
):
    html = redacteur_client.get(THEMAS).content.decode()
    assert 'value="samenvoegen"' in html
    sec = django_user_model.objects.create_user("sec", password="x" * 14, is_staff=True)
    sec.groups.add(Group.objects.get(name="Secretariaat"))
    client = meld_aan(Client(), sec)
    assert samenvoegen(client, [themas["praten"], themas["netwerken"]]).status_code == 403
    # Someone who may change thema's but not delete them does not get the action.
    lezer = django_user_model.objects.create_user("lezer", password="x" * 14, is_staff=True)
    lezer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_thema", "change_thema"])
    )
    client = meld_aan(Client(), lezer)
    assert 'value="samenvoegen"' not in client.get(THEMAS).content.decode()
    samenvoegen(client, [themas["praten"], themas["netwerken"]], blijft=themas["praten"])
    assert Thema.objects.count() == 2


def test_the_redacteur_group_may_keep_old_thema_addresses(themas):
    redacteur = Group.objects.get(name="Redacteur")
    assert redacteur.permissions.filter(codename="change_oudthemaadres").exists()


def test_the_merge_screens_speak_dutch_with_je(redacteur_client, themas):
    from tests.test_beheer_rechten import ENGELS, _zichtbaar_en_voorgelezen

    schermen = [
        samenvoegen(redacteur_client, [themas["praten"], themas["netwerken"]]),
        redacteur_client.get("/beheer/werkateliers/oudthemaadres/"),
        samenvoegen(redacteur_client, [themas["praten"], themas["netwerken"]], themas["praten"]),
    ]
    for scherm in schermen:
        tekst = _zichtbaar_en_voorgelezen(scherm.content.decode())
        engels = {w for w in re.findall(r"[A-Za-z]+", tekst) if w.lower() in ENGELS}
        assert engels <= {"Link", "link", "Filter", "filter"}, engels
        assert not re.search(r"\b[Uu]w?\b", tekst)


def test_a_thema_s_new_address_keeps_the_old_one_working(redacteur_client, client, themas):
    praten = themas["praten"]
    antwoord = redacteur_client.post(
        f"{THEMAS}{praten.pk}/change/",
        {"naam": "Praten met inwoners", "slug": "in-gesprek", "beschrijving": ""},
    )
    assert antwoord.status_code == 302
    assert client.get("/adviezen/?thema=praten")["Location"] == "/adviezen/?thema=in-gesprek"


def test_a_thema_that_has_an_old_address_now_is_not_redirected(client, themas):
    OudThemaAdres.objects.create(slug="netwerken", thema=themas["praten"])
    antwoord = client.get("/adviezen/?thema=netwerken")
    assert antwoord.status_code == 200
    assert "2 adviezen over netwerken" in antwoord.content.decode()


def test_a_conceptversie_follows_the_merge_and_sees_no_change_made_meanwhile(
    redacteur_client, redacteur, seeds
):
    from werkateliers import concepten

    werkatelier = seeds["integraal-werken"]
    conceptversie = concepten.begin(werkatelier, redacteur)
    oud = Thema.objects.get(naam="Met collega's")
    blijft = ThemaFactory(naam="Samenwerken", slug="samenwerken")
    samenvoegen(redacteur_client, [oud, blijft], blijft=blijft)
    conceptversie.refresh_from_db()
    assert conceptversie.adviezen.filter(thema=blijft).exists()
    assert not conceptversie.adviezen.filter(thema__naam="Met collega's").exists()
    assert not concepten.tussendoor(conceptversie)
    assert not concepten.verschil_met_live(conceptversie)
    concepten.publiceer(conceptversie, redacteur)
    assert werkatelier.adviezen.filter(thema=blijft).exists()


def _zet_terug(client, werkatelier, versie):
    return client.post(
        f"/beheer/werkateliers/werkatelier/{werkatelier.pk}/geschiedenis/{versie.pk}/terugzetten/",
        follow=True,
    )


def test_a_version_from_before_a_merge_comes_back_under_the_thema_it_went_into(
    redacteur_client, themas
):
    from tests.test_versies import bewaar, versies
    from werkateliers.models import Werkatelier

    advies = themas["adviezen"]["jong-praten"]
    werkatelier = advies.werkatelier
    Werkatelier.objects.filter(pk=werkatelier.pk).update(status="concept")
    werkatelier.refresh_from_db()
    bewaar(redacteur_client, werkatelier, **{advies.titel: ("titel", "Luister goed")})
    voor_samenvoegen = versies(werkatelier)[0]
    samenvoegen(redacteur_client, [themas["praten"], themas["netwerken"]], themas["netwerken"])
    bewaar(redacteur_client, werkatelier, **{"Luister goed": ("titel", "Luister nog beter")})
    antwoord = _zet_terug(redacteur_client, werkatelier, voor_samenvoegen)
    assert "is teruggezet als nieuwe versie" in antwoord.content.decode()
    advies.refresh_from_db()
    assert advies.titel == "Luister goed"
    assert advies.thema == themas["netwerken"]
    leiding = themas["adviezen"]["jong-leiding"]
    assert list(leiding.ook_over.all()) == [themas["netwerken"]]


def test_a_version_from_before_a_merge_goes_into_the_conceptversie_with_today_s_thema(
    redacteur_client, themas
):
    from tests.test_versies import bewaar, versies
    from werkateliers.models import Conceptadvies

    advies = themas["adviezen"]["jong-praten"]
    werkatelier = advies.werkatelier
    bewaar(redacteur_client, werkatelier, **{advies.titel: ("titel", "Luister goed")})
    voor_samenvoegen = versies(werkatelier)[0]
    samenvoegen(redacteur_client, [themas["praten"], themas["netwerken"]], themas["netwerken"])
    antwoord = _zet_terug(redacteur_client, werkatelier, voor_samenvoegen)
    assert "staat nu in de conceptversie" in antwoord.content.decode()
    rij = Conceptadvies.objects.get(advies=advies)
    assert rij.thema == themas["netwerken"]


def test_merging_one_thema_asks_for_a_second(redacteur_client, themas):
    antwoord = samenvoegen(redacteur_client, [themas["praten"]])
    assert antwoord.status_code == 302
    html = redacteur_client.get(THEMAS).content.decode()
    assert "Kies minstens twee thema’s om samen te voegen." in html
    assert Thema.objects.count() == 2


def test_the_werkatelier_form_leads_to_each_advies_s_own_form(redacteur_client, themas):
    advies = themas["adviezen"]["jong-praten"]
    html = redacteur_client.get(
        f"/beheer/werkateliers/werkatelier/{advies.werkatelier_id}/change/"
    ).content.decode()
    assert f'href="/beheer/werkateliers/advies/{advies.pk}/change/"' in html
