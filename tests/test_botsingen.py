"""No lost work: a save over someone else's newer save is refused, with both sets of changes
shown and the editor's own laid over the newer version, ready to save again."""

import re

import pytest
from django.test import Client

from tests.conftest import meld_aan
from tests.test_beheer import WERKATELIERS, formulier, rij
from werkateliers.models import Conceptversie, Werkatelier

pytestmark = pytest.mark.django_db

PRAAT = "Praat mét de inwoner – niet over de inwoner"
TOON_LEF = "Toon lef, neem initiatief – maar houd het doel voor ogen"


@pytest.fixture
def twee(redacteur, django_user_model):
    from django.contrib.auth.models import Group

    bert = django_user_model.objects.create_user("bert", password="x" * 14, is_staff=True)
    bert.first_name = "Bert"
    bert.save()
    bert.groups.add(Group.objects.get(name="Redacteur"))
    return meld_aan(Client(), redacteur), meld_aan(Client(), bert)


def token(client, adres):
    html = client.get(adres).content.decode()
    return re.search(r'name="stand" value="([^"]+)"', html).group(1)


def test_the_form_carries_the_version_it_was_made_from(redacteur_client, seeds):
    werkatelier = seeds["integraal-werken"]
    assert token(redacteur_client, f"{WERKATELIERS}{werkatelier.pk}/change/")


def test_a_save_over_a_newer_save_is_refused_and_keeps_both_changes(twee, seeds):
    anne, bert = twee
    werkatelier = seeds["integraal-werken"]
    adres = f"{WERKATELIERS}{werkatelier.pk}/change/"
    # Both open the form; Anne changes the werkatelier's description in hers.
    annes = formulier(werkatelier, stand=token(anne, adres), beschrijving="Over samenwerken.")
    berts = formulier(werkatelier, stand=token(bert, adres))
    # Bert saves first: another title for one advies.
    berts[f"adviezen-{rij(berts, TOON_LEF)}-titel"] = "Toon lef – neem initiatief"
    assert bert.post(adres, berts).status_code == 302

    response = anne.post(adres, annes)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Niet bewaard: iemand anders was je voor" in html
    assert "Nadat jij dit formulier opende, heeft Bert op " in html
    assert "<ins>Over samenwerken.</ins>" in html  # hers
    assert "Toon lef – neem initiatief" in html  # his
    werkatelier.refresh_from_db()
    assert werkatelier.beschrijving == ""  # nothing of hers was saved

    # Her form now holds his change and hers; saving it again goes through.
    opnieuw = response.context["adminform"].form.data
    assert opnieuw["beschrijving"] == "Over samenwerken."
    titels = [v for k, v in opnieuw.items() if k.endswith("-titel")]
    assert "Toon lef – neem initiatief" in titels and TOON_LEF not in titels
    assert anne.post(adres, opnieuw).status_code == 302
    werkatelier.refresh_from_db()
    assert werkatelier.beschrijving == "Over samenwerken."
    assert werkatelier.adviezen.filter(titel="Toon lef – neem initiatief").exists()


def test_when_both_change_the_same_field_it_is_named_and_hers_stays_in_the_form(twee, seeds):
    anne, bert = twee
    werkatelier = seeds["integraal-werken"]
    adres = f"{WERKATELIERS}{werkatelier.pk}/change/"
    annes = formulier(werkatelier, stand=token(anne, adres), titel="Van Anne")
    berts = formulier(werkatelier, stand=token(bert, adres), titel="Van Bert")
    assert bert.post(adres, berts).status_code == 302
    response = anne.post(adres, annes)
    html = response.content.decode()
    assert "<strong>Jullie veranderden allebei:</strong> Titel." in html
    assert response.context["adminform"].form.data["titel"] == "Van Anne"
    assert Werkatelier.objects.get(pk=werkatelier.pk).titel == "Van Bert"


def test_an_advies_removed_by_one_and_changed_by_the_other_is_not_lost(twee, seeds):
    anne, bert = twee
    werkatelier = seeds["integraal-werken"]
    adres = f"{WERKATELIERS}{werkatelier.pk}/change/"
    annes = formulier(werkatelier, stand=token(anne, adres))
    annes[f"adviezen-{rij(annes, PRAAT)}-titel"] = "Praat mét de inwoner"
    berts = formulier(werkatelier, stand=token(bert, adres))
    berts[f"adviezen-{rij(berts, PRAAT)}-DELETE"] = "on"
    berts["status"] = "concept"  # publication checks aside
    assert bert.post(adres, berts).status_code == 302
    response = anne.post(adres, annes)
    assert "Jullie veranderden allebei:" in response.content.decode()
    opnieuw = response.context["adminform"].form.data
    assert "Praat mét de inwoner" in [v for k, v in opnieuw.items() if k.endswith("-titel")]
    assert anne.post(adres, opnieuw).status_code == 302
    assert werkatelier.adviezen.filter(titel="Praat mét de inwoner").exists()


def test_a_conceptversie_is_guarded_the_same_way(twee, seeds):
    from tests.test_conceptbeheer import concept_formulier

    anne, bert = twee
    werkatelier = seeds["integraal-werken"]
    anne.post(f"{WERKATELIERS}{werkatelier.pk}/change/", formulier(werkatelier, _concept="1"))
    conceptversie = Conceptversie.objects.get()
    adres = conceptversie.get_absolute_url()
    annes = concept_formulier(conceptversie, stand=token(anne, adres), beschrijving="Van Anne.")
    berts = concept_formulier(conceptversie, stand=token(bert, adres), titel="Van Bert")
    assert bert.post(adres, berts).status_code == 302
    response = anne.post(adres, annes)
    assert "Niet bewaard: iemand anders was je voor" in response.content.decode()
    conceptversie.refresh_from_db()
    assert conceptversie.titel == "Van Bert" and conceptversie.beschrijving == ""
    assert anne.post(adres, response.context["adminform"].form.data).status_code == 302
    conceptversie.refresh_from_db()
    assert conceptversie.titel == "Van Bert" and conceptversie.beschrijving == "Van Anne."


def test_a_conceptversie_begun_meanwhile_is_not_overwritten_from_the_live_form(twee, seeds):
    anne, bert = twee
    werkatelier = seeds["integraal-werken"]
    adres = f"{WERKATELIERS}{werkatelier.pk}/change/"
    annes = token(anne, adres)
    bert.post(adres, formulier(werkatelier, _concept="1", titel="Van Bert"))
    response = anne.post(adres, formulier(werkatelier, _concept="1", stand=annes, titel="Van Anne"))
    assert "Er is al een conceptversie van dit werkatelier." in response.content.decode()
    assert Conceptversie.objects.get().titel == "Van Bert"
