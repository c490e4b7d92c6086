"""Turns a werkatelier report (plain text or Word .docx) into a werkatelier with its adviezen.

A report reads as the fund's pages do: an intro; per doelgroep a heading such as
"Vier adviezen voor uitvoerders"; optional thema headings; numbered adviezen with a title
and one or more paragraphs; then the site's frame ("Leer van de ervaringen...",
"Meer info?", ...), which is recognised and left out.

Reading happens in two steps. `lees_bestand` turns a file into `Blok`s: for plain text every
line; for .docx what mammoth makes of it (headings from Word's heading styles, list items
from Word's own numbering, bold, italics, links, lists). `lees_verslag` then finds the
structure in those blocks, the same way for both, and collects every problem (`Melding`)
with the place it stood. Where Word's styles say what a paragraph is, they are trusted;
where a role had to be guessed (plain text, a paragraph without style), the block says so,
and a thema that does not exist yet is only created when the editor confirms it.
`sla_op` saves the result in one transaction.
"""

import io
import re
import zipfile
from dataclasses import asdict, dataclass, field
from html import escape
from xml.etree import ElementTree

import mammoth
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from . import rijketekst
from .models import Advies, Doelgroep, Thema, Werkatelier
from .telwoorden import lees_telwoord, telwoord

KOP = re.compile(r"^(?P<aantal>\S+)\s+(?:adviezen|advies)\s+voor\s+(?P<doelgroep>.+?)\s*:?$", re.I)
KOP_ZONDER_AANTAL = re.compile(r"^(?:adviezen|advies)\s+voor\s+\S", re.I)
GENUMMERD = re.compile(r"^(?P<nummer>\d{1,3})[.)]\s+(?P<titel>\S.*)$", re.S)
KADER = (
    "leer van de ervaringen",
    "meer info",
    "stuur een email",
    "stuur een e-mail",
    "misschien vind je dit ook interessant",
)
ZINSEINDE = tuple(".!?…;:")
MAX_KOPLENGTE = 120

# Limits checked on the zip's own table of contents, before anything is decompressed.
MAX_BESTAND = 5 * 1024 * 1024
MAX_UITGEPAKT = 20 * 1024 * 1024
MAX_DELEN = 1000
# mammoth holds about 30 bytes in memory per byte of the XML it reads; 2 MB of text parts
# (some 10,000 paragraphs) keeps an import under 100 MB.
MAX_TEKSTDELEN = 2 * 1024 * 1024
TEKSTDELEN = re.compile(r"^word/(document|footnotes|endnotes|comments|styles|numbering)\d*\.xml$")

# Word's own paragraph styles that are not part of the text, mapped so we can recognise them.
STIJLEN = """
p[style-name='Caption'] => p.bijschrift:fresh
p[style-name='caption'] => p.bijschrift:fresh
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => h2:fresh
comment-reference => sup
"""
# Text boxes are lifted out of their paragraph by mammoth, so they would land anywhere; they
# are replaced by a marker before conversion (the only XML we touch), and left out.
TEKSTVAK = re.compile(r"<w:txbxContent\b[^>]*>(.*?)</w:txbxContent>", re.S)
TEKSTVAK_MARKERING = re.compile("\ue000(\\d+)\ue001")
# A paragraph's own list number: <w:numPr> with its level and list.
NUMMERING = re.compile(r"<w:numPr\b[^>]*>.*?</w:numPr>", re.S)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
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
    """One line, paragraph, heading or list item of a report, as read."""

    nr: int  # line or paragraph number, for messages
    tekst: str  # plain text
    html: str = ""  # its rich content, inline
    soort: str = "alinea"  # alinea · kop · lijstitem (Word numbering) · lijst · weggelaten
    niveau: int = 0  # heading level
    vet: str = ""  # the bold words at its start
    na_vet: str = ""  # the inline HTML after them
    geheel_vet: bool = False
    lijst: int = 0  # Word list items: which list, and how many items it has
    lijstgrootte: int = 0
    opgemaakt: bool = False  # from Word, with styles; False for plain text
    rol: str = ""  # how the site read it, for the preview
    geraden: str = ""  # why its role was guessed, when it was


@dataclass
class GelezenAdvies:
    nummer: int
    titel: str
    regel: int
    thema: str | None = None
    thema_geraden: str = ""
    delen: list = field(default_factory=list)  # [(soort, list number, inline HTML)]

    @property
    def html(self):
        return rijketekst.schoon(_samen(self.delen))

    @property
    def alineas(self):
        """The text's paragraphs without markup."""
        return [a for a in rijketekst.platte_tekst(self.html).split("\n\n") if a]


@dataclass
class GelezenDoelgroep:
    kop: str
    aantal: int
    regel: int
    doelgroep: Doelgroep | None
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
    blokken: list[Blok] = field(default_factory=list)
    intro_delen: list = field(default_factory=list)  # [(soort, list number, inline HTML)]
    doelgroepen: list[GelezenDoelgroep] = field(default_factory=list)
    meldingen: list[Melding] = field(default_factory=list)
    bestaande_themas: set = field(default_factory=set)
    eenheid: str = "Regel"  # what a place is counted in: lines of text, paragraphs of Word

    @property
    def intro(self):
        """The intro's paragraphs without markup."""
        return [a for a in rijketekst.platte_tekst(self.intro_html).split("\n\n") if a]

    @property
    def intro_html(self):
        return rijketekst.schoon(_samen(self.intro_delen))

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
    def aantal_adviezen(self):
        return sum(len(d.adviezen) for d in self.doelgroepen)


# Reading files ---------------------------------------------------------------------------


def lees_bestand(naam, inhoud):
    """The blocks of an uploaded or given file: .docx, or plain text in UTF-8 (or
    Windows-1252)."""
    if len(inhoud) > MAX_BESTAND:
        raise ImportFout([Melding(0, "Het bestand is groter dan 5 MB.")])
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
    """Plain text: every non-empty line is a block, numbered by its line."""
    return [
        Blok(nr, regel.strip(), html=escape(regel.strip(), quote=False))
        for nr, regel in enumerate(tekst.lstrip("\ufeff").splitlines(), 1)
        if regel.strip()
    ]


def lees_docx(inhoud):
    """A .docx as blocks, through mammoth. The zip's table of contents is checked first, so a
    zip bomb is refused before anything is decompressed."""
    onleesbaar = ImportFout([Melding(0, "Dit is geen leesbaar Word-bestand (.docx).")])
    try:
        docx = zipfile.ZipFile(io.BytesIO(inhoud))
        delen = docx.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise onleesbaar from None
    if len(delen) > MAX_DELEN:
        raise ImportFout(
            [Melding(0, f"Dit Word-bestand bestaat uit meer dan {MAX_DELEN} delen; zo’n "
                        "bestand lezen we niet. Sla het opnieuw op vanuit Word.")]
        )  # fmt: skip
    if sum(deel.file_size for deel in delen) > MAX_UITGEPAKT:
        raise ImportFout(
            [Melding(0, "Dit Word-bestand is uitgepakt groter dan 20 MB; zo’n bestand lezen "
                        "we niet. Haal grote afbeeldingen eruit en probeer het opnieuw.")]
        )  # fmt: skip
    if sum(d.file_size for d in delen if TEKSTDELEN.match(d.filename)) > MAX_TEKSTDELEN:
        raise ImportFout(
            [Melding(0, "Dit Word-bestand bevat te veel tekst voor één werkatelier (meer dan "
                        "2 MB). Splits het verslag op.")]
        )  # fmt: skip
    try:
        zonder_tekstvakken, tekstvakken = _markeer_tekstvakken(docx)
        resultaat = mammoth.convert_to_html(
            io.BytesIO(zonder_tekstvakken),
            style_map=STIJLEN,
            # Images are not taken over: give mammoth an empty source, so it never reads them.
            convert_image=mammoth.images.img_element(lambda image: {"src": ""}),
        )
        wortel = ElementTree.fromstring(f"<div>{resultaat.value}</div>")
    except Exception:  # a broken zip, XML or document: mammoth raises many kinds
        raise onleesbaar from None
    blokken = _blokken_uit_html(wortel, tekstvakken)
    if not any(b.tekst for b in blokken):
        raise ImportFout([Melding(0, "Het bestand is leeg.")])
    return blokken


def _markeer_tekstvakken(docx):
    """A fresh copy of the document for mammoth, with each text box replaced by a marker, and
    the text boxes' texts. Images are left out of the copy: they are never read. Every part is
    read with its declared size as the limit: a zip that lies about its sizes costs no more
    memory than it declared, and then fails its checksum."""
    teksten = []

    def vervang(match):
        teksten.append(" ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split()))
        return f"<w:p><w:r><w:t>\ue000{len(teksten) - 1}\ue001</w:t></w:r></w:p>"

    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as nieuw:
        for deel in docx.infolist():
            if deel.filename.startswith("word/media/"):
                continue
            with docx.open(deel) as bron:
                # read(n), not read(): zipfile inflates a whole stream at once without a limit.
                data = bron.read(deel.file_size + 1)
            if deel.filename == "word/document.xml":
                xml = TEKSTVAK.sub(vervang, data.decode("utf-8"))
                data = _zonder_lege_nummering(xml, _lege_nummering(docx)).encode("utf-8")
            nieuw.writestr(deel, data)
    return uit.getvalue(), teksten


def _lege_nummering(docx):
    """The list levels (list, level) that show neither a number nor a bullet: Word's number
    format "none", or a bullet of only spaces (how pandoc indents a paragraph that goes on
    within a list item). A paragraph on such a level is text, not a list item."""
    try:
        deel = docx.getinfo("word/numbering.xml")
    except KeyError:
        return set()
    with docx.open(deel) as bron:
        wortel = ElementTree.fromstring(bron.read(deel.file_size + 1))
    leeg = set()
    for abstract in wortel.iter(f"{W}abstractNum"):
        for niveau in abstract.iter(f"{W}lvl"):
            vorm, tekst = niveau.find(f"{W}numFmt"), niveau.find(f"{W}lvlText")
            if niveau.find(f"{W}lvlPicBulletId") is not None:
                continue  # a picture as bullet
            if (vorm is not None and vorm.get(f"{W}val") == "none") or (
                tekst is not None and not (tekst.get(f"{W}val") or "").strip()
            ):
                leeg.add((abstract.get(f"{W}abstractNumId"), niveau.get(f"{W}ilvl")))
    return {
        (lijst.get(f"{W}numId"), niveau)
        for lijst in wortel.iter(f"{W}num")
        for abstract, niveau in leeg
        if lijst.find(f"{W}abstractNumId") is not None
        and lijst.find(f"{W}abstractNumId").get(f"{W}val") == abstract
    }


def _zonder_lege_nummering(xml, leeg):
    """The document without the list numbers of paragraphs on an empty list level."""
    if not leeg:
        return xml

    def vervang(match):
        niveau = re.search(r'<w:ilvl w:val="(\d+)"', match.group(0))
        lijst = re.search(r'<w:numId w:val="(\d+)"', match.group(0))
        sleutel = (lijst.group(1) if lijst else None, niveau.group(1) if niveau else "0")
        return "" if sleutel in leeg else match.group(0)

    return NUMMERING.sub(vervang, xml)


def _tekst(element):
    return " ".join("".join(element.itertext()).removesuffix("↑").split())


def _kort(tekst, lengte=60):
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


NOOT = re.compile(r"(footnote|endnote|comment)-\d+")


def _blokken_uit_html(wortel, tekstvakken):
    """mammoth's HTML, element by element, as blocks; what is not taken over becomes a
    'weggelaten' block at the place it stood, so the reader can say where that was."""
    # Footnotes, endnotes and comments come last; remember their texts for the warnings.
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

    blokken = []
    for lijst, element in enumerate(wortel, 1):
        if _is_bladwijzer(element):
            continue
        weggelaten = []
        nr = (blokken[-1].nr if blokken else 0) + 1
        if TEKSTVAK_MARKERING.fullmatch("".join(element.itertext()).strip()):
            nr -= 1  # mammoth put the text box after the paragraph that holds it
        if element.tag == "dl" or (
            element.tag == "ol" and all(NOOT.fullmatch(li.get("id", "")) for li in element)
        ):
            continue
        if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            blok = _inline_blok(element, nr, weggelaten, notities, tekstvakken)
            blok.soort, blok.niveau = "kop", int(element.tag[1])
            blokken.append(blok)
        elif element.tag == "p" and element.get("class") == "bijschrift":
            weggelaten.append(f"het bijschrift ‘{_kort(_tekst(element))}’")
        elif element.tag == "p":
            blok = _inline_blok(element, nr, weggelaten, notities, tekstvakken)
            if blok.tekst or not weggelaten:
                blokken.append(blok)
        elif element.tag == "ol":
            items = list(element)
            for volgnummer, item in enumerate(items, nr):
                blok = _inline_blok(item, volgnummer, weggelaten, notities, tekstvakken)
                blok.soort, blok.lijst, blok.lijstgrootte = "lijstitem", lijst, len(items)
                blokken.append(blok)
        elif element.tag == "ul":
            _haal_weg(element, weggelaten, notities, tekstvakken)
            html = ElementTree.tostring(element, encoding="unicode", method="html")
            tekst = " · ".join(_tekst(item) for item in element)
            blokken.append(Blok(nr, tekst, html=html, soort="lijst", opgemaakt=True))
        elif element.tag == "table":
            cellen = [_tekst(c) for c in element.iter() if c.tag in ("td", "th") and _tekst(c)]
            rijen = len(list(element.iter("tr")))
            inhoud = f": ‘{_kort(' | '.join(cellen), 50)}’" if cellen else ""
            weggelaten.append(f"een tabel ({rijen} rij{'en' if rijen != 1 else ''}{inhoud})")
        else:
            weggelaten.append(f"een onderdeel dat we niet kennen (‘{_kort(_tekst(element))}’)")
        blokken.extend(
            Blok(nr, wat, soort="weggelaten", opgemaakt=True, rol="niet overgenomen")
            for wat in weggelaten
        )
    return blokken


def _is_bladwijzer(element):
    """A bookmark: an empty <a id=…>. Word leaves them everywhere (_GoBack, _Toc…, _Hlk…),
    other programs put one before every heading. Nothing to read, so nothing to warn about."""
    return element.tag == "a" and not element.get("href") and not _tekst(element)


def _haal_weg(element, weggelaten, notities, tekstvakken):
    """Take bookmarks, images, note references and text box markers out of an element,
    noting each but the bookmarks."""
    for kind in list(element):
        if _is_bladwijzer(kind):
            _verwijder(element, kind)
            continue
        wat = None
        doel = (kind.get("href") or "").lstrip("#") if kind.tag == "a" else ""
        if kind.tag == "img":
            alt = kind.get("alt", "")
            wat = f"een afbeelding{f' (‘{_kort(alt)}’)' if alt else ''}"
        elif NOOT.fullmatch(doel):
            soort = {"footnote": "een voetnoot", "endnote": "een eindnoot"}
            tekst = notities.get(doel, "")
            wat = f"{soort.get(doel.split('-')[0], 'een opmerking')}"
            wat += f" (‘{_kort(tekst)}’)" if tekst else ""
        if wat:
            weggelaten.append(wat)
            _verwijder(element, kind)
            continue
        _haal_weg(kind, weggelaten, notities, tekstvakken)
        if kind.tag == "sup" and not "".join(kind.itertext()).strip():
            _verwijder(element, kind)  # what held a note reference, now empty
    for stuk in ("text", "tail"):
        waarde = getattr(element, stuk)
        if waarde and TEKSTVAK_MARKERING.search(waarde):
            for nummer in TEKSTVAK_MARKERING.findall(waarde):
                tekst = tekstvakken[int(nummer)] if int(nummer) < len(tekstvakken) else ""
                weggelaten.append(f"een tekstvak{f' (‘{_kort(tekst)}’)' if tekst else ''}")
            setattr(element, stuk, TEKSTVAK_MARKERING.sub("", waarde))


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


def _inline_blok(element, nr, weggelaten, notities, tekstvakken):
    """A paragraph, heading or list item: its text, its inline HTML, and its bold start."""
    _haal_weg(element, weggelaten, notities, tekstvakken)
    stukken = []  # (vet, html, tekst) in reading order
    if element.text:
        stukken.append((False, escape(element.text, quote=False), element.text))
    for kind in element:
        staart, kind.tail = kind.tail, None
        if kind.tag == "br":
            stukken.append((False, ZACHTE_REGEL, ZACHTE_REGEL))
        else:
            html = ElementTree.tostring(kind, encoding="unicode", method="html")
            stukken.append((kind.tag == "strong", html, "".join(kind.itertext())))
        if staart:
            stukken.append((False, escape(staart, quote=False), staart))
    ruw = "".join(t for _, _, t in stukken)
    blok = Blok(
        nr,
        " ".join(ruw.replace(ZACHTE_REGEL, " ").split()),
        html="".join(h for _, h, _ in stukken),
        opgemaakt=True,
    )
    # The bold words at the start, after a typed number ("1. "), which may be bold itself.
    nummer = GENUMMERD.match(ruw.lstrip())
    weg = len(ruw) - len(ruw.lstrip()) + (nummer.start("titel") if nummer else 0)
    vet, rest = [], []
    for is_vet, html, tekst in stukken:
        if weg >= len(tekst):
            weg -= len(tekst)
            continue
        if weg:
            tekst, weg = tekst[weg:], 0
            html = escape(tekst, quote=False)
        if is_vet and not rest:
            vet.append(tekst)
        elif vet or rest or tekst.strip():
            rest.append(html)
    blok.vet = " ".join("".join(vet).split())
    na_vet = "".join(rest).strip()
    if blok.vet:
        # "**Titel**: tekst" or "**Titel** – tekst": the separator belongs to neither.
        na_vet = re.sub(r"^[:–—-](?:\s+|$)", "", na_vet)
    blok.na_vet = na_vet.strip().strip(ZACHTE_REGEL)
    blok.geheel_vet = bool(blok.vet) and not rijketekst.platte_tekst(blok.na_vet)
    return blok


def _samen(delen):
    """The HTML of the parts of one advies or intro, each (soort, list number, inline HTML):
    paragraphs, with Word list items that are text gathered into their list again."""
    uit, lijst = [], None
    for soort, nummer, html in delen:
        if soort == "lijstitem":
            if lijst != nummer:
                uit.append("</ol><ol>" if lijst is not None else "<ol>")
                lijst = nummer
            uit.append(f"<li>{html.replace(ZACHTE_REGEL, ' ')}</li>")
            continue
        if lijst is not None:
            uit.append("</ol>")
            lijst = None
        if soort == "lijst":
            uit.append(html)
        else:
            uit.extend(f"<p>{stuk}</p>" for stuk in html.split(ZACHTE_REGEL) if stuk.strip())
    if lijst is not None:
        uit.append("</ol>")
    return "".join(uit)


# Finding the structure -------------------------------------------------------------------


def lees_verslag(bron, doelgroepen=None):
    """Read a report (its text, or its blocks) into a `Verslag`; problems are collected, not
    raised."""
    if doelgroepen is None:
        doelgroepen = list(Doelgroep.objects.all())
    blokken = blokken_uit_tekst(bron) if isinstance(bron, str) else list(bron)
    verslag = Verslag(blokken=blokken)
    verslag.bestaande_themas = {
        naam.lower() for naam in Thema.objects.values_list("naam", flat=True)
    }
    eenheid = verslag.eenheid = "Alinea" if any(b.opgemaakt for b in blokken) else "Regel"

    def meld(plek, tekst, let_op=False):
        verslag.meldingen.append(Melding(plek, tekst, let_op, eenheid))

    inhoud = [b for b in blokken if b.soort != "weggelaten"]
    if not any(b.tekst for b in inhoud):
        verslag.meldingen.append(Melding(0, "Het bestand is leeg."))
        return verslag
    # Where Word's heading styles carry the structure, a plain paragraph is never a thema.
    koppen_met_stijl = any(b.soort == "kop" for b in blokken)

    deel = advies = thema = None
    for index, blok in enumerate(blokken):
        volgende = next((b for b in blokken[index + 1 :] if b.soort != "weggelaten"), None)
        if blok.soort == "weggelaten":
            meld(blok.nr, f"{blok.tekst} is niet overgenomen ({_plaats(deel, advies)}).", True)
            continue
        if blok.tekst.lower().startswith(KADER):
            for rest in blokken[index:]:
                rest.rol = "kader van de site (niet overgenomen)"
            break
        kop = KOP.match(blok.tekst) if blok.soort != "lijstitem" else None
        begin = _advies_begin(blok, advies) if deel is not None else None
        if kop and lees_telwoord(kop["aantal"]) is not None:
            deel = _nieuwe_doelgroep(verslag, kop, blok, doelgroepen, meld)
            advies = thema = None
            blok.rol = "kop van een doelgroep"
        elif begin:
            nummer, titel, rest = begin
            if nummer is None:
                nummer = (deel.adviezen[-1].nummer if deel.adviezen else 0) + 1
            advies = GelezenAdvies(nummer, titel, blok.nr, *(thema or (None, "")))
            deel.adviezen.append(advies)
            if rest:
                advies.delen.append(("alinea", 0, rest))
            blok.rol = f"advies {nummer}: titel{' en tekst' if rest else ''}"
        elif deel is None and KOP_ZONDER_AANTAL.match(blok.tekst):
            meld(blok.nr, "deze kop noemt geen aantal; schrijf bijvoorbeeld "
                          f"‘Vier {blok.tekst[:1].lower()}{blok.tekst[1:]}’.")  # fmt: skip
            blok.rol = "kop zonder aantal"
        elif deel is None and blok.soort == "kop":
            meld(blok.nr, f"de kop ‘{_kort(blok.tekst)}’ is niet overgenomen: de titel geef je "
                          "apart op, en de inleiding is gewone tekst.", True)  # fmt: skip
            blok.rol = "kop vóór de inleiding (niet overgenomen)"
        elif deel is None and GENUMMERD.match(blok.tekst):
            meld(blok.nr, "dit advies staat vóór de eerste kop zoals "
                          "‘Vier adviezen voor uitvoerders’.")  # fmt: skip
        elif deel is None:
            verslag.intro_delen.append((blok.soort, blok.lijst, blok.html))
            blok.rol = "inleiding"
        elif geraden := _is_themakop(blok, volgende, advies, koppen_met_stijl):
            thema = (blok.tekst, "" if geraden is True else geraden)
            advies = None
            blok.rol = "thema"
            blok.geraden = thema[1]
        elif advies is None:
            meld(blok.nr, f"deze tekst hoort bij geen genummerd advies: ‘{_kort(blok.tekst)}’.")
        else:
            advies.delen.append((blok.soort, blok.lijst, blok.html))
            blok.rol = f"tekst bij advies {advies.nummer}"

    _controleer(verslag, blokken[0].nr if blokken else 0, meld)
    return verslag


def _plaats(deel, advies):
    if deel is None:
        return "in de inleiding"
    doelgroep = deel.doelgroep.in_zin if deel.doelgroep else "deze doelgroep"
    if advies is None:
        return f"bij de adviezen voor {doelgroep}"
    return f"bij advies {advies.nummer} voor {doelgroep}, ‘{_kort(advies.titel, 40)}’"


def _titelachtig(tekst):
    return (
        bool(tekst)
        and len(tekst) <= Advies._meta.get_field("titel").max_length
        and not (tekst.endswith(ZINSEINDE))
    )


def _advies_begin(blok, advies):
    """(number or None, title, rest as HTML) when this block starts an advies, else None.

    A typed number ("1. Titel") always starts one. An item of Word's own numbering does when
    it starts in bold, or when it reads as a title and is not a list inside an advies's text.
    The title is the bold start of the paragraph, or the whole of it."""
    if blok.soort == "lijstitem":
        nummer = None
        begint_advies = bool(blok.vet) or (
            _titelachtig(blok.tekst)
            and (blok.lijstgrootte == 1 or advies is None or not advies.delen)
        )
        if not begint_advies:
            return None
    elif blok.soort in ("alinea", "kop") and (genummerd := GENUMMERD.match(blok.tekst)):
        nummer = int(genummerd["nummer"])
    else:
        return None
    if blok.vet:
        return nummer, blok.vet, blok.na_vet
    titel = GENUMMERD.match(blok.tekst)["titel"] if nummer is not None else blok.tekst
    return nummer, " ".join(titel.split()), ""


def _lijkt_advies_begin(blok):
    if blok is None:
        return False
    if blok.soort == "lijstitem":
        return bool(blok.vet) or _titelachtig(blok.tekst)
    return blok.soort in ("alinea", "kop") and GENUMMERD.match(blok.tekst) is not None


def _is_themakop(blok, volgende, advies, koppen_met_stijl):
    """True for a thema from a heading style; the reason (a string) when the thema was
    guessed from a line of its own directly before an advies; False otherwise."""
    if blok.soort == "kop":
        return True
    if blok.soort != "alinea" or not _lijkt_advies_begin(volgende):
        return False
    kort_en_los = (
        len(blok.tekst) <= MAX_KOPLENGTE
        and not blok.tekst.endswith(ZINSEINDE)
        # "Tip: gebruik pictogrammen" or "Belangrijk: ..." is a remark, not a heading.
        and ": " not in blok.tekst
        and (advies is None or bool(advies.delen))
    )
    if not kort_en_los:
        return False
    if blok.geheel_vet:
        return "een vetgedrukte regel zonder kopstijl"
    if not blok.opgemaakt:
        return "een korte regel zonder punt vóór een advies"
    if not koppen_met_stijl:
        return "een korte alinea zonder kopstijl vóór een advies"
    return False


def _nieuwe_doelgroep(verslag, kop, blok, doelgroepen, meld):
    naam = " ".join(kop["doelgroep"].split()).lower()
    doelgroep = next(
        (d for d in doelgroepen if naam in (d.naam.lower(), d.slug.replace("-", " "))), None
    )
    if doelgroep is None:
        bekend = " of ".join(f"‘{d.in_zin}’" for d in doelgroepen)
        meld(blok.nr, f"onbekende doelgroep ‘{kop['doelgroep']}’; kies {bekend}.")
    elif any(d.doelgroep == doelgroep for d in verslag.doelgroepen):
        meld(blok.nr, f"de adviezen voor {doelgroep.in_zin} staan al eerder in de tekst.")
    deel = GelezenDoelgroep(
        " ".join(kop.group(0).split()), lees_telwoord(kop["aantal"]), blok.nr, doelgroep
    )
    verslag.doelgroepen.append(deel)
    return deel


def _controleer(verslag, eerste_regel, meld):
    if not verslag.doelgroepen:
        meld(
            eerste_regel,
            "geen kop als ‘Vier adviezen voor uitvoerders’ gevonden; "
            "elke doelgroep begint met zo’n kop.",
        )
    for deel in verslag.doelgroepen:
        vorige = 0
        for advies in deel.adviezen:
            if advies.nummer != vorige + 1:
                ontbreekt = f"; nummer {vorige + 1} ontbreekt" if advies.nummer > vorige + 1 else ""
                meld(advies.regel, f"na advies {vorige} komt advies {advies.nummer}{ontbreekt}.")
            vorige = advies.nummer
            if not advies.html:
                meld(advies.regel, f"advies {advies.nummer} heeft geen tekst.")
            if len(advies.titel) > Advies._meta.get_field("titel").max_length:
                meld(advies.regel, "deze titel is te lang.")
        if deel.aantal != len(deel.adviezen):
            meld(
                deel.regel,
                f"de kop noemt {telwoord(deel.aantal)} adviezen, "
                f"maar er volgen er {telwoord(len(deel.adviezen))}.",
            )
    verslag.meldingen.sort(key=lambda m: (m.plek, m.let_op))


# Carrying a read document from the check to the confirmation ------------------------------


def blokken_naar_json(blokken):
    return [asdict(blok) for blok in blokken]


def blokken_uit_json(gegevens):
    return [Blok(**blok) for blok in gegevens]


# Saving ----------------------------------------------------------------------------------


@transaction.atomic
def sla_op(verslag, titel, publiceer=False, nieuwe_themas=None):
    """Create the werkatelier with its thema's and adviezen, or raise ImportFout and save
    nothing. `nieuwe_themas`: the new thema's the editor confirmed (None: all of them)."""
    meldingen = list(verslag.fouten)
    titel = titel.strip()
    slug = slugify(titel)[:200]
    if not titel or not slug:
        meldingen.append(Melding(0, "Geef het werkatelier een titel."))
    elif Werkatelier.objects.filter(slug=slug).exists():
        meldingen.append(
            Melding(
                0, f"Er bestaat al een werkatelier met het adres ‘{slug}’; kies een andere titel."
            )
        )
    if nieuwe_themas is not None:
        for naam in verslag.nieuwe_themas:
            if naam not in nieuwe_themas:
                meldingen.append(
                    Melding(0, f"Bevestig het nieuwe thema ‘{naam}’, of pas het verslag aan.")
                )
    if meldingen:
        raise ImportFout(meldingen)

    werkatelier = Werkatelier.objects.create(
        titel=titel,
        slug=slug,
        intro=verslag.intro_html,
        status=Werkatelier.Status.GEPUBLICEERD if publiceer else Werkatelier.Status.CONCEPT,
        gepubliceerd_op=timezone.now() if publiceer else None,
    )
    themas = {naam: _thema(naam) for naam in verslag.themas}
    for deel in verslag.doelgroepen:
        for advies in deel.adviezen:
            Advies.objects.create(
                werkatelier=werkatelier,
                doelgroep=deel.doelgroep,
                thema=themas.get(advies.thema),
                titel=advies.titel,
                tekst=advies.html,
                positie=advies.nummer,
            )
    return werkatelier


def _thema(naam):
    """The existing thema of that name, or a new one."""
    bestaand = Thema.objects.filter(naam__iexact=naam).first()
    if bestaand:
        return bestaand
    basis = slugify(naam)[:140] or "thema"
    slug, volgnummer = basis, 2
    while Thema.objects.filter(slug=slug).exists():
        slug, volgnummer = f"{basis}-{volgnummer}", volgnummer + 1
    return Thema.objects.create(naam=naam, slug=slug)
