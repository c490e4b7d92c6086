"""Which role each block of a report has, and why.

A report reads: perhaps its own title and a table of contents; the intro; per doelgroep a
heading such as "Vier adviezen voor uitvoerders"; thema headings; adviezen, each a title and
text; perhaps a closing block of the author's; the site's own frame ("Leer van de ervaringen
van je collega's", "Meer info?"). `ken_rollen_toe` gives each block one of `ROLLEN`, with the
reason and whether it was a guess. An editor's choice (`keuzes`, by block key) is kept, and the
rules read the blocks around it in its light.

Here the report as a whole: the table of contents typed by hand, the site's frame, the intro,
where each doelgroep begins and a closing block after the last advies. What one block is
lives in `kenmerken`; the adviezen within a doelgroep are read by `adviezen`.
"""

import re

from .adviezen import adviezen_in_koppen, begint_advies, genummerde_adviezen
from .bestand import blokken_uit_tekst
from .kenmerken import (
    INHOUD_TITEL,
    PAGINANUMMER,
    is_afsluiting,
    is_getypt_advies,
    is_kaderbegin,
    is_kaderregel,
    is_koplijk,
    kale_tekst,
    lees_doelgroepkop,
    lijkt_afsluiting,
    vergelijkbaar,
    zelfde_vorm,
    zonder_paginanummer,
)
from .titels import is_titelachtig, volgt_letter

KOP_BOVENAAN = "een kop bovenaan, de titel van het verslag? De titel geef je apart op"
KOP_IN_INLEIDING = "een kop in de inleiding; die is op de site gewone tekst, zonder koppen"


class Rollen:
    """Gives every block of `blokken` its role (see the module's docstring)."""

    def __init__(self, blokken, doelgroepen, keuzes=None, titel=""):
        self.alle = blokken
        self.blokken = [b for b in blokken if not b.is_notitie]
        self.doelgroepen = doelgroepen
        self.titel = titel
        self.laatste_aantal = self.laatste_adviezen = None
        self.zonder_opmaak = not any(b.soort == "kop" or b.geheel_vet for b in self.blokken)
        for blok in blokken:
            blok.rol = blok.eigen_rol = blok.reden = ""
            blok.geraden = blok.gekozen = blok.letterlijst = False
            if blok.is_notitie:
                blok.rol = blok.eigen_rol = "weggelaten"
                blok.reden = "niet overgenomen"
            elif keuzes and keuzes.get(blok.sleutel):
                blok.rol, blok.gekozen = keuzes[blok.sleutel], True

    def geef(self, blok, rol, reden, geraden=False):
        blok.eigen_rol = rol
        if not blok.gekozen:
            blok.rol, blok.reden, blok.geraden = rol, reden, geraden

    def ken_toe(self):
        blokken = self.blokken
        self.inhoudsopgave_met_de_hand()
        kader = self.kader_van_de_site()
        koppen = []
        for index, blok in enumerate(blokken[:kader]):
            if blok.eigen_rol:
                continue
            gelezen = lees_doelgroepkop(blok, self.doelgroepen)
            if gelezen is not None:
                self.geef(blok, "doelgroep", "een kop als ‘Vier adviezen voor uitvoerders’")
            if blok.rol == "doelgroep":
                koppen.append(index)
        eerste = koppen[0] if koppen else kader
        self.inleiding(blokken[:eerste])
        for begin, eind in zip(koppen, koppen[1:] + [kader], strict=False):
            self.doelgroep(blokken[begin + 1 : eind], blokken[begin])
        self.slot_na_het_laatste_advies(blokken[:kader])
        self.getypte_letterlijsten()
        for blok in blokken:
            if blok.gekozen:
                blok.reden = f"door jou gekozen (de site las: {blok.eigen_rol or 'niets'})"
        return self.alle

    # Before the adviezen ------------------------------------------------------------------

    def inhoudsopgave_met_de_hand(self):
        """A table of contents typed by hand, before the report begins: lines that name a
        heading or advies further on (a page number after them or not), two or more in a row,
        or under a title "Inhoud".

        >>> rollen_in("Inhoud\\nEén advies voor uitvoerders ... 2\\nOver de wijk.\\n"
        ...           "Eén advies voor uitvoerders\\n1. Luister\\nNeem de tijd.")[:3]
        [('Inhoud', 'weggelaten'), ('Eén advies voor uitvoerders ... 2', 'weggelaten'), \
('Over de wijk.', 'inleiding')]
        """
        blokken = self.blokken

        def sleutel(blok):
            tekst = zonder_paginanummer(kale_tekst(blok))
            return vergelijkbaar(re.sub(r"^\d{1,3}[.)]\s+", "", tekst))

        verder = {}
        for index, blok in enumerate(blokken):
            if (
                is_koplijk(blok)
                or is_getypt_advies(blok)
                or blok.soort == "lijstitem"
                or (lees_doelgroepkop(blok, self.doelgroepen) is not None)
            ):
                verder[sleutel(blok)] = index
        # The report begins at the first doelgroep heading that is not named again later.
        eind = next(
            (i for i, b in enumerate(blokken)
             if lees_doelgroepkop(b, self.doelgroepen) and verder.get(sleutel(b)) == i),
            len(blokken),
        )  # fmt: skip
        reeks = []

        def sluit():
            if len(reeks) >= 2 or (reeks and reeks[0][1]):
                for blok, _ in reeks:
                    self.geef(blok, "weggelaten", "de inhoudsopgave")
            reeks.clear()

        for index, blok in enumerate(blokken[:eind]):
            if INHOUD_TITEL.fullmatch(kale_tekst(blok)) and (
                is_koplijk(blok) or not blok.opgemaakt
            ):
                sluit()
                reeks.append((blok, True))
                continue
            onder_titel = bool(reeks and reeks[0][1])
            met_nummer = bool(PAGINANUMMER.search(blok.tekst))
            if blok.soort != "tabelrij" and (
                verder.get(sleutel(blok), -1) > index or (onder_titel and met_nummer)
            ):
                reeks.append((blok, onder_titel))
            else:
                sluit()
        sluit()

    def kader_van_de_site(self):
        """Where the site's own frame begins: the last blocks, from a line such as "Meer info?"
        or "Leer van de ervaringen van je collega's" on, each a line of that frame (after
        "Misschien vind je dit ook interessant": the related werkateliers). Nowhere else is a
        block part of it, however it starts.

        >>> rollen_in("Over de wijk.\\nEén advies voor uitvoerders\\n1. Luister\\n"
        ...           "Meer info vind je bij de wijkagent.\\nMeer info?\\n"
        ...           "Mail naar secretariaat@aeno.nl")[3:]
        [('Meer info vind je bij de wijkagent.', 'tekst'), ('Meer info?', 'slot'), \
('Mail naar secretariaat@aeno.nl', 'slot')]
        """
        blokken = self.blokken
        for begin, blok in enumerate(blokken):
            if not is_kaderbegin(blok) or blok.gekozen:
                continue
            verwant = False
            for rest in blokken[begin:]:
                if rest.gekozen:
                    break
                if vergelijkbaar(rest.tekst).startswith("misschien vind je"):
                    verwant = True
                elif not (is_kaderregel(rest) or (verwant and is_titelachtig(rest.tekst))):
                    break
            else:
                for rest in blokken[begin:]:
                    self.geef(rest, "slot", "het vaste slot van de site; dat zet de site zelf "
                                            "onder elk werkatelier")  # fmt: skip
                return begin
        return len(blokken)

    def inleiding(self, blokken):
        """Before the first doelgroep: the intro. Headings there are not taken over (the
        title is given apart, the intro is plain text), nor a first line that is the report's
        own title.

        >>> rollen_in("Werken in de wijk\\nOver de wijk.\\nEén advies voor uitvoerders\\n"
        ...           "1. Luister\\nNeem de tijd.")[:2]
        [('Werken in de wijk', 'weggelaten'), ('Over de wijk.', 'inleiding')]
        """
        titel = vergelijkbaar(self.titel)
        for index, blok in enumerate(blokken):
            if blok.eigen_rol:
                continue
            if index == 0 and titel and vergelijkbaar(kale_tekst(blok)) == titel:
                self.geef(blok, "weggelaten", "de titel van het werkatelier; die geef je apart op")
            elif blok.soort == "kop":
                self.geef(blok, "weggelaten", KOP_BOVENAAN if index == 0 else KOP_IN_INLEIDING)
            elif index == 0 and is_koplijk(blok) and len(blokken) > 1:
                self.geef(blok, "weggelaten", "een vetgedrukte regel boven de inleiding: de "
                                              "titel van het verslag?", geraden=True)  # fmt: skip
            elif (
                index == 0 and not blok.opgemaakt and len(blokken) > 1
                and is_titelachtig(blok.tekst) and len(blok.tekst) <= 100
                and not blok.tekst.endswith(tuple(".!?…;:"))
            ):  # fmt: skip
                self.geef(blok, "weggelaten", "een korte eerste regel boven de inleiding: de "
                                              "titel van het verslag?", geraden=True)  # fmt: skip
            elif is_getypt_advies(blok) and is_titelachtig(blok.titel):
                self.geef(blok, "advies-titel", f"begint met een nummer (‘{blok.nummer}.’)")
            else:
                self.geef(blok, "inleiding", "tekst vóór de eerste doelgroep")

    # One doelgroep ------------------------------------------------------------------------

    def doelgroep(self, blokken, kop):
        gelezen = lees_doelgroepkop(kop, self.doelgroepen) or (None,)
        genummerd = any(begint_advies(b, None, False) for b in blokken) or any(
            b.rol == "advies-titel" for b in blokken if b.gekozen
        )
        if genummerd:
            genummerde_adviezen(self, blokken)
        else:
            adviezen_in_koppen(self, blokken, gelezen[0])
        self.laatste_aantal = gelezen[0]
        self.laatste_adviezen = sum(1 for b in blokken if b.rol == "advies-titel")

    # After the adviezen -------------------------------------------------------------------

    def slot_na_het_laatste_advies(self, blokken):
        """A block of the author's after the last advies ("Meer weten?" and a contact line):
        most likely no part of it. The editor decides.

        >>> rollen_in("Over de wijk.\\nEén advies voor uitvoerders\\n1. Luister\\n"
        ...           "Neem de tijd.\\nMeer weten?\\nBel Sanne: 06 12 34 56 78.")[3:]
        [('Neem de tijd.', 'tekst'), ('Meer weten?', 'slot'), \
('Bel Sanne: 06 12 34 56 78.', 'slot')]
        """
        titels = [i for i, b in enumerate(blokken) if b.rol == "advies-titel"]
        if not titels:
            return
        laatste = titels[-1]
        eerste_tekst = laatste if blokken[laatste].rest else laatste + 1
        begin = next(
            (i for i in range(eerste_tekst + 1, len(blokken)) if is_afsluiting(blokken, i)), None
        )
        # "Meer weten?" read as an advies of its own: one advies more than the heading said;
        # without a count, when it reads as a closing line or looks like no advies before it.
        if begin is None and is_afsluiting(blokken, laatste) and blokken[laatste].nummer is None:
            if self.laatste_aantal is not None:
                if self.laatste_aantal == self.laatste_adviezen - 1:
                    begin = laatste
            elif lijkt_afsluiting(blokken[laatste]) or not any(
                zelfde_vorm(blokken[i], blokken[laatste]) for i in titels[:-1]
            ):
                begin = laatste
        if begin is None or any(
            b.rol in ("advies-titel", "doelgroep") for b in blokken[begin + 1 :]
        ):
            return
        for blok in blokken[begin:]:
            self.geef(blok, "slot", "na het laatste advies: een afsluitend blok, niet "
                                    "overgenomen?", geraden=True)  # fmt: skip

    # Within a text ------------------------------------------------------------------------

    def getypte_letterlijsten(self):
        """Lines typed as a lettered list, "a. …", "b. …" (or "a) …"), two or more in a row
        in the intro or in an advies's text: taken over as a list with letters. The author
        most likely meant that, but it is read from the typing alone: a guess the editor sees.

        >>> [b.letterlijst for b in ken_rollen_toe(blokken_uit_tekst(
        ...     "Over de wijk.\\nEén advies voor uitvoerders\\n1. Luister\\nZo doe je dat:\\n"
        ...     "a. kijk de inwoner aan\\nb. vat samen wat je hoort\\nc) vraag door"), [])][4:]
        [True, True, False]
        """
        reeks = []

        def sluit():
            if len(reeks) >= 2:
                letters = f"{reeks[0].letter}–{reeks[-1].letter}"
                for blok in reeks:
                    blok.letterlijst = True
                    if not blok.gekozen:
                        blok.reden += (
                            f"; getypt als lijst met letters ({letters}), overgenomen als lijst"
                        )
                        blok.geraden = True
            reeks.clear()

        for blok in self.blokken:
            past = blok.soort == "alinea" and blok.rol in ("tekst", "inleiding") and blok.letter
            if past and reeks and blok.rol == reeks[-1].rol and volgt_letter(reeks[-1], blok):
                reeks.append(blok)
                continue
            sluit()
            if past and blok.letter[0] == "a":
                reeks.append(blok)
        sluit()


def ken_rollen_toe(blokken, doelgroepen, keuzes=None, titel=""):
    """Give every block its role; returns the blocks."""
    return Rollen(blokken, doelgroepen, keuzes, titel).ken_toe()


def rollen_in(tekst, doelgroepen=()):
    """[(text, role)] of a report given as plain text: what the rules make of it, in short.

    >>> rollen_in("Over de wijk.\\nEén advies voor uitvoerders\\n1. Luister\\nNeem de tijd.")
    [('Over de wijk.', 'inleiding'), ('Eén advies voor uitvoerders', 'doelgroep'), \
('1. Luister', 'advies-titel'), ('Neem de tijd.', 'tekst')]
    """
    return [(b.tekst, b.rol) for b in ken_rollen_toe(blokken_uit_tekst(tekst), list(doelgroepen))]
