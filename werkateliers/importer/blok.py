"""What reading and structure share: a block of a report, the roles a block can have, and
the messages about it.

Reading (`bestand`, `word`, `html`) turns a file into `Blok`s and writes down what the document
itself says about each one: a heading and its level, a typed number, where the title ends,
whether it is all bold, a list item, a table row. The structure (`rollen`, `opbouw`) gives every
block one of `ROLLEN`, with the reason; the editor can give it another one in the preview.
"""

import hashlib
from dataclasses import asdict, dataclass

# Every role a block can have: the reader gives them, and the editor chooses from the same list.
ROLLEN = {
    "inleiding": "inleiding",
    "doelgroep": "doelgroep",
    "thema": "thema",
    "advies-titel": "advies-titel",
    "tekst": "tekst",
    "slot": "slot",
    "weggelaten": "weggelaten",
}
ZACHTE_REGEL = "\x0b"  # a soft line break (Shift+Enter) inside a paragraph


@dataclass
class Melding:
    plek: int  # line (plain text) or paragraph (Word) number; 0 when not one place
    tekst: str
    let_op: bool = False  # a warning that does not stop the import
    eenheid: str = "Regel"

    def __str__(self):
        begin = f"{self.eenheid} {self.plek}: " if self.plek else ""
        return f"{begin}{self.tekst}"


class ImportFout(Exception):
    def __init__(self, meldingen):
        self.meldingen = list(meldingen)
        super().__init__("\n".join(str(m) for m in self.meldingen))


@dataclass
class Blok:
    """One line, paragraph, heading, list item or table row of a report, as read."""

    nr: int  # line or paragraph number, for messages
    tekst: str  # plain text
    html: str = ""  # its rich content: inline, or block HTML for a list or a table row
    soort: str = "alinea"  # alinea · kop · lijstitem · lijst · tabelrij · weggelaten
    opgemaakt: bool = False  # from Word, with styles; False for plain text
    # What the document says about it.
    niveau: int = 0  # heading level (1–6)
    geheel_vet: bool = False  # every word bold, as a heading without a heading style
    nummer: int | None = None  # a typed number before the title ("1. ", "Advies 1:")
    titel: str = ""  # the text up to the title's end, when the block starts an advies
    rest: str = ""  # the HTML after the title's end
    titel_geraden: str = ""  # why the title's end was guessed, when it was
    lijst: int = 0  # Word list items: which list, and how many items it has
    lijstgrootte: int = 0
    sublijst: bool = False  # a list that hangs under the list item before it
    tabel: int = 0  # table rows: which table, how many cells, a header row
    cellen: int = 0
    kopregel: bool = False
    # What the structure made of it.
    rol: str = ""  # one of ROLLEN
    reden: str = ""  # why, in the editor's words
    geraden: bool = False  # the role is a guess the editor should check
    eigen_rol: str = ""  # the role the rules give, before the editor's choice
    gekozen: bool = False  # the editor chose the role

    @property
    def vingerafdruk(self):
        """Which block an editor's choice was about, also when the text around it changed."""
        return hashlib.sha1(f"{self.soort}|{self.tekst}".encode()).hexdigest()[:8]

    @property
    def sleutel(self):
        return f"{self.nr}-{self.vingerafdruk}"

    @property
    def is_notitie(self):
        """A note of what was left out (an image, hidden text, the table of contents):
        no content, so no role to choose."""
        return self.soort == "weggelaten"


def kort(tekst, lengte=60):
    """The start of a text, for a message.

    >>> kort("Praat mét de inwoner – niet over de inwoner", 20)
    'Praat mét de inwone…'
    """
    tekst = " ".join(tekst.replace(ZACHTE_REGEL, " ").split())
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1].rstrip() + "…"


def blokken_naar_json(blokken):
    return [asdict(blok) for blok in blokken]


def blokken_uit_json(gegevens):
    velden = Blok.__dataclass_fields__
    return [Blok(**{k: v for k, v in blok.items() if k in velden}) for blok in gegevens]
