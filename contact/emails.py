"""Delivering stored questions to the secretariaat by mail, outside any visitor's request.

A sender (`manage.py verstuur_contactberichten`, once or `--blijf`) claims the messages that
are due before it mails them: on PostgreSQL with SELECT … FOR UPDATE SKIP LOCKED, elsewhere
with an UPDATE that only succeeds while nobody else holds the message. So any number of
senders at once deliver each message once.

A claim lasts far longer than one mail can take (every SMTP step may wait EMAIL_TIMEOUT), and
is renewed just before each mail, so no other sender takes a message that is still being
sent. A sender that dies leaves its claims behind: the sender started after it on the same
host gets the same name (`Zendernaam`: the first free slot on this host, kept by a lock
that the system lets go when the process dies) and takes its own claims over at once;
claims of a sender that never comes back run out after the claim time.

The delivery is written down straight after the server accepted the mail, in a statement of
its own, and tried again while the database is away: a sender that knows a mail went out
never leaves it to be sent again. A failed attempt is retried after 15, 30 and then every 50
seconds: with the sender's pause between rounds (5 s), delivery resumes within a minute of
the server's recovery; when the server
itself cannot be reached, the rest of the round waits for the next one instead of each
running into the same wall.

SMTP itself cannot promise "exactly once": a server may take a message and lose the
connection (or the sender may die) before it says so. Each mail carries one Message-ID per
question, so a second copy after such a failure is recognisable as the same mail.
"""

import contextlib
import fcntl
import hashlib
import logging
import os
import smtplib
import socket
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from praktijkadviezen import claims

from .models import Contactbericht

logger = logging.getLogger(__name__)

EERSTE_PAUZE = timedelta(seconds=15)
MAX_PAUZE = timedelta(seconds=50)
PER_KEER = 20
# Connect, EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA, the message, QUIT: each may take
# EMAIL_TIMEOUT. The claim outlives all of them together, with room to spare.
SMTP_STAPPEN = 10


def claim_seconden():
    return max(300, SMTP_STAPPEN * (settings.EMAIL_TIMEOUT or 60))


def onderwerp(bericht):
    if bericht.werkatelier:
        # Titles come from staff, but a header must never contain a line break.
        titel = " ".join(bericht.werkatelier.titel.split())
        return f"Vraag via Praktijkadviezen over ‘{titel}’"
    return "Vraag via Praktijkadviezen"


def mail_voor(bericht):
    return EmailMessage(
        subject=onderwerp(bericht),
        body=render_to_string("contact/email_secretariaat.txt", {"bericht": bericht}),
        to=[settings.SECRETARIAAT_EMAIL],
        reply_to=[bericht.email],
        headers={"Message-ID": f"<contactbericht-{bericht.pk}@praktijkadviezen>"},
    )


class Zendernaam:
    """A sender's name, the same after a restart: this host and the first slot no running
    sender of this site on this host holds. The slot is an flock on a file, which the
    system lets go of when the process ends in any way (SIGKILL included)."""

    SLOTEN = 32

    def __init__(self, map_=None):
        self.map = Path(map_ or tempfile.gettempdir())
        self.bestand = None
        self.naam = None

    def __enter__(self):
        database = connection.settings_dict
        site = hashlib.sha256(
            f"{database['HOST']}:{database['PORT']}:{database['NAME']}".encode()
        ).hexdigest()[:12]
        for slot in range(1, self.SLOTEN + 1):
            bestand = open(self.map / f"praktijkadviezen-verzender-{site}-{slot}.lock", "a")
            try:
                fcntl.flock(bestand, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                bestand.close()
                continue
            self.bestand = bestand
            self.naam = f"{socket.gethostname()}:verzender-{slot}"
            return self.naam
        raise RuntimeError(f"Al {self.SLOTEN} verzenders op deze machine.")

    def __exit__(self, *exc):
        if self.bestand:
            self.bestand.close()  # closing lets go of the lock


def zender_id():
    """A name for a sender that takes no slot (a one-off call from code or a test)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def neem_eigen_claims_over(zender):
    """Free what a sender of this name left claimed when it died: due again at once. Only
    a sender that holds the name (the slot's lock) may call this."""
    return (
        Contactbericht.objects.onbezorgd()
        .filter(geclaimd_door=zender)
        .update(geclaimd_door="", geclaimd_tot=None, volgende_poging=timezone.now())
    )


def claim(zender, aantal=PER_KEER):
    """Take up to `aantal` due messages for this sender; the ids it may now mail."""
    return claims.claim(Contactbericht, zender, aantal, claim_seconden())


def verstuur(pk, zender):
    """Mail one claimed message: True when it went out, None when it is no longer this
    sender's. A mail failure keeps the message for a later try and raises NietBezorgd."""
    nu = timezone.now()
    van_mij = Contactbericht.objects.onbezorgd().filter(pk=pk, geclaimd_door=zender)
    # Renewed just before the mail: the whole claim time is this mail's.
    if not van_mij.filter(geclaimd_tot__gt=nu).update(
        geclaimd_tot=nu + timedelta(seconds=claim_seconden())
    ):
        return None
    bericht = Contactbericht.objects.select_related("werkatelier").get(pk=pk)
    # The connection is opened here and closed only after the delivery is written down: the
    # QUIT that closing sends is no longer between the server's "ok" and our record of it.
    verbinding = get_connection()
    try:
        verbinding.open()
        verbinding.send_messages([mail_voor(bericht)])
    except Exception as fout:  # any mail failure: keep the message, try again later
        sluit(verbinding)
        pauze = min(EERSTE_PAUZE * 2**bericht.pogingen, MAX_PAUZE)
        logger.warning("Contactbericht %s niet bezorgd: %r", pk, fout)
        van_mij.update(
            pogingen=F("pogingen") + 1,
            volgende_poging=timezone.now() + pauze,
            laatste_fout=f"{type(fout).__name__}: {fout}"[:1000],
            probleem=in_gewone_taal(fout),
            geclaimd_door="",
            geclaimd_tot=None,
        )
        raise NietBezorgd(fout) from fout
    noteer_bezorgd(van_mij)
    sluit(verbinding)
    return True


def sluit(verbinding):
    with contextlib.suppress(Exception):  # the mail is sent or failed; this is only goodbye
        verbinding.close()


class NietBezorgd(Exception):
    @property
    def server_onbereikbaar(self):
        """The server, not this message, is the problem: the next messages would fail alike."""
        fout = self.__cause__
        return not isinstance(fout, smtplib.SMTPResponseException | smtplib.SMTPRecipientsRefused)


def noteer_bezorgd(van_mij):
    """Write down that the server has the mail, whatever the database does meanwhile: until
    this is written the claim stays (nobody else sends it), so keep trying for its time."""
    einde = time.monotonic() + claim_seconden()
    while True:
        try:
            # One statement, its own transaction: the shortest time between the server's
            # "ok" and our record. Inside a caller's transaction a savepoint keeps that one
            # usable when this fails.
            with transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext():
                van_mij.update(
                    bezorging=Contactbericht.Bezorging.BEZORGD,
                    pogingen=F("pogingen") + 1,
                    verzonden_op=timezone.now(),
                    laatste_fout="",
                    probleem="",
                    geclaimd_door="",
                    geclaimd_tot=None,
                )
            return
        except (OperationalError, InterfaceError):
            if time.monotonic() > einde:
                raise
            logger.warning("Bezorging nog niet vastgelegd: database weg; ik probeer het zo weer.")
            time.sleep(1)
            verbind_opnieuw()


def verbind_opnieuw():
    with contextlib.suppress(DatabaseError):
        connection.close()


def verstuur_wat_klaarstaat(zender=None):
    """One round: claim what is due and mail it. (sent, failed)."""
    zender = zender or zender_id()
    gelukt = mislukt = 0
    while ids := claim(zender):
        for i, pk in enumerate(ids):
            try:
                gelukt += bool(verstuur(pk, zender))
            except NietBezorgd as fout:
                mislukt += 1
                if fout.server_onbereikbaar:
                    # The rest of the round would run into the same server; next round.
                    geef_vrij(ids[i + 1 :], zender)
                    return gelukt, mislukt
    return gelukt, mislukt


def geef_vrij(ids, zender):
    Contactbericht.objects.filter(pk__in=ids, geclaimd_door=zender).update(
        geclaimd_door="", geclaimd_tot=None
    )


def in_gewone_taal(fout):
    """What went wrong, as the secretariaat can read it."""
    code = smtp_code(fout)
    if code and 400 <= code < 500:
        # A greylist, a full mailbox, a server that is busy: it may well work later.
        return f"De mailserver heeft de mail tijdelijk geweigerd (code {code})"
    if isinstance(fout, smtplib.SMTPAuthenticationError):
        return f"De mailserver weigerde onze inloggegevens (code {code})"
    if isinstance(fout, smtplib.SMTPRecipientsRefused):
        return (
            f"De mailserver heeft het adres van het secretariaat blijvend geweigerd (code {code})"
        )
    if isinstance(fout, smtplib.SMTPSenderRefused):
        return f"De mailserver heeft ons afzenderadres blijvend geweigerd (code {code})"
    if code and code >= 500:
        return f"De mailserver heeft de mail blijvend geweigerd (code {code})"
    if isinstance(fout, TimeoutError | socket.timeout) or "timed out" in str(fout):
        return "De mailserver antwoordde niet op tijd"
    if isinstance(fout, OSError | smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError):
        return "De mailserver was niet bereikbaar"
    return "Het versturen lukte niet"


def smtp_code(fout):
    """The server's reply code (451, 554 …), or None when it said nothing."""
    if isinstance(fout, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in fout.recipients.values()]
        return max(codes) if codes else None
    return getattr(fout, "smtp_code", None)
