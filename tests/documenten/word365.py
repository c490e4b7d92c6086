"""Word files as Dutch Word 365 stores them, written part by part: style ids Kop1, Titel,
Lijstalinea, Nadruk, Inhopg1 (with Word's English style names), runs split by revision ids
(rsids) and spelling marks, bookmarks (_Toc, _Hlk, _GoBack), heading numbering through
numbering.xml, a table of contents in a content control with PAGEREF fields, hidden text
(w:vanish), tracked changes, a comment, a HYPERLINK field and a content control."""

import io
import re
import zipfile
from html import escape
from itertools import count

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
OPMAAK = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*|\[[^\]]+\]\([^)]+\))")

STIJLEN = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W} {R} {W14} {MC} mc:Ignorable="w14">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/><w:sz w:val="22"/><w:lang w:val="nl-NL"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Standaard"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="heading 1"/><w:basedOn w:val="Standaard"/><w:next w:val="Standaard"/><w:link w:val="Kop1Char"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240"/>{{nummer1}}<w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:asciiTheme="majorHAnsi"/><w:color w:val="2F5496"/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Kop2"><w:name w:val="heading 2"/><w:basedOn w:val="Standaard"/><w:next w:val="Standaard"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/>{{nummer2}}<w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:color w:val="2F5496"/><w:sz w:val="26"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Kop3"><w:name w:val="heading 3"/><w:basedOn w:val="Standaard"/><w:next w:val="Standaard"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/>{{nummer3}}<w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:color w:val="1F3763"/><w:sz w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/><w:basedOn w:val="Standaard"/><w:next w:val="Standaard"/><w:qFormat/><w:rPr><w:sz w:val="56"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Lijstalinea"><w:name w:val="List Paragraph"/><w:basedOn w:val="Standaard"/><w:uiPriority w:val="34"/><w:qFormat/><w:pPr><w:ind w:left="720"/><w:contextualSpacing/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Kopvaninhoudsopgave"><w:name w:val="TOC Heading"/><w:basedOn w:val="Kop1"/><w:next w:val="Standaard"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Inhopg1"><w:name w:val="toc 1"/><w:basedOn w:val="Standaard"/><w:next w:val="Standaard"/><w:autoRedefine/><w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:pPr><w:spacing w:after="100"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Inhopg2"><w:name w:val="toc 2"/><w:basedOn w:val="Standaard"/><w:next w:val="Standaard"/><w:autoRedefine/><w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:pPr><w:ind w:left="220"/></w:pPr></w:style>
<w:style w:type="character" w:default="1" w:styleId="Standaardalinea-lettertype"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>
<w:style w:type="character" w:styleId="Kop1Char"><w:name w:val="Kop 1 Char"/><w:basedOn w:val="Standaardalinea-lettertype"/><w:link w:val="Kop1"/><w:rPr><w:color w:val="2F5496"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Nadruk"><w:name w:val="Emphasis"/><w:basedOn w:val="Standaardalinea-lettertype"/><w:uiPriority w:val="20"/><w:qFormat/><w:rPr><w:i/><w:iCs/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Duidelijkenadruk"><w:name w:val="Intense Emphasis"/><w:basedOn w:val="Standaardalinea-lettertype"/><w:uiPriority w:val="21"/><w:qFormat/><w:rPr><w:i/><w:iCs/><w:color w:val="4472C4"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Zwaar"><w:name w:val="Strong"/><w:basedOn w:val="Standaardalinea-lettertype"/><w:uiPriority w:val="22"/><w:qFormat/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Verwijzingopmerking"><w:name w:val="annotation reference"/><w:basedOn w:val="Standaardalinea-lettertype"/><w:rPr><w:sz w:val="16"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:basedOn w:val="Standaardalinea-lettertype"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="Standaardtabel"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/></w:tblPr></w:style>
</w:styles>"""

NUMMERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {W}>
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Kop1"/><w:lvlText w:val="%1"/><w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Kop2"/><w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Kop3"/><w:lvlText w:val="%1.%2.%3"/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/><w:lvlJc w:val="left"/><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="hybridMultilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2."/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
{{lijsten}}
</w:numbering>"""

TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"""


class Schrijver:
    """One document, element by element (see opbouw.py), as Word 365 writes it."""

    def __init__(self, nadruk="Nadruk", kopnummering=False, wijzigingen=False):
        self.nadruk = nadruk
        self.kopnummering = kopnummering
        self.wijzigingen = wijzigingen
        self.rsid = (f"00{n:06X}" for n in count(0x3A1F00, 7))
        self.bladwijzer = count(1)
        self.lijsten = count(3)
        self.nieuwe_lijsten = []
        self.opmerkingen = []
        self.delen = []

    def run(self, tekst, eigenschappen=""):
        """A run as Word leaves them: its own rsid, the language, spaces preserved."""
        rpr = f'<w:rPr>{eigenschappen}<w:lang w:val="nl-NL"/></w:rPr>'
        return (f'<w:r w:rsidRPr="{next(self.rsid)}">{rpr}<w:t xml:space="preserve">'
                f"{escape(tekst, quote=False)}</w:t></w:r>")  # fmt: skip

    def tekst(self, tekst, eigenschappen=""):
        """A paragraph's runs: Word splits them at every edit, so one per few words; italics
        and bold through character styles; a link as a HYPERLINK field."""
        uit = []
        for stuk in OPMAAK.split(tekst):
            if not stuk:
                continue
            if stuk.startswith("**"):
                uit.append(self.run(stuk[2:-2], f'<w:rStyle w:val="Zwaar"/>{eigenschappen}'))
            elif link := re.fullmatch(r"\[([^\]]+)\]\(([^)]+)\)", stuk):
                woorden, adres = link.groups()
                uit.append(
                    f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
                    f'xml:space="preserve"> HYPERLINK "{adres}" </w:instrText></w:r><w:r>'
                    '<w:fldChar w:fldCharType="separate"/></w:r>'
                    + self.run(woorden, '<w:rStyle w:val="Hyperlink"/>')
                    + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
                )
            elif stuk.startswith("*") and len(stuk) > 1:
                uit.append(
                    self.run(stuk[1:-1], f'<w:rStyle w:val="{self.nadruk}"/>{eigenschappen}')
                )
            else:
                for deel in re.findall(r"\S+\s*|\s+", stuk):
                    if deel.startswith("beloftes") and self.wijzigingen:
                        uit.append(
                            '<w:ins w:id="80" w:author="Redactie" w:date="2026-03-02T10:00:00Z">'
                            f"{self.run(deel, eigenschappen)}</w:ins>{self._wijziging()}"
                        )
                    else:
                        uit.append(self.run(deel, eigenschappen))
        return "".join(uit)

    def _wijziging(self):
        """A tracked insertion and deletion, and a comment with a range."""
        self.opmerkingen.append("Klopt dit voor alle gemeenten?")
        nummer = len(self.opmerkingen) - 1
        return (
            f'<w:commentRangeStart w:id="{nummer}"/>'
            f'<w:del w:id="90{nummer}" w:author="Redactie" w:date="2026-03-02T10:00:00Z"><w:r>'
            '<w:delText xml:space="preserve">VERWIJDERD </w:delText></w:r></w:del>'
            f'<w:commentRangeEnd w:id="{nummer}"/><w:r><w:rPr><w:rStyle w:val="Verwijzingopmerking"/>'
            f'</w:rPr><w:commentReference w:id="{nummer}"/></w:r>'
        )

    def alinea(self, inhoud, stijl=None, nummering=None, rsid=True):
        ppr = ""
        if stijl or nummering:
            ppr = "<w:pPr>" + (f'<w:pStyle w:val="{stijl}"/>' if stijl else "")
            ppr += (f'<w:numPr><w:ilvl w:val="{nummering[1]}"/><w:numId w:val="{nummering[0]}"/>'
                    "</w:numPr>" if nummering else "") + "</w:pPr>"  # fmt: skip
        eigen = next(self.rsid)
        kenmerk = (
            f' w:rsidR="{eigen}" w:rsidRDefault="{eigen}" w14:paraId="{eigen[2:]}AB"'
            if rsid
            else ""
        )
        self.delen.append(f"<w:p{kenmerk}>{ppr}{inhoud}</w:p>")

    def kop(self, niveau, tekst):
        naam = f"_Toc{150000 + next(self.bladwijzer)}"
        nummer = next(self.bladwijzer)
        self.alinea(f'<w:bookmarkStart w:id="{nummer}" w:name="{naam}"/>{self.tekst(tekst)}'
                    f'<w:bookmarkEnd w:id="{nummer}"/>', f"Kop{niveau}")  # fmt: skip

    def lijst(self, lijst, niveau=0, lijstnummer=None):
        if lijst["genummerd"] and lijstnummer is None:
            lijstnummer = next(self.lijsten)
            self.nieuwe_lijsten.append(
                f'<w:num w:numId="{lijstnummer}"><w:abstractNumId w:val="2"/></w:num>'
            )
        for item in lijst["lijst"]:
            tekst, onder = item if isinstance(item, list) else (item, None)
            self.alinea(self.tekst(tekst), "Lijstalinea",
                        (lijstnummer if lijst["genummerd"] else 2, niveau))  # fmt: skip
            if onder:
                self.lijst(onder, niveau + 1, lijstnummer if onder["genummerd"] else None)

    def inhoud(self, regels):
        """Word's table of contents: a content control holding a TOC field whose entries link
        to the headings' bookmarks and give their page in a PAGEREF field."""
        binnen = [
            f'<w:p><w:pPr><w:pStyle w:val="Kopvaninhoudsopgave"/></w:pPr>{self.run("Inhoud")}</w:p>'
        ]
        for index, regel in enumerate(regels):
            tekst, pagina = regel.split("\t")
            begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
                     'xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r><w:r>'
                     '<w:fldChar w:fldCharType="separate"/></w:r>') if index == 0 else ""  # fmt: skip
            eind = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if index == len(regels) - 1 else ""
            anker = f"_Toc{150000 + 2 * index + 1}"
            binnen.append(
                f'<w:p><w:pPr><w:pStyle w:val="Inhopg{1 if index % 3 == 0 else 2}"/><w:tabs>'
                f'<w:tab w:val="right" w:leader="dot" w:pos="9062"/></w:tabs></w:pPr>{begin}'
                f'<w:hyperlink w:anchor="{anker}" w:history="1">{self.run(tekst)}'
                f"<w:r><w:rPr><w:webHidden/></w:rPr><w:tab/></w:r><w:r><w:rPr><w:webHidden/>"
                '</w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr><w:webHidden/>'
                f'</w:rPr><w:instrText xml:space="preserve"> PAGEREF {anker} \\h </w:instrText>'
                '</w:r><w:r><w:rPr><w:webHidden/></w:rPr><w:fldChar w:fldCharType="separate"/>'
                f"</w:r>{self.run(pagina, '<w:webHidden/>')}<w:r><w:rPr><w:webHidden/></w:rPr>"
                f'<w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>{eind}</w:p>'
            )
        self.delen.append(
            '<w:sdt><w:sdtPr><w:id w:val="-1769216042"/><w:docPartObj><w:docPartGallery '
            'w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>'
            + "".join(binnen)
            + "</w:sdtContent></w:sdt>"
        )

    def tabel(self, rijen, kopregel):
        uit = ['<w:tbl><w:tblPr><w:tblStyle w:val="Tabelraster"/><w:tblW w:w="0" w:type="auto"/>'
               '</w:tblPr><w:tblGrid>' + '<w:gridCol w:w="3000"/>' * len(rijen[0]) + "</w:tblGrid>"]  # fmt: skip
        for index, rij in enumerate(rijen):
            kop = "<w:trPr><w:tblHeader/></w:trPr>" if kopregel and index == 0 else ""
            cellen = "".join(
                f'<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr><w:p>{self.tekst(c)}</w:p></w:tc>'
                for c in rij
            )
            uit.append(f"<w:tr>{kop}{cellen}</w:tr>")
        self.delen.append("".join(uit) + "</w:tbl>")

    def schrijf(self, elementen):
        for element in elementen:
            soort = element[0]
            if soort == "p":
                opties = element[2] if len(element) > 2 else {}
                eigenschappen = "<w:vanish/>" if opties.get("verborgen") else ""
                eigenschappen += "<w:b/>" if opties.get("vet") else ""
                inhoud = self.tekst(element[1], eigenschappen)
                if deel := opties.get("verborgen_deel"):
                    inhoud += self.run(deel, "<w:vanish/>")
                if element[1].startswith("Een afspraak") and self.wijzigingen:
                    # A content control around the paragraph's text, as a form template has.
                    inhoud = ('<w:sdt><w:sdtPr><w:alias w:val="Toelichting"/><w:id w:val="12"/>'
                              f"</w:sdtPr><w:sdtContent>{inhoud}</w:sdtContent></w:sdt>")  # fmt: skip
                self.alinea(inhoud)
            elif soort == "titel":
                self.alinea(self.tekst(element[1]), "Titel")
            elif soort == "kop":
                self.kop(element[1], element[2])
            elif soort == "advies":
                _, nummer, titel, vorm, _ = element
                if vorm == "kop3":
                    self.kop(3, titel)
                else:
                    self.alinea(self.run(f"{nummer}. ") + self.run(titel, "<w:b/>") +
                                '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>')  # fmt: skip
            elif soort == "lijst":
                self.lijst(element[1])
            elif soort == "tabel":
                self.tabel(element[1], element[2])
            elif soort == "inhoud":
                self.inhoud(element[1])

    def bytes(self):
        nummers = {n: "" for n in (1, 2, 3)}
        if self.kopnummering:
            nummers = {n: f'<w:numPr><w:ilvl w:val="{n - 1}"/><w:numId w:val="1"/></w:numPr>'
                       for n in (1, 2, 3)}  # fmt: skip
        stijlen = STIJLEN
        for n, xml in nummers.items():
            stijlen = stijlen.replace(f"{{nummer{n}}}", xml)
        opmerkingen = "".join(
            f'<w:comment w:id="{i}" w:author="Redactie" w:initials="R"><w:p><w:r><w:t>{escape(t)}'
            "</w:t></w:r></w:p></w:comment>"
            for i, t in enumerate(self.opmerkingen)
        )
        document = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W} {R} {W14} '
            f'{MC} mc:Ignorable="w14"><w:body>{"".join(self.delen)}<w:sectPr w:rsidR="00A1B2C3">'
            '<w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as docx:
            docx.writestr("[Content_Types].xml", TYPES)
            docx.writestr("_rels/.rels", RELS)
            docx.writestr("word/_rels/document.xml.rels", DOC_RELS)
            docx.writestr("word/document.xml", document)
            docx.writestr("word/styles.xml", stijlen)
            docx.writestr("word/numbering.xml",
                          NUMMERING.replace("{lijsten}", "".join(self.nieuwe_lijsten)))  # fmt: skip
            docx.writestr("word/comments.xml",
                          f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                          f"<w:comments {W}>{opmerkingen}</w:comments>")  # fmt: skip
        return buffer.getvalue()


def maak(verwacht):
    nadruk = "Duidelijkenadruk" if "Duidelijke nadruk" in verwacht["toetst"] else "Nadruk"
    schrijver = Schrijver(nadruk, verwacht.get("kopnummering"), verwacht.get("wijzigingen"))
    schrijver.schrijf(verwacht["elementen"])
    return schrijver.bytes()


def zestig_bladzijden():
    """A report of some 60 pages (40 adviezen of eight paragraphs of about 80 words), every
    word a run of its own as Word leaves them after much editing: its XML is far above the
    2 MB of text parts that the importer once refused as "too much text"."""
    zinnen = [
        "Uitvoerders vertelden hoe zij in de wijk het gesprek aangaan met inwoners",
        "die niet vanzelf naar het loket komen, en wat daarvoor nodig is",
        "tijd, een vaste contactpersoon, en ruimte om af te wijken van de regels",
        "als dat de inwoner echt verder helpt op weg naar werk of meedoen",
    ]
    alinea = ". ".join(zinnen * 2) + "."
    elementen = [["p", "Een lang verslag van een werkatelier in twintig gemeenten."]]
    for doelgroep, aantal in (("uitvoerders", 30), ("leidinggevenden en bestuurders", 10)):
        elementen.append(["kop", 1, f"{aantal} adviezen voor {doelgroep}"])
        for nummer in range(1, aantal + 1):
            elementen.append(
                ["advies", nummer, f"Afspraak {nummer} – voor {doelgroep}", "vet", None]
            )
            elementen += [["p", alinea] for _ in range(8)]
    schrijver = Schrijver()
    schrijver.schrijf(elementen)
    return schrijver.bytes()
