"""Mails to an account holder when their sign-in details change: their password, their
app, their recovery codes.

A change only stores the mail (Kennisgeving), rendered there and then in Dutch; the sender
that delivers contact questions (`manage.py verstuur_contactberichten --blijf`) also calls
`bezorg_kennisgevingen()` each round, outside any request, so a slow mail server never makes
anyone wait. Each mail is claimed with one UPDATE that only succeeds while nobody else holds
it, so several senders at once mail it once; a failure is retried later (1, 2, 4 … minutes,
at most an hour).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Kennisgeving

logger = logging.getLogger(__name__)

Soort = Kennisgeving.Soort
ONDERWERPEN = {
    Soort.WACHTWOORD: "Je wachtwoord voor Praktijkadviezen is gewijzigd",
    Soort.APP: "Er is een authenticator-app gekoppeld aan je account",
    Soort.HERSTELCODES: "Je hebt nieuwe herstelcodes voor Praktijkadviezen",
    Soort.HERSTELCODE_GEBRUIKT: "Je hebt je aangemeld met een herstelcode",
    Soort.KOPPELLINK: "Er is een koppellink voor je account gemaakt",
    Soort.TWEESTAPS_UIT: "Je authenticator-app en herstelcodes zijn verwijderd",
    Soort.VERKEERDE_CODES: "Iemand probeert zich aan te melden met jouw wachtwoord",
}
CLAIM = timedelta(minutes=2)  # far longer than one mail may take (EMAIL_TIMEOUT)
MAX_PAUZE = timedelta(hours=1)
BEWAREN = timedelta(days=30)
PER_RONDE = 20


def meld(gebruiker, soort, **context):
    """Store a mail to this account about a change of its sign-in details; nothing for an
    account without an e-mail address."""
    if not gebruiker.email:
        return None
    context = {
        "gebruiker": gebruiker,
        "moment": timezone.now(),
        "site_url": settings.SITE_URL,
        "secretariaat_email": settings.SECRETARIAAT_EMAIL,
        "secretariaat_telefoon": settings.SECRETARIAAT_TELEFOON,
        **context,
    }
    return Kennisgeving.objects.create(
        gebruiker=gebruiker,
        soort=soort,
        aan=gebruiker.email,
        onderwerp=ONDERWERPEN[soort],
        tekst=render_to_string(f"aanmelden/mail/{soort}.txt", context),
    )


def bezorg_kennisgevingen(aantal=PER_RONDE):
    """One round of the sender: mail what is due. Returns (sent, failed)."""
    nu = timezone.now()
    Kennisgeving.objects.filter(aangemaakt__lt=nu - BEWAREN).delete()
    gelukt = mislukt = 0
    te_doen = Kennisgeving.objects.te_versturen(nu).order_by("volgende_poging", "pk")
    for pk in te_doen.values_list("pk", flat=True)[:aantal]:
        if not Kennisgeving.objects.te_versturen(nu).filter(pk=pk).update(geclaimd_tot=nu + CLAIM):
            continue  # another sender has it
        if _verstuur(Kennisgeving.objects.get(pk=pk)):
            gelukt += 1
        else:
            mislukt += 1
    return gelukt, mislukt


def _verstuur(kennisgeving):
    deze = Kennisgeving.objects.filter(pk=kennisgeving.pk)
    mail = EmailMessage(
        subject=kennisgeving.onderwerp,
        body=kennisgeving.tekst,
        to=[kennisgeving.aan],
        headers={"Message-ID": f"<kennisgeving-{kennisgeving.pk}@praktijkadviezen>"},
    )
    try:
        mail.send()
    except Exception as fout:  # any mail failure: keep it, try again later
        logger.warning("Mail over aanmelden %s niet bezorgd: %r", kennisgeving.pk, fout)
        deze.update(
            pogingen=F("pogingen") + 1,
            volgende_poging=timezone.now()
            + min(timedelta(minutes=2**kennisgeving.pogingen), MAX_PAUZE),
            laatste_fout=f"{type(fout).__name__}: {fout}"[:1000],
            geclaimd_tot=None,
        )
        return False
    deze.update(
        verzonden_op=timezone.now(),
        pogingen=F("pogingen") + 1,
        laatste_fout="",
        geclaimd_tot=None,
    )
    return True
