"""What a single block is, whatever stands around it: a heading or a line that stands as one,
a typed advies, a doelgroep's heading, a line of the site's own frame, the start of a closing
block, a table's header row, a line of a table of contents. The rules in `rollen` and
`adviezen` ask these questions; each is a named function with an example.
"""

import re

from django.utils.text import slugify

from ..telwoorden import lees_telwoord
from .titels import HOOFDSTUKNUMMER

KOP = re.compile(
    r"^(?:(?P<aantal>\S+)\s+)?(?:adviezen|advies)\s+(?:voor|aan)\s+(?:de\s+)?(?P<doelgroep>.+?)"
    r"\s*(?:\(\d+\))?\s*:?$",
    re.I,
)
MAX_KOPLENGTE = 120
KADER_BEGIN = re.compile(
    r"leer van de ervaringen van (?:je|jouw) collega'?s|meer info(?:rmatie)?\s*[?:]?"
    r"|stuur (?:ons )?een e-?mail|misschien vind je dit ook interessant:?"
)
KADER_REGEL = re.compile(
    KADER_BEGIN.pattern + r"|meer weten over de werkateliers\b.*|.*secretariaat@aeno\.nl.*"
    r"|.*070\s*-?\s*763\s*00\s*30.*"
)
INHOUD_TITEL = re.compile(r"inhoud(?:sopgave|stafel)?|inhoudsopgave|contents?", re.I)
PAGINANUMMER = re.compile(r"[\s.·…_\-–]*\t?\s*\d{1,3}$")
AFSLUITING = re.compile(
    r".{1,40}\?|contact|colofon|tot slot|bronnen|meer informatie|vragen|verder lezen", re.I
)
CONTACT = re.compile(r"@|https?://|www\.|\b0\d{1,3}[\s-]*\d{2,3}[\s-]*\d{2}", re.I)


def vergelijkbaar(tekst):
    """A text as two readers would call it the same.

    >>> vergelijkbaar("  Meer  Info?"), vergelijkbaar("Collega’s")
    ('meer info?', "collega's")
    """
    return " ".join(tekst.lower().replace("’", "'").replace("‘", "'").split())


def kale_tekst(blok):
    """A heading's text without a number typed before it or a colon after it.

    >>> from .blok import Blok
    >>> kale_tekst(Blok(1, "2.1 Praten met inwoners:", soort="kop"))
    'Praten met inwoners'
    """
    tekst = HOOFDSTUKNUMMER.sub("", blok.tekst)
    if blok.soort == "kop":
        tekst = re.sub(r"^\d{1,2}\.?\s+(?=\D)", "", tekst)
    return tekst.strip().rstrip(":").strip()


def is_koplijk(blok):
    """A heading, or a short paragraph in bold that stands as one (no full stop at its end).

    >>> from .blok import Blok
    >>> is_koplijk(Blok(1, "Samen sterker", geheel_vet=True)), is_koplijk(Blok(1, "Let op."))
    (True, False)
    """
    if blok.soort == "kop":
        return True
    return (
        blok.soort == "alinea"
        and blok.geheel_vet
        and len(blok.tekst) <= MAX_KOPLENGTE
        and not blok.tekst.endswith(".")
    )


def is_getypt_advies(blok):
    """A paragraph or heading that starts with a typed number: "1. Titel", "Advies 2: Titel".

    >>> from .blok import Blok
    >>> is_getypt_advies(Blok(1, "1. Luister", nummer=1)), is_getypt_advies(Blok(1, "Luister"))
    (True, False)
    """
    return blok.soort in ("alinea", "kop") and blok.nummer is not None


def lees_doelgroepkop(blok, doelgroepen):
    """(count or None, doelgroep or None, the name as written) when the block is a doelgroep's
    heading, else None. "Vier adviezen voor uitvoerders", "Adviezen voor de uitvoerders", and
    a heading that is just a doelgroep's name ("Leidinggevenden en bestuurders").

    >>> from .blok import Blok
    >>> lees_doelgroepkop(Blok(1, "Vier adviezen voor uitvoerders"), [])
    (4, None, 'uitvoerders')
    """
    if blok.soort in ("lijstitem", "lijst", "tabelrij"):
        return None
    tekst = kale_tekst(blok)
    if kop := KOP.match(tekst):
        aantal = lees_telwoord(kop["aantal"]) if kop["aantal"] else None
        if kop["aantal"] and aantal is None:
            return None
        return aantal, zoek_doelgroep(kop["doelgroep"], doelgroepen), kop["doelgroep"]
    if is_koplijk(blok):
        naam = re.sub(r"^voor\s+(?:de\s+)?", "", tekst, flags=re.I)
        doelgroep = zoek_doelgroep(naam, doelgroepen, exact=True)
        if doelgroep is not None:
            return None, doelgroep, naam
    return None


def zoek_doelgroep(naam, doelgroepen, exact=False):
    """The doelgroep a heading names: by its name or address, else the only one whose name
    has all the heading's words ("leidinggevenden" for "Leidinggevenden en bestuurders").

    >>> from types import SimpleNamespace as D
    >>> groepen = [D(naam="Uitvoerders", slug="uitvoerders"),
    ...            D(naam="Leidinggevenden en bestuurders", slug="leidinggevenden-en-bestuurders")]
    >>> zoek_doelgroep("Leidinggevenden", groepen).slug
    'leidinggevenden-en-bestuurders'
    >>> zoek_doelgroep("Leidinggevenden", groepen, exact=True) is None
    True
    """
    gezocht = vergelijkbaar(naam.replace("&", " en "))
    for doelgroep in doelgroepen:
        if gezocht in (vergelijkbaar(doelgroep.naam), doelgroep.slug.replace("-", " ")):
            return doelgroep
    if exact:
        return None
    woorden = set(slugify(gezocht).split("-"))
    passend = [d for d in doelgroepen if woorden <= set(d.slug.split("-"))]
    return passend[0] if len(passend) == 1 else None


def is_kaderbegin(blok):
    """The first line of the site's own frame, as a block of its own: the whole line, never
    a paragraph that merely starts with these words.

    >>> from .blok import Blok
    >>> is_kaderbegin(Blok(1, "Meer info?"))
    True
    >>> is_kaderbegin(Blok(1, "Meer info vind je op de site."))
    False
    """
    return bool(KADER_BEGIN.fullmatch(vergelijkbaar(blok.tekst)))


def is_kaderregel(blok):
    """A line of the site's own frame: its first lines, or the secretariaat's address.

    >>> from .blok import Blok
    >>> is_kaderregel(Blok(1, "Mail naar secretariaat@aeno.nl of bel met 070 - 763 00 30"))
    True
    """
    return bool(KADER_REGEL.fullmatch(vergelijkbaar(blok.tekst)))


def lijkt_afsluiting(blok):
    """A short line that closes a report rather than starting an advies.

    >>> from .blok import Blok
    >>> lijkt_afsluiting(Blok(1, "Meer weten?")), lijkt_afsluiting(Blok(1, "Luister echt"))
    (True, False)
    """
    return bool(AFSLUITING.fullmatch(kale_tekst(blok)))


def is_afsluiting(blokken, index):
    """A heading or bold line, or a short closing question ("Meer weten?") with contact
    details after it: the start of a closing block, if nothing but text follows.

    >>> from .blok import Blok
    >>> is_afsluiting([Blok(1, "Meer weten?"), Blok(2, "Bel Sanne: 06 12 34 56 78.")], 0)
    True
    >>> is_afsluiting([Blok(1, "Meer weten?"), Blok(2, "Vraag het je collega.")], 0)
    False
    """
    blok = blokken[index]
    if blok.gekozen or blok.soort in ("tabelrij", "lijstitem"):
        return False
    if is_koplijk(blok) and not is_getypt_advies(blok):
        return True
    return lijkt_afsluiting(blok) and any(CONTACT.search(b.tekst) for b in blokken[index + 1 :])


def is_kopregel(blok):
    """The first row of a table that names its columns ("Advies | Toelichting").

    >>> from .blok import Blok
    >>> is_kopregel(Blok(1, "Advies | Toelichting", soort="tabelrij"))
    True
    >>> is_kopregel(Blok(1, "Luister | Neem de tijd.", soort="tabelrij"))
    False
    """
    woorden = r"advies|adviezen|titel|tekst|toelichting|uitleg|nr\.?|nummer|thema|wat|waarom|hoe"
    cellen = [c.strip() for c in blok.tekst.split("|")]
    return all(re.fullmatch(woorden, c, re.I) for c in cellen) or (
        blok.geheel_vet and all(len(c) <= 30 and not c.endswith((".", "!", "?")) for c in cellen)
    )


def zonder_paginanummer(tekst):
    """A line of a table of contents without its page number or dot leader.

    >>> zonder_paginanummer("Vier adviezen voor uitvoerders ........ 2")
    'Vier adviezen voor uitvoerders'
    """
    return PAGINANUMMER.sub("", tekst).strip()


def zelfde_vorm(blok, ander):
    """Two blocks laid out alike: headings of one level, or bold lines, or plain paragraphs.

    >>> from .blok import Blok
    >>> kop3 = Blok(1, "Luister", soort="kop", niveau=3)
    >>> zelfde_vorm(kop3, Blok(9, "Vraag door", soort="kop", niveau=3)), zelfde_vorm(
    ...     kop3, Blok(9, "Meer weten", soort="kop", niveau=2))
    (True, False)
    """
    return (blok.soort, blok.niveau, blok.geheel_vet) == (
        ander.soort,
        ander.niveau,
        ander.geheel_vet,
    )
