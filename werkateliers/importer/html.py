"""mammoth's HTML as blocks, with what the document says about each one.

Each heading, paragraph, list item and table row becomes a `Blok`; a paragraph that shows
nothing (a space, a non-breaking space, a tab, a lone Shift+Enter, a bookmark) becomes none.
What is not taken over (an image, a caption, a text box, a note, hidden text, the table of
contents) becomes a note block ('weggelaten') at the place it stood, so the preview can say
where that was.
"""

import re
from html import escape
from xml.etree import ElementTree

from . import titels
from .blok import ZACHTE_REGEL, Blok, kort

# Where word.py took something out of the document: "\ue000<number>\ue001" in the text.
MARKERING = "\ue000{}\ue001"
MARKERINGEN = re.compile("\ue000(\\d+)\ue001")
NOOT = re.compile(r"(footnote|endnote|comment)-\d+")
# Characters that take no room: a text of only these shows nothing.
ONZICHTBAAR = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
KOPPEN = {f"h{n}": n for n in range(1, 7)}


def zichtbaar(tekst):
    """The text as one line of words, without what shows nothing.

    >>> zichtbaar(" \\u00a0\\t\\x0b"), zichtbaar("Neem\\u00a0de  tijd\\u200b")
    ('', 'Neem de tijd')
    """
    for teken in ONZICHTBAAR:
        tekst = tekst.replace(teken, "")
    return " ".join(tekst.replace(ZACHTE_REGEL, " ").split())


def _tekst(element):
    return zichtbaar("".join(element.itertext()).removesuffix("↑"))


def _html(element):
    return ElementTree.tostring(element, encoding="unicode", method="html")


def _binnenkant(element):
    """An element's content as HTML, without the element itself."""
    return escape(element.text or "", quote=False) + "".join(_html(kind) for kind in element)


def _geheel_vet(element):
    """Every word of it bold."""
    vet = []

    def zoek(ouder):
        for kind in ouder:
            if kind.tag == "strong":
                vet.append("".join(kind.itertext()))
            else:
                zoek(kind)

    zoek(element)
    return bool(_tekst(element)) and zichtbaar(" ".join(vet)) == _tekst(element)


def _is_bladwijzer(element):
    """A bookmark: an empty <a id=…>. Word leaves them everywhere (_GoBack, _Toc…, _Hlk…),
    other programs put one before every heading. Nothing to read, so nothing to warn about."""
    return element.tag == "a" and not element.get("href") and not _tekst(element)


def blokken_uit_html(wortel, weggelaten_in_xml=()):
    return _Lezer(wortel, list(weggelaten_in_xml)).blokken


class _Lezer:
    def __init__(self, wortel, weggelaten_in_xml):
        self.weggelaten_in_xml = weggelaten_in_xml
        self.notities = self._notities(wortel)
        self.blokken = []
        self.lijsten = 0
        self.tabellen = 0
        for element in wortel:
            if _is_bladwijzer(element) or self._zijn_noten(element):
                continue
            self.weggelaten = []
            self.nr = (self.blokken[-1].nr if self.blokken else 0) + 1
            self.lees(element)
            self.noteer()

    @staticmethod
    def _notities(wortel):
        """Footnotes, endnotes and comments come last; their texts, for the warnings."""
        notities = {}
        for element in wortel:
            if element.tag == "ol":
                for item in element:
                    if NOOT.fullmatch(item.get("id", "")):
                        notities[item.get("id")] = _tekst(item)
            elif element.tag == "dl":
                termen = list(element)
                for term, uitleg in zip(termen[::2], termen[1::2], strict=False):
                    notities[term.get("id", "")] = _tekst(uitleg)
        return notities

    @staticmethod
    def _zijn_noten(element):
        return element.tag == "dl" or (
            element.tag == "ol"
            and len(element)
            and all(NOOT.fullmatch(li.get("id", "")) for li in element)
        )

    def noteer(self):
        """What was left out of the element just read, as note blocks at its place."""
        samengevoegd = []
        for wat, tekst in self.weggelaten:
            if samengevoegd and samengevoegd[-1][0] == wat == "verborgen tekst":
                samengevoegd[-1] = (wat, f"{samengevoegd[-1][1]} {tekst}".strip())
            else:
                samengevoegd.append((wat, tekst))
        self.blokken.extend(
            Blok(self.nr, f"{wat} (‘{kort(tekst)}’)" if tekst else wat, soort="weggelaten",
                 opgemaakt=True)
            for wat, tekst in samengevoegd
        )  # fmt: skip
        self.weggelaten = []

    def lees(self, element):
        if element.tag in KOPPEN or element.get("class") == "ondertitel":
            blok = self.inline_blok(element)
            if blok:
                blok.soort, blok.niveau = "kop", KOPPEN.get(element.tag, 2)
        elif element.tag == "p" and element.get("class") == "bijschrift":
            self.weggelaten.append((f"het bijschrift ‘{kort(_tekst(element))}’", ""))
        elif element.tag == "p":
            self.inline_blok(element)
        elif element.tag in ("ol", "ul"):
            self.lijst(element)
        elif element.tag == "table":
            self.tabel(element)
        else:
            self.weggelaten.append(("een onderdeel dat we niet kennen", _tekst(element)))

    # Paragraphs and headings -------------------------------------------------------------

    def inline_blok(self, element, soort="alinea"):
        """A paragraph, heading or list item: its text, inline HTML, title and bold start.
        None when it shows nothing."""
        self.haal_weg(element)
        stukken = []  # (bold, html, text) in reading order
        if element.text:
            stukken.append(titels.stuk(element.text))
        for kind in element:
            staart, kind.tail = kind.tail, None
            if kind.tag == "br":
                stukken.append((False, ZACHTE_REGEL, ZACHTE_REGEL))
            else:
                stukken.append((kind.tag == "strong", _html(kind), "".join(kind.itertext())))
            if staart:
                stukken.append(titels.stuk(staart))
        tekst = zichtbaar("".join(t for _, _, t in stukken))
        if not tekst:
            return None
        nummer, titel, rest, geraden = titels.titel_en_rest(stukken)
        blok = Blok(
            self.nr,
            tekst,
            html="".join(h for _, h, _ in stukken),
            soort=soort,
            opgemaakt=True,
            geheel_vet=all(vet for vet, _, t in stukken if zichtbaar(t)),
            nummer=nummer,
            titel=titel,
            rest=rest,
            titel_geraden=geraden,
        )
        self.blokken.append(blok)
        return blok

    def haal_weg(self, element):
        """Take bookmarks, images, note references and markers out of an element, noting
        each but the bookmarks."""
        for kind in list(element):
            if _is_bladwijzer(kind):
                self._verwijder(element, kind)
                continue
            doel = (kind.get("href") or "").lstrip("#") if kind.tag == "a" else ""
            if kind.tag == "img":
                self.weggelaten.append(("een afbeelding", kind.get("alt", "")))
                self._verwijder(element, kind)
                continue
            if NOOT.fullmatch(doel):
                soort = {"footnote": "een voetnoot", "endnote": "een eindnoot"}
                wat = soort.get(doel.split("-")[0], "een opmerking")
                self.weggelaten.append((wat, self.notities.get(doel, "")))
                self._verwijder(element, kind)
                continue
            self.haal_weg(kind)
            if kind.tag == "sup" and not "".join(kind.itertext()).strip():
                self._verwijder(element, kind)  # what held a note reference, now empty
        for stuk in ("text", "tail"):
            waarde = getattr(element, stuk)
            if waarde and MARKERINGEN.search(waarde):
                for nummer in MARKERINGEN.findall(waarde):
                    if int(nummer) < len(self.weggelaten_in_xml):
                        self.weggelaten.append(self.weggelaten_in_xml[int(nummer)])
                setattr(element, stuk, MARKERINGEN.sub("", waarde))

    @staticmethod
    def _verwijder(ouder, kind):
        """Remove an element but keep the text after it."""
        if kind.tail:
            kinderen = list(ouder)
            index = kinderen.index(kind)
            if index:
                vorige = kinderen[index - 1]
                vorige.tail = (vorige.tail or "") + kind.tail
            else:
                ouder.text = (ouder.text or "") + kind.tail
        ouder.remove(kind)

    # Lists ---------------------------------------------------------------------------------

    @staticmethod
    def _eigen_tekst(item):
        return zichtbaar(
            (item.text or "")
            + "".join(
                "".join(k.itertext()) + (k.tail or "") for k in item if k.tag not in ("ul", "ol")
            )
        )

    def _hang_op(self, lijst):
        """An item without text of its own that holds a list (how Word's numbering comes out
        when a lettered level follows a paragraph, not an item): its list belongs under the
        item before it."""
        items = list(lijst)
        for vorige, item in zip(items, items[1:], strict=False):
            if not self._eigen_tekst(item) and any(k.tag in ("ul", "ol") for k in item):
                for kind in [k for k in item if k.tag in ("ul", "ol")]:
                    vorige.append(kind)
                lijst.remove(item)

    def _sublijst(self, lijst):
        self.haal_weg(lijst)
        tekst = " · ".join(_tekst(item) for item in lijst if _tekst(item))
        if tekst:
            self.blokken.append(
                Blok(self.nr, tekst, html=_html(lijst), soort="lijst", opgemaakt=True,
                     sublijst=True)
            )  # fmt: skip

    def lijst(self, lijst):
        """A numbered list item by item (Word's numbering may number the adviezen); a bulleted
        list as one block. A list that hangs under nothing is a sub-list of what came before."""
        self._hang_op(lijst)
        items = list(lijst)
        if items and not self._eigen_tekst(items[0]):
            for kind in [k for k in items[0] if k.tag in ("ul", "ol")]:
                self._sublijst(kind)
            items = items[1:]
        if not items:
            return
        if lijst.tag == "ul":
            voor_html = ElementTree.Element("ul")
            voor_html.extend(items)
            self.haal_weg(voor_html)
            tekst = " · ".join(_tekst(item) for item in items if _tekst(item))
            if tekst:
                self.blokken.append(
                    Blok(self.nr, tekst, html=_html(voor_html), soort="lijst", opgemaakt=True)
                )
            return
        self.lijsten += 1
        grootte = sum(1 for item in items if self._eigen_tekst(item))
        for index, item in enumerate(items):
            if index:
                self.noteer()
                self.nr = (self.blokken[-1].nr if self.blokken else 0) + 1
            onder = [k for k in item if k.tag in ("ul", "ol")]
            for kind in onder:
                item.remove(kind)
            blok = self.inline_blok(item, soort="lijstitem")
            if blok:
                blok.lijst, blok.lijstgrootte = self.lijsten, grootte
            for kind in onder:
                self._sublijst(kind)

    # Tables --------------------------------------------------------------------------------

    def tabel(self, tabel):
        """Row by row: a table of two columns (title | text) may hold the adviezen."""
        self.tabellen += 1
        rijen = [
            r for deel in tabel for r in ([deel] if deel.tag == "tr" else deel) if r.tag == "tr"
        ]
        for index, rij in enumerate(rijen):
            if index:
                self.noteer()
                self.nr = (self.blokken[-1].nr if self.blokken else 0) + 1
            cellen = [c for c in rij if c.tag in ("td", "th")]
            for cel in cellen:
                self.haal_weg(cel)
            teksten = [_tekst(c) for c in cellen]
            if not any(teksten):
                continue
            titelcel, tekstcellen = (cellen[0], cellen[1:]) if cellen else (None, [])
            nummer = None
            if len(cellen) >= 3 and re.fullmatch(r"\d{1,3}[.)]?", teksten[0]):
                nummer = int(teksten[0].rstrip(".)"))
                titelcel, tekstcellen = cellen[1], cellen[2:]
            titel_nummer, titel, _, _ = titels.titel_en_rest([titels.stuk(_tekst(titelcel))])
            self.blokken.append(
                Blok(
                    self.nr,
                    " | ".join(t for t in teksten if t),
                    html="".join(_binnenkant(c) for c in cellen),
                    soort="tabelrij",
                    opgemaakt=True,
                    geheel_vet=all(_geheel_vet(cel) for cel in cellen if _tekst(cel)),
                    nummer=nummer if nummer is not None else titel_nummer,
                    titel=titel,
                    rest="".join(_binnenkant(c) for c in tekstcellen),
                    tabel=self.tabellen,
                    cellen=len(cellen),
                    kopregel=any(c.tag == "th" for c in cellen),
                )
            )  # fmt: skip
