"""Delivering questions with broken neighbours: a mail server that hangs, several senders at
once, a sender killed in the middle, a burst of posts against the limit, oversized bodies.
Each test starts its own mail server on a free port and stops it afterwards."""

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from contact.emails import claim, verstuur_wat_klaarstaat
from contact.models import Contactbericht
from tests.conftest import als_formulier
from tests.smtp import SmtpServer, vrije_poort

GELDIG = {"email": "anne@gemeente.nl", "vraag": "Hoe organiseer ik intervisie?"}


@pytest.fixture
def mailserver(settings):
    """Start a mail server of the given kind on a free port, and stop it afterwards."""
    servers = []

    def start(gedrag="werkt", poort=None):
        poort = poort or vrije_poort()
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", poort, 1
        server = SmtpServer(poort, gedrag)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def omgeving_voor_kind(mailpoort):
    """A child process on the same test database and mail server."""
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    else:
        url = f"sqlite:///{database['NAME']}"
    return {
        **os.environ,
        "DATABASE_URL": url,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mailpoort),
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
    }


def verzender(mailpoort, *extra):
    return subprocess.Popen(
        [sys.executable, "manage.py", "verstuur_contactberichten", *extra],
        cwd=settings.BASE_DIR,
        env=omgeving_voor_kind(mailpoort),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.stapel
@pytest.mark.django_db
def test_a_mail_server_that_never_answers_cannot_make_a_visitor_wait(client, mailserver):
    server = mailserver("zwijgt")
    begin = time.monotonic()
    response = als_formulier(client, "/contact/", GELDIG)
    # Generous: the post only stores the question; it never talks to the mail server.
    assert time.monotonic() - begin < 5
    assert response.status_code == 302
    assert server.verbindingen == 0
    bericht = Contactbericht.objects.get()
    assert bericht.bezorging == Contactbericht.Bezorging.WACHT

    # The sender meets the silent server: it gives up after EMAIL_TIMEOUT and tries later.
    assert verstuur_wat_klaarstaat() == (0, 1)
    bericht.refresh_from_db()
    assert bericht.pogingen == 1
    assert bericht.probleem == "De mailserver antwoordde niet op tijd"
    assert bericht.volgende_poging > timezone.now()
    assert bericht.geclaimd_door == ""


@pytest.mark.stapel
@pytest.mark.django_db
def test_a_failure_is_retried_later_with_a_growing_pause_and_then_delivered(mailserver):
    Contactbericht.objects.create(**GELDIG)
    mailserver("zwijgt")  # sets the mail settings; the sender is pointed elsewhere below
    poort = vrije_poort()  # nothing listens here yet (poort + 1 could be taken)
    from django.test import override_settings

    with override_settings(EMAIL_PORT=poort):
        verstuur_wat_klaarstaat()
        bericht = Contactbericht.objects.get()
        assert bericht.probleem == "De mailserver was niet bereikbaar"
        eerste_pauze = bericht.volgende_poging - timezone.now()
        # Due again: still nothing there, and the next pause is longer.
        Contactbericht.objects.update(volgende_poging=timezone.now())
        verstuur_wat_klaarstaat()
        bericht.refresh_from_db()
        assert bericht.pogingen == 2
        assert bericht.volgende_poging - timezone.now() > eerste_pauze
        server = mailserver("werkt", poort=poort)
        Contactbericht.objects.update(volgende_poging=timezone.now())
        assert verstuur_wat_klaarstaat() == (1, 0)
    bericht.refresh_from_db()
    assert bericht.bezorging == Contactbericht.Bezorging.BEZORGD and bericht.pogingen == 3
    assert len(server.berichten) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_several_senders_at_once_deliver_every_message_exactly_once(mailserver):
    server = mailserver("werkt")
    Contactbericht.objects.bulk_create(
        Contactbericht(email=f"vrager{i}@gemeente.nl", vraag=f"Vraag {i}") for i in range(120)
    )
    zenders = [verzender(server.server_address[1]) for _ in range(4)]
    for zender in zenders:
        _, fout = zender.communicate(timeout=120)
        assert zender.returncode == 0, fout.decode()
    afgeleverd = [
        regel.split(":", 1)[1].strip()
        for mail in server.berichten
        for regel in mail.splitlines()
        if regel.startswith("Message-ID:")
    ]
    assert len(afgeleverd) == 120
    assert len(set(afgeleverd)) == 120  # not one twice
    assert not Contactbericht.objects.onbezorgd().exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_claims_are_exclusive_when_senders_race_for_the_same_messages():
    Contactbericht.objects.bulk_create(
        Contactbericht(email="a@b.nl", vraag=f"Vraag {i}") for i in range(60)
    )
    geclaimd, start = [], threading.Barrier(6)

    def race(naam):
        start.wait()
        try:
            while ids := claim(naam, aantal=7):
                geclaimd.extend(ids)
        finally:
            connection.close()

    threads = [threading.Thread(target=race, args=(f"zender-{i}",)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(geclaimd) == sorted(Contactbericht.objects.values_list("pk", flat=True))


@pytest.mark.stapel
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_sender_killed_in_the_middle_leaves_the_message_to_be_delivered_later(mailserver):
    hangt = mailserver("hangt_na_data")
    Contactbericht.objects.create(**GELDIG)
    zender = verzender(hangt.server_address[1], "--blijf", "--pauze", "0.2")
    try:
        for _ in range(200):  # until the mail server has the mail and the sender waits
            if hangt.half_ontvangen:
                break
            time.sleep(0.05)
        assert hangt.half_ontvangen, "de verzender begon niet"
    finally:
        zender.send_signal(signal.SIGKILL)
        zender.wait(timeout=30)
    bericht = Contactbericht.objects.get()
    assert bericht.bezorging == Contactbericht.Bezorging.WACHT
    assert bericht.geclaimd_door != ""

    # Until its claim runs out, nobody else touches it; then it is delivered, once.
    assert verstuur_wat_klaarstaat() == (0, 0)
    Contactbericht.objects.update(geclaimd_tot=timezone.now() - timedelta(seconds=1))
    werkt = mailserver("werkt")
    from django.test import override_settings

    with override_settings(EMAIL_PORT=werkt.server_address[1]):
        assert verstuur_wat_klaarstaat() == (1, 0)
    assert len(werkt.berichten) == 1
    bericht.refresh_from_db()
    assert bericht.bezorging == Contactbericht.Bezorging.BEZORGD


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_burst_of_simultaneous_posts_never_gets_past_the_limit(live_server, settings):
    settings.CONTACT_MAX_PER_UUR = 5
    start = threading.Barrier(20)
    statussen = []

    def post():
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        formulier = opener.open(live_server.url + "/contact/").read().decode()
        token = formulier.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        verzoek = urllib.request.Request(
            live_server.url + "/contact/",
            data=urlencode({**GELDIG, "csrfmiddlewaretoken": token}).encode(),
            headers={"Referer": live_server.url + "/contact/"},
        )
        start.wait()
        try:
            statussen.append(opener.open(verzoek, timeout=60).status)
        except urllib.error.HTTPError as fout:
            statussen.append(fout.code)

    threads = [threading.Thread(target=post) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert Contactbericht.objects.count() == 5
    assert sorted(statussen) == [200] * 5 + [429] * 15


@pytest.mark.django_db
def test_a_contact_post_over_the_limit_is_refused_before_it_is_read(client):
    response = als_formulier(client, "/contact/", {**GELDIG, "vraag": "x" * (70 * 1024)})
    assert response.status_code == 413
    assert "Je bericht is te lang" in response.content.decode()
    assert not Contactbericht.objects.exists()


@pytest.mark.django_db
def test_a_contact_post_with_a_file_is_refused(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/contact/", {**GELDIG, "bijlage": SimpleUploadedFile("groot.bin", b"\0" * 1000)}
    )
    assert response.status_code == 400
    assert "Dit formulier verstuurt geen bestanden" in response.content.decode()
    assert not Contactbericht.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pad", ["/contact/", "/", "/adviezen/", "/beheer/login/", "/bestaat-niet/"]
)
@pytest.mark.parametrize("tekenset", ["utf-16", "utf-32", "bestaat-niet"])
def test_a_form_body_in_an_unreadable_charset_is_a_400_never_a_500(client, pad, tekenset):
    # generic(): the body as bytes, as a client sends it; post() would encode it itself.
    response = client.generic(
        "POST",
        pad,
        b"email=a%40b.nl&vraag=hoi",
        content_type=f"application/x-www-form-urlencoded; charset={tekenset}",
    )
    assert response.status_code == 400
    assert "We konden je invoer niet lezen" in response.content.decode()
