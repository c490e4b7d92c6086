"""Revisions: every save is one revision with who and when; compare shows what changed, as
a diff of words; putting an old version back is a new revision and loses nothing."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from reversion.models import Revision, Version

from tests.conftest import meld_aan
from tests.test_beheer import WERKATELIERS, formulier, rij
from werkateliers.models import Advies, Werkatelier

pytestmark = pytest.mark.django_db


def bewaar(client, werkatelier, **wijzigingen):
    data = formulier(werkatelier)
    for titel, (veld, waarde) in wijzigingen.items():
        data[f"adviezen-{rij(data, titel)}-{veld}"] = waarde
    response = client.post(f"{WERKATELIERS}{werkatelier.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    return response


def versies(werkatelier):
    return list(Version.objects.get_for_object(werkatelier).order_by("-pk"))


PRAAT = "Praat mét de inwoner – niet over de inwoner"


def test_a_save_is_one_revision_with_who_and_the_werkatelier_with_all_its_adviezen(
    redacteur_client, redacteur, seeds
):
    werkatelier = seeds["integraal-werken"]
    eerder = Revision.objects.count()
    bewaar(redacteur_client, werkatelier, **{PRAAT: ("titel", "Praat mét de inwoner")})
    assert Revision.objects.count() == eerder + 1
    revisie = Revision.objects.latest("pk")
    assert revisie.user == redacteur
    opgeslagen = {v.content_type.model for v in revisie.version_set.all()}
    assert opgeslagen == {"werkatelier", "advies"}
    assert revisie.version_set.filter(content_type__model="advies").count() == 7


def test_an_untouched_save_saves_nothing_even_with_the_editor_s_own_spelling(
    redacteur_client, seeds
):
    from inhoudsversie.models import Inhoudsversie

    werkatelier = seeds["integraal-werken"]
    eerder = Revision.objects.count()
    bewaar(redacteur_client, werkatelier)
    assert Revision.objects.count() == eerder  # nothing changed: no revision, no history line
    versie = Inhoudsversie.objects.get().versie
    data = formulier(werkatelier)
    # What a browser sends back: other line ends and whitespace between the paragraphs.
    for sleutel, waarde in list(data.items()):
        if sleutel.endswith("-tekst") or sleutel == "intro":
            data[sleutel] = waarde.replace("</p><p>", "</p>\r\n<p>") + "\r\n"
    data["_continue"] = "1"
    response = redacteur_client.post(f"{WERKATELIERS}{werkatelier.pk}/change/", data, follow=True)
    assert "Er was niets veranderd, dus er is niets bewaard." in response.content.decode()
    assert not LogEntry.objects.filter(object_id=str(werkatelier.pk)).exists()
    assert Revision.objects.count() == eerder
    assert Inhoudsversie.objects.get().versie == versie  # no cached page went out of date


def test_compare_shows_only_what_changed_old_to_new_with_a_word_diff(redacteur_client, seeds):
    werkatelier = seeds["integraal-werken"]
    bewaar(redacteur_client, werkatelier)
    advies = werkatelier.adviezen.get(titel=PRAAT)
    data = formulier(werkatelier, titel="Integraal samenwerken")
    data[f"adviezen-{rij(data, PRAAT)}-tekst"] = advies.tekst.replace(
        "oprecht luisteren", "echt luisteren"
    )
    redacteur_client.post(f"{WERKATELIERS}{werkatelier.pk}/change/", data)
    nieuw = versies(werkatelier)[0]
    html = redacteur_client.get(
        f"{WERKATELIERS}{werkatelier.pk}/geschiedenis/{nieuw.pk}/"
    ).content.decode()
    assert (
        '<th scope="row">Titel</th><td>Integraal <del>werken</del> <ins>samenwerken</ins></td>'
        in html
    )
    assert "persoon, <del>oprecht</del> <ins>echt</ins> luisteren en" in html
    assert html.count('<th scope="row">') == 2  # the two fields that changed, nothing else
    assert PRAAT in html and "gewijzigd" in html
    # The breadcrumbs lead back to the history it came from.
    geschiedenis = f"{WERKATELIERS}{werkatelier.pk}/history/"
    assert f'<a href="{geschiedenis}">Geschiedenis</a> ›\n  Vergelijken' in html


def test_compare_says_so_when_nothing_changed(redacteur_client, seeds):
    # Saves that changed nothing make no revision any more, but older histories hold them.
    werkatelier = seeds["integraal-werken"]
    nieuw = versies(werkatelier)[0]
    html = redacteur_client.get(
        f"{WERKATELIERS}{werkatelier.pk}/geschiedenis/{nieuw.pk}/?met={nieuw.pk}"
    )
    assert "Er is niets aan de inhoud veranderd." in html.content.decode()


def test_one_click_puts_an_old_version_back_as_a_new_revision_losing_nothing(
    redacteur_client, seeds
):
    werkatelier = seeds["integraal-werken"]
    bewaar(redacteur_client, werkatelier)
    oud = versies(werkatelier)[0]
    # A mistake: a title lost, two adviezen swapped, one advies deleted.
    data = formulier(werkatelier, titel="Fout")
    toon, organiseer = (
        rij(data, "Toon lef, neem initiatief – maar houd het doel voor ogen"),
        rij(data, "Organiseer samenwerking – investeer in collega’s"),
    )
    data[f"adviezen-{toon}-positie"], data[f"adviezen-{organiseer}-positie"] = "4", "3"
    data[f"adviezen-{rij(data, PRAAT)}-DELETE"] = "on"
    data["status"] = "concept"
    redacteur_client.post(f"{WERKATELIERS}{werkatelier.pk}/change/", data)
    assert werkatelier.adviezen.count() == 6

    geschiedenis = redacteur_client.get(f"{WERKATELIERS}{werkatelier.pk}/history/").content.decode()
    assert "Zet deze versie terug" in geschiedenis
    adres = f"{WERKATELIERS}{werkatelier.pk}/geschiedenis/{oud.pk}/terugzetten/"
    vooraf = redacteur_client.get(adres).content.decode()
    assert "<del>Fout</del> <ins>Integraal werken</ins>" in vooraf
    assert "Ook de status: gepubliceerd." in vooraf and 'name="webadres"' not in vooraf
    response = redacteur_client.post(adres, {"status": "on"})
    assert response.status_code == 302
    werkatelier.refresh_from_db()
    assert werkatelier.titel == "Integraal werken"
    assert werkatelier.status == Werkatelier.Status.GEPUBLICEERD
    titels = list(
        werkatelier.adviezen.filter(doelgroep__slug="uitvoerders")
        .order_by("positie")
        .values_list("titel", flat=True)
    )
    assert titels[0] == PRAAT and titels[2].startswith("Toon lef")
    # Three versions: the first, the mistake, and the restore; the mistake is still there.
    alle = versies(werkatelier)
    assert len(alle) == 3
    assert alle[0].revision.get_comment().startswith("Versie van ")
    assert alle[1].field_dict["titel"] == "Fout"


def test_the_search_words_follow_a_restored_text(redacteur_client, seeds):
    werkatelier = seeds["integraal-werken"]
    bewaar(redacteur_client, werkatelier)
    oud = versies(werkatelier)[0]
    advies = werkatelier.adviezen.get(titel=PRAAT)
    data = formulier(werkatelier)
    data[f"adviezen-{rij(data, PRAAT)}-tekst"] = "<p>Vervangen door iets anders.</p>"
    data["status"] = "concept"  # not on the site, so the old version goes straight back
    redacteur_client.post(f"{WERKATELIERS}{werkatelier.pk}/change/", data)
    redacteur_client.post(f"{WERKATELIERS}{werkatelier.pk}/geschiedenis/{oud.pk}/terugzetten/")
    advies.refresh_from_db()
    assert advies.tekst_plat.startswith("Als je echt wilt weten")
    assert Advies.objects.search("checklist").filter(pk=advies.pk).exists()


def test_restoring_needs_the_right_to_change(redacteur_client, seeds, django_user_model):
    from django.contrib.auth.models import Group
    from django.test import Client

    werkatelier = seeds["integraal-werken"]
    bewaar(redacteur_client, werkatelier)
    versie = versies(werkatelier)[0]
    secretariaat = django_user_model.objects.create_user("sec", password="x" * 12, is_staff=True)
    secretariaat.groups.add(Group.objects.get(name="Secretariaat"))
    secretariaat_client = Client()
    meld_aan(secretariaat_client, secretariaat)
    adres = f"{WERKATELIERS}{werkatelier.pk}/geschiedenis/{versie.pk}/terugzetten/"
    assert redacteur_client.get(adres).status_code == 200  # what would change, and a button
    assert secretariaat_client.get(adres).status_code == 403
    assert secretariaat_client.post(adres).status_code == 403
    assert secretariaat_client.get(f"{WERKATELIERS}{werkatelier.pk}/history/").status_code == 403


def test_a_command_line_import_is_the_first_version_in_the_history(seeds):
    revisie = versies(seeds["integraal-werken"])[-1].revision
    assert revisie.get_comment() == "Geïmporteerd vanaf de commandoregel."
    assert revisie.version_set.filter(content_type__model="advies").count() == 7


def wijzig_live(client, werkatelier, **velden):
    data = formulier(werkatelier, **velden)
    assert client.post(f"{WERKATELIERS}{werkatelier.pk}/change/", data).status_code == 302
    werkatelier.refresh_from_db()


def test_restoring_a_live_werkatelier_puts_the_old_version_in_its_conceptversie(
    redacteur_client, client, seeds
):
    from werkateliers.models import Conceptversie

    werkatelier = seeds["integraal-werken"]
    oud = versies(werkatelier)[0]
    wijzig_live(redacteur_client, werkatelier, titel="Integraal samenwerken", slug="samen")
    response = redacteur_client.post(
        f"{WERKATELIERS}{werkatelier.pk}/geschiedenis/{oud.pk}/terugzetten/"
    )
    conceptversie = Conceptversie.objects.get()
    assert response["Location"] == conceptversie.get_absolute_url()
    assert conceptversie.titel == "Integraal werken"
    assert conceptversie.slug == "samen"  # the address stays unless ticked
    werkatelier.refresh_from_db()
    assert werkatelier.titel == "Integraal samenwerken" and werkatelier.is_public
    assert "Integraal samenwerken" in client.get("/werkateliers/samen/").content.decode()


def test_the_old_address_comes_back_only_when_ticked_and_the_current_one_keeps_working(
    redacteur_client, client, seeds
):
    werkatelier = seeds["integraal-werken"]
    oud = versies(werkatelier)[0]
    wijzig_live(redacteur_client, werkatelier, slug="samen")
    wijzig_live(redacteur_client, werkatelier, status="concept")  # off the site: direct restore
    adres = f"{WERKATELIERS}{werkatelier.pk}/geschiedenis/{oud.pk}/terugzetten/"
    assert (
        "Ook het webadres: /werkateliers/integraal-werken/ in plaats van /werkateliers/samen/"
        in (redacteur_client.get(adres).content.decode())
    )
    redacteur_client.post(adres, {"webadres": "on", "status": "on"})
    werkatelier.refresh_from_db()
    assert werkatelier.slug == "integraal-werken" and werkatelier.is_public
    assert client.get("/werkateliers/samen/")["Location"] == "/werkateliers/integraal-werken/"


def test_restoring_without_ticking_keeps_address_status_and_every_old_address(
    redacteur_client, client, seeds
):
    werkatelier = seeds["integraal-werken"]
    oud = versies(werkatelier)[0]
    wijzig_live(redacteur_client, werkatelier, titel="Anders", slug="anders")
    wijzig_live(redacteur_client, werkatelier, status="concept")
    redacteur_client.post(f"{WERKATELIERS}{werkatelier.pk}/geschiedenis/{oud.pk}/terugzetten/")
    werkatelier.refresh_from_db()
    assert werkatelier.titel == "Integraal werken"
    assert werkatelier.slug == "anders" and werkatelier.status == "concept"
    assert list(werkatelier.oude_adressen.values_list("slug", flat=True)) == ["integraal-werken"]


def test_the_history_s_restore_links_are_named_with_their_visible_text(redacteur_client, seeds):
    werkatelier = seeds["integraal-werken"]
    wijzig_live(redacteur_client, werkatelier, titel="Anders")
    html = redacteur_client.get(f"{WERKATELIERS}{werkatelier.pk}/history/").content.decode()
    assert re.search(
        r'>Zet deze versie terug<span class="visueel-verborgen"> \(van \d+ \w+ \d{4}, \d\d:\d\d\)</span>…</a>',
        html,
    )
    assert "aria-label" not in html.split('<table class="versies">')[1]
