"""Password rules for staff accounts (AUTH_PASSWORD_VALIDATORS), and the mail when a
password changes."""

import re
from pathlib import Path

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError

from .meldingen import meld
from .models import Kennisgeving

LIJST = Path(__file__).resolve().parent / "wachtwoordlijst" / "veelgebruikt.txt.gz"
LEET = str.maketrans("013457@$", "oieastas")
RAND = re.compile(r"^[\W\d_]+|[\W\d_]+$")
GEEN_LETTER = re.compile(r"[\W\d_]+")


def kernen(wachtwoord):
    """The password as someone guessing would try it: as typed, without the digits and signs
    around it or in it, with digits and signs read as letters, and half of a word typed
    twice ("Welkom-2026-welkom")."""
    geheel = wachtwoord.lower().strip()
    kandidaten = {
        geheel,
        RAND.sub("", geheel),
        RAND.sub("", geheel.translate(LEET)),
        GEEN_LETTER.sub("", geheel),
    }
    for kern in list(kandidaten):
        helft, rest = divmod(len(kern), 2)
        if kern and not rest and kern[:helft] == kern[helft:]:
            kandidaten.add(kern[:helft])
    kandidaten.discard("")
    return kandidaten


class VeelgebruiktWachtwoordValidator(CommonPasswordValidator):
    """Django's check against common passwords, with our Dutch and English list
    (aanmelden/wachtwoordlijst/README.md) and the variations people make of them."""

    DEFAULT_PASSWORD_LIST_PATH = LIJST

    def validate(self, password, user=None):
        if kernen(password) & self.passwords:
            raise ValidationError(
                "Dit wachtwoord (of het woord erin) staat op een lijst van veelgebruikte "
                "wachtwoorden en is dus snel geraden. Kies bijvoorbeeld drie of vier losse "
                "woorden met streepjes ertussen.",
                code="password_too_common",
            )

    def get_help_text(self):
        return (
            "Je wachtwoord is geen veelgebruikt wachtwoord of woord, ook niet met cijfers erachter."
        )


class MeldWachtwoordwijziging:
    """Mails the account holder when their password changes, wherever it is changed (their
    own page, a beheerder, `changepassword`): Django calls every validator's
    password_changed() after a new password is saved. Not for a new account."""

    def validate(self, password, user=None):
        pass

    def password_changed(self, password, user=None):
        if user is not None and user.pk and user.last_login is not None:
            meld(user, Kennisgeving.Soort.WACHTWOORD)

    def get_help_text(self):
        return "Verandert je wachtwoord, dan krijg je daarover een mail."
