"""The checks before a werkatelier goes public, as the fund would say them.

Each problem names the advies it concerns, so the admin can link to it."""

from dataclasses import dataclass

from .rijketekst import platte_tekst
from .telwoorden import aantal_adviezen


@dataclass
class Probleem:
    tekst: str
    advies: object = None  # the Advies it concerns, if one

    def __str__(self):
        return self.tekst


def publicatieproblemen(adviezen, doelgroepen):
    """The problems in these adviezen (saved or not), in page order, for these doelgroepen
    (each must have adviezen); empty when none."""
    if not adviezen:
        return [Probleem("Er staan nog geen adviezen in dit werkatelier.")]
    problemen = []
    per_doelgroep = {}
    for advies in adviezen:
        per_doelgroep.setdefault(advies.doelgroep, []).append(advies)
    for doelgroep in doelgroepen:
        if doelgroep not in per_doelgroep:
            problemen.append(
                Probleem(
                    f"Er zijn geen adviezen voor {doelgroep.in_zin}: de kop zou "
                    f"‘{aantal_adviezen(0)} voor {doelgroep.in_zin}’ worden."
                )
            )
    for doelgroep, groep in per_doelgroep.items():
        groep.sort(key=lambda a: a.positie)
        met_thema = [a for a in groep if a.thema_id]
        themas_gehad = []  # thema's in page order, each once while it is together
        for nummer, advies in enumerate(groep, 1):
            naam = f"Advies {nummer} voor {doelgroep.in_zin}"
            if not advies.titel.strip():
                problemen.append(Probleem(f"{naam} heeft geen titel.", advies))
            if not platte_tekst(advies.tekst):
                problemen.append(Probleem(f"{naam} (‘{advies.titel}’) heeft geen tekst.", advies))
            if met_thema and not advies.thema_id:
                problemen.append(
                    Probleem(
                        f"{naam} (‘{advies.titel}’) heeft geen thema, terwijl de andere "
                        f"adviezen voor {doelgroep.in_zin} er wel een hebben.",
                        advies,
                    )
                )
            if advies.thema_id and advies.thema_id in themas_gehad[:-1]:
                # The thema's heading would appear twice on the page.
                eerder = max(
                    n for n, a in enumerate(groep[: nummer - 1], 1) if a.thema_id == advies.thema_id
                )
                problemen.append(
                    Probleem(
                        f"{naam} (‘{advies.titel}’) hoort bij thema ‘{advies.thema}’, maar staat "
                        f"niet bij de andere adviezen met dat thema. Zet het direct na advies "
                        f"{eerder}; de adviezen van één thema staan altijd bij elkaar.",
                        advies,
                    )
                )
            if advies.thema_id and (not themas_gehad or themas_gehad[-1] != advies.thema_id):
                themas_gehad.append(advies.thema_id)
    return problemen
