"""Staff sessions end after 30 minutes without a request, and 12 hours after signing in
whatever happens in between.

Only signed-in accounts have a session worth ending (visitors have none). The moment of the
last request is written at most once a minute, so a busy editor costs one session write a
minute, not one per request; the idle limit is therefore kept to within that minute.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

BEGIN = "aanmelden_begin"
LAATST = "aanmelden_laatst"
SCHRIJF_NA = 60  # seconds


def nu():
    return time.time()


def begin(request):
    """A new session starts (after signing in or enrolling)."""
    request.session[BEGIN] = request.session[LAATST] = nu()


def verlopen(sessie, moment):
    """Why this session has ended at this moment, in words for the sign-in page; or None."""
    if moment - sessie.get(LAATST, moment) > settings.BEHEER_SESSIE_STIL:
        minuten = settings.BEHEER_SESSIE_STIL // 60
        return (
            f"Je bent afgemeld omdat je {minuten} minuten niets hebt gedaan. Meld je opnieuw aan."
        )
    if moment - sessie.get(BEGIN, moment) > settings.BEHEER_SESSIE_MAX:
        uren = settings.BEHEER_SESSIE_MAX // 3600
        return f"Je bent afgemeld omdat je al {uren} uur aangemeld was. Meld je opnieuw aan."
    return None


class BeheersessieMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            moment = nu()
            sessie = request.session
            if reden := verlopen(sessie, moment):
                logout(request)
                messages.info(request, reden)
            else:
                # A session from before these limits starts counting now.
                sessie.setdefault(BEGIN, moment)
                if moment - sessie.get(LAATST, 0) >= SCHRIJF_NA:
                    sessie[LAATST] = moment
        return self.get_response(request)
