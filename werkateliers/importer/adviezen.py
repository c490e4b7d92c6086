"""The adviezen of one doelgroep: which blocks start an advies, which are thema's, which are
their text.

They are found in one of two ways. Numbered: a typed number ("1. Titel"), Word's own
numbering, or the rows of a table (title | text); then a heading or a bold line right before
an advies is a thema (`genummerde_adviezen`). Or by headings: with no numbers at all, the
headings (or bold lines) with text below are the adviezen, and a level above them the
thema's; where that could be more than one level, the one whose count matches the doelgroep's
heading (`adviezen_in_koppen`).

The questions about one block are named functions with an example; the two readings give
each block its role through `rollen.geef` (see `rollen.Rollen`), which keeps an editor's
choice.
"""

from .kenmerken import MAX_KOPLENGTE, is_getypt_advies, is_koplijk, is_kopregel
from .titels import is_titelachtig


def begint_advies(blok, adviestabellen, advies_heeft_tekst):
    """Whether a block starts an advies where adviezen are numbered. `adviestabellen`: the
    tables that hold adviezen (None: any table may); `advies_heeft_tekst`: the advies before
    it has text already (then a Word list item that reads as a title is a list in that text).

    >>> from .blok import Blok
    >>> begint_advies(Blok(1, "1. Luister", nummer=1), set(), False)
    True
    >>> item = Blok(1, "Vraag door", soort="lijstitem", lijstgrootte=3)
    >>> begint_advies(item, set(), False), begint_advies(item, set(), True)
    (True, False)
    """
    if blok.gekozen:
        return blok.rol == "advies-titel"
    if is_getypt_advies(blok):
        return True
    if blok.soort == "tabelrij":
        return adviestabellen is None or blok.tabel in adviestabellen
    if blok.soort == "lijstitem":
        # Word's own numbering numbers the adviezen when an item starts in bold, or reads
        # as a title and is not a list inside an advies's text.
        return (
            blok.geheel_vet
            or blok.html.lstrip().startswith("<strong>")
            or (
                is_titelachtig(blok.tekst)
                and (blok.lijstgrootte == 1 or adviestabellen is None or not advies_heeft_tekst)
            )
        )
    return False


def adviestabellen(blokken):
    """The tables that hold adviezen: two or three columns (title | text, or number |
    title | text), before any other advies of this doelgroep.

    >>> from .blok import Blok
    >>> rij = Blok(1, "Luister | Neem de tijd.", soort="tabelrij", tabel=1, cellen=2)
    >>> adviestabellen([rij]), adviestabellen([Blok(1, "1. Luister", nummer=1), rij])
    ({1}, set())
    """
    tabellen, eerder_advies = set(), False
    for blok in blokken:
        if blok.soort == "tabelrij":
            if not eerder_advies and blok.tabel not in tabellen and blok.cellen in (1, 2, 3):
                rijen = [b for b in blokken if b.soort == "tabelrij" and b.tabel == blok.tabel]
                if any(r.cellen in (2, 3) for r in rijen):
                    tabellen.add(blok.tabel)
        elif is_getypt_advies(blok) or blok.soort == "lijstitem":
            eerder_advies = True
    return tabellen


def rol_van_tabelrij(blok, eerste_rij):
    """(role, why) of a row in a table of adviezen.

    >>> from .blok import Blok
    >>> rol_van_tabelrij(Blok(1, "Advies | Toelichting", soort="tabelrij", cellen=2), True)
    ('weggelaten', 'de kopregel van de tabel met adviezen')
    >>> rol_van_tabelrij(Blok(2, "Samen", soort="tabelrij", cellen=1), False)[0]
    'thema'
    """
    if blok.kopregel or (eerste_rij and is_kopregel(blok)):
        return "weggelaten", "de kopregel van de tabel met adviezen"
    if blok.cellen == 1:
        return "thema", "een rij van één cel in de tabel met adviezen"
    return "advies-titel", "een rij van de tabel met adviezen (titel | tekst)"


def thema_voor_advies(blok, volgende, tabellen, direct_na_titel, zonder_opmaak):
    """(why, guessed?) when the block is a thema: a heading, a bold line, or (in plain text)
    a short line, right before an advies; else None. `direct_na_titel`: it comes right after
    an advies's title, where a short line is more likely that advies's text; `zonder_opmaak`:
    a Word file without a heading or a bold line anywhere.

    >>> from .blok import Blok
    >>> advies = Blok(2, "1. Luister", nummer=1)
    >>> thema_voor_advies(Blok(1, "Praten met inwoners"), advies, set(), False, False)
    ('een korte regel zonder punt, vóór een genummerd advies', False)
    >>> thema_voor_advies(Blok(1, "Tip: neem de tijd"), advies, set(), False, False) is None
    True
    """
    if volgende is None or not begint_advies(volgende, tabellen, False):
        return None
    if blok.soort == "kop":
        return "een kop (kopstijl) vóór een advies", False
    kort_en_los = (
        blok.soort == "alinea"
        and len(blok.tekst) <= MAX_KOPLENGTE
        and not blok.tekst.endswith(tuple(".!?…;:"))
        # "Tip: gebruik pictogrammen" or "Belangrijk: ..." is a remark, not a heading.
        and ": " not in blok.tekst
        # "b. het inlogscherm" closes a lettered list; it heads nothing.
        and not blok.letter
    )
    if not kort_en_los:
        return None
    if blok.geheel_vet:
        return "een vetgedrukte regel zonder kopstijl, vóór een advies", True
    if direct_na_titel:
        return None
    if not blok.opgemaakt:
        return "een korte regel zonder punt, vóór een genummerd advies", False
    if zonder_opmaak:
        # Word without a heading or a bold line anywhere: read as plain text, but a guess.
        return "een korte alinea zonder opmaak, vóór een genummerd advies", True
    return None


def genummerde_adviezen(rollen, blokken):
    """Numbered adviezen: each block that starts one is an advies-titel, a heading or line
    right before one is a thema, and the rest is the text of the advies above it."""
    tabellen = adviestabellen(blokken)
    themaniveau = min((b.niveau for b in blokken if b.soort == "kop"), default=None)
    advies, heeft_tekst, gezien = False, False, set()
    for index, blok in enumerate(blokken):
        volgende = blokken[index + 1] if index + 1 < len(blokken) else None
        if blok.gekozen:
            if blok.rol == "advies-titel":
                advies, heeft_tekst = True, bool(blok.rest)
            elif blok.rol == "tekst":
                heeft_tekst = True
            elif blok.rol in ("thema", "doelgroep"):
                advies = False
        if blok.eigen_rol:
            continue
        if blok.soort == "tabelrij" and blok.tabel in tabellen:
            rollen.geef(blok, *rol_van_tabelrij(blok, blok.tabel not in gezien))
            gezien.add(blok.tabel)
        elif blok.soort == "tabelrij":
            rollen.geef(blok, "weggelaten", "een tabel; die neemt de site niet over")
        elif begint_advies(blok, tabellen, heeft_tekst) and not blok.sublijst:
            reden = (
                f"begint met een nummer (‘{blok.nummer}.’)"
                if blok.nummer is not None
                else "een genummerd lijstitem van Word"
            )
            rollen.geef(blok, "advies-titel", reden, bool(blok.titel_geraden))
            advies, heeft_tekst = True, bool(blok.rest)
            continue
        elif thema := thema_voor_advies(
            blok, volgende, tabellen, advies and not heeft_tekst, rollen.zonder_opmaak
        ):
            rollen.geef(blok, "thema", *thema)
            advies = False
            continue
        elif blok.soort == "kop" and blok.niveau <= (themaniveau or 0):
            rollen.geef(blok, "thema", "een kop (kopstijl) tussen de adviezen")
            advies = False
        else:
            rollen.geef(blok, "tekst", "tekst onder een advies" if advies else "tekst")
        if blok.rol == "tekst":
            heeft_tekst = True
        elif blok.rol == "thema":
            advies = False


def adviezen_in_koppen(rollen, blokken, aantal):
    """No numbers: headings (or bold lines) with text below are the adviezen, a level above
    them the thema's. `aantal`: the count the doelgroep's heading gives, or None."""
    koppen = [(i, b) for i, b in enumerate(blokken) if is_koplijk(b) and not b.eigen_rol]

    def niveau(blok):
        return blok.niveau if blok.soort == "kop" else 7

    def met_tekst(i):
        volgende = blokken[i + 1] if i + 1 < len(blokken) else None
        return volgende is not None and not is_koplijk(volgende)

    telling = {}
    for i, blok in koppen:
        if met_tekst(i):
            telling[niveau(blok)] = telling.get(niveau(blok), 0) + 1
    if not telling:
        for blok in blokken:
            if not blok.eigen_rol:
                rollen.geef(blok, "tekst", "tekst")
        return
    passend = [n for n, tal in telling.items() if tal == aantal]
    adviesniveau = max(passend) if passend else max(telling)
    # Without a count that confirms it, the level is a guess, unless it is the only one.
    geraden = not passend and len(telling) > 1
    for blok in blokken:
        if blok.eigen_rol:
            continue
        if is_koplijk(blok) and niveau(blok) == adviesniveau:
            soort = (
                f"een kop (Kop {blok.niveau})" if blok.soort == "kop" else "een vetgedrukte regel"
            )
            rollen.geef(blok, "advies-titel", f"{soort} met tekst eronder",
                        geraden=geraden or blok.soort != "kop")  # fmt: skip
        elif is_koplijk(blok) and niveau(blok) < adviesniveau:
            rollen.geef(blok, "thema", "een kop boven de adviezen",
                        geraden=blok.soort != "kop")  # fmt: skip
        else:
            rollen.geef(blok, "tekst", "tekst onder een advies")
