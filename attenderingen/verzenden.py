"""The mails of "Houd me op de hoogte", delivered by the sender that delivers contact
questions (`manage.py verstuur_contactberichten`), one `ronde()` in each of its rounds.

A round:
1. removes what may not be kept: subscriptions never confirmed within BEDENKTIJD, rate-limit
   counts older than LIMIETVENSTER, mails sent more than BEWAREN ago; and gives up a mail
   that has failed for OPGEVEN;
2. notices adviezen that are public and were never announced (`kondig_aan`), whichever way
   they became public: published in the admin, a conceptversie published now or at its moment
   (`publiceer_geplande`, earlier in the same round), a werkatelier whose publication moment
   has passed, an import. They form one Publicatie, in one transaction with the
   Aankondigingen that mark each advies as announced for good: republishing a werkatelier
   announces only the adviezen that are new in it;
3. makes one Verzending per subscriber, confirmed when the Publicatie was made, that it has
   a matching advies for (`deel_uit`), in the transaction that marks it done; a database
   constraint allows one per publicatie and subscriber;
4. claims the Verzendingen that are due and mails them, as contact/emails.py does: a claim
   runs out after CLAIM_SECONDEN, so the mails a dead sender held are sent by the next round,
   and those it finished are not sent again; a failure is retried after 1, 2, 4 … minutes.

A mail is written when it is sent, from what holds then: an address that unsubscribed has no
Verzendingen left (they go with the subscription), one that is not confirmed gets nothing
but the confirmation, and an advies taken offline meanwhile is left out.
"""

import logging
from datetime import timedelta
from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import DatabaseError, connection, transaction
from django.db.models import Exists, F, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from contact.emails import zender_id
from praktijkadviezen import claims
from werkateliers.models import Advies
from werkateliers.telwoorden import telwoord

from . import links
from .models import (
    BEDENKTIJD,
    Aankondiging,
    Aanmeldpoging,
    Abonnement,
    Publicatie,
    Verzending,
)

logger = logging.getLogger(__name__)

CLAIM_SECONDEN = 300  # far longer than a mail takes (EMAIL_TIMEOUT)
MAX_PAUZE = timedelta(hours=1)
BEWAREN = timedelta(days=30)
# A mail that still fails after this long is given up (an address that no longer exists).
OPGEVEN = timedelta(days=7)
PER_KEER = 20
# pg_advisory_xact_lock key for noticing new adviezen, one sender at a time ("attend").
AANKONDIGEN_SLOT = 0x617474656E64

Soort = Verzending.Soort


def ronde(zender=None):
    """One round: tidy up, notice new adviezen, make their mails and send what is due.
    (sent, failed). A database that is away raises, as in the rest of the sender's round;
    any other fault is logged and never stops the contact questions' delivery."""
    try:
        ruim_op()
        kondig_aan()
        deel_uit()
        return verstuur_wat_klaarstaat(zender)
    except DatabaseError:
        raise
    except Exception:
        logger.exception("Ronde van de attenderingen mislukt")
        return 0, 0


def ruim_op(nu=None):
    nu = nu or timezone.now()
    Abonnement.objects.onbevestigd_verlopen(nu).delete()
    Aanmeldpoging.objects.verlopen(nu).delete()
    Verzending.objects.filter(
        status=Verzending.Status.WACHT, pogingen__gt=0, aangemaakt_op__lt=nu - OPGEVEN
    ).update(status=Verzending.Status.VERVALLEN)
    Verzending.objects.exclude(status=Verzending.Status.WACHT).filter(
        aangemaakt_op__lt=nu - BEWAREN
    ).delete()
    Publicatie.objects.filter(uitgedeeld_op__lt=nu - BEWAREN).exclude(
        Exists(Verzending.objects.filter(publicatie=OuterRef("pk")))
    ).delete()


def nieuwe_adviezen():
    return Advies.objects.published().exclude(
        Exists(Aankondiging.objects.filter(advies=OuterRef("pk")))
    )


def kondig_aan():
    """Announce the public adviezen never announced before, as one Publicatie (or None)."""
    if not nieuwe_adviezen().exists():
        return None
    with transaction.atomic():
        # One sender at a time (SQLite: the transaction takes the write lock at once).
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [AANKONDIGEN_SLOT])
        ids = list(nieuwe_adviezen().values_list("pk", flat=True))
        if not ids:
            return None
        publicatie = Publicatie.objects.create()
        Aankondiging.objects.bulk_create(
            Aankondiging(advies_id=pk, publicatie=publicatie) for pk in ids
        )
    return publicatie


def keuzes(abonnementen):
    """[(subscription, doelgroep ids, thema ids)] for a QuerySet of subscriptions, in three
    queries whatever their number."""
    gekozen = {a.pk: (a, set(), set()) for a in abonnementen.only("pk", "alles")}
    welke = {"abonnement__in": abonnementen.values("pk")}
    doelgroepen = Abonnement.doelgroepen.through.objects.filter(**welke)
    for pk, doelgroep in doelgroepen.values_list("abonnement_id", "doelgroep_id"):
        gekozen[pk][1].add(doelgroep)
    themas = Abonnement.themas.through.objects.filter(**welke)
    for pk, thema in themas.values_list("abonnement_id", "thema_id"):
        gekozen[pk][2].add(thema)
    return list(gekozen.values())


def met_themas(adviezen):
    """These adviezen, each with `alle_themas`: the ids of its thema and of the thema's staff
    gave it for the filters (Advies.ook_over), in one query."""
    adviezen = list(adviezen)
    for advies in adviezen:
        advies.alle_themas = {advies.thema_id} - {None}
    per_pk = {advies.pk: advies for advies in adviezen}
    ook = Advies.ook_over.through.objects.filter(advies_id__in=per_pk)
    for advies_id, thema_id in ook.values_list("advies_id", "thema_id"):
        per_pk[advies_id].alle_themas.add(thema_id)
    return adviezen


def deel_uit():
    """Make the Verzendingen of every Publicatie not yet done; the number made."""
    gemaakt = 0
    open_ = Publicatie.objects.filter(uitgedeeld_op__isnull=True).order_by("pk")
    for pk in list(open_.values_list("pk", flat=True)):
        with transaction.atomic():
            publicatie = open_.select_for_update(skip_locked=True).filter(pk=pk).first()
            if publicatie is None:
                continue  # another sender has it, or has done it
            adviezen = met_themas(
                Advies.objects.filter(pk__in=publicatie.aankondigingen.values("advies_id")).only(
                    "pk", "doelgroep_id", "thema_id"
                )
            )
            # Only who had confirmed when the adviezen appeared: no old news for newcomers.
            abonnementen = Abonnement.objects.filter(bevestigd_op__lte=publicatie.aangemaakt_op)
            nieuw = [
                Verzending(
                    abonnement=abonnement, soort=Soort.NIEUWE_ADVIEZEN, publicatie=publicatie
                )
                for abonnement, doelgroepen, themas in keuzes(abonnementen)
                if any(abonnement.past_bij(doelgroepen, themas, advies) for advies in adviezen)
            ]
            Verzending.objects.bulk_create(nieuw, ignore_conflicts=True, batch_size=500)
            publicatie.uitgedeeld_op = timezone.now()
            publicatie.save(update_fields=["uitgedeeld_op"])
            gemaakt += len(nieuw)
    return gemaakt


def neem_eigen_claims_over(zender):
    """Free what a sender of this name left claimed when it died (see contact.emails):
    due again at once. The number freed."""
    return Verzending.objects.filter(status=Verzending.Status.WACHT, geclaimd_door=zender).update(
        geclaimd_door="", geclaimd_tot=None, volgende_poging=timezone.now()
    )


def claim(zender, aantal=PER_KEER):
    """Take up to `aantal` due mails for this sender; the ids it may now send."""
    return claims.claim(Verzending, zender, aantal, CLAIM_SECONDEN)


def verstuur(pk, zender):
    """Send one claimed mail: True when it went out, False when it failed (it is tried again
    later), None when it is no longer needed. Never raises for a mail failure."""
    van_mij = Verzending.objects.filter(pk=pk, geclaimd_door=zender)
    verzending = van_mij.select_related("abonnement", "publicatie").first()
    if verzending is None:
        return None  # unsubscribed meanwhile: the mail went with the subscription
    vrij = {"geclaimd_door": "", "geclaimd_tot": None}
    try:
        if bericht := mail_voor(verzending):
            bericht.send()
    except Exception as fout:  # any mail failure: keep it, try again later
        pauze = min(timedelta(minutes=2**verzending.pogingen), MAX_PAUZE)
        logger.warning("Verzending %s niet gelukt: %r", pk, fout)
        van_mij.update(
            pogingen=F("pogingen") + 1,
            volgende_poging=timezone.now() + pauze,
            laatste_fout=f"{type(fout).__name__}: {fout}"[:1000],
            **vrij,
        )
        return False
    if bericht is None:
        van_mij.update(status=Verzending.Status.VERVALLEN, **vrij)
        return None
    van_mij.update(
        status=Verzending.Status.VERZONDEN,
        pogingen=F("pogingen") + 1,
        verzonden_op=timezone.now(),
        laatste_fout="",
        **vrij,
    )
    return True


def verstuur_wat_klaarstaat(zender=None):
    """Claim what is due and send it, until nothing is left. (sent, failed)."""
    zender = zender or zender_id()
    gelukt = mislukt = 0
    while ids := claim(zender):
        for pk in ids:
            uitkomst = verstuur(pk, zender)
            gelukt += uitkomst is True
            mislukt += uitkomst is False
    return gelukt, mislukt


def mail_voor(verzending):
    """The mail for this Verzending as things are now; None when it should not go."""
    abonnement = verzending.abonnement
    context = {
        "afmeldlink": links.afmeldlink(abonnement),
        "keuzelink": links.keuzelink(abonnement),
        "keuze": beschrijving(abonnement),
        "site_url": links.volledig("/"),
        "volgenlink": links.volledig(reverse("attenderingen:volgen")),
        "secretariaat_email": settings.SECRETARIAAT_EMAIL,
    }
    if verzending.soort == Soort.BEVESTIGEN:
        if abonnement.is_bevestigd or not abonnement.bevestigcode:
            return None
        onderwerp = "Bevestig je aanmelding voor nieuwe praktijkadviezen"
        context["bevestiglink"] = links.bevestiglink(abonnement)
        context["dagen"] = telwoord(BEDENKTIJD.days)
    elif verzending.soort == Soort.AL_AANGEMELD:
        if not abonnement.is_bevestigd:
            return None
        onderwerp = "Je bent al aangemeld voor nieuwe praktijkadviezen"
    else:
        if not abonnement.is_bevestigd:
            return None
        adviezen = passende_adviezen(verzending.publicatie, abonnement)
        if not adviezen:
            return None
        onderwerp, context["werkateliers"] = onderwerp_en_lijst(adviezen)
    return EmailMessage(
        subject=onderwerp,
        body=render_to_string(f"attenderingen/mail/{verzending.soort}.txt", context),
        to=[abonnement.email],
        headers={
            "Message-ID": f"<attendering-{verzending.pk}@praktijkadviezen>",
            # RFC 8058: a mail program may unsubscribe with one POST to the first address.
            "List-Unsubscribe": (
                f"<{context['afmeldlink']}>, "
                f"<mailto:{settings.ATTENDERINGEN_AFMELDEN_EMAIL}"
                f"?subject={quote('Afmelden nieuwe praktijkadviezen')}>"
            ),
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )


def passende_adviezen(publicatie, abonnement):
    """The adviezen of this publicatie that are still public and fit the choice now, in the
    order of the list of adviezen, each with its number on its werkatelier's page."""
    [(_, doelgroepen, themas)] = keuzes(Abonnement.objects.filter(pk=abonnement.pk))
    adviezen = (
        Advies.objects.published()
        .filter(pk__in=publicatie.aankondigingen.values("advies_id"))
        .for_list()
        .with_nummer()
    )
    return [
        advies
        for advies in met_themas(adviezen)
        if abonnement.past_bij(doelgroepen, themas, advies)
    ]


def onderwerp_en_lijst(adviezen):
    """The subject, and [(werkatelier, [advies, …]), …] in the order of `adviezen`."""
    per_werkatelier = {}
    for advies in adviezen:
        advies.adres = links.volledig(advies.get_absolute_url())
        per_werkatelier.setdefault(advies.werkatelier, []).append(advies)
    lijst = [
        (werkatelier, links.volledig(werkatelier.get_absolute_url()), groep)
        for werkatelier, groep in per_werkatelier.items()
    ]
    if len(lijst) == 1:
        titel = " ".join(lijst[0][0].titel.split())  # a header never holds a line break
        return f"Nieuwe praktijkadviezen: ‘{titel}’", lijst
    return f"Nieuwe praktijkadviezen uit {telwoord(len(lijst))} werkateliers", lijst


def beschrijving(abonnement):
    """The choice in words: "alle nieuwe adviezen", "adviezen voor uitvoerders over …"."""
    if abonnement.alles:
        return "alle nieuwe adviezen"
    doelgroepen = [d.in_zin for d in abonnement.doelgroepen.all()]
    themas = [f"‘{t.naam}’" for t in abonnement.themas.all()]
    if not doelgroepen and not themas:
        return "geen adviezen meer (de thema’s die je koos bestaan niet meer)"
    tekst = "nieuwe adviezen"
    if doelgroepen:
        tekst += " voor " + opsomming(doelgroepen)
    if themas:
        tekst += " over " + opsomming(themas, "of")
    return tekst


def opsomming(delen, voegwoord="en"):
    return delen[0] if len(delen) == 1 else f"{', '.join(delen[:-1])} {voegwoord} {delen[-1]}"
