"""The document's XML as mammoth should read it.

mammoth turns the document into HTML; what it does not know about, we tell it first, on a copy
of the document's XML: text hidden in Word (w:vanish) and the table of contents are taken out
and leave a marker where they stood, so the preview can say what was left out; bold and italics
that come from a style (a character style such as "Nadruk" or "Emphasis", a paragraph style)
are written on the runs, where mammoth reads them; a paragraph on a list level that shows no
number or bullet loses its list number; runs side by side with the same properties are joined.
"""

import re
from xml.etree import ElementTree

from .html import MARKERING
from .stijlen import aan, naamruimte, zonder_ruis

TOC_GALERIJ = re.compile(r"table of contents|inhoudsopgave", re.I)


def lege_nummering(xml):
    """The list levels (list, level) that show neither a number nor a bullet: Word's number
    format "none", or a bullet of only spaces (how pandoc indents a paragraph that goes on
    within a list item). A paragraph on such a level is text, not a list item.

    >>> w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    >>> lege_nummering(f'<w:numbering {w}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="1">'
    ...     '<w:numFmt w:val="none"/></w:lvl></w:abstractNum><w:num w:numId="3">'
    ...     '<w:abstractNumId w:val="0"/></w:num></w:numbering>')
    {('3', '1')}
    """
    if not xml:
        return set()
    wortel = ElementTree.fromstring(xml)
    w = naamruimte(wortel)
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


def bereid_voor(xml, stijlen, lege_nummering, weggelaten):
    """The document's XML as mammoth should read it; what was taken out is appended to
    `weggelaten` as (what, its text), and a marker stands where it was.

    >>> from .stijlen import Stijlen
    >>> w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    >>> xml = (f'<w:document {w}><w:body><w:p><w:r><w:t>Zichtbaar</w:t></w:r><w:r><w:rPr>'
    ...        '<w:vanish/></w:rPr><w:t>Een notitie</w:t></w:r></w:p></w:body></w:document>')
    >>> weggelaten = []
    >>> b"notitie" in bereid_voor(xml.encode(), Stijlen(None), set(), weggelaten), weggelaten
    (False, [('verborgen tekst', 'Een notitie')])
    """
    wortel = ElementTree.fromstring(zonder_ruis(xml))
    w = naamruimte(wortel)
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
                aan(rpr, naam, w),
                stijlen.eigenschap(tekenstijl, naam) if tekenstijl else None,
                stijlen.eigenschap(alineastijl, naam) if alineastijl else None,
            ):
                if antwoord is not None:
                    return antwoord
            return False

        if waarde("vanish") or aan(rpr, "specVanish", w):
            tekst = _tekst(run, w)
            for kind in list(run):
                # Field characters stay, so the fields around the hidden text still close.
                if kind.tag not in (f"{w}rPr", f"{w}fldChar", f"{w}instrText"):
                    run.remove(kind)
            if tekst.strip():
                run.append(markering("verborgen tekst", tekst))
            continue
        for naam in ("b", "i"):
            if waarde(naam) and aan(rpr, naam, w) is None:
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
