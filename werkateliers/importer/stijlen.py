"""Word's styles, and the small XML helpers reading Word's parts needs.

A style says what it makes of a paragraph or a run through the styles it is based on: bold,
italics, hidden, and its outline level (what makes a heading a heading in Word). Headings are
found by their style's name in any language Word writes it ("heading 1", "Kop 1") or by that
outline level; a table of contents by its styles ("TOC 1", "Inhopg1"). `Stijlen.stijlkaart`
tells mammoth which paragraph styles are which heading.
"""

import re
from xml.etree import ElementTree

NAAMRUIMTES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # Word's "Strict Open XML"
)
# What Word writes for its own bookkeeping (revision ids, spelling marks, languages): mammoth
# never uses it, and dropping it before parsing keeps a report of many small runs small.
RUIS = re.compile(
    rb'\s(?:w:rsid\w*|w14:paraId|w14:textId)="[^"]*"'
    rb"|<w:(?:proofErr|lang|noProof|lastRenderedPageBreak|szCs|bCs|iCs|kern|sz|color)\b[^>]*/>"
)


def naamruimte(wortel):
    """Word's namespace as ElementTree writes it before a tag: "{…}".

    >>> naamruimte(ElementTree.fromstring(f'<w:document xmlns:w="{NAAMRUIMTES[1]}"/>'))
    '{http://purl.oclc.org/ooxml/wordprocessingml/main}'
    """
    for ruimte in NAAMRUIMTES:
        if wortel.tag.startswith("{" + ruimte):
            return "{" + ruimte + "}"
    return "{" + NAAMRUIMTES[0] + "}"


def aan(eigenschappen, naam, w):
    """A toggle such as <w:b/>, <w:i w:val="0"/>: True, False, or None when not set.

    >>> w = "{%s}" % NAAMRUIMTES[0]
    >>> xml = f'<w:rPr xmlns:w="{NAAMRUIMTES[0]}"><w:b/><w:i w:val="0"/></w:rPr>'
    >>> rpr = ElementTree.fromstring(xml)
    >>> aan(rpr, "b", w), aan(rpr, "i", w), aan(rpr, "vanish", w)
    (True, False, None)
    """
    if eigenschappen is None:
        return None
    element = eigenschappen.find(f"{w}{naam}")
    if element is None:
        return None
    return element.get(f"{w}val", "true").lower() not in ("0", "false", "off")


def zonder_ruis(xml):
    """Word's XML without its bookkeeping (see `RUIS`).

    >>> zonder_ruis(b'<w:p w:rsidR="00A1"><w:proofErr w:type="spellStart"/></w:p>')
    b'<w:p></w:p>'
    """
    return RUIS.sub(b"", xml)


def _normaal(naam):
    """A style name as we compare it.

    >>> _normaal("Kop 1"), _normaal("TOC Heading"), _normaal("heading 2")
    ('kop1', 'tocheading', 'heading2')
    """
    return re.sub(r"[\s_-]+", "", (naam or "").lower())


KOP_NAAM = re.compile(r"^(?:heading|kop|überschrift|titre)(\d)$")
# A caption's style: Word's "Caption" ("Bijschrift"), or one of LibreOffice's kinds of caption
# ("Figure", "Illustration", "Drawing"), or any style based on one of these.
BIJSCHRIFT_NAAM = {"caption", "bijschrift", "figure", "figuur", "illustration", "illustratie",
                   "drawing", "afbeelding"}  # fmt: skip
INHOUD_NAAM = re.compile(
    r"^(?:toc|contents|inhopg|inhoudsopgave|inhoud|verzeichnis)\d*$"
    r"|^(?:tocheading|contentsheading|kopvaninhoudsopgave|inhoudsopgavekop)$"
)


class Stijlen:
    """Word's styles, each with what it says through the styles it is based on: bold,
    italics, hidden, its outline level (what makes a heading a heading in Word)."""

    def __init__(self, xml):
        self.stijlen = {}
        self.standaard = {}
        self._opgezocht = {}
        if not xml:
            return
        wortel = ElementTree.fromstring(zonder_ruis(xml))
        w = naamruimte(wortel)
        for stijl in wortel.iter(f"{w}style"):
            naam = stijl.find(f"{w}name")
            basis = stijl.find(f"{w}basedOn")
            rpr = stijl.find(f"{w}rPr")
            ppr = stijl.find(f"{w}pPr")
            niveau = ppr.find(f"{w}outlineLvl") if ppr is not None else None
            soort = stijl.get(f"{w}type", "paragraph")
            eigen = {e: aan(rpr, e, w) for e in ("b", "i", "vanish")}
            if niveau is not None and (niveau.get(f"{w}val") or "").isdigit():
                eigen["niveau"] = int(niveau.get(f"{w}val"))
            self.stijlen[stijl.get(f"{w}styleId")] = {
                "soort": soort,
                "naam": naam.get(f"{w}val") if naam is not None else "",
                "basis": basis.get(f"{w}val") if basis is not None else None,
                "eigen": eigen,
            }
            if stijl.get(f"{w}default") in ("1", "true", "on"):
                self.standaard[soort] = stijl.get(f"{w}styleId")

    def eigenschap(self, stijl_id, naam):
        """What a style (through its bases) says: True/False, a number, or None."""
        sleutel = (stijl_id, naam)
        if sleutel not in self._opgezocht:
            waarde, gezien = None, set()
            while stijl_id in self.stijlen and stijl_id not in gezien:
                gezien.add(stijl_id)
                waarde = self.stijlen[stijl_id]["eigen"].get(naam)
                if waarde is not None:
                    break
                stijl_id = self.stijlen[stijl_id]["basis"]
            self._opgezocht[sleutel] = waarde
        return self._opgezocht[sleutel]

    def alineastijl(self, stijl_id):
        return stijl_id if stijl_id in self.stijlen else self.standaard.get("paragraph")

    def soort(self, stijl_id):
        """What a paragraph style makes a paragraph: 'kop1'…'kop6', 'inhoudsopgave',
        'titel', 'ondertitel', 'bijschrift', or None.

        >>> w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        >>> stijlen = Stijlen(f'<w:styles {w}><w:style w:type="paragraph" w:styleId="Kop1">'
        ...     '<w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" '
        ...     'w:styleId="Foto"><w:name w:val="Foto"/><w:basedOn w:val="Bijschrift"/></w:style>'
        ...     '<w:style w:type="paragraph" w:styleId="Bijschrift"><w:name w:val="caption"/>'
        ...     '</w:style></w:styles>'.encode())
        >>> stijlen.soort("Kop1"), stijlen.soort("Foto")
        ('kop1', 'bijschrift')
        """
        stijl = self.stijlen.get(stijl_id)
        if stijl is None or stijl["soort"] != "paragraph":
            return None
        for naam in (_normaal(stijl["naam"]), _normaal(stijl_id)):
            if INHOUD_NAAM.match(naam):
                return "inhoudsopgave"
            if kop := KOP_NAAM.match(naam):
                return f"kop{min(int(kop[1]), 6)}"
            if naam in ("title", "titel"):
                return "titel"
            if naam in ("subtitle", "ondertitel"):
                return "ondertitel"
            if naam in BIJSCHRIFT_NAAM:
                return "bijschrift"
        niveau = self.eigenschap(stijl_id, "niveau")
        if niveau is not None and 0 <= niveau <= 5:
            return f"kop{niveau + 1}"
        if self._gebaseerd_op_bijschrift(stijl_id):
            return "bijschrift"
        return None

    def _gebaseerd_op_bijschrift(self, stijl_id):
        gezien = set()
        while stijl_id in self.stijlen and stijl_id not in gezien:
            gezien.add(stijl_id)
            stijl = self.stijlen[stijl_id]
            if {_normaal(stijl["naam"]), _normaal(stijl_id)} & BIJSCHRIFT_NAAM:
                return True
            stijl_id = stijl["basis"]
        return False

    def stijlkaart(self):
        """mammoth's style map for the paragraph styles of this document."""
        html = {"titel": "h1.verslagtitel:fresh", "ondertitel": "p.ondertitel:fresh",
                "bijschrift": "p.bijschrift:fresh"}  # fmt: skip
        regels = ["comment-reference => sup"]
        for stijl_id, stijl in self.stijlen.items():
            soort = self.soort(stijl_id)
            if soort is None or soort == "inhoudsopgave" or not stijl["naam"]:
                continue
            naam = stijl["naam"].replace("\\", "\\\\").replace("'", "\\'")
            doel = html.get(soort) or f"h{soort[3:]}:fresh"
            regels.append(f"p[style-name='{naam}'] => {doel}")
        return "\n".join(regels)
