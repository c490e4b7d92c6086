"""Conceptversies in the admin: save a change to a live werkatelier as a conceptversie, edit,
preview, compare, publish now or at a moment, throw away; every screen says which version it
shows."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone
from reversion.models import Revision

from tests.test_beheer import WERKATELIERS, formulier, rij
from werkateliers.models import Conceptversie

pytestmark = pytest.mark.django_db

CONCEPTEN = "/beheer/werkateliers/conceptversie/"
PRAAT = "Praat mét de inwoner – niet over de inwoner"


@pytest.fixture
def werkatelier(seeds):
    return seeds["integraal-werken"]


def als_concept(client, werkatelier, **wijzigingen):
    data = formulier(werkatelier, _concept="1")
    for titel, (veld, waarde) in wijzigingen.items():
        if veld is None:  # a field of the werkatelier itself
            data[titel] = waarde
        else:
            data[f"adviezen-{rij(data, titel)}-{veld}"] = waarde
    return client.post(f"{WERKATELIERS}{werkatelier.pk}/change/", data)


def concept_formulier(conceptversie, **velden):
    data = {
        "titel": conceptversie.titel,
        "slug": conceptversie.slug,
        "intro": conceptversie.intro,
        "datum": "",
        "beschrijving": conceptversie.beschrijving,
        "_continue": "1",
    }
    rijen = list(conceptversie.adviezen.order_by("doelgroep__volgorde", "positie"))
    data.update(
        {
            "adviezen-TOTAL_FORMS": str(len(rijen)),
            "adviezen-INITIAL_FORMS": str(len(rijen)),
            "adviezen-MIN_NUM_FORMS": "0",
            "adviezen-MAX_NUM_FORMS": "1000",
        }
    )
    for i, advies in enumerate(rijen):
        data.update(
            {
                f"adviezen-{i}-id": str(advies.pk),
                f"adviezen-{i}-conceptversie": str(conceptversie.pk),
                f"adviezen-{i}-doelgroep": str(advies.doelgroep_id),
                f"adviezen-{i}-thema": str(advies.thema_id or ""),
                f"adviezen-{i}-positie": str(advies.positie),
                f"adviezen-{i}-titel": advies.titel,
                f"adviezen-{i}-tekst": advies.tekst,
            }
        )
    data.update(velden)
    return data


def test_a_live_werkatelier_offers_a_conceptversie_and_says_it_is_live(
    redacteur_client, werkatelier
):
    html = redacteur_client.get(f"{WERKATELIERS}{werkatelier.pk}/change/").content.decode()
    assert 'name="_concept"' in html and "Bewaar als conceptversie" in html
    assert "Je bewerkt de <strong>gepubliceerde versie</strong>" in html
    assert "Bewaar en zet direct op de site" in html


def test_a_werkatelier_that_is_not_public_is_edited_directly(redacteur_client, werkatelier):
    werkatelier.status = "concept"
    werkatelier.save()
    html = redacteur_client.get(f"{WERKATELIERS}{werkatelier.pk}/change/").content.decode()
    assert 'name="_concept"' not in html
    assert "bezoekers zien het nog niet" in html


def test_saving_as_conceptversie_leaves_the_site_and_its_history_alone(
    redacteur_client, client, werkatelier
):
    revisies, berichten = Revision.objects.count(), LogEntry.objects.count()
    response = als_concept(
        redacteur_client,
        werkatelier,
        titel=(None, "Integraal samenwerken"),
        **{PRAAT: ("titel", "Praat mét de inwoner")},
    )
    conceptversie = Conceptversie.objects.get()
    assert response.status_code == 302 and response["Location"] == conceptversie.get_absolute_url()
    assert conceptversie.titel == "Integraal samenwerken"
    assert conceptversie.adviezen.filter(titel="Praat mét de inwoner").exists()
    werkatelier.refresh_from_db()
    assert werkatelier.titel == "Integraal werken"
    assert PRAAT in client.get(werkatelier.get_absolute_url()).content.decode()
    assert Revision.objects.count() == revisies and LogEntry.objects.count() == berichten
    lijst = redacteur_client.get(WERKATELIERS).content.decode()
    assert f'<a href="{conceptversie.get_absolute_url()}">wijzigingen in concept</a>' in lijst


def test_a_conceptversie_cannot_change_status_or_moment(redacteur_client, werkatelier):
    response = als_concept(redacteur_client, werkatelier, status=(None, "concept"))
    assert response.status_code == 200
    assert "Een conceptversie verandert alleen de inhoud." in response.content.decode()
    assert not Conceptversie.objects.exists()


def test_the_conceptversie_page_says_which_version_it_is_and_saves_only_the_concept(
    redacteur_client, werkatelier
):
    als_concept(redacteur_client, werkatelier, titel=(None, "Integraal samenwerken"))
    conceptversie = Conceptversie.objects.get()
    pagina = redacteur_client.get(conceptversie.get_absolute_url()).content.decode()
    assert "Je bewerkt de <strong>conceptversie</strong> van ‘Integraal werken’" in pagina
    assert 'name="stand"' in pagina
    werkatelier_pagina = redacteur_client.get(f"{WERKATELIERS}{werkatelier.pk}/change/")
    assert "Er is een conceptversie van dit werkatelier" in werkatelier_pagina.content.decode()
    assert 'name="_concept"' not in werkatelier_pagina.content.decode()

    data = concept_formulier(conceptversie, beschrijving="Nieuwe beschrijving.")
    response = redacteur_client.post(conceptversie.get_absolute_url(), data)
    assert response["Location"] == conceptversie.get_absolute_url()  # saved, and still open
    data = concept_formulier(conceptversie, beschrijving="Nieuwe beschrijving.", _save="1")
    del data["_continue"]
    response = redacteur_client.post(conceptversie.get_absolute_url(), data, follow=True)
    assert response.redirect_chain[-1][0] == f"{WERKATELIERS}{werkatelier.pk}/change/"
    conceptversie.refresh_from_db()
    assert conceptversie.beschrijving == "Nieuwe beschrijving."
    werkatelier.refresh_from_db()
    assert werkatelier.beschrijving == ""


def test_compare_and_preview_show_the_conceptversie_against_the_site(redacteur_client, werkatelier):
    als_concept(redacteur_client, werkatelier, titel=(None, "Integraal samenwerken"))
    conceptversie = Conceptversie.objects.get()
    html = redacteur_client.get(f"{CONCEPTEN}{conceptversie.pk}/vergelijken/").content.decode()
    assert (
        '<th scope="row">Titel</th><td>Integraal <del>werken</del> <ins>samenwerken</ins></td>'
        in html
    )

    omhulsel = redacteur_client.get(f"{CONCEPTEN}{conceptversie.pk}/voorbeeld/?breedte=telefoon")
    assert "frame-src 'self'" in omhulsel["Content-Security-Policy"]
    assert 'class="voorbeeld-scherm voorbeeld-telefoon"' in omhulsel.content.decode()
    pagina = redacteur_client.get(f"{CONCEPTEN}{conceptversie.pk}/voorbeeld/pagina/")
    assert pagina["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in pagina["Content-Security-Policy"]
    inhoud = pagina.content.decode()
    assert '<h1 class="nl-heading nl-heading--level-1">Integraal samenwerken</h1>' in inhoud
    assert "Dit is de conceptversie: bezoekers zien nog de gepubliceerde versie" in inhoud
    # Every other admin page keeps refusing to be framed.
    assert redacteur_client.get(conceptversie.get_absolute_url())["X-Frame-Options"] == "DENY"


def test_publishing_now_puts_the_conceptversie_on_the_site(redacteur_client, client, werkatelier):
    als_concept(redacteur_client, werkatelier, titel=(None, "Integraal samenwerken"))
    conceptversie = Conceptversie.objects.get()
    pagina = redacteur_client.get(f"{CONCEPTEN}{conceptversie.pk}/publiceren/").content.decode()
    assert "Dit verandert er op de site" in pagina and "Publiceer wijzigingen nu" in pagina
    response = redacteur_client.post(
        f"{CONCEPTEN}{conceptversie.pk}/publiceren/", {"nu": "1"}, follow=True
    )
    assert "De wijzigingen staan op de site." in response.content.decode()
    assert not Conceptversie.objects.exists()
    assert "Integraal samenwerken" in client.get(werkatelier.get_absolute_url()).content.decode()


def test_publishing_at_a_moment_needs_a_moment_to_come(redacteur_client, werkatelier):
    als_concept(redacteur_client, werkatelier, titel=(None, "Integraal samenwerken"))
    conceptversie = Conceptversie.objects.get()
    adres = f"{CONCEPTEN}{conceptversie.pk}/publiceren/"
    gisteren = timezone.localtime() - timedelta(days=1)
    response = redacteur_client.post(
        adres,
        {"plannen": "1", "moment_0": gisteren.strftime("%d-%m-%Y"), "moment_1": "09:00"},
    )
    assert "Dit moment is al voorbij." in response.content.decode()
    morgen = timezone.localtime() + timedelta(days=1)
    response = redacteur_client.post(
        adres,
        {"plannen": "1", "moment_0": morgen.strftime("%d-%m-%Y"), "moment_1": "09:00"},
        follow=True,
    )
    assert "Gepland: de wijzigingen komen op " in response.content.decode()
    conceptversie.refresh_from_db()
    assert timezone.localtime(conceptversie.publiceren_op).hour == 9
    lijst = redacteur_client.get(WERKATELIERS).content.decode()
    assert "wijzigingen gepland voor " in lijst


def test_throwing_a_conceptversie_away_shows_what_is_lost_first(redacteur_client, werkatelier):
    als_concept(redacteur_client, werkatelier, titel=(None, "Integraal samenwerken"))
    conceptversie = Conceptversie.objects.get()
    adres = f"{CONCEPTEN}{conceptversie.pk}/weggooien/"
    assert "<ins>samenwerken</ins>" in redacteur_client.get(adres).content.decode()
    response = redacteur_client.post(adres, follow=True)
    assert "De conceptversie is weggegooid. Op de site is niets veranderd." in (
        response.content.decode()
    )
    assert not Conceptversie.objects.exists()
    werkatelier.refresh_from_db()
    assert werkatelier.titel == "Integraal werken"


def test_only_staff_who_edit_werkateliers_reach_conceptversies(
    redacteur_client, django_user_model, werkatelier
):
    from django.contrib.auth.models import Group
    from django.test import Client

    from tests.conftest import meld_aan

    secretaris = django_user_model.objects.create_user("sec", password="x" * 14, is_staff=True)
    secretaris.groups.add(Group.objects.get(name="Secretariaat"))
    secretariaat_client, client = meld_aan(Client(), secretaris), Client()
    als_concept(redacteur_client, werkatelier, titel=(None, "Integraal samenwerken"))
    conceptversie = Conceptversie.objects.get()
    for pad in ["", "voorbeeld/", "voorbeeld/pagina/", "vergelijken/", "publiceren/", "weggooien/"]:
        adres = f"{CONCEPTEN}{conceptversie.pk}/{pad}"
        if pad == "":
            adres += "change/"
        assert redacteur_client.get(adres).status_code == 200, adres
        assert secretariaat_client.get(adres).status_code == 403, adres
        assert client.get(adres).status_code == 302, adres  # to the sign-in page
    assert (
        secretariaat_client.post(
            f"{CONCEPTEN}{conceptversie.pk}/publiceren/", {"nu": "1"}
        ).status_code
        == 403
    )
    assert Conceptversie.objects.exists()


def test_odd_addresses_in_the_beheer_answer_not_found_not_an_error(redacteur_client, werkatelier):
    for adres in [
        f"{CONCEPTEN}abc/voorbeeld/",
        f"{CONCEPTEN}999/publiceren/",
        f"{WERKATELIERS}abc/history/",
        f"{WERKATELIERS}{werkatelier.pk}/geschiedenis/999/",
        f"{WERKATELIERS}{werkatelier.pk}/geschiedenis/999/terugzetten/",
        f"{WERKATELIERS}recover/999/",
    ]:
        antwoord = redacteur_client.get(adres, follow=True)
        # 404, or Django's own "does not exist" on the list it sends you back to.
        assert antwoord.status_code in (200, 404), adres
        assert antwoord.status_code == 404 or "bestaat niet" in antwoord.content.decode(), adres
