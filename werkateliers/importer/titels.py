"""Where an advies's title ends, and the number typed before it.

A block is a list of pieces (bold?, inline HTML, text) in reading order; a soft line break
(Shift+Enter) is a piece of its own. The rules, in order:

1. a soft line break ends the title: "1. Titel⏎Tekst";
2. a block that is all title-like (short, no sentence end with more after it) is all title,
   bold or not: "**Doe wat je zegt** – en zeg wat je doet" stays whole;
3. otherwise a bold start is the title, and what follows a ":" or dash is text; a dash that
   goes on in lower case to the first full stop still belongs to the title;
4. otherwise "Titel: een zin." is split at the colon, and else the first sentence is the title.

Rules 3 (the part after the dash) and 4 are guesses, and say so.
"""

import re
from html import escape

from .blok import ZACHTE_REGEL

NUMMER = re.compile(r"^\s*(?:advies\s+)?(?P<nummer>\d{1,3})(?:[.):]|\s+[–—-])(?=\s)\s*", re.I)
# "1.2 Titel" or "2.1.3. Titel": a heading's number typed by hand; not an advies's number.
HOOFDSTUKNUMMER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})+\.?(?=\s)\s*")
ZINSEINDE = re.compile(r"[.!?…][’”'\")]*\s+(?=\S)")
STREEP = re.compile(r"^\s*[–—-]\s+")
SCHEIDING = re.compile(r"^\s*[:–—-](?:\s+|$)")
MAX_TITEL = 160


def stuk(tekst):
    """A piece of plain text."""
    return (False, escape(tekst, quote=False), tekst)


def tekst_van(stukken):
    """
    >>> tekst_van([stuk(" Neem "), stuk("de\\x0btijd ")])
    'Neem de tijd'
    """
    return " ".join("".join(t for _, _, t in stukken).replace(ZACHTE_REGEL, " ").split())


def html_van(stukken):
    return "".join(h for _, h, _ in stukken).strip().strip(ZACHTE_REGEL).strip()


def schone_titel(tekst):
    """A title as the site shows it: no trailing colon or single full stop.

    >>> schone_titel(" Luister – echt. "), schone_titel("Wat wil de inwoner?")
    ('Luister – echt', 'Wat wil de inwoner?')
    """
    tekst = " ".join(tekst.split())
    if tekst.endswith(":") or (tekst.endswith(".") and not tekst.endswith("..")):
        tekst = tekst[:-1].rstrip()
    return tekst


def is_titelachtig(tekst):
    """Short, and no sentence ends before its end.

    >>> is_titelachtig("Doe wat je zegt – en zeg wat je doet")
    True
    >>> is_titelachtig("Luister. Vraag dan door.")
    False
    """
    return 0 < len(tekst) <= MAX_TITEL and not ZINSEINDE.search(tekst)


def knip(stukken, positie):
    """The pieces before and after a position in their text. A piece of markup that holds
    more than text is not cut: it goes before the cut."""
    voor, na = [], []
    for vet, html, tekst in stukken:
        if positie <= 0:
            na.append((vet, html, tekst))
        elif positie >= len(tekst):
            voor.append((vet, html, tekst))
        else:
            opgemaakt = re.fullmatch(r"<(strong|em)>(.*)</\1>", html, re.S)
            if html == escape(tekst, quote=False) or (
                opgemaakt and opgemaakt[2] == escape(tekst, quote=False)
            ):
                tag = opgemaakt[1] if opgemaakt else None
                for deel, lijst in ((tekst[:positie], voor), (tekst[positie:], na)):
                    inhoud = escape(deel, quote=False)
                    lijst.append((vet, f"<{tag}>{inhoud}</{tag}>" if tag else inhoud, deel))
            else:
                voor.append((vet, html, tekst))
        positie -= len(tekst)
    return voor, na


def _vet_begin(stukken):
    """How many characters the bold start is (spaces between bold pieces count with it)."""
    lengte = vet = 0
    for is_vet, _, tekst in stukken:
        if is_vet:
            lengte += len(tekst)
            vet = lengte
        elif not tekst.strip() and tekst != ZACHTE_REGEL:
            lengte += len(tekst)
        else:
            break
    return vet


def titel_en_rest(stukken):
    """(typed number or None, title, the HTML after it, why the end was guessed or "").

    >>> titel_en_rest([stuk("1. Praat mét de inwoner"), (False, "\\x0b", "\\x0b"), stuk("Zo.")])
    (1, 'Praat mét de inwoner', 'Zo.', '')
    >>> titel_en_rest([(True, "<strong>Doe wat je zegt</strong>", "Doe wat je zegt"),
    ...                stuk(" – en zeg wat je doet")])
    (None, 'Doe wat je zegt – en zeg wat je doet', '', '')
    >>> titel_en_rest([(True, "<strong>Luister</strong>", "Luister"), stuk(": neem de tijd.")])
    (None, 'Luister', 'neem de tijd.', '')
    >>> titel_en_rest([(True, "<strong>Luister – echt</strong>", "Luister – echt"),
    ...                stuk(" Neem de tijd.")])
    (None, 'Luister – echt', 'Neem de tijd.', '')
    """
    ruw = "".join(t for _, _, t in stukken)
    nummer = None
    if begin := NUMMER.match(ruw):
        nummer = int(begin["nummer"])
    begin = begin or HOOFDSTUKNUMMER.match(ruw)
    if begin:
        stukken = knip(stukken, begin.end())[1]
        ruw = ruw[begin.end() :]
    # 1. A soft line break ends the title.
    if (plek := ruw.find(ZACHTE_REGEL)) >= 0:
        voor, na = knip(stukken, plek)
        if tekst_van(voor) and tekst_van(na):
            return nummer, schone_titel(tekst_van(voor)), html_van(na), ""
    tekst = tekst_van(stukken)
    vet = _vet_begin(stukken)
    # 2. All of it reads as a title: with no bold start, or what follows the bold goes on as
    # a title does (a dash, or lower case, and no full stop).
    if is_titelachtig(tekst):
        na = "".join(t for _, _, t in knip(stukken, vet)[1]).strip() if vet else ""
        if not na or (
            (STREEP.match(" " + na) or na[:1].islower()) and not na.endswith((".", "!", "?"))
        ):
            return nummer, schone_titel(tekst), "", ""
    # 3. The bold start.
    if vet:
        voor, na = knip(stukken, vet)
        na_ruw = "".join(t for _, _, t in na)
        streep = STREEP.match(na_ruw)
        einde = ZINSEINDE.search(na_ruw, streep.end()) if streep else None
        if einde:
            vervolg = na_ruw[streep.end() : einde.start() + 1].strip()
            if vervolg[:1].islower() and len(vervolg) <= 80:
                titel = f"{tekst_van(voor)} – {vervolg}"
                return (
                    nummer,
                    schone_titel(titel),
                    html_van(knip(na, einde.end())[1]),
                    "de titel loopt na het vetgedrukte deel door tot de eerste punt",
                )
        if scheiding := SCHEIDING.match(na_ruw):
            na = knip(na, scheiding.end())[1]
        return nummer, schone_titel(tekst_van(voor)), html_van(na), ""
    # 4. "Titel: een zin." or the first sentence.
    einde = ZINSEINDE.search(ruw)
    dubbelepunt = ruw.find(": ")
    if 0 < dubbelepunt <= 100 and (einde is None or dubbelepunt < einde.start()):
        voor, na = knip(stukken, dubbelepunt + 1)
        return (
            nummer,
            schone_titel(tekst_van(voor)),
            html_van(na),
            ("de titel is het deel vóór de dubbele punt"),
        )
    if einde:
        voor, na = knip(stukken, einde.end())
        return nummer, schone_titel(tekst_van(voor)), html_van(na), "de titel is de eerste zin"
    return nummer, schone_titel(tekst), "", ""
