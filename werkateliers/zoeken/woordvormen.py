"""Other forms of a word that the site may use: singular and plural, and the parts of a
compound. No database here: these are candidates, and the search keeps those that occur in
the site's own vocabulary (werkateliers_zoekwoord), so a rule that guesses wrong costs
nothing.

PostgreSQL's Dutch stemmer gives "jongere" and "jongeren" one stem, but not "gezin" and
"gezinnen" (gezinn), "brief" and "brieven" (briev), "kind" and "kinderen", "les" and "lessen":
the spelling rules of the plural (a doubled consonant, f/v and s/z, a long vowel written
once, -eren) are what these few rules add.
"""

import re

KLINKERS = "aeiou"
# Before an f or s that becomes v or z in the plural: a long vowel or a diphthong.
LANG = ("aa", "ee", "oo", "uu", "ie", "ui", "ei", "ij", "ou", "au", "eu", "oe")
# The few words with a plural in -eren.
EREN = {"kind", "ei", "lied", "blad", "volk", "kalf", "lam", "rund", "been", "gemoed"}
# Parts of a compound are at least this long; a word is split only from this length on.
MIN_DEEL = 3
MIN_SAMENSTELLING = 7
MAX_DELEN = 3
# Longer words are not split: the pieces to look up grow with the square of the length.
MAX_SAMENSTELLING = 30


def meervouden(woord):
    """Plural forms a singular may have (gezin → gezinnen, brief → brieven, boom → bomen),
    and an adjective's form with -e (boos → boze, dik → dikke): the same spelling rules."""
    vormen = {woord + "en", woord + "s", woord + "'s", woord + "n"}
    if woord in EREN:
        vormen.add(woord + "eren")
    laatste = woord[-1]
    if laatste not in KLINKERS and len(woord) > 2:
        if woord[-2] in KLINKERS and woord[-3] not in KLINKERS:
            # A short vowel stays short: the consonant doubles (gezin → gezinnen).
            vormen.add(woord + laatste + "en")
        stam = woord
        if woord[-3:-1] in LANG:
            stam = woord[:-1] + {"f": "v", "s": "z"}.get(laatste, laatste)
        vormen.add(stam + "en")
        if woord[-3] == woord[-2] and woord[-2] in KLINKERS:
            # A long vowel written twice is written once before -en (boom → bomen).
            vormen.add(stam[:-2] + stam[-1] + "en")
    return vormen | {vorm[:-1] for vorm in vormen if vorm.endswith("en")}


def _zonder_uitgang(stam):
    """What a word was before -en or -e: gezinn → gezin, briev → brief, bom → boom."""
    vormen = {stam}
    if len(stam) > 2 and stam[-1] == stam[-2]:
        vormen.add(stam[:-1])  # gezinnen → gezin
    if len(stam) > 2:
        zacht = stam[:-1] + {"v": "f", "z": "s"}.get(stam[-1], stam[-1])
        if stam[-3:-1] in LANG:
            vormen.add(zacht)  # brieven → brief
        if stam[-2] in KLINKERS and stam[-3:-2] not in ("", *KLINKERS):
            vormen.add(zacht[:-1] + stam[-2] + zacht[-1])  # bomen → boom, boze → boos
    return vormen


def enkelvouden(woord):
    """Singular forms a plural may have (gezinnen → gezin, brieven → brief, bomen → boom),
    and an adjective's form without -e (boze → boos)."""
    vormen = set()
    if woord.endswith("'s"):
        vormen.add(woord[:-2])
    elif woord.endswith("s") and len(woord) > 3:
        vormen.add(woord[:-1])
    if woord.endswith("eren") and woord[:-4] in EREN:
        vormen.add(woord[:-4])
    if woord.endswith("en") and len(woord) > 4:
        vormen |= _zonder_uitgang(woord[:-2]) | {woord[:-1]}  # jongeren → jongere
    elif woord.endswith("e") and len(woord) > 3:
        vormen |= _zonder_uitgang(woord[:-1])
    return vormen


def vormen(woord):
    """The other forms of a word to look up: its plurals and singulars."""
    if woord.endswith("'s"):
        return {woord[:-2]} | vormen(woord[:-2])
    if len(woord) < 3 or not re.fullmatch(r"\w+", woord):
        return set()
    return (meervouden(woord) | enkelvouden(woord)) - {woord}


def delen_om_op_te_zoeken(woord):
    """Every piece of a word that could be a part of it as a compound, with its plurals (the
    site may only use "schulden" where the compound has "schuld")."""
    if not MIN_SAMENSTELLING <= len(woord) <= MAX_SAMENSTELLING or not re.fullmatch(r"\w+", woord):
        return set()
    stukken = {
        woord[i:j]
        for i in range(len(woord))
        for j in range(i + MIN_DEEL, len(woord) + 1)
        if (i, j) != (0, len(woord))
    }
    return stukken | {vorm for stuk in stukken for vorm in (stuk + "en", stuk + "s")}


def splits(woord, bekend):
    """The parts of a compound, as few as possible, each a word the site knows (or whose
    plural it knows): schuldhulpverlening → schuld, hulpverlening. A part may be followed by
    the linking s (arbeidsmarkt → arbeid, markt). None when it cannot be split so."""
    if not MIN_SAMENSTELLING <= len(woord) <= MAX_SAMENSTELLING or not re.fullmatch(r"\w+", woord):
        return None

    def is_woord(stuk):
        return len(stuk) >= MIN_DEEL and bool({stuk, stuk + "en", stuk + "s"} & bekend)

    # beste[i]: the fewest parts that make up the first i letters.
    beste = {0: []}
    for eind in range(1, len(woord) + 1):
        opties = [
            beste[begin] + [woord[begin:eind]]
            for begin in range(eind)
            if begin in beste and is_woord(woord[begin:eind])
        ]
        if beste.get(eind - 1) and woord[eind - 1] == "s":
            opties.append(beste[eind - 1])
        if opties:
            beste[eind] = min(opties, key=len)
    delen = beste.get(len(woord))
    return delen if delen and 1 < len(delen) <= MAX_DELEN else None
