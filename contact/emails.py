"""The mail to the secretariaat. Sending never raises: a failure is stored on the message,
and `manage.py verstuur_contactberichten` tries again."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Contactbericht

logger = logging.getLogger(__name__)


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
    )


def verstuur(bericht_id):
    """Mail one stored message to the secretariaat; True when it went out."""
    bericht = Contactbericht.objects.select_related("werkatelier").get(pk=bericht_id)
    if bericht.status not in (Contactbericht.Status.NIEUW, Contactbericht.Status.MISLUKT):
        return False
    bericht.pogingen += 1
    try:
        mail_voor(bericht).send()
    except Exception as fout:  # any mail failure: keep the message, try again later
        logger.warning("Contactbericht %s niet verstuurd: %s", bericht.pk, fout)
        bericht.status = Contactbericht.Status.MISLUKT
        bericht.laatste_fout = f"{type(fout).__name__}: {fout}"[:1000]
    else:
        bericht.status = Contactbericht.Status.VERZONDEN
        bericht.verzonden_op = timezone.now()
        bericht.laatste_fout = ""
    bericht.save(update_fields=["status", "pogingen", "laatste_fout", "verzonden_op"])
    return bericht.status == Contactbericht.Status.VERZONDEN
