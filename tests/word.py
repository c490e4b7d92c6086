"""Word documents as fund staff write them, built in the tests with python-docx: heading
styles, Word's own numbering (restarted per doelgroep), bold titles, lists, links, tables,
images, footnotes, comments and text boxes. python-docx has no call for some of these; for
those we add the few XML elements Word itself writes."""

import io
import struct
import zlib

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
NAAMRUIMTES = (
    f'{W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)
ZACHT = object()  # a soft line break (Shift+Enter)


def png():
    """A 1×1 PNG, enough for Word to hold an image."""

    def stuk(soort, data):
        return (
            struct.pack(">I", len(data))
            + soort
            + data
            + struct.pack(">I", zlib.crc32(soort + data) & 0xFFFFFFFF)
        )

    kop = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + stuk(b"IHDR", kop)
        + stuk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + stuk(b"IEND", b"")
    )


class Verslag:
    def __init__(self):
        self.document = docx.Document()
        self.nummering = None
        self._voetnoten = None

    # Text ---------------------------------------------------------------------------------

    def alinea(self, *stukken, stijl=None):
        """A paragraph from pieces: a str, ("vet", s), ("cursief", s), ("link", s, url), ZACHT."""
        alinea = self.document.add_paragraph(style=stijl)
        for stuk in stukken:
            self._stuk(alinea, stuk)
        return alinea

    def _stuk(self, alinea, stuk):
        if stuk is ZACHT:
            alinea.add_run().add_break()
        elif isinstance(stuk, str):
            alinea.add_run(stuk)
        elif stuk[0] == "vet":
            alinea.add_run(stuk[1]).bold = True
        elif stuk[0] == "cursief":
            alinea.add_run(stuk[1]).italic = True
        elif stuk[0] == "link":
            rid = alinea.part.relate_to(stuk[2], RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            alinea._p.append(
                parse_xml(
                    f'<w:hyperlink {NAAMRUIMTES} r:id="{rid}"><w:r><w:rPr>'
                    f'<w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve">{stuk[1]}'
                    "</w:t></w:r></w:hyperlink>"
                )
            )

    def bladwijzer(self, alinea=None, naam="_GoBack"):
        """A bookmark, as Word leaves them: inside a paragraph, or (as other programs write
        one before each heading) between paragraphs."""
        nummer = len(self.document.element.body.xpath("//w:bookmarkStart"))
        for xml in (
            f'<w:bookmarkStart {W} w:id="{nummer}" w:name="{naam}"/>',
            f'<w:bookmarkEnd {W} w:id="{nummer}"/>',
        ):
            if alinea is None:
                body = self.document.element.body
                body.insert(len(body) - (body[-1].tag == qn("w:sectPr")), parse_xml(xml))
            else:
                alinea._p.insert(1 if alinea._p.pPr is not None else 0, parse_xml(xml))

    def kop(self, tekst, niveau):
        return self.document.add_heading(tekst, niveau)

    def nieuwe_nummering(self):
        """Word's numbering, starting again at 1 (as Word does for a new doelgroep)."""
        nummering = self.document.part.numbering_part.element
        abstract = (
            self.document.styles["List Number"].element.xpath(".//w:numId")[0].get(qn("w:val"))
        )
        abstract_id = nummering.xpath(f'./w:num[@w:numId="{abstract}"]/w:abstractNumId')[0].get(
            qn("w:val")
        )
        nieuw = max(int(n) for n in nummering.xpath("./w:num/@w:numId")) + 1
        nummering.append(
            parse_xml(
                f'<w:num {W} w:numId="{nieuw}"><w:abstractNumId w:val="{abstract_id}"/>'
                '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            )
        )
        self.nummering = nieuw
        return nieuw

    def zonder_teken(self, tekst, vorm="bullet", teken=" "):
        """A paragraph on a list level that shows nothing (a bullet of a space, as pandoc
        writes a paragraph that goes on within a list item; or Word's number format none)."""
        nummering = self.document.part.numbering_part.element
        abstract = max(int(n) for n in nummering.xpath("./w:abstractNum/@w:abstractNumId")) + 1
        lijst = max(int(n) for n in nummering.xpath("./w:num/@w:numId")) + 1
        nummering.insert(
            0,
            parse_xml(
                f'<w:abstractNum {W} w:abstractNumId="{abstract}"><w:lvl w:ilvl="0">'
                f'<w:numFmt w:val="{vorm}"/><w:lvlText w:val="{teken}"/></w:lvl></w:abstractNum>'
            ),
        )
        nummering.append(
            parse_xml(f'<w:num {W} w:numId="{lijst}"><w:abstractNumId w:val="{abstract}"/></w:num>')
        )
        alinea = self.alinea(tekst)
        alinea._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="{lijst}"/></w:numPr>')
        )
        return alinea

    def genummerd(self, *stukken):
        """A paragraph in Word's own numbered list: the number is not in the text."""
        alinea = self.alinea(*stukken, stijl="List Number")
        if self.nummering:
            ppr = alinea._p.get_or_add_pPr()
            ppr.append(
                parse_xml(
                    f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="{self.nummering}"/></w:numPr>'
                )
            )
        return alinea

    def opsomming(self, *items):
        for item in items:
            self.alinea(*(item if isinstance(item, tuple | list) else [item]), stijl="List Bullet")

    # What the site does not take over ------------------------------------------------------

    def tabel(self, rijen):
        tabel = self.document.add_table(rows=len(rijen), cols=len(rijen[0]))
        for r, rij in enumerate(rijen):
            for k, tekst in enumerate(rij):
                tabel.cell(r, k).text = tekst
        return tabel

    def afbeelding(self, alt="", bijschrift=None):
        alinea = self.document.add_paragraph()
        alinea.add_run().add_picture(io.BytesIO(png()))
        if alt:
            alinea._p.xpath(".//wp:docPr")[0].set("descr", alt)
        if bijschrift:
            self.document.add_paragraph(bijschrift, style="Caption")
        return alinea

    def voetnoot(self, alinea, tekst):
        if self._voetnoten is None:
            xml = (
                f'<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r>'
                "<w:separator/></w:r></w:p></w:footnote>"
                '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
                "<w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>"
            )
            self._voetnoten = Part(
                PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml.encode(),
                self.document.part.package,
            )
            self.document.part.relate_to(self._voetnoten, RELATIONSHIP_TYPE.FOOTNOTES)
            self._noten = []
        self._noten.append(tekst)
        nummer = len(self._noten)
        alinea._p.append(
            parse_xml(
                f'<w:r {W}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{nummer}"/></w:r>'
            )
        )
        return nummer

    def opmerking(self, alinea, tekst):
        self.document.add_comment(alinea.runs[0], text=tekst, author="Redactie", initials="R")

    def tekstvak(self, alinea, tekst):
        """A text box as Word writes it: a drawing with the text, and a VML fallback."""
        inhoud = f"<w:txbxContent><w:p><w:r><w:t>{tekst}</w:t></w:r></w:p></w:txbxContent>"
        alinea._p.append(
            parse_xml(
                f"<w:r {NAAMRUIMTES}><mc:AlternateContent>"
                f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{inhoud}</wps:txbx></w:drawing>'
                "</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
                f"{inhoud}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
            )
        )

    # The file -----------------------------------------------------------------------------

    def bytes(self):
        if self._voetnoten is not None:
            noten = "".join(
                f'<w:footnote w:id="{i}"><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:footnote>'
                for i, t in enumerate(self._noten, 1)
            )
            xml = self._voetnoten.blob.decode().replace("</w:footnotes>", noten + "</w:footnotes>")
            self._voetnoten._blob = xml.encode()
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def seed_als_word(tekst, themas):
    """A seed page as staff write it in Word: doelgroep lines as Heading 1, thema's as
    Heading 2, adviezen in Word's own numbering (again from 1 per doelgroep) with bold titles,
    the text in normal paragraphs, and the site's frame at the end."""
    import re

    verslag = Verslag()
    for regel in (r.strip() for r in tekst.splitlines()):
        if not regel:
            continue
        if re.match(r"^\S+ adviezen voor ", regel):
            verslag.kop(regel, 1)
            verslag.nieuwe_nummering()
        elif regel in themas or regel.startswith(("Leer van de", "Meer info", "Misschien vind")):
            verslag.kop(regel, 2)
        elif genummerd := re.match(r"^\d+\. (.*)$", regel):
            verslag.genummerd(("vet", genummerd[1]))
        else:
            verslag.alinea(regel)
    return verslag.bytes()
