"""Blocks with their roles → the werkatelier's structure: the intro, per doelgroep its thema's
and adviezen, and every problem (`Melding`) with the place it stood and the text it is about.

Whatever the roles are (the reader's or the editor's), this reads them the same way: a
doelgroep starts a part, a thema heads the adviezen after it, an advies-titel starts an advies
(with the text after the title's end), tekst goes with the advies before it.
"""

from dataclasses import dataclass, field
from html import escape

from .. import rijketekst
from ..models import Advies, Thema
from ..telwoorden import telwoord
from .blok import ZACHTE_REGEL, Melding, kort
from .rollen import KOP_IN_INLEIDING, kale_tekst, lees_doelgroepkop, zoek_doelgroep

MAX_TITEL = Advies._meta.get_field("titel").max_length
MAX_THEMA = Thema._meta.get_field("naam").max_length


@dataclass
class GelezenAdvies:
    nummer: int
    titel: str
    regel: int
    thema: str | None = None
    thema_geraden: str = ""
    delen: list = field(default_factory=list)  # [(soort, list number, HTML, sub-list?)]

    @property
    def html(self):
        return rijketekst.schoon(samen(self.delen))

    @property
    def alineas(self):
        """The text's paragraphs without markup."""
        return [a for a in rijketekst.platte_tekst(self.html).split("\n\n") if a]


@dataclass
class GelezenDoelgroep:
    kop: str
    aantal: int | None
    regel: int
    doelgroep: object
    adviezen: list[GelezenAdvies] = field(default_factory=list)

    @property
    def themagroepen(self):
        """[(thema or None, how it was guessed, [advies, ...]), ...] in reading order."""
        groepen = []
        for advies in self.adviezen:
            if not groepen or groepen[-1][0] != advies.thema:
                groepen.append((advies.thema, advies.thema_geraden, []))
            groepen[-1][2].append(advies)
        return groepen


@dataclass
class Verslag:
    blokken: list = field(default_factory=list)
    intro_delen: list = field(default_factory=list)
    doelgroepen: list[GelezenDoelgroep] = field(default_factory=list)
    meldingen: list[Melding] = field(default_factory=list)
    bestaande_themas: dict = field(default_factory=dict)  # lower-case name → Thema
    eenheid: str = "Regel"  # what a place is counted in: lines of text, paragraphs of Word

    @property
    def intro(self):
        """The intro's paragraphs without markup."""
        return [a for a in rijketekst.platte_tekst(self.intro_html).split("\n\n") if a]

    @property
    def intro_html(self):
        return rijketekst.schoon(samen(self.intro_delen))

    @property
    def themas(self):
        """Thema names in the order the adviezen give them."""
        namen = [a.thema for d in self.doelgroepen for a in d.adviezen if a.thema]
        return list(dict.fromkeys(namen))

    @property
    def nieuwe_themas(self):
        return [naam for naam in self.themas if naam.lower() not in self.bestaande_themas]

    @property
    def fouten(self):
        return [m for m in self.meldingen if not m.let_op]

    @property
    def waarschuwingen(self):
        return [m for m in self.meldingen if m.let_op]

    @property
    def geraden(self):
        """The blocks whose role (or where the title ends) the site had to guess."""
        return [b for b in self.blokken if b.geraden and not b.gekozen]

    @property
    def goed_gelezen(self):
        return not self.fouten and not self.geraden

    @property
    def aantal_adviezen(self):
        return sum(len(d.adviezen) for d in self.doelgroepen)


def deel_van(blok, html=None):
    """A block as part of a text: (soort, list number, HTML, sub-list?)."""
    if html is not None:
        return ("blokken" if blok.soort == "tabelrij" else "alinea", 0, html, False)
    if blok.soort == "kop":
        return ("alinea", 0, f"<strong>{escape(blok.tekst, quote=False)}</strong>", False)
    if blok.soort == "tabelrij":
        return ("blokken", 0, blok.html, False)
    if blok.soort in ("lijstitem", "lijst"):
        return (blok.soort, blok.lijst, blok.html, blok.sublijst)
    return ("alinea", 0, blok.html, False)


def samen(delen):
    """The HTML of the parts of one advies or intro: paragraphs (a soft line break starts a
    new one), Word list items gathered into their list again, a sub-list under the item
    before it."""
    uit, lijst = [], None
    for soort, nummer, html, sub in delen:
        if soort == "lijstitem":
            if lijst != nummer:
                uit.append("</ol><ol>" if lijst is not None else "<ol>")
                lijst = nummer
            uit.append(f"<li>{html.replace(ZACHTE_REGEL, ' ')}</li>")
            continue
        if soort == "lijst" and sub and uit and uit[-1].endswith("</li>"):
            uit[-1] = uit[-1][: -len("</li>")] + html + "</li>"
            continue
        if soort == "lijst" and sub and uit and uit[-1].endswith(("</li></ul>", "</li></ol>")):
            uit[-1] = uit[-1][:-10] + html + uit[-1][-10:]
            continue
        if lijst is not None:
            uit.append("</ol>")
            lijst = None
        if soort in ("lijst", "blokken"):
            uit.append(html)
        else:
            uit.extend(f"<p>{stuk}</p>" for stuk in html.split(ZACHTE_REGEL) if stuk.strip())
    if lijst is not None:
        uit.append("</ol>")
    return "".join(uit)


def plaats(deel, advies):
    if deel is None:
        return "in de inleiding"
    doelgroep = deel.doelgroep.in_zin if deel.doelgroep else "deze doelgroep"
    if advies is None:
        return f"bij de adviezen voor {doelgroep}"
    return f"bij advies {advies.nummer} voor {doelgroep}, ‘{kort(advies.titel, 40)}’"


def bouw(blokken, doelgroepen, bestaande_themas):
    """The structure the roles of `blokken` describe, and what is wrong or unsure in it."""
    verslag = Verslag(blokken=blokken, bestaande_themas=bestaande_themas)
    eenheid = verslag.eenheid = "Alinea" if any(b.opgemaakt for b in blokken) else "Regel"

    def meld(plek, tekst, let_op=False):
        verslag.meldingen.append(Melding(plek, tekst, let_op, eenheid))

    if not any(b.tekst for b in blokken if not b.is_notitie):
        meld(0, "Het bestand is leeg.")
        return verslag
    deel = advies = None
    thema = (None, "")
    tabellen, vorige_rol = set(), None
    for blok in blokken:
        rol = blok.rol
        if blok.is_notitie:
            # The table of contents is left out as a matter of course: no warning.
            if not blok.tekst.startswith("de inhoudsopgave"):
                meld(blok.nr, f"{blok.tekst} is niet overgenomen ({plaats(deel, advies)}).", True)
            continue
        citaat = f"‘{kort(blok.tekst)}’"
        if rol == "weggelaten":
            rijen = []
            if blok.soort == "tabelrij":
                rijen = [b for b in blokken if b.soort == "tabelrij" and b.tabel == blok.tabel]
            adviestabel = any(r.rol in ("advies-titel", "thema") for r in rijen)
            if rijen and blok.tabel not in tabellen and not adviestabel:
                inhoud = kort(" | ".join(r.tekst for r in rijen), 50)
                rij = "rij" if len(rijen) == 1 else "rijen"
                waar = plaats(deel, advies)
                meld(blok.nr, f"een tabel ({len(rijen)} {rij}: ‘{inhoud}’) is niet overgenomen "
                              f"({waar}).", True)  # fmt: skip
            elif blok.reden == KOP_IN_INLEIDING:
                meld(blok.nr, f"de kop {citaat} is niet overgenomen: de titel geef je apart op, "
                              "en de inleiding is gewone tekst.", True)  # fmt: skip
            if blok.soort == "tabelrij":
                tabellen.add(blok.tabel)
        elif rol == "slot":
            if blok.geraden and vorige_rol != "slot":
                meld(blok.nr, f"{citaat} en wat erna komt, lijkt een afsluiting na het laatste "
                              "advies en is niet overgenomen. Hoort het bij het advies, kies dan "
                              "de rol ‘tekst’.", True)  # fmt: skip
        elif rol == "inleiding":
            verslag.intro_delen.append(deel_van(blok))
        elif rol == "doelgroep":
            deel = _doelgroep(verslag, blok, doelgroepen, meld) or deel
            advies, thema = None, (None, "")
        elif rol == "thema":
            naam = kale_tekst(blok)
            if deel is None:
                meld(blok.nr, f"dit thema staat vóór de eerste doelgroep: {citaat}.")
            elif len(naam) > MAX_THEMA:
                meld(blok.nr, f"deze themanaam is te lang (hoogstens {MAX_THEMA} tekens): "
                              f"{citaat}.")  # fmt: skip
            thema = (naam, blok.reden if blok.geraden else "")
            advies = None
        elif rol == "advies-titel":
            if deel is None:
                meld(blok.nr, "dit advies staat vóór de eerste kop zoals ‘Vier adviezen voor "
                              f"uitvoerders’: {citaat}.")  # fmt: skip
                advies = None
            else:
                advies = _advies(deel, blok, thema)
        elif advies is not None:
            advies.delen.append(deel_van(blok))
        else:
            waar = "bij geen advies" if deel is not None else "bij geen doelgroep of advies"
            meld(blok.nr, f"deze tekst hoort {waar}: {citaat}. Kies de rol die past, of "
                          "‘weggelaten’.")  # fmt: skip
        vorige_rol = rol
    _controleer(verslag, blokken, meld)
    return verslag


def _doelgroep(verslag, blok, doelgroepen, meld):
    gelezen = lees_doelgroepkop(blok, doelgroepen)
    if gelezen is None:
        # The editor called it a doelgroep: which one does it name?
        woorden = kale_tekst(blok).lower()
        genoemd = [d for d in doelgroepen if d.naam.lower() in woorden]
        gelezen = (None, genoemd[0] if len(genoemd) == 1 else None, kale_tekst(blok))
    aantal, doelgroep, naam = gelezen
    if doelgroep is None:
        doelgroep = zoek_doelgroep(naam, doelgroepen)
    if doelgroep is None:
        bekend = " of ".join(f"‘{d.in_zin}’" for d in doelgroepen)
        meld(blok.nr, f"onbekende doelgroep ‘{kort(naam)}’; kies {bekend}.")
    elif any(d.doelgroep == doelgroep for d in verslag.doelgroepen):
        meld(blok.nr, f"de adviezen voor {doelgroep.in_zin} staan al eerder in de tekst: "
                      f"‘{kort(blok.tekst)}’.")  # fmt: skip
    deel = GelezenDoelgroep(kale_tekst(blok), aantal, blok.nr, doelgroep)
    verslag.doelgroepen.append(deel)
    return deel


def _advies(deel, blok, thema):
    nummer = blok.nummer if blok.nummer is not None else None
    if nummer is None:
        nummer = (deel.adviezen[-1].nummer if deel.adviezen else 0) + 1
    titel = blok.titel or kale_tekst(blok)
    advies = GelezenAdvies(nummer, titel, blok.nr, *thema)
    deel.adviezen.append(advies)
    if blok.rest and rijketekst.platte_tekst(blok.rest).strip():
        advies.delen.append(deel_van(blok, html=blok.rest))
    return advies


def _controleer(verslag, blokken, meld):
    if not verslag.doelgroepen:
        eerste = next((b.nr for b in blokken if not b.is_notitie), 0)
        meld(eerste, "geen kop als ‘Vier adviezen voor uitvoerders’ gevonden; elke doelgroep "
                     "begint met zo’n kop.")  # fmt: skip
    for deel in verslag.doelgroepen:
        vorige = 0
        for advies in deel.adviezen:
            if advies.nummer != vorige + 1:
                ontbreekt = f"; nummer {vorige + 1} ontbreekt" if advies.nummer > vorige + 1 else ""
                meld(advies.regel, f"na advies {vorige} komt advies {advies.nummer}{ontbreekt} "
                                   f"(‘{kort(advies.titel, 40)}’).")  # fmt: skip
            vorige = advies.nummer
            if not advies.html:
                meld(advies.regel, f"advies {advies.nummer} (‘{kort(advies.titel, 40)}’) heeft "
                                   "geen tekst.")  # fmt: skip
            if len(advies.titel) > MAX_TITEL:
                meld(advies.regel, f"deze titel is te lang (hoogstens {MAX_TITEL} tekens): "
                                   f"‘{kort(advies.titel)}’.")  # fmt: skip
        if not deel.adviezen:
            meld(deel.regel, f"onder de kop ‘{kort(deel.kop)}’ staat geen advies.")
        elif deel.aantal is not None and deel.aantal != len(deel.adviezen):
            meld(deel.regel, f"de kop noemt {telwoord(deel.aantal)} adviezen, maar er volgen "
                             f"er {telwoord(len(deel.adviezen))}.")  # fmt: skip
    themas_met_adviezen = set(verslag.themas)
    for blok in blokken:
        if blok.rol == "thema" and kale_tekst(blok) not in themas_met_adviezen:
            meld(blok.nr, f"onder het thema ‘{kort(kale_tekst(blok))}’ staat geen advies; het "
                          "wordt niet aangemaakt.", True)  # fmt: skip
    verslag.meldingen.sort(key=lambda m: (m.plek, m.let_op))
