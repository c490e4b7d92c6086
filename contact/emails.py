"""Delivering stored questions to the secretariaat by mail, outside any visitor's request.

A sender (`manage.py verstuur_contactberichten`, once or `--blijf`) claims the messages that
are due before it mails them: on PostgreSQL with SELECT … FOR UPDATE SKIP LOCKED, elsewhere
with an UPDATE that only succeeds while nobody else holds the message. So any number of
senders at once deliver each message once. A claim runs out after CLAIM_SECONDEN: if a
sender dies in the middle, another one tries again later. A failed attempt is retried with a
growing pause (1, 2, 4 … minutes, at most an hour), and never forgotten.

SMTP itself cannot promise "exactly once" (a server may take a message and lose the
connection before it says so); each mail carries one Message-ID per question, so a second
copy after such a failure is recognisable as the same mail.
"""

import logging
import os
import smtplib
import socket
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Contactbericht

logger = logging.getLogger(__name__)

CLAIM_SECONDEN = 300  # far longer than a mail takes (EMAIL_TIMEOUT)
MAX_PAUZE = timedelta(hours=1)
PER_KEER = 20


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


def zender_id():
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def claim(zender, aantal=PER_KEER):
    """Take up to `aantal` due messages for this sender; the ids it may now mail."""
    nu = timezone.now()
    claim = {"geclaimd_door": zender, "geclaimd_tot": nu + timedelta(seconds=CLAIM_SECONDEN)}
    te_doen = Contactbericht.objects.te_versturen(nu).order_by("volgende_poging", "pk")
    if connection.vendor == "postgresql":
        with transaction.atomic():
            ids = list(
                te_doen.select_for_update(skip_locked=True).values_list("pk", flat=True)[:aantal]
            )
            Contactbericht.objects.filter(pk__in=ids).update(**claim)
        return ids
    # Elsewhere: each message by an UPDATE that checks, in the same statement, that it is
    # still free. Whoever updates the row first has it; the others update nothing.
    return [
        pk
        for pk in te_doen.values_list("pk", flat=True)[:aantal]
        if Contactbericht.objects.te_versturen(nu).filter(pk=pk).update(**claim)
    ]


def verstuur(pk, zender):
    """Mail one claimed message; True when it went out. Never raises for a mail failure."""
    bericht = Contactbericht.objects.select_related("werkatelier").get(pk=pk)
    van_mij = Contactbericht.objects.filter(pk=pk, geclaimd_door=zender)
    try:
        mail_voor(bericht).send()
    except Exception as fout:  # any mail failure: keep the message, try again later
        pauze = min(timedelta(minutes=2**bericht.pogingen), MAX_PAUZE)
        logger.warning("Contactbericht %s niet bezorgd: %r", pk, fout)
        van_mij.update(
            pogingen=F("pogingen") + 1,
            volgende_poging=timezone.now() + pauze,
            laatste_fout=f"{type(fout).__name__}: {fout}"[:1000],
            probleem=in_gewone_taal(fout),
            geclaimd_door="",
            geclaimd_tot=None,
        )
        return False
    van_mij.update(
        bezorging=Contactbericht.Bezorging.BEZORGD,
        pogingen=F("pogingen") + 1,
        verzonden_op=timezone.now(),
        laatste_fout="",
        probleem="",
        geclaimd_door="",
        geclaimd_tot=None,
    )
    return True


def verstuur_wat_klaarstaat(zender=None):
    """One round: claim what is due and mail it. (sent, failed)."""
    zender = zender or zender_id()
    gelukt = mislukt = 0
    while ids := claim(zender):
        for pk in ids:
            if verstuur(pk, zender):
                gelukt += 1
            else:
                mislukt += 1
    return gelukt, mislukt


def in_gewone_taal(fout):
    """What went wrong, as the secretariaat can read it."""
    if isinstance(fout, smtplib.SMTPAuthenticationError):
        return "De mailserver weigerde onze inloggegevens"
    if isinstance(fout, smtplib.SMTPRecipientsRefused):
        return "De mailserver weigerde het adres van het secretariaat"
    if isinstance(fout, smtplib.SMTPSenderRefused):
        return "De mailserver weigerde ons afzenderadres"
    if isinstance(fout, TimeoutError | socket.timeout) or "timed out" in str(fout):
        return "De mailserver antwoordde niet op tijd"
    if isinstance(fout, OSError | smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError):
        return "De mailserver was niet bereikbaar"
    return "Het versturen lukte niet"
