"""A file → blocks: plain text line by line, a Word file through `word`."""

from html import escape

from .blok import Blok, ImportFout, Melding
from .html import zichtbaar
from .titels import stuk, titel_en_rest
from .word import MAX_BESTAND, MAX_TEKENS, lees_docx


def lees_bestand(naam, inhoud):
    """The blocks of an uploaded or given file: .docx, or plain text in UTF-8 (or
    Windows-1252)."""
    if len(inhoud) > MAX_BESTAND:
        raise ImportFout([Melding(0, "Het bestand is groter dan 20 MB.")])
    if naam.lower().endswith(".docx"):
        return lees_docx(inhoud)
    return blokken_uit_tekst(_lees_tekst(inhoud))


def _lees_tekst(inhoud):
    if not inhoud.strip():
        raise ImportFout([Melding(0, "Het bestand is leeg.")])
    for positie, byte in enumerate(inhoud):
        if byte < 0x20 and byte not in b"\t\n\r\f":
            regel = inhoud[:positie].count(b"\n") + 1
            raise ImportFout(
                [Melding(regel, "dit is geen tekstbestand (er staan onleesbare tekens).")]
            )
    try:
        return inhoud.decode("utf-8-sig")
    except UnicodeDecodeError as fout:
        eerste_fout = fout.start
    # Word's "Platte tekst" on Windows saves Windows-1252 unless told otherwise.
    try:
        return inhoud.decode("cp1252")
    except UnicodeDecodeError:
        regel = inhoud[:eerste_fout].count(b"\n") + 1
        raise ImportFout(
            [Melding(regel, "deze tekst kan niet gelezen worden; sla het bestand op als UTF-8.")]
        ) from None


def blokken_uit_tekst(tekst):
    """Plain text: every line that shows something is a block, numbered by its line."""
    if len(tekst) > MAX_TEKENS:
        raise ImportFout(
            [Melding(0, "Dit verslag is langer dan 500.000 tekens (zo’n 150 bladzijden); zo’n "
                        "lang verslag lezen we niet als één werkatelier. Splits het verslag.")]
        )  # fmt: skip
    blokken = []
    for nr, regel in enumerate(tekst.lstrip("\ufeff").splitlines(), 1):
        regel = zichtbaar(regel)
        if regel:
            nummer, titel, rest, geraden = titel_en_rest([stuk(regel)])
            blokken.append(
                Blok(nr, regel, html=escape(regel, quote=False), nummer=nummer, titel=titel,
                     rest=rest, titel_geraden=geraden)
            )  # fmt: skip
    return blokken
