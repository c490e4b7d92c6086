import pytest

from contact.models import Contactbericht

pytestmark = pytest.mark.django_db

LIJST = "/beheer/contact/contactbericht/"


@pytest.fixture
def bericht():
    return Contactbericht.objects.create(
        email="anne@gemeente.nl", vraag="Waar vind ik meer?", status="verzonden"
    )


def test_secretariaat_reads_the_inbox(secretariaat_client, bericht):
    response = secretariaat_client.get(LIJST)
    assert response.status_code == 200
    assert "anne@gemeente.nl" in response.content.decode()
    detail = secretariaat_client.get(f"{LIJST}{bericht.pk}/change/")
    assert detail.status_code == 200
    assert "Waar vind ik meer?" in detail.content.decode()


def test_inbox_is_read_only(secretariaat_client, bericht):
    assert secretariaat_client.get(f"{LIJST}add/").status_code == 403
    secretariaat_client.post(f"{LIJST}{bericht.pk}/change/", {"vraag": "Gewijzigd"})
    bericht.refresh_from_db()
    assert bericht.vraag == "Waar vind ik meer?"
    assert secretariaat_client.get(f"{LIJST}{bericht.pk}/delete/").status_code == 403


def test_secretariaat_marks_a_message_as_handled(secretariaat_client, bericht):
    response = secretariaat_client.post(
        LIJST, {"action": "markeer_afgehandeld", "_selected_action": [bericht.pk]}, follow=True
    )
    assert "1 bericht(en) gemarkeerd als afgehandeld." in response.content.decode()
    bericht.refresh_from_db()
    assert bericht.status == Contactbericht.Status.AFGEHANDELD
    assert bericht.afgehandeld_op is not None


def test_resend_action_sends_a_failed_message(secretariaat_client, mailoutbox):
    mislukt = Contactbericht.objects.create(email="a@b.nl", vraag="?", status="mislukt", pogingen=1)
    response = secretariaat_client.post(
        LIJST, {"action": "opnieuw_versturen", "_selected_action": [mislukt.pk]}, follow=True
    )
    assert "1 bericht(en) verstuurd." in response.content.decode()
    mislukt.refresh_from_db()
    assert mislukt.status == Contactbericht.Status.VERZONDEN
    assert mislukt.pogingen == 2
    assert len(mailoutbox) == 1


def test_secretariaat_cannot_reach_users_or_content(secretariaat_client):
    assert secretariaat_client.get("/beheer/auth/user/").status_code == 403
    assert secretariaat_client.get("/beheer/werkateliers/werkatelier/").status_code in (403, 404)
