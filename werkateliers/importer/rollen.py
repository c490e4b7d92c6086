"""Which role each block of a report has, and why: the rules, each a named function.

A report reads: perhaps its own title and a table of contents; the intro; per doelgroep a
heading such as "Vier adviezen voor uitvoerders"; thema headings; adviezen, each a title and
text; perhaps a closing block of the author's; the site's own frame ("Leer van de ervaringen
van je collega's", "Meer info?"). `ken_rollen_toe` gives each block one of `ROLLEN`, with the
reason and whether it was a guess. An editor's choice (`keuzes`, by block key) is kept, and the
rules read the blocks around it in its light.

Within a doelgroep, the adviezen are found in one of two ways. Numbered: a typed number
("1. Titel"), Word's own numbering, or the rows of a table (title | text); then a heading or a
bold line right before an advies is a thema. Or by headings: with no numbers at all, the
headings (or bold lines) with text below are the adviezen, and a level above them the thema's;
where that could be more than one level, the one whose count matches the doelgroep's heading.
"""

import re

from django.utils.text import slugify

from ..telwoorden import lees_telwoord
from .titels import HOOFDSTUKNUMMER, is_titelachtig

KOP = re.compile(
    r"^(?:(?P<aantal>\S+)\s+)?(?:adviezen|advies)\s+(?:voor|aan)\s+(?:de\s+)?(?P<doelgroep>.+?)"
    r"\s*(?:\(\d+\))?\s*:?$",
    re.I,
)
MAX_KOPLENGTE = 120
KOP_IN_INLEIDING = (
    "een kop vóór de eerste doelgroep; de titel geef je apart op en de inleiding is gewone tekst"
)
KADER_BEGIN = re.compile(
    r"leer van de ervaringen van (?:je|jouw) collega'?s|meer info(?:rmatie)?\s*[?:]?"
    r"|stuur (?:ons )?een e-?mail|misschien vind je dit ook interessant:?"
)
KADER_REGEL = re.compile(
    KADER_BEGIN.pattern + r"|meer weten over de werkateliers\b.*|.*secretariaat@aeno\.nl.*"
    r"|.*070\s*-?\s*763\s*00\s*30.*"
)
INHOUD_TITEL = re.compile(r"inhoud(?:sopgave|stafel)?|inhoudsopgave|contents?", re.I)
PAGINANUMMER = re.compile(r"[\s.·…_\-–]*\t?\s*\d{1,3}$")
AFSLUITING = re.compile(
    r".{1,40}\?|contact|colofon|tot slot|bronnen|meer informatie|vragen|verder lezen", re.I
)


def _vergelijkbaar(tekst):
    """A text as two readers would call it the same.

    >>> _vergelijkbaar("  Meer  Info?"), _vergelijkbaar("Collega’s")
    ('meer info?', "collega's")
    """
    return " ".join(tekst.lower().replace("’", "'").replace("‘", "'").split())


def kale_tekst(blok):
    """A heading's text without a number typed before it or a colon after it.

    >>> from .blok import Blok
    >>> kale_tekst(Blok(1, "2.1 Praten met inwoners:", soort="kop"))
    'Praten met inwoners'
    """
    tekst = HOOFDSTUKNUMMER.sub("", blok.tekst)
    if blok.soort == "kop":
        tekst = re.sub(r"^\d{1,2}\.?\s+(?=\D)", "", tekst)
    return tekst.strip().rstrip(":").strip()


# What a single block is ------------------------------------------------------------------


def is_koplijk(blok):
    """A heading, or a short paragraph in bold that stands as one (no full stop at its end).

    >>> from .blok import Blok
    >>> is_koplijk(Blok(1, "Samen sterker", geheel_vet=True)), is_koplijk(Blok(1, "Let op."))
    (True, False)
    """
    if blok.soort == "kop":
        return True
    return (
        blok.soort == "alinea"
        and blok.geheel_vet
        and len(blok.tekst) <= MAX_KOPLENGTE
        and not blok.tekst.endswith(".")
    )


def is_getypt_advies(blok):
    """A paragraph or heading that starts with a typed number: "1. Titel", "Advies 2: Titel"."""
    return blok.soort in ("alinea", "kop") and blok.nummer is not None


def lees_doelgroepkop(blok, doelgroepen):
    """(count or None, doelgroep or None, the name as written) when the block is a doelgroep's
    heading, else None. "Vier adviezen voor uitvoerders", "Adviezen voor de uitvoerders", and
    a heading that is just a doelgroep's name ("Leidinggevenden en bestuurders").

    >>> from .blok import Blok
    >>> lees_doelgroepkop(Blok(1, "Vier adviezen voor uitvoerders"), [])
    (4, None, 'uitvoerders')
    """
    if blok.soort in ("lijstitem", "lijst", "tabelrij"):
        return None
    tekst = kale_tekst(blok)
    if kop := KOP.match(tekst):
        aantal = lees_telwoord(kop["aantal"]) if kop["aantal"] else None
        if kop["aantal"] and aantal is None:
            return None
        return aantal, zoek_doelgroep(kop["doelgroep"], doelgroepen), kop["doelgroep"]
    if is_koplijk(blok):
        naam = re.sub(r"^voor\s+(?:de\s+)?", "", tekst, flags=re.I)
        doelgroep = zoek_doelgroep(naam, doelgroepen, exact=True)
        if doelgroep is not None:
            return None, doelgroep, naam
    return None


def zoek_doelgroep(naam, doelgroepen, exact=False):
    """The doelgroep a heading names: by its name or address, else the only one whose name
    has all the heading's words ("leidinggevenden" for "Leidinggevenden en bestuurders")."""
    gezocht = _vergelijkbaar(naam.replace("&", " en "))
    for doelgroep in doelgroepen:
        if gezocht in (_vergelijkbaar(doelgroep.naam), doelgroep.slug.replace("-", " ")):
            return doelgroep
    if exact:
        return None
    woorden = set(slugify(gezocht).split("-"))
    passend = [d for d in doelgroepen if woorden <= set(d.slug.split("-"))]
    return passend[0] if len(passend) == 1 else None


def is_kaderbegin(blok):
    """The first line of the site's own frame, as a block of its own."""
    return bool(KADER_BEGIN.fullmatch(_vergelijkbaar(blok.tekst)))


def is_kaderregel(blok):
    return bool(KADER_REGEL.fullmatch(_vergelijkbaar(blok.tekst)))


def lijkt_afsluiting(blok):
    """A short line that closes a report rather than starting an advies.

    >>> from .blok import Blok
    >>> lijkt_afsluiting(Blok(1, "Meer weten?")), lijkt_afsluiting(Blok(1, "Luister echt"))
    (True, False)
    """
    return bool(AFSLUITING.fullmatch(kale_tekst(blok)))


CONTACT = re.compile(r"@|https?://|www\.|\b0\d{1,3}[\s-]*\d{2,3}[\s-]*\d{2}", re.I)


def is_afsluiting(blokken, index):
    """A heading or bold line, or a short closing question ("Meer weten?") with contact
    details after it: the start of a closing block, if nothing but text follows."""
    blok = blokken[index]
    if blok.gekozen or blok.soort in ("tabelrij", "lijstitem"):
        return False
    if is_koplijk(blok) and not is_getypt_advies(blok):
        return True
    return lijkt_afsluiting(blok) and any(CONTACT.search(b.tekst) for b in blokken[index + 1 :])


def is_kopregel(blok):
    """The first row of a table that names its columns ("Advies | Toelichting")."""
    woorden = r"advies|adviezen|titel|tekst|toelichting|uitleg|nr\.?|nummer|thema|wat|waarom|hoe"
    cellen = [c.strip() for c in blok.tekst.split("|")]
    return all(re.fullmatch(woorden, c, re.I) for c in cellen) or (
        blok.geheel_vet and all(len(c) <= 30 and not c.endswith((".", "!", "?")) for c in cellen)
    )


def zonder_paginanummer(tekst):
    """A line of a table of contents without its page number or dot leader.

    >>> zonder_paginanummer("Vier adviezen voor uitvoerders ........ 2")
    'Vier adviezen voor uitvoerders'
    """
    return PAGINANUMMER.sub("", tekst).strip()


# The report as a whole --------------------------------------------------------------------


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
            blok.geraden = blok.gekozen = False
            if blok.is_notitie:
                blok.rol = blok.eigen_rol = "weggelaten"
                blok.reden = "niet overgenomen"
            elif keuzes and keuzes.get(blok.sleutel):
                blok.rol, blok.gekozen = keuzes[blok.sleutel], True

    def geef(self, blok, rol, reden, geraden=False):
        blok.eigen_rol = rol
        if not blok.gekozen:
            blok.rol, blok.reden, blok.geraden = rol, reden, geraden

    def rol(self, blok):
        return blok.rol

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
        for blok in blokken:
            if blok.gekozen:
                blok.reden = f"door jou gekozen (de site las: {blok.eigen_rol or 'niets'})"
        return self.alle

    # Before the adviezen ------------------------------------------------------------------

    def inhoudsopgave_met_de_hand(self):
        """A table of contents typed by hand, before the report begins: lines that name a
        heading or advies further on (a page number after them or not), two or more in a row,
        or under a title "Inhoud"."""
        blokken = self.blokken

        def sleutel(blok):
            tekst = zonder_paginanummer(kale_tekst(blok))
            return _vergelijkbaar(re.sub(r"^\d{1,3}[.)]\s+", "", tekst))

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
        block part of it, however it starts."""
        blokken = self.blokken
        for begin, blok in enumerate(blokken):
            if not is_kaderbegin(blok) or blok.gekozen:
                continue
            verwant = False
            for rest in blokken[begin:]:
                if rest.gekozen:
                    break
                if _vergelijkbaar(rest.tekst).startswith("misschien vind je"):
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
        own title."""
        titel = _vergelijkbaar(self.titel)
        for index, blok in enumerate(blokken):
            if blok.eigen_rol:
                continue
            if index == 0 and titel and _vergelijkbaar(kale_tekst(blok)) == titel:
                self.geef(blok, "weggelaten", "de titel van het werkatelier; die geef je apart op")
            elif blok.soort == "kop":
                self.geef(blok, "weggelaten", KOP_IN_INLEIDING)
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
        genummerd = any(self._begint_advies(b, None, False) for b in blokken) or any(
            b.rol == "advies-titel" for b in blokken if b.gekozen
        )
        if genummerd:
            self.genummerde_adviezen(blokken)
        else:
            self.adviezen_in_koppen(blokken, gelezen[0])
        self.laatste_aantal = gelezen[0]
        self.laatste_adviezen = sum(1 for b in blokken if b.rol == "advies-titel")

    def _begint_advies(self, blok, adviestabellen, advies_heeft_tekst):
        """Whether a block starts an advies where adviezen are numbered."""
        if blok.gekozen:
            return blok.rol == "advies-titel"
        if is_getypt_advies(blok):
            return True
        if blok.soort == "tabelrij":
            return adviestabellen is None or blok.tabel in adviestabellen
        if blok.soort == "lijstitem":
            # Word's own numbering numbers the adviezen when an item starts in bold, or reads
            # as a title and is not a list inside an advies's text.
            return (
                blok.geheel_vet
                or blok.html.lstrip().startswith("<strong>")
                or (
                    is_titelachtig(blok.tekst)
                    and (blok.lijstgrootte == 1 or adviestabellen is None or not advies_heeft_tekst)
                )
            )
        return False

    def _adviestabellen(self, blokken):
        """The tables that hold adviezen: two or three columns (title | text, or number |
        title | text), before any other advies of this doelgroep."""
        tabellen, eerder_advies = set(), False
        for blok in blokken:
            if blok.soort == "tabelrij":
                if not eerder_advies and blok.tabel not in tabellen and blok.cellen in (1, 2, 3):
                    rijen = [b for b in blokken if b.soort == "tabelrij" and b.tabel == blok.tabel]
                    if any(r.cellen in (2, 3) for r in rijen):
                        tabellen.add(blok.tabel)
            elif is_getypt_advies(blok) or blok.soort == "lijstitem":
                eerder_advies = True
        return tabellen

    def genummerde_adviezen(self, blokken):
        tabellen = self._adviestabellen(blokken)
        themaniveau = min((b.niveau for b in blokken if b.soort == "kop"), default=None)
        advies, heeft_tekst, gezien = False, False, set()
        for index, blok in enumerate(blokken):
            volgende = blokken[index + 1] if index + 1 < len(blokken) else None
            if blok.gekozen:
                if blok.rol == "advies-titel":
                    advies, heeft_tekst = True, bool(blok.rest)
                elif blok.rol == "tekst":
                    heeft_tekst = True
                elif blok.rol in ("thema", "doelgroep"):
                    advies = False
            if blok.eigen_rol:
                continue
            if blok.soort == "tabelrij" and blok.tabel in tabellen:
                self._tabelrij(blok, blok.tabel not in gezien)
                gezien.add(blok.tabel)
            elif blok.soort == "tabelrij":
                self.geef(blok, "weggelaten", "een tabel; die neemt de site niet over")
            elif self._begint_advies(blok, tabellen, heeft_tekst) and not blok.sublijst:
                reden = (
                    f"begint met een nummer (‘{blok.nummer}.’)"
                    if blok.nummer is not None
                    else "een genummerd lijstitem van Word"
                )
                self.geef(blok, "advies-titel", reden, bool(blok.titel_geraden))
                advies, heeft_tekst = True, bool(blok.rest)
                continue
            elif self._is_thema_voor_advies(blok, volgende, tabellen, advies and not heeft_tekst):
                advies = False
                continue
            elif blok.soort == "kop" and blok.niveau <= (themaniveau or 0):
                self.geef(blok, "thema", "een kop (kopstijl) tussen de adviezen")
                advies = False
            else:
                self.geef(blok, "tekst", "tekst onder een advies" if advies else "tekst")
            if blok.rol == "tekst":
                heeft_tekst = True
            elif blok.rol == "thema":
                advies = False

    def _tabelrij(self, blok, eerste_rij):
        if blok.kopregel or (eerste_rij and is_kopregel(blok)):
            self.geef(blok, "weggelaten", "de kopregel van de tabel met adviezen")
        elif blok.cellen == 1:
            self.geef(blok, "thema", "een rij van één cel in de tabel met adviezen")
        else:
            self.geef(blok, "advies-titel", "een rij van de tabel met adviezen (titel | tekst)")

    def _is_thema_voor_advies(self, blok, volgende, tabellen, direct_na_titel):
        """A heading, a bold line, or (in plain text) a short line, right before an advies."""
        if volgende is None or not self._begint_advies(volgende, tabellen, False):
            return False
        if blok.soort == "kop":
            self.geef(blok, "thema", "een kop (kopstijl) vóór een advies")
            return True
        kort_en_los = (
            blok.soort == "alinea"
            and len(blok.tekst) <= MAX_KOPLENGTE
            and not blok.tekst.endswith(tuple(".!?…;:"))
            # "Tip: gebruik pictogrammen" or "Belangrijk: ..." is a remark, not a heading.
            and ": " not in blok.tekst
        )
        if not kort_en_los:
            return False
        if blok.geheel_vet:
            self.geef(blok, "thema", "een vetgedrukte regel zonder kopstijl, vóór een advies",
                      geraden=True)  # fmt: skip
            return True
        if direct_na_titel:
            return False
        if not blok.opgemaakt:
            self.geef(blok, "thema", "een korte regel zonder punt, vóór een genummerd advies")
            return True
        if self.zonder_opmaak:
            # Word without a heading or a bold line anywhere: read as plain text, but a guess.
            self.geef(blok, "thema", "een korte alinea zonder opmaak, vóór een genummerd advies",
                      geraden=True)  # fmt: skip
            return True
        return False

    def adviezen_in_koppen(self, blokken, aantal):
        """No numbers: headings (or bold lines) with text below are the adviezen."""
        koppen = [(i, b) for i, b in enumerate(blokken) if is_koplijk(b) and not b.eigen_rol]

        def niveau(blok):
            return blok.niveau if blok.soort == "kop" else 7

        def met_tekst(i):
            volgende = blokken[i + 1] if i + 1 < len(blokken) else None
            return volgende is not None and not is_koplijk(volgende)

        telling = {}
        for i, blok in koppen:
            if met_tekst(i):
                telling[niveau(blok)] = telling.get(niveau(blok), 0) + 1
        if not telling:
            for blok in blokken:
                if not blok.eigen_rol:
                    self.geef(blok, "tekst", "tekst")
            return
        passend = [n for n, tal in telling.items() if tal == aantal]
        adviesniveau = max(passend) if passend else max(telling)
        geraden = not passend
        for blok in blokken:
            if blok.eigen_rol:
                continue
            if is_koplijk(blok) and niveau(blok) == adviesniveau:
                soort = (
                    f"een kop (Kop {blok.niveau})"
                    if blok.soort == "kop"
                    else ("een vetgedrukte regel")
                )
                self.geef(blok, "advies-titel", f"{soort} met tekst eronder",
                          geraden=geraden or blok.soort != "kop")  # fmt: skip
            elif is_koplijk(blok) and niveau(blok) < adviesniveau:
                self.geef(blok, "thema", "een kop boven de adviezen",
                          geraden=blok.soort != "kop")  # fmt: skip
            else:
                self.geef(blok, "tekst", "tekst onder een advies")

    # After the adviezen -------------------------------------------------------------------

    def slot_na_het_laatste_advies(self, blokken):
        """A block of the author's after the last advies ("Meer weten?" and a contact line):
        most likely no part of it. The editor decides."""
        titels = [i for i, b in enumerate(blokken) if b.rol == "advies-titel"]
        if not titels:
            return
        laatste = titels[-1]
        eerste_tekst = laatste if blokken[laatste].rest else laatste + 1
        begin = next(
            (i for i in range(eerste_tekst + 1, len(blokken)) if is_afsluiting(blokken, i)), None
        )
        # "Meer weten?" read as an advies of its own: one advies more than the heading said.
        if begin is None and is_afsluiting(blokken, laatste) and blokken[laatste].nummer is None:
            if self.laatste_aantal is None or self.laatste_aantal == self.laatste_adviezen - 1:
                begin = laatste
        if begin is None or any(
            b.rol in ("advies-titel", "doelgroep") for b in blokken[begin + 1 :]
        ):
            return
        for blok in blokken[begin:]:
            self.geef(blok, "slot", "na het laatste advies: een afsluitend blok, niet "
                                    "overgenomen?", geraden=True)  # fmt: skip


def ken_rollen_toe(blokken, doelgroepen, keuzes=None, titel=""):
    """Give every block its role; returns the blocks."""
    return Rollen(blokken, doelgroepen, keuzes, titel).ken_toe()
