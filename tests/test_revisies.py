"""Every content change makes a revision, whatever way it comes in: the werkatelier's form, an
import (admin or command line), an edit or removal in the list of adviezen, a list action.
A deleted werkatelier comes back as a concept with its old addresses."""

import pytest
from reversion.models import Version

from tests.test_beheer import WERKATELIERS
from tests.test_versies import versies
from werkateliers.models import Advies, OudAdres, Werkatelier

pytestmark = pytest.mark.django_db

ADVIEZEN = "/beheer/werkateliers/advies/"


def laatste(werkatelier):
    return versies(werkatelier)[0]


def test_an_edit_in_the_list_of_adviezen_is_a_revision_of_its_werkatelier(
    redacteur_client, redacteur, seeds
):
    werkatelier = seeds["integraal-werken"]
    advies = werkatelier.adviezen.order_by("positie").first()
    response = redacteur_client.post(
        f"{ADVIEZEN}{advies.pk}/change/",
        {
            "werkatelier": werkatelier.pk,
            "doelgroep": advies.doelgroep_id,
            "thema": advies.thema_id or "",
            "titel": "Praat mét de inwoner",
            "tekst": advies.tekst,
            "positie": advies.positie,
        },
    )
    assert response.status_code == 302
    versie = laatste(werkatelier)
    assert versie.revision.user == redacteur
    assert versie.revision.get_comment().startswith(
        "Advies ‘Praat mét de inwoner’ gewijzigd in de lijst van adviezen"
    )
    assert versie.revision.version_set.filter(content_type__model="advies").count() == 7


def test_removing_adviezen_in_the_list_is_a_revision_per_werkatelier(redacteur_client, seeds):
    eerste, tweede = seeds["integraal-werken"], seeds["werken-met-jongeren"]
    weg = [eerste.adviezen.first().pk, tweede.adviezen.first().pk]
    response = redacteur_client.post(
        ADVIEZEN,
        {"action": "delete_selected", "_selected_action": weg, "post": "yes"},
    )
    assert response.status_code == 302
    assert not Advies.objects.filter(pk__in=weg).exists()
    for werkatelier in (eerste, tweede):
        versie = laatste(werkatelier)
        assert versie.revision.get_comment().startswith("Verwijderd in de lijst van adviezen: ")
        soorten = {v.content_type.model for v in versie.revision.version_set.all()}
        assert soorten == {"werkatelier", "advies"}
        assert (
            versie.revision.version_set.filter(content_type__model="advies").count()
            == werkatelier.adviezen.count()
        )


def test_a_list_action_makes_a_revision_for_each_werkatelier(redacteur_client, redacteur, seeds):
    alle = list(seeds.values())
    response = redacteur_client.post(
        WERKATELIERS,
        {"action": "terug_naar_concept", "_selected_action": [w.pk for w in alle]},
    )
    assert response.status_code == 302
    for werkatelier in alle:
        versie = laatste(werkatelier)
        assert versie.revision.get_comment() == "Teruggezet naar concept."
        assert versie.revision.user == redacteur
        # Its own revision: putting it back never touches the other werkatelier.
        assert versie.revision.version_set.filter(content_type__model="werkatelier").count() == 1
    redacteur_client.post(WERKATELIERS, {"action": "publiceren", "_selected_action": [alle[0].pk]})
    assert laatste(alle[0]).revision.get_comment() == "Gepubliceerd."


def test_a_deleted_werkatelier_comes_back_as_a_concept_with_its_old_addresses(
    redacteur_client, client, seeds
):
    from tests.test_versies import wijzig_live

    werkatelier = seeds["integraal-werken"]
    wijzig_live(redacteur_client, werkatelier, slug="samen")
    pk = werkatelier.pk
    response = redacteur_client.post(f"{WERKATELIERS}{pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert client.get("/werkateliers/samen/").status_code == 404
    assert client.get("/werkateliers/integraal-werken/").status_code == 404

    lijst = redacteur_client.get(f"{WERKATELIERS}recover/").content.decode()
    assert "Verwijderde werkateliers" in lijst and "Integraal werken" in lijst
    versie = Version.objects.get_deleted(Werkatelier).get()
    vraag = redacteur_client.get(f"{WERKATELIERS}recover/{versie.pk}/").content.decode()
    assert "met 7 adviezen en de oude adressen /werkateliers/integraal-werken/" in vraag
    response = redacteur_client.post(f"{WERKATELIERS}recover/{versie.pk}/", follow=True)
    assert "is terug, als concept" in response.content.decode()

    terug = Werkatelier.objects.get(pk=pk)
    assert terug.status == Werkatelier.Status.CONCEPT
    assert terug.slug == "samen" and terug.adviezen.count() == 7
    assert list(terug.oude_adressen.values_list("slug", flat=True)) == ["integraal-werken"]
    assert client.get("/werkateliers/samen/").status_code == 404  # not public until published
    assert laatste(terug).revision.get_comment() == "Teruggehaald na verwijderen, als concept."
    terug.status = Werkatelier.Status.GEPUBLICEERD
    terug.save()
    assert client.get("/werkateliers/integraal-werken/")["Location"] == "/werkateliers/samen/"


def test_a_recovered_werkatelier_whose_address_is_taken_gets_a_free_one(redacteur_client, seeds):
    from tests.factories import WerkatelierFactory

    werkatelier = seeds["integraal-werken"]
    redacteur_client.post(f"{WERKATELIERS}{werkatelier.pk}/delete/", {"post": "yes"})
    WerkatelierFactory(slug="integraal-werken", titel="Een ander")
    versie = Version.objects.get_deleted(Werkatelier).get()
    response = redacteur_client.post(f"{WERKATELIERS}recover/{versie.pk}/", follow=True)
    assert "heeft nu /werkateliers/integraal-werken-2/." in response.content.decode()
    assert Werkatelier.objects.get(pk=werkatelier.pk).slug == "integraal-werken-2"
    assert not OudAdres.objects.filter(slug="integraal-werken").exists()
