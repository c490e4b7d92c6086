"""A Word file (.docx) as its author sees it, read through mammoth.

mammoth turns the document into HTML; what it does not know about, we tell it first, on a copy
of the document's XML (`voorbereiden`: hidden text and the table of contents out, bold and
italics from styles onto the runs) and through a style map of the document's headings
(`stijlen`). Its HTML becomes blocks in `html`.

The limits protect memory, not the length of a report: the parts that are read may unpack to
`MAX_UITGEPAKT`, checked on the zip's own table of contents before anything is decompressed
and again while reading (a zip may lie about sizes); images are never decompressed.
"""

import io
import zipfile
from xml.etree import ElementTree

import mammoth

from .blok import ImportFout, Melding
from .html import blokken_uit_html
from .stijlen import Stijlen
from .voorbereiden import bereid_voor, lege_nummering

MAX_BESTAND = 20 * 1024 * 1024
MAX_DELEN = 1000
MAX_UITGEPAKT = 40 * 1024 * 1024
# A report of 60 pages has some 200,000 characters of text; this leaves room for 150 pages.
MAX_TEKENS = 500_000


def lees_docx(inhoud):
    """A .docx as blocks. The zip's table of contents is checked first, so a zip bomb is
    refused before anything is decompressed."""
    onleesbaar = ImportFout([Melding(0, "Dit is geen leesbaar Word-bestand (.docx).")])
    try:
        docx = zipfile.ZipFile(io.BytesIO(inhoud))
        delen = docx.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise onleesbaar from None
    te_lezen = [d for d in delen if not d.filename.startswith("word/media/")]
    if len(delen) > MAX_DELEN:
        raise ImportFout(
            [Melding(0, f"Dit Word-bestand bestaat uit meer dan {MAX_DELEN} delen; zo’n "
                        "bestand lezen we niet. Sla het opnieuw op vanuit Word.")]
        )  # fmt: skip
    if sum(deel.file_size for deel in te_lezen) > MAX_UITGEPAKT:
        raise ImportFout(
            [Melding(0, "De tekst van dit Word-bestand is uitgepakt groter dan 40 MB; zo’n "
                        "bestand lezen we niet. Sla het opnieuw op vanuit Word, of splits "
                        "het verslag.")]
        )  # fmt: skip
    try:
        delen = {deel.filename: _lees_deel(docx, deel) for deel in te_lezen}
        stijlen = Stijlen(delen.get("word/styles.xml"))
        weggelaten = []
        document = bereid_voor(
            delen["word/document.xml"], stijlen, lege_nummering(delen.get("word/numbering.xml")),
            weggelaten,
        )  # fmt: skip
        delen["word/document.xml"] = document
        uit = io.BytesIO()
        with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as kopie:
            for naam, data in delen.items():
                kopie.writestr(naam, data)
        del delen, document
        resultaat = mammoth.convert_to_html(
            uit,
            style_map=stijlen.stijlkaart(),
            include_embedded_style_map=False,
            # Images are not taken over: give mammoth an empty source, so it never reads them.
            convert_image=mammoth.images.img_element(lambda image: {"src": ""}),
        )
        wortel = ElementTree.fromstring(f"<div>{resultaat.value}</div>")
    except Exception:  # a broken zip, XML or document: mammoth raises many kinds
        raise onleesbaar from None
    blokken = blokken_uit_html(wortel, weggelaten)
    if not any(b.tekst for b in blokken if not b.is_notitie):
        raise ImportFout([Melding(0, "Het bestand is leeg.")])
    if sum(len(b.tekst) for b in blokken) > MAX_TEKENS:
        raise ImportFout(
            [Melding(0, "Dit verslag is langer dan 500.000 tekens (zo’n 150 bladzijden); zo’n "
                        "lang verslag lezen we niet als één werkatelier. Splits het verslag.")]
        )  # fmt: skip
    return blokken


def _lees_deel(docx, deel):
    """A part, read with its declared size as the limit: a zip that lies about its sizes costs
    no more memory than it declared, and then fails its checksum."""
    with docx.open(deel) as bron:
        # read(n), not read(): zipfile inflates a whole stream at once without a limit.
        data = bron.read(deel.file_size + 1)
    if len(data) > deel.file_size:
        raise ValueError("groter dan opgegeven")
    return data
