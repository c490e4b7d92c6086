"""Turns a werkatelier report (plain text or Word .docx) into a werkatelier with its adviezen.

Reading and structure are apart:

- reading (`bestand`, `word`, `html`, `titels`): a file → `Blok`s, each with what the document
  says about it (a heading and its level, a typed number, where its title ends, bold, a list
  item, a table row); what is not taken over (hidden text, the table of contents, an image)
  becomes a note at its place;
- structure (`rollen`, `opbouw`): every block gets a role from `ROLLEN` with the reason, and
  the roles give the intro, the doelgroepen with their thema's and adviezen, and every problem
  with its place. The editor can choose another role for any block in the preview; the
  structure is then read again with that choice;
- `opslaan.sla_op` saves the result in one transaction.
"""

from ..models import Doelgroep, Thema
from .bestand import blokken_uit_tekst, lees_bestand
from .blok import ROLLEN, Blok, ImportFout, Melding, blokken_naar_json, blokken_uit_json
from .opbouw import GelezenAdvies, GelezenDoelgroep, Verslag, bouw
from .opslaan import gelijkende_themas, sla_op
from .rollen import ken_rollen_toe
from .word import MAX_BESTAND, lees_docx

__all__ = [
    "MAX_BESTAND", "ROLLEN", "Blok", "GelezenAdvies", "GelezenDoelgroep", "ImportFout",
    "Melding", "Verslag", "blokken_naar_json", "blokken_uit_json", "blokken_uit_tekst",
    "gelijkende_themas", "lees_bestand", "lees_docx", "lees_verslag", "sla_op",
]  # fmt: skip


def lees_verslag(bron, doelgroepen=None, keuzes=None, titel=""):
    """Read a report (its text, or its blocks) into a `Verslag`; problems are collected, not
    raised. `keuzes`: the roles the editor chose, by block key; `titel`: the werkatelier's
    title, so a first line that repeats it is not read as intro."""
    if doelgroepen is None:
        doelgroepen = list(Doelgroep.objects.all())
    blokken = blokken_uit_tekst(bron) if isinstance(bron, str) else list(bron)
    if keuzes:
        # What the reader makes of the report by itself stays each block's own role, so a
        # choice is kept as long as it differs from that (also when it changes what the
        # rules make of the blocks around it).
        ken_rollen_toe(blokken, doelgroepen, None, titel)
        eigen = [blok.eigen_rol for blok in blokken]
    ken_rollen_toe(blokken, doelgroepen, keuzes, titel)
    if keuzes:
        for blok, rol in zip(blokken, eigen, strict=True):
            blok.eigen_rol = rol
            if blok.gekozen:
                blok.reden = f"door jou gekozen (de site las: {rol or 'niets'})"
    bestaande = {thema.naam.lower(): thema for thema in Thema.objects.all()}
    return bouw(blokken, doelgroepen, bestaande)
