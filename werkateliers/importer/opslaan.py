"""Saving a read report: the werkatelier, its thema's and adviezen, in one transaction."""

import re
from difflib import SequenceMatcher

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ..models import Advies, Thema, Werkatelier
from .blok import ImportFout, Melding

KLEINE_WOORDEN = {"de", "het", "een", "en", "met", "van", "voor", "in", "op", "aan", "je", "jouw"}


def _woorden(naam):
    return {w for w in re.findall(r"\w+", naam.lower()) if w not in KLEINE_WOORDEN}


def gelijkenis(een, ander):
    """How much two thema names look alike, 0 to 1: by their letters, or by the words that
    matter in them.

    >>> round(gelijkenis("Praten met inwoners", "Gesprekken met inwoners"), 2) >= 0.5
    True
    >>> gelijkenis("Met collega's", "Samenwerken met partners") < 0.5
    True
    """
    letters = SequenceMatcher(None, een.lower(), ander.lower()).ratio()
    woorden_een, woorden_ander = _woorden(een), _woorden(ander)
    samen = len(woorden_een & woorden_ander) / max(len(woorden_een | woorden_ander), 1)
    return max(letters, samen)


def gelijkende_themas(naam, themas, hoeveel=3):
    """The existing thema's most like a new thema's name, best first."""
    scores = [(gelijkenis(naam, thema.naam), thema.naam, thema) for thema in themas]
    return [thema for score, _, thema in sorted(scores, key=lambda s: (-s[0], s[1]))
            if score >= 0.5][:hoeveel]  # fmt: skip


@transaction.atomic
def sla_op(verslag, titel, publiceer=False, nieuwe_themas=None, thema_keuzes=None):
    """Create the werkatelier with its thema's and adviezen, or raise ImportFout and save
    nothing. `nieuwe_themas`: the new thema's the editor confirmed (None: all of them);
    `thema_keuzes`: {name in the report: existing Thema} to use instead of a new one."""
    meldingen = list(verslag.fouten)
    thema_keuzes = thema_keuzes or {}
    titel = titel.strip()
    slug = slugify(titel)[:200]
    if not titel or not slug:
        meldingen.append(Melding(0, "Geef het werkatelier een titel."))
    elif Werkatelier.objects.filter(slug=slug).exists():
        meldingen.append(
            Melding(
                0, f"Er bestaat al een werkatelier met het adres ‘{slug}’; kies een andere titel."
            )
        )
    if nieuwe_themas is not None:
        for naam in verslag.nieuwe_themas:
            if naam not in nieuwe_themas and naam not in thema_keuzes:
                meldingen.append(
                    Melding(0, f"Bevestig het nieuwe thema ‘{naam}’, of kies een bestaand thema "
                               "dat hetzelfde bedoelt.")
                )  # fmt: skip
    if meldingen:
        raise ImportFout(meldingen)

    werkatelier = Werkatelier.objects.create(
        titel=titel,
        slug=slug,
        intro=verslag.intro_html,
        status=Werkatelier.Status.GEPUBLICEERD if publiceer else Werkatelier.Status.CONCEPT,
        gepubliceerd_op=timezone.now() if publiceer else None,
    )
    themas = {naam: thema_keuzes.get(naam) or _thema(naam) for naam in verslag.themas}
    # One by one: Advies.save() keeps the plain text, and signals note the change.
    for deel in verslag.doelgroepen:
        for advies in deel.adviezen:
            Advies.objects.create(
                werkatelier=werkatelier,
                doelgroep=deel.doelgroep,
                thema=themas.get(advies.thema),
                titel=advies.titel,
                tekst=advies.html,
                positie=advies.nummer,
            )
    return werkatelier


def _thema(naam):
    """The existing thema of that name, or a new one."""
    bestaand = Thema.objects.filter(naam__iexact=naam).first()
    if bestaand:
        return bestaand
    basis = slugify(naam)[:140] or "thema"
    slug, volgnummer = basis, 2
    while Thema.objects.filter(slug=slug).exists():
        slug, volgnummer = f"{basis}-{volgnummer}", volgnummer + 1
    return Thema.objects.create(naam=naam, slug=slug)
