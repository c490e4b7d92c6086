"""Delivering questions with broken neighbours: a mail server that hangs, several senders at
once, a sender killed in the middle, a burst of posts against the limit, oversized bodies.
Each test starts its own mail server on a free port and stops it afterwards."""

import os
import signal
import smtplib
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
    afgeleverd = message_ids(server)
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
def test_a_sender_killed_in_the_middle_is_taken_over_at_once_by_the_next_one(mailserver):
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
    assert bericht.geclaimd_tot > timezone.now() + timedelta(minutes=4)

    # Another sender leaves the claim alone; the sender started in its place (same host,
    # same name) takes it over at once, without waiting for the claim to run out.
    assert verstuur_wat_klaarstaat() == (0, 0)
    werkt = mailserver("werkt")
    opnieuw = verzender(werkt.server_address[1])
    _, fout = opnieuw.communicate(timeout=60)
    assert opnieuw.returncode == 0, fout.decode()
    assert len(werkt.berichten) == 1
    bericht.refresh_from_db()
    assert bericht.bezorging == Contactbericht.Bezorging.BEZORGD


def message_ids(*servers):
    return [
        regel.split(":", 1)[1].strip()
        for server in servers
        for mail in server.berichten
        for regel in mail.splitlines()
        if regel.startswith("Message-ID:")
    ]


@pytest.mark.stapel
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_sender_killed_again_and_again_mid_send_delivers_every_question_once(mailserver):
    """SIGKILL while the sender is in the middle of a mail (the server takes its time before
    it accepts the sender), three times, each time started again: every question arrives,
    none twice."""
    server = mailserver("traag")
    Contactbericht.objects.bulk_create(
        Contactbericht(email=f"vrager{i}@gemeente.nl", vraag=f"Vraag {i}") for i in range(10)
    )
    poort = server.server_address[1]
    gedood = 0
    for _ in range(3):
        server.bezig.clear()
        zender = verzender(poort, "--blijf", "--pauze", "0.1")
        assert server.bezig.wait(30), "de verzender begon niet"
        zender.send_signal(signal.SIGKILL)
        zender.wait(timeout=30)
        gedood += 1
    zender = verzender(poort, "--blijf", "--pauze", "0.1")
    try:
        einde = time.monotonic() + 30
        while Contactbericht.objects.onbezorgd().exists() and time.monotonic() < einde:
            time.sleep(0.1)
    finally:
        zender.terminate()
        zender.wait(timeout=30)
    afgeleverd = message_ids(server)
    dubbel = len(afgeleverd) - len(set(afgeleverd))
    print(
        f"\n{gedood}× gedood midden in een mail: {len(set(afgeleverd))} van 10 bezorgd, {dubbel} dubbel"
    )
    assert not Contactbericht.objects.onbezorgd().exists()
    assert len(set(afgeleverd)) == 10
    assert dubbel == 0


@pytest.mark.stapel
@pytest.mark.django_db
@pytest.mark.parametrize("gedrag, kopieen", [("zwijgt", 0), ("hangt_na_data", 1)])
def test_a_silent_server_meets_one_message_per_round_and_then_each_once(
    mailserver, gedrag, kopieen
):
    """A server that accepts the connection and never answers (`zwijgt`) gets no mail at all;
    one that takes the mail and never says it has it (`hangt_na_data`) may keep a copy of
    each attempt. The first message that runs into it ends the round, so the others add no
    copies of their own; when the server is back, every question goes out once."""
    stil = mailserver(gedrag)
    Contactbericht.objects.bulk_create(
        Contactbericht(email=f"vrager{i}@gemeente.nl", vraag=f"Vraag {i}") for i in range(5)
    )
    assert verstuur_wat_klaarstaat() == (0, 1)
    assert len(stil.half_ontvangen) == kopieen
    assert Contactbericht.objects.filter(pogingen=0, geclaimd_door="").count() == 4
    from django.test import override_settings

    werkt = mailserver("werkt")
    with override_settings(EMAIL_PORT=werkt.server_address[1]):
        Contactbericht.objects.update(volgende_poging=timezone.now())
        assert verstuur_wat_klaarstaat() == (5, 0)
    print(f"\n{gedrag}: {len(stil.half_ontvangen)} van 5 vragen mogelijk dubbel")
    assert (
        sorted(message_ids(werkt)) == sorted(set(message_ids(werkt))) and len(werkt.berichten) == 5
    )


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


# --- Claims, names, pauses and what the secretariaat reads (no mail server needed) ----------


def test_the_claim_outlives_every_smtp_step_of_one_mail(settings):
    from contact.emails import SMTP_STAPPEN, claim_seconden

    for timeout in (1, 10, 30, 120):
        settings.EMAIL_TIMEOUT = timeout
        assert claim_seconden() > SMTP_STAPPEN * timeout - 1
        assert claim_seconden() >= 300


@pytest.mark.django_db
def test_a_message_another_sender_holds_is_not_mailed(mailoutbox):
    from contact.emails import verstuur

    bericht = Contactbericht.objects.create(**GELDIG)
    assert claim("zender-a") == [bericht.pk]
    assert verstuur(bericht.pk, "zender-b") is None
    assert mailoutbox == []
    assert verstuur(bericht.pk, "zender-a") is True
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_a_delivery_is_written_down_even_when_the_database_fails_just_after_the_server_took_it(
    mailoutbox, monkeypatch
):
    from django.db import OperationalError

    from contact import emails

    monkeypatch.setattr(emails.time, "sleep", lambda s: None)
    monkeypatch.setattr(emails, "verbind_opnieuw", lambda: None)
    Contactbericht.objects.create(**GELDIG)
    fouten = []

    def eerste_vastlegging_faalt(execute, sql, params, many, context):
        if "bezorgd" in (params or ()) and not fouten:
            fouten.append(sql)
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(eerste_vastlegging_faalt):
        assert verstuur_wat_klaarstaat() == (1, 0)
    assert fouten and len(mailoutbox) == 1
    bericht = Contactbericht.objects.get()
    assert bericht.bezorging == Contactbericht.Bezorging.BEZORGD
    assert bericht.geclaimd_door == ""
    assert verstuur_wat_klaarstaat() == (0, 0) and len(mailoutbox) == 1


@pytest.mark.django_db
def test_a_restarted_sender_takes_over_only_its_own_claims():
    from contact.emails import neem_eigen_claims_over

    mijn, ander = (Contactbericht.objects.create(**GELDIG) for _ in range(2))
    claim("host:verzender-1", aantal=1)
    claim("host:verzender-2", aantal=1)
    assert neem_eigen_claims_over("host:verzender-1") == 1
    mijn.refresh_from_db(), ander.refresh_from_db()
    assert mijn.geclaimd_door == "" and mijn.geclaimd_tot is None
    assert ander.geclaimd_door == "host:verzender-2"
    assert Contactbericht.objects.te_versturen().get() == mijn


@pytest.mark.django_db
def test_senders_running_at_once_get_different_names_and_a_restart_gets_the_same(tmp_path):
    from contact.emails import Zendernaam

    with Zendernaam(tmp_path) as eerste:
        with Zendernaam(tmp_path) as tweede:
            assert eerste != tweede
    with Zendernaam(tmp_path) as weer:
        assert weer == eerste
    assert eerste.endswith(":verzender-1")


@pytest.mark.django_db
def test_the_pause_after_failures_never_passes_a_minute(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", vrije_poort(), 1
    Contactbericht.objects.create(**GELDIG)
    pauzes = []
    for _ in range(5):
        Contactbericht.objects.update(volgende_poging=timezone.now())
        assert verstuur_wat_klaarstaat() == (0, 1)
        bericht = Contactbericht.objects.get()
        pauzes.append(round((bericht.volgende_poging - timezone.now()).total_seconds()))
    assert pauzes == [15, 30, 50, 50, 50]
    assert bericht.probleem == "De mailserver was niet bereikbaar"


@pytest.mark.django_db
def test_an_unreachable_server_ends_the_round_after_the_first_message(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", vrije_poort(), 1
    Contactbericht.objects.bulk_create(Contactbericht(**GELDIG) for _ in range(3))
    assert verstuur_wat_klaarstaat() == (0, 1)
    assert Contactbericht.objects.filter(pogingen=0, geclaimd_door="").count() == 2
    assert Contactbericht.objects.te_versturen().count() == 2


@pytest.mark.parametrize(
    "fout, tekst",
    [
        (
            smtplib.SMTPDataError(451, b"4.3.0 probeer het later"),
            "De mailserver heeft de mail tijdelijk geweigerd (code 451)",
        ),
        (
            smtplib.SMTPDataError(554, b"5.7.1 geweigerd"),
            "De mailserver heeft de mail blijvend geweigerd (code 554)",
        ),
        (
            smtplib.SMTPRecipientsRefused({"secretariaat@aeno.nl": (450, b"mailbox bezet")}),
            "De mailserver heeft de mail tijdelijk geweigerd (code 450)",
        ),
        (
            smtplib.SMTPRecipientsRefused({"secretariaat@aeno.nl": (550, b"onbekend")}),
            "De mailserver heeft het adres van het secretariaat blijvend geweigerd (code 550)",
        ),
        (
            smtplib.SMTPSenderRefused(553, b"nee", "site@aeno.nl"),
            "De mailserver heeft ons afzenderadres blijvend geweigerd (code 553)",
        ),
        (ConnectionRefusedError(111, "Connection refused"), "De mailserver was niet bereikbaar"),
        (TimeoutError("timed out"), "De mailserver antwoordde niet op tijd"),
    ],
)
def test_the_secretariaat_reads_whether_a_refusal_is_temporary_or_for_good(fout, tekst):
    from contact.emails import in_gewone_taal

    assert in_gewone_taal(fout) == tekst


@pytest.mark.stapel
@pytest.mark.django_db
@pytest.mark.parametrize(
    "gedrag, tekst",
    [
        ("weigert_tijdelijk", "tijdelijk geweigerd (code 451)"),
        ("weigert_blijvend", "blijvend geweigerd (code 554)"),
    ],
)
def test_a_refusing_server_is_named_as_such_in_the_inbox(mailserver, gedrag, tekst):
    mailserver(gedrag)
    Contactbericht.objects.bulk_create(Contactbericht(**GELDIG) for _ in range(2))
    # A refusal is about one mail, not the server: the round goes on with the next one.
    assert verstuur_wat_klaarstaat() == (0, 2)
    bericht = Contactbericht.objects.first()
    assert tekst in bericht.probleem
    assert f"De mailserver heeft de mail {tekst}; we proberen het om" in bericht.bezorgstatus
