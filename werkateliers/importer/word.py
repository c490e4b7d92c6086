"""A Word file (.docx) as its author sees it, read through mammoth.

mammoth turns the document into HTML; what it does not know about, we tell it first, on a copy
of the document's XML: text hidden in Word (w:vanish) and the table of contents are taken out
and leave a marker where they stood, so the preview can say what was left out; bold and italics
that come from a style (a character style such as "Nadruk" or "Emphasis", a paragraph style)
are written on the runs, where mammoth reads them; a paragraph on a list level that shows no
number or bullet loses its list number. Headings are found by their style's name in any
language Word writes it ("heading 1", "Kop 1") or by the outline level the style gives.

The limits protect memory, not the length of a report: the parts that are read may unpack to
`MAX_UITGEPAKT`, checked on the zip's own table of contents before anything is decompressed
and again while reading (a zip may lie about sizes); images are never decompressed.
"""

import io
import re
import zipfile
from xml.etree import ElementTree

import mammoth

from .blok import ImportFout, Melding
from .html import MARKERING, blokken_uit_html

MAX_BESTAND = 20 * 1024 * 1024
MAX_DELEN = 1000
MAX_UITGEPAKT = 40 * 1024 * 1024
# A report of 60 pages has some 200,000 characters of text; this leaves room for 150 pages.
MAX_TEKENS = 500_000

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
TOC_GALERIJ = re.compile(r"table of contents|inhoudsopgave", re.I)


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
            delen["word/document.xml"], stijlen, _lege_nummering(delen.get("word/numbering.xml")),
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


# Styles ------------------------------------------------------------------------------------


def _normaal(naam):
    """A style name as we compare it.

    >>> _normaal("Kop 1"), _normaal("TOC Heading"), _normaal("heading 2")
    ('kop1', 'tocheading', 'heading2')
    """
    return re.sub(r"[\s_-]+", "", (naam or "").lower())


KOP_NAAM = re.compile(r"^(?:heading|kop|überschrift|titre)(\d)$")
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
        wortel = ElementTree.fromstring(_zonder_ruis(xml))
        w = _w(wortel)
        for stijl in wortel.iter(f"{w}style"):
            naam = stijl.find(f"{w}name")
            basis = stijl.find(f"{w}basedOn")
            rpr = stijl.find(f"{w}rPr")
            ppr = stijl.find(f"{w}pPr")
            niveau = ppr.find(f"{w}outlineLvl") if ppr is not None else None
            soort = stijl.get(f"{w}type", "paragraph")
            eigen = {e: _aan(rpr, e, w) for e in ("b", "i", "vanish")}
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
        'titel', 'ondertitel', 'bijschrift', or None."""
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
            if naam in ("caption", "bijschrift"):
                return "bijschrift"
        niveau = self.eigenschap(stijl_id, "niveau")
        if niveau is not None and 0 <= niveau <= 5:
            return f"kop{niveau + 1}"
        return None

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


def _w(wortel):
    for ruimte in NAAMRUIMTES:
        if wortel.tag.startswith("{" + ruimte):
            return "{" + ruimte + "}"
    return "{" + NAAMRUIMTES[0] + "}"


def _aan(eigenschappen, naam, w):
    """A toggle such as <w:b/>, <w:i w:val="0"/>: True, False, or None when not set."""
    if eigenschappen is None:
        return None
    element = eigenschappen.find(f"{w}{naam}")
    if element is None:
        return None
    return element.get(f"{w}val", "true").lower() not in ("0", "false", "off")


def _zonder_ruis(xml):
    return RUIS.sub(b"", xml)


def _lege_nummering(xml):
    """The list levels (list, level) that show neither a number nor a bullet: Word's number
    format "none", or a bullet of only spaces (how pandoc indents a paragraph that goes on
    within a list item). A paragraph on such a level is text, not a list item."""
    if not xml:
        return set()
    wortel = ElementTree.fromstring(xml)
    w = _w(wortel)
    leeg = set()
    for abstract in wortel.iter(f"{w}abstractNum"):
        for niveau in abstract.iter(f"{w}lvl"):
            vorm, tekst = niveau.find(f"{w}numFmt"), niveau.find(f"{w}lvlText")
            if niveau.find(f"{w}lvlPicBulletId") is not None:
                continue  # a picture as bullet
            if (vorm is not None and vorm.get(f"{w}val") == "none") or (
                tekst is not None and not (tekst.get(f"{w}val") or "").strip()
            ):
                leeg.add((abstract.get(f"{w}abstractNumId"), niveau.get(f"{w}ilvl")))
    return {
        (lijst.get(f"{w}numId"), niveau)
        for lijst in wortel.iter(f"{w}num")
        for abstract, niveau in leeg
        if lijst.find(f"{w}abstractNumId") is not None
        and lijst.find(f"{w}abstractNumId").get(f"{w}val") == abstract
    }


# The document ------------------------------------------------------------------------------


def bereid_voor(xml, stijlen, lege_nummering, weggelaten):
    """The document's XML as mammoth should read it; what was taken out is appended to
    `weggelaten` as (what, its text), and a marker stands where it was."""
    wortel = ElementTree.fromstring(_zonder_ruis(xml))
    w = _w(wortel)
    ouders = {kind: ouder for ouder in wortel.iter() for kind in ouder}

    def markering(wat, tekst):
        weggelaten.append((wat, " ".join(tekst.split())))
        t = ElementTree.Element(f"{w}t")
        t.text = MARKERING.format(len(weggelaten) - 1)
        return t

    for run in list(wortel.iter(f"{w}r")):
        vak = next(run.iter(f"{w}txbxContent"), None)
        if vak is not None and run in ouders:
            tekst = " ".join(_tekst(p, w) for p in vak.iter(f"{w}p"))
            for kind in list(run):
                if kind.tag != f"{w}rPr":
                    run.remove(kind)
            run.append(markering("een tekstvak", tekst))
    _zonder_inhoudsopgave(wortel, w, stijlen, ouders, markering)
    for alinea in list(wortel.iter(f"{w}p")):
        _alinea(alinea, w, stijlen, lege_nummering, markering)
        _voeg_runs_samen(alinea, w)
    for link in list(wortel.iter(f"{w}hyperlink")):
        _voeg_runs_samen(link, w)
    return ElementTree.tostring(wortel)


def _voeg_runs_samen(ouder, w):
    """Runs side by side with the same properties and only text, as one: Word splits a run at
    every edit, and a report of many edits would otherwise cost mammoth many times the time."""
    vorige = vorige_eigenschappen = None
    for run in list(ouder):
        if run.tag != f"{w}r" or any(k.tag not in (f"{w}rPr", f"{w}t") for k in run):
            vorige = None
            continue
        rpr = run.find(f"{w}rPr")
        eigenschappen = ElementTree.tostring(rpr) if rpr is not None else b""
        if vorige is not None and eigenschappen == vorige_eigenschappen:
            doel = vorige.findall(f"{w}t")
            for t in run.findall(f"{w}t"):
                if doel:
                    doel[-1].text = (doel[-1].text or "") + (t.text or "")
                else:
                    vorige.append(t)
                    doel = [t]
            ouder.remove(run)
            continue
        vorige, vorige_eigenschappen = run, eigenschappen


def _tekst(element, w):
    stukken = []
    for e in element.iter():
        if e.tag == f"{w}t" and e.text:
            stukken.append(e.text)
        elif e.tag in (f"{w}tab", f"{w}br", f"{w}cr"):
            stukken.append(" ")
    return "".join(stukken)


def _alineastijl(alinea, w):
    ppr = alinea.find(f"{w}pPr")
    stijl = ppr.find(f"{w}pStyle") if ppr is not None else None
    return stijl.get(f"{w}val") if stijl is not None else None


def _alinea(alinea, w, stijlen, lege_nummering, markering):
    """Hidden runs out (a marker stays), bold and italics from styles onto the runs, and no
    list number on a level that shows none."""
    ppr = alinea.find(f"{w}pPr")
    nummering = ppr.find(f"{w}numPr") if ppr is not None else None
    if nummering is not None and lege_nummering:
        lijst, niveau = nummering.find(f"{w}numId"), nummering.find(f"{w}ilvl")
        sleutel = (
            lijst.get(f"{w}val") if lijst is not None else None,
            niveau.get(f"{w}val") if niveau is not None else "0",
        )
        if sleutel in lege_nummering:
            ppr.remove(nummering)
    alineastijl = stijlen.alineastijl(_alineastijl(alinea, w))
    for run in list(alinea.iter(f"{w}r")):
        rpr = run.find(f"{w}rPr")
        tekenstijl = None
        if rpr is not None and (stijl := rpr.find(f"{w}rStyle")) is not None:
            tekenstijl = stijl.get(f"{w}val")

        def waarde(naam, rpr=rpr, tekenstijl=tekenstijl):
            for antwoord in (
                _aan(rpr, naam, w),
                stijlen.eigenschap(tekenstijl, naam) if tekenstijl else None,
                stijlen.eigenschap(alineastijl, naam) if alineastijl else None,
            ):
                if antwoord is not None:
                    return antwoord
            return False

        if waarde("vanish") or _aan(rpr, "specVanish", w):
            tekst = _tekst(run, w)
            for kind in list(run):
                # Field characters stay, so the fields around the hidden text still close.
                if kind.tag not in (f"{w}rPr", f"{w}fldChar", f"{w}instrText"):
                    run.remove(kind)
            if tekst.strip():
                run.append(markering("verborgen tekst", tekst))
            continue
        for naam in ("b", "i"):
            if waarde(naam) and _aan(rpr, naam, w) is None:
                if rpr is None:
                    rpr = ElementTree.Element(f"{w}rPr")
                    run.insert(0, rpr)
                ElementTree.SubElement(rpr, f"{w}{naam}")


def _zonder_inhoudsopgave(wortel, w, stijlen, ouders, markering):
    """The table of contents out, whichever way it was made: Word's and LibreOffice's content
    control ("Table of Contents"), a TOC field (docx.js, older Word), or paragraphs in a TOC
    style. One marker stands where it was."""
    for sdt in list(wortel.iter(f"{w}sdt")):
        galerij = next(sdt.iter(f"{w}docPartGallery"), None)
        if galerij is not None and TOC_GALERIJ.search(galerij.get(f"{w}val") or ""):
            regels = [p for p in sdt.iter(f"{w}p") if _tekst(p, w).strip()]
            ouder = ouders.get(sdt)
            if ouder is None:
                continue
            plek = list(ouder).index(sdt)
            ouder.remove(sdt)
            ouder.insert(plek, _markeeralinea(w, markering, regels))
    # Paragraphs inside a TOC field, or in a TOC style.
    in_veld, velden, inhoud = 0, [], []
    for alinea in wortel.iter(f"{w}p"):
        begon_in_veld = in_veld > 0
        for e in alinea.iter():
            if e.tag == f"{w}fldChar":
                soort = e.get(f"{w}fldCharType")
                if soort == "begin":
                    velden.append("")
                elif soort == "end" and velden:
                    if velden.pop().strip().upper().startswith("TOC"):
                        in_veld -= 1
            elif e.tag == f"{w}instrText" and velden:
                was_toc = velden[-1].strip().upper().startswith("TOC")
                velden[-1] += e.text or ""
                if not was_toc and velden[-1].strip().upper().startswith("TOC"):
                    in_veld += 1
            elif e.tag == f"{w}fldSimple" and (e.get(f"{w}instr") or "").strip().upper().startswith(
                "TOC"
            ):
                begon_in_veld = True
        soort = stijlen.soort(stijlen.alineastijl(_alineastijl(alinea, w)))
        if begon_in_veld or in_veld > 0 or soort == "inhoudsopgave":
            inhoud.append(alinea)
    groepen = []
    for alinea in inhoud:
        ouder = ouders.get(alinea)
        if ouder is None:
            continue
        vorige = groepen[-1][-1] if groepen else None
        kinderen = list(ouder)
        plek = kinderen.index(alinea)
        if (
            vorige is not None
            and ouders.get(vorige) is ouder
            and plek
            and kinderen[plek - 1] is vorige
        ):
            groepen[-1].append(alinea)
        else:
            groepen.append([alinea])
    for groep in groepen:
        ouder = ouders[groep[0]]
        plek = list(ouder).index(groep[0])
        regels = [p for p in groep if _tekst(p, w).strip()]
        for alinea in groep:
            ouder.remove(alinea)
        ouder.insert(plek, _markeeralinea(w, markering, regels))


def _markeeralinea(w, markering, regels):
    alinea = ElementTree.Element(f"{w}p")
    run = ElementTree.SubElement(alinea, f"{w}r")
    aantal = len(regels)
    regels = f" ({aantal} regel{'s' if aantal != 1 else ''})" if aantal else ""
    run.append(markering(f"de inhoudsopgave{regels}", ""))
    return alinea
