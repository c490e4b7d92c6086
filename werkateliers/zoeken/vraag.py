"""A question as a visitor types it, read into terms: no database here.

    hoe praat ik met een jongere      -> praat, jongere (the rest are stop words)
    jongeren OF ouderen -agressie     -> (jongeren | ouderen), not agressie
    NIET “huiselijk geweld” schulden  -> schulden, not the phrase "huiselijk geweld"

What websearch_to_tsquery reads (`or`, `-word`, "a phrase") is read the same way; the Dutch
OF and NIET too, in any case, and curly quotes as well as straight ones. The terms are
joined by AND; a term's `of` says it joins the one before it by OR.
"""

import re
from dataclasses import dataclass, field

# PostgreSQL's Dutch stop words (tsearch_data/dutch.stop, from Snowball): the words it leaves
# out of a search, here so that a question of only such words can say so, on SQLite too.
STOPWOORDEN = frozenset(
    """de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar
    om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar
    haar naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden
    toch al waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie
    werd altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand
    geweest andere""".split()
)
OF = {"of", "or"}
NIET = "niet"
MAX_TERMEN = 12
# A phrase in quotes (straight, curly or low), a word (with hyphens and apostrophes inside:
# e-mail, collega's), each perhaps with a "-" before it.
DEEL = re.compile(r"""(?P<min>-)?(?:["“”„](?P<zin>[^"“”„]*)["“”„]?|(?P<woord>\w(?:[\w'’-]*\w)?))""")
WOORD = re.compile(r"\w(?:[\w'’-]*\w)?")


@dataclass
class Term:
    woorden: list  # one word, or the words of a phrase
    niet: bool = False
    exact: bool = False  # in quotes: not the start of a longer word, not split
    of: bool = False  # joined to the term before it by OR
    # Filled by the search: other forms that count as this term, each a tuple of words that
    # must all occur (a compound's parts), and whether it is also the start of a word.
    vormen: list = field(default_factory=list)
    begin: bool = False

    @property
    def tekst(self):
        return " ".join(self.woorden)

    @property
    def zin(self):
        return len(self.woorden) > 1


@dataclass
class Vraag:
    tekst: str
    termen: list  # the terms that are looked for or left out, in order
    stopwoorden: list  # stop words of the question that are not looked for
    # What the whole question may also be found by: the synonyms of a group that has it as
    # one of its words ("huiselijk geweld", typed without quotes). Filled by the search.
    heel: list = field(default_factory=list)

    @property
    def als_geheel(self):
        """The question as one phrase of a synonym group, when it is only words (no OF, NIET,
        -word or quotes) and more than one."""
        woorden = _woorden(self.tekst)
        eenvoudig = all(not (t.niet or t.of or t.exact) for t in self.termen)
        return " ".join(woorden) if eenvoudig and len(woorden) > 1 else None

    @property
    def positief(self):
        return [term for term in self.termen if not term.niet]

    @property
    def te_algemeen(self):
        """Only stop words: nothing to look for."""
        return not self.positief and bool(self.stopwoorden)

    @property
    def groepen(self):
        """The terms in groups joined by AND, the terms in a group by OR (a term left out
        too: "netwerk or -jongeren" is netwerk, or anything without jongeren)."""
        groepen = []
        for term in self.termen:
            if term.of and groepen:
                groepen[-1].append(term)
            else:
                groepen.append([term])
        return groepen

    @property
    def weglaten(self):
        """The groups of only terms left out: what any-of-the-words leaves out too."""
        return [groep for groep in self.groepen if all(term.niet for term in groep)]


def _woorden(tekst):
    return [w.replace("’", "'").lower() for w in WOORD.findall(tekst)]


def lees(tekst):
    """The question's terms, its operators read, its stop words left out."""
    termen, stopwoorden = [], []
    niet = of = False
    delen = list(DEEL.finditer(tekst))
    for i, deel in enumerate(delen):
        laatste = i == len(delen) - 1
        if deel["woord"] and not deel["min"]:
            woord = deel["woord"].lower()
            # An operator needs a term after it (and OR one before it too); else it is a word.
            if woord in OF and termen and not laatste:
                of = True
                continue
            if woord == NIET and not laatste:
                niet = True
                continue
        woorden = _woorden(deel["zin"] if deel["zin"] is not None else deel["woord"])
        if not woorden:
            continue
        if all(w in STOPWOORDEN for w in woorden):
            stopwoorden += woorden
        elif len(termen) < MAX_TERMEN:
            exact = deel["zin"] is not None
            termen.append(Term(woorden, niet=niet or bool(deel["min"]), of=of, exact=exact))
        niet = of = False
    return Vraag(tekst, termen, list(dict.fromkeys(stopwoorden)))
