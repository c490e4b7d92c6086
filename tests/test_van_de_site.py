"""A werkatelier that must come down does so at once, on Django's side (issue 23 item 1; nginx
in front is deploy/'s part): taken offline, deleted, moved, or changed by the admin's own ways
(list action, restore, a conceptversie published with a new address), the next request gets
the 404 or 301, with the page cache on, for the werkatelier and for its adviezen. And what
answers "gone" or "moved" is never kept by a shared cache."""

import pytest
from django.test import Client

from inhoudsversie.models import vergeet
from praktijkadviezen.paginacache import dichtbij
from tests.conftest import meld_aan
from tests.test_beheer import WERKATELIERS, formulier
from werkateliers import concepten

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def paginacache(settings):
    settings.PAGINACACHE_SECONDEN = 600
    dichtbij.clear()
    vergeet()
    yield
    dichtbij.clear()
    vergeet()


@pytest.fixture
def gezien(client, seeds):
    """The werkatelier and one of its adviezen, each asked twice: in the page cache."""
    werkatelier = seeds["integraal-werken"]
    advies = werkatelier.adviezen.first()
    for adres in (werkatelier.get_absolute_url(), advies.get_absolute_url()) * 2:
        assert client.get(adres).status_code == 200
    assert client.get(werkatelier.get_absolute_url())["X-Paginacache"] == "hit"
    return werkatelier, advies


def niet_te_bewaren(antwoord):
    """A 404 or 301 says no shared cache may keep it."""
    return "private" in antwoord["Cache-Control"] and "X-Accel-Expires" not in antwoord


def test_taken_offline_by_the_list_action_answers_404_at_once(client, gezien, redacteur):
    werkatelier, advies = gezien
    staf = meld_aan(Client(), redacteur)
    staf.post(WERKATELIERS, {"action": "terug_naar_concept", "_selected_action": [werkatelier.pk]})
    for adres in (werkatelier.get_absolute_url(), advies.get_absolute_url()):
        antwoord = client.get(adres)
        assert antwoord.status_code == 404, adres
        assert niet_te_bewaren(antwoord)


def test_deleted_answers_404_at_once(client, gezien, redacteur):
    werkatelier, advies = gezien
    staf = meld_aan(Client(), redacteur)
    staf.post(f"{WERKATELIERS}{werkatelier.pk}/delete/", {"post": "yes"})
    assert client.get(werkatelier.get_absolute_url()).status_code == 404
    assert client.get(advies.get_absolute_url()).status_code == 404


def test_moved_answers_301_at_once_and_the_new_address_200(client, gezien, redacteur):
    werkatelier, advies = gezien
    staf = meld_aan(Client(), redacteur)
    staf.post(f"{WERKATELIERS}{werkatelier.pk}/change/", formulier(werkatelier, slug="samen"))
    antwoord = client.get("/werkateliers/integraal-werken/")
    assert antwoord.status_code == 301 and antwoord["Location"] == "/werkateliers/samen/"
    assert niet_te_bewaren(antwoord)
    assert client.get("/werkateliers/samen/").status_code == 200
    assert client.get(advies.get_absolute_url()).status_code == 200  # its address has no slug


def test_a_conceptversie_published_with_a_new_address_moves_it_at_once(client, gezien, redacteur):
    werkatelier, _ = gezien
    conceptversie = concepten.begin(werkatelier, redacteur)
    conceptversie.slug = "samen"
    conceptversie.save()
    assert client.get("/werkateliers/integraal-werken/").status_code == 200  # not yet
    concepten.publiceer(conceptversie, redacteur)
    assert client.get("/werkateliers/integraal-werken/")["Location"] == "/werkateliers/samen/"


def test_restoring_an_offline_version_takes_it_down_at_once(client, gezien, redacteur):
    from tests.test_versies import versies

    werkatelier, advies = gezien
    staf = meld_aan(Client(), redacteur)
    staf.post(f"{WERKATELIERS}{werkatelier.pk}/change/", formulier(werkatelier, status="concept"))
    offline = versies(werkatelier)[0]
    staf.post(
        f"{WERKATELIERS}{werkatelier.pk}/change/", formulier(werkatelier, status="gepubliceerd")
    )
    assert client.get(werkatelier.get_absolute_url()).status_code == 200
    staf.post(
        f"{WERKATELIERS}{werkatelier.pk}/geschiedenis/{offline.pk}/terugzetten/", {"status": "on"}
    )
    assert client.get(werkatelier.get_absolute_url()).status_code == 404
    assert client.get(advies.get_absolute_url()).status_code == 404
