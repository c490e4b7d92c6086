"""The addresses in the mails: a signed confirmation link that works once and for BEDENKTIJD,
and the links to change the choice and to unsubscribe, which carry the subscription's secret.

Mails are written by the sender, outside any request: links start with DJANGO_SITE_URL,
never with a request's Host."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import BEDENKTIJD, Abonnement

ZOUT = "attenderingen.bevestigen"


def volledig(pad):
    # Without DJANGO_SITE_URL (development) the address `make run` serves on.
    return (settings.SITE_URL or "http://127.0.0.1:8000") + pad


def bevestigcode_token(abonnement):
    return signing.dumps([abonnement.pk, abonnement.bevestigcode], salt=ZOUT, compress=True)


def bevestiglink(abonnement):
    return volledig(
        reverse("attenderingen:bevestig", kwargs={"token": bevestigcode_token(abonnement)})
    )


def keuzelink(abonnement):
    return volledig(reverse("attenderingen:keuze", kwargs={"sleutel": abonnement.sleutel}))


def afmeldlink(abonnement):
    return volledig(reverse("attenderingen:afmelden", kwargs={"sleutel": abonnement.sleutel}))


def te_bevestigen(token):
    """The unconfirmed subscription this confirmation link is for; None when the link is
    wrong, older than BEDENKTIJD, already used, or its subscription is gone."""
    try:
        pk, code = signing.loads(token, salt=ZOUT, max_age=BEDENKTIJD)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not code:
        return None
    return Abonnement.objects.filter(pk=pk, bevestigcode=code, bevestigd_op__isnull=True).first()
