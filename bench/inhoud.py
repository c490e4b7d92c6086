"""Realistic content for `make bench`: werkateliers, thema's and adviezen in Dutch, as many as
asked, no two adviezen alike.

Every word comes from real text: the two seed werkateliers (werkateliers/voorbeelden/) and
the werkateliers of the test reports (tests/documenten/inhoud.py). New sentences are walks
through those texts (a Markov chain over pairs of words), so common words stay common and
rare words rare, as in the texts people write. Each werkatelier has a subject of its own:
two Dutch compounds of the texts' nouns ("netwerkgesprek"), used in its adviezen as a real
werkatelier repeats its subject; they make the long tail of rare words that a site of
thousands of werkateliers has. Thema's are shared across werkateliers, the common ones
much more than the others.

    Inhoud(2000).werkateliers   # a list of Werkatelier tuples, each with its Advies tuples

`vul(aantal)` writes it into the database through the ORM (bulk_create), replacing what is
there; the search vector is the database's own (a trigger).
"""

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from tests.documenten.inhoud import WERKATELIERS
from werkateliers.rijketekst import platte_tekst, schoon

BASIS = Path(__file__).resolve().parent.parent
ZAAD = 2026
# What the seed pages say around a werkatelier's own content (the site's frame).
EINDE_VAN_DE_INHOUD = "Leer van de ervaringen"
TELKOP = re.compile(r"^\w+ adviezen voor ", re.IGNORECASE)
GENUMMERD = re.compile(r"^\d+\.\s+(.+)$")
ZIN_EINDE = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘“(ÉÈ])")
STREEP = re.compile(r"\s+[–-]\s+")
MARKERING = re.compile(r"\*+|\[([^\]]+)\]\([^)]*\)")
# Words that follow an article are nearly always nouns: the words a subject is made of.
LIDWOORDEN = {"de", "het", "een"}
KLEINE_WOORDEN = {
    "en", "van", "in", "met", "is", "voor", "op", "die", "dat", "te", "om", "aan", "bij", "of",
    "wordt", "kan", "moet", "zijn", "heeft", "naar", "over", "tussen", "als", "door", "niet",
}  # fmt: skip
# What the rule above takes for a noun in these texts, wrongly.
GEEN_ZELFSTANDIG_NAAMWOORD = {
    "begint", "belangrijk", "gaat", "nodig", "mogelijk", "misgaat", "opstellen", "betrekken",
    "verbinden", "verlies", "helder", "goed", "beter", "juist", "eerst", "eerder", "even",
}  # fmt: skip
PLAATSEN = [
    "in de wijk", "aan de balie", "in de praktijk", "aan huis", "in het team", "op het werk",
    "in de gemeente", "bij het loket", "in de regio", "na de opvang",
]  # fmt: skip
OPENBARE_DOELGROEPEN = ("uitvoerders", "leidinggevenden-en-bestuurders")


@dataclass
class Advies:
    doelgroep: str  # slug
    thema: str | None  # name
    titel: str
    alineas: list


@dataclass
class Werkatelier:
    titel: str
    slug: str
    intro: str
    beschrijving: str
    onderwerp: list
    adviezen: list = field(default_factory=list)


class Bronnen:
    """The real texts, cut up: sentences, advies titles, thema names, werkatelier titles."""

    def __init__(self):
        self.zinnen, self.titels, self.themas, self.werkateliers = [], [], [], []
        # The sentences of each real werkatelier: a generated one draws on one of them most.
        self.per_bron = []
        for pad in sorted((BASIS / "werkateliers" / "voorbeelden").glob("*.txt")):
            self._lees_zaadpagina(pad.read_text())
        self._lees_testverslagen()
        self.themas = list(dict.fromkeys(self.themas))
        woorden = [w for zin in self.zinnen + self.titels for w in zin.split()]
        # A word between an article and a small word or a mark ("de inwoner en", "het
        # netwerk.") is a noun; one before another word is mostly an adjective.
        self.zelfstandige_naamwoorden = sorted(
            (
                {
                    kaal(woord)
                    for voor, woord, na in zip(woorden, woorden[1:], woorden[2:], strict=False)
                    if voor.lower() in LIDWOORDEN
                    and woord.isalpha()
                    and woord.islower()
                    and len(woord) >= 4
                    and (kaal(na) in KLEINE_WOORDEN or not woord[-1].isalpha())
                }
                | {
                    kaal(woord)
                    for voor, woord in zip(woorden, woorden[1:], strict=False)
                    if voor.lower() in LIDWOORDEN
                    and woord[:-1].isalpha()
                    and woord[-1] in ".,;:?!"
                    and woord.islower()
                    and len(woord) >= 5
                }
            )
            - GEEN_ZELFSTANDIG_NAAMWOORD
        )

    def _lees_zaadpagina(self, tekst):
        tekst = tekst.split(EINDE_VAN_DE_INHOUD)[0]
        regels = [r.strip() for r in tekst.splitlines() if r.strip()]
        begin = len(self.zinnen)
        for regel, volgende in zip(regels, regels[1:] + [""], strict=False):
            if titel := GENUMMERD.match(regel):
                self.titels.append(titel.group(1))
            elif TELKOP.match(regel):
                continue
            elif GENUMMERD.match(volgende) and len(regel) < 80:
                self.themas.append(regel)
            else:
                self.zinnen += zinnen(regel)
        self.per_bron.append(self.zinnen[begin:])

    def _lees_testverslagen(self):
        for naam, werkatelier in WERKATELIERS.items():
            if naam == "groot":  # two hundred made-up adviezen, all alike: not real text
                continue
            self.werkateliers.append(werkatelier["titel"])
            begin = len(self.zinnen)
            for alinea in werkatelier["inleiding"]:
                self.zinnen += zinnen(alinea)
            for _, adviezen in werkatelier["doelgroepen"]:
                for advies in adviezen:
                    self.titels.append(advies["titel"])
                    if advies["thema"]:
                        self.themas.append(advies["thema"])
                    for deel in advies["tekst"]:
                        for alinea in platte_delen(deel):
                            self.zinnen += zinnen(alinea)
            self.per_bron.append(self.zinnen[begin:])


def platte_delen(deel):
    """The paragraphs of a test report's text (a paragraph or a list) without markup."""
    if isinstance(deel, str):
        return [MARKERING.sub(lambda m: m.group(1) or "", deel)]
    if isinstance(deel, dict):
        return [t for item in deel["lijst"] for t in platte_delen(item)]
    return [t for item in deel for t in platte_delen(item)]


def zinnen(alinea):
    return [z.strip() for z in ZIN_EINDE.split(alinea) if len(z.split()) >= 3]


def kaal(woord):
    return woord.strip(".,;:!?()‘’“”'\"").lower()


class Keten:
    """A Markov chain over pairs of words: new sentences in the words and word order of the
    texts it learnt from."""

    def __init__(self, zinnen):
        self.volgende = {}
        for zin in zinnen:
            woorden = [None, None, *zin.split(), None]
            for a, b, c in zip(woorden, woorden[1:], woorden[2:], strict=False):
                self.volgende.setdefault((a, b), []).append(c)

    def zin(self, kans, begin=None, maximum=40):
        """A sentence; `begin`, a sentence whose first two words it starts with."""
        woorden = begin.split()[:2] if begin else []
        a, b = ([None, None] + woorden)[-2:]
        while len(woorden) < maximum:
            c = kans.choice(self.volgende[(a, b)])
            if c is None:
                break
            woorden.append(c)
            a, b = b, c
        zin = " ".join(woorden)
        zin = zin[:1].upper() + zin[1:]
        return zin if zin[-1] in ".!?" else zin.rstrip(":;,") + "."


class Inhoud:
    """`aantal` adviezen in werkateliers of about ten, with their thema's."""

    def __init__(self, aantal, zaad=ZAAD):
        self.kans = random.Random(zaad)
        self.bronnen = Bronnen()
        self.zinnen = Keten(self.bronnen.zinnen)
        self.naamwoorden = set(self.bronnen.zelfstandige_naamwoorden)
        titels = [STREEP.split(t, maxsplit=1) for t in self.bronnen.titels]
        self.eerste_helften = [t[0] for t in titels]
        self.tweede_helften = [t[1] for t in titels if len(t) == 2]
        self.themas = self._themas(aantal)
        # Common thema's are used much more than rare ones, as on a real site.
        self.themagewichten = [1 / (i + 1) for i in range(len(self.themas))]
        self.onderwerpen, self.teksten, self.eigen_woorden = set(), set(), []
        self.werkateliers = []
        gedaan = 0
        while gedaan < aantal:
            werkatelier = self._werkatelier(len(self.werkateliers) + 1, aantal - gedaan)
            gedaan += len(werkatelier.adviezen)
            self.werkateliers.append(werkatelier)

    def _themas(self, aantal):
        """The real thema names, and as many more as a site of this size would have."""
        gewenst = max(8, round(5 * aantal**0.3))
        namen = list(self.bronnen.themas)
        naamwoorden = self.bronnen.zelfstandige_naamwoorden
        while len(namen) < gewenst:
            a, b = self.kans.sample(naamwoorden, 2)
            naam = f"{a.capitalize()} en {b}"
            if naam not in namen:
                namen.append(naam)
        return namen[:gewenst]

    def _onderwerp(self, aantal=2):
        """Compounds of the texts' nouns nothing else has: of two nouns, or of three once
        those of two run short (a hundred nouns make ten thousand of two)."""
        naamwoorden = self.bronnen.zelfstandige_naamwoorden
        woorden, pogingen = [], 0
        while len(woorden) < aantal:
            pogingen += 1
            woord = "".join(self.kans.sample(naamwoorden, 2 if pogingen < 20 else 3))
            if woord not in self.onderwerpen:
                self.onderwerpen.add(woord)
                woorden.append(woord)
        return woorden

    def _zin(self, onderwerp, bron):
        """A new sentence, mostly from the werkatelier's real source (`bron`); every other one
        about its subject."""
        begin = self.kans.choice(bron) if self.kans.random() < 0.4 else None
        zin = self.zinnen.zin(self.kans, begin)
        woorden = zin.split()
        plekken = [
            i
            for i in range(1, len(woorden))
            if woorden[i - 1].lower() in LIDWOORDEN and kaal(woorden[i]) in self.naamwoorden
        ]
        if plekken and self.kans.random() < 0.5:
            i = self.kans.choice(plekken)
            staart = woorden[i][len(woorden[i].rstrip(".,;:!?")) :]
            woorden[i] = self.kans.choice(onderwerp) + staart
        return " ".join(woorden)

    def _alinea(self, onderwerp, bron, aantal):
        zinnen = []
        for _ in range(3 * aantal):  # each sentence once in a paragraph
            if (zin := self._zin(onderwerp, bron)) not in zinnen:
                zinnen.append(zin)
            if len(zinnen) == aantal:
                break
        return " ".join(zinnen)

    def _titel(self, onderwerp):
        eerste = self.kans.choice(self.eerste_helften)
        if self.kans.random() < 0.3:
            woorden = eerste.split()
            plekken = [
                i
                for i in range(1, len(woorden))
                if woorden[i - 1].lower() in LIDWOORDEN and woorden[i] in self.naamwoorden
            ]
            if plekken:
                woorden[self.kans.choice(plekken)] = self.kans.choice(onderwerp)
                eerste = " ".join(woorden)
        if self.kans.random() < 0.8:
            streep = "–" if self.kans.random() < 0.8 else "-"
            return f"{eerste} {streep} {self.kans.choice(self.tweede_helften)}"
        return eerste

    def _werkatelier(self, nummer, nog):
        onderwerp = self._onderwerp()
        bron = self.kans.choice(self.bronnen.per_bron)
        kop = onderwerp[0].capitalize()
        if nummer <= len(self.bronnen.werkateliers):
            titel = self.bronnen.werkateliers[nummer - 1]
        else:
            titel = f"{kop} {self.kans.choice(PLAATSEN)}"
        werkatelier = Werkatelier(
            titel=titel,
            slug=f"{slugify(titel)[:60]}-{nummer}",
            intro=self._alinea(onderwerp, bron, self.kans.randint(2, 4)),
            beschrijving=self._zin(onderwerp, bron)[:300] if self.kans.random() < 0.5 else "",
            onderwerp=onderwerp,
        )
        uitvoerders = min(nog, self.kans.randint(4, 8))
        leidinggevenden = min(nog - uitvoerders, self.kans.randint(2, 4))
        themas = self._kies_themas(self.kans.randint(1, 3))
        for i in range(uitvoerders):
            # Adviezen of one thema stand together, as the page groups them.
            thema = themas[i * len(themas) // uitvoerders]
            werkatelier.adviezen.append(self._advies("uitvoerders", thema, onderwerp, bron))
        for _ in range(leidinggevenden):
            thema = self._kies_themas(1)[0] if self.kans.random() < 0.2 else None
            werkatelier.adviezen.append(
                self._advies("leidinggevenden-en-bestuurders", thema, onderwerp, bron)
            )
        return werkatelier

    def _kies_themas(self, aantal):
        gekozen = []
        while len(gekozen) < min(aantal, len(self.themas)):
            thema = self.kans.choices(self.themas, self.themagewichten)[0]
            if thema not in gekozen:
                gekozen.append(thema)
        return gekozen

    def _advies(self, doelgroep, thema, onderwerp, bron):
        # Besides its werkatelier's subject, an advies has a word of its own: real text has
        # many words that occur once or twice in all of it.
        eigen = self._onderwerp(1)
        self.eigen_woorden += eigen
        while True:  # no two adviezen alike
            alineas = [
                self._alinea(onderwerp + eigen + eigen, bron, self.kans.randint(2, 5))
                for _ in range(self.kans.choice((1, 1, 2, 2, 3)))
            ]
            if (tekst := "\n".join(alineas)) not in self.teksten:
                self.teksten.add(tekst)
                return Advies(doelgroep, thema, self._titel(onderwerp), alineas)

    def woorden(self):
        """Every word of every advies, lower case: for questions broad and narrow."""
        return [
            kaal(w)
            for werkatelier in self.werkateliers
            for advies in werkatelier.adviezen
            for w in " ".join([advies.titel, *advies.alineas]).split()
        ]


def vragen(inhoud, aantal, zaad=ZAAD):
    """`aantal` different questions of one to four words, as visitors type them: common
    words (broad, thousands of adviezen), a werkatelier's subject (narrow, a few), a thema's
    name, the start of a title. Never two the same."""
    kans = random.Random(zaad + 1)
    naamwoorden = inhoud.naamwoorden
    telling = Counter(w for w in inhoud.woorden() if w in naamwoorden)
    gewoon = [w for w, _ in telling.most_common(100)]
    zeldzaam = [w for werkatelier in inhoud.werkateliers for w in werkatelier.onderwerp]
    zeldzaam += inhoud.eigen_woorden[: len(zeldzaam)]
    titels = [a.titel for w in inhoud.werkateliers for a in w.adviezen]
    gesteld, uitkomst = set(), []
    pogingen = 0
    while len(uitkomst) < aantal and pogingen < 50 * aantal:
        pogingen += 1
        soort = kans.random()
        if soort < 0.35:  # broad: one to three common nouns
            vraag = " ".join(kans.sample(gewoon, kans.randint(1, 3)))
        elif soort < 0.6:  # narrow: a subject, perhaps with a common word
            vraag = kans.choice(zeldzaam)
            if kans.random() < 0.5:
                vraag = f"{kans.choice(gewoon)} {vraag}"
        elif soort < 0.75:  # a thema's name, or its first words
            vraag = " ".join(kans.choice(inhoud.themas).lower().split()[:4])
        else:  # the start of a title, as someone remembers it
            woorden = [kaal(w) for w in kans.choice(titels).split() if kaal(w)]
            vraag = " ".join(woorden[: kans.randint(2, 4)])
        if vraag and vraag not in gesteld:
            gesteld.add(vraag)
            uitkomst.append(vraag)
    return uitkomst


def vul(aantal, zaad=ZAAD):
    """Replace all werkateliers and thema's by `aantal` generated adviezen; the generated
    content is returned. In one transaction, with one new content version."""
    # Here, not at the top: models can only be imported once Django is set up, and the
    # generator above is used without a database too (tests/test_bench_inhoud.py).
    from inhoudsversie.models import verhoog
    from werkateliers import models

    inhoud = Inhoud(aantal, zaad)
    nu = timezone.now()
    with transaction.atomic():
        leeg_werkateliers()
        doelgroepen = {d.slug: d for d in models.Doelgroep.objects.all()}
        themas = {
            t.naam: t
            for t in models.Thema.objects.bulk_create(
                models.Thema(naam=naam, slug=slugify(naam)[:140] + f"-{i}")
                for i, naam in enumerate(inhoud.themas, 1)
            )
        }
        werkateliers = models.Werkatelier.objects.bulk_create(
            met_platte_tekst(
                models.Werkatelier(
                    titel=w.titel,
                    slug=w.slug,
                    intro=schoon(html(w.intro)),
                    beschrijving=w.beschrijving,
                    status=models.Werkatelier.Status.GEPUBLICEERD,
                    # One a week or so, the newest yesterday.
                    gepubliceerd_op=nu - timedelta(days=1 + i * 3, hours=i % 24),
                    gewijzigd=nu - timedelta(days=1 + i * 3),
                )
            )
            for i, w in enumerate(inhoud.werkateliers)
        )
        adviezen = []
        for werkatelier, gemaakt in zip(werkateliers, inhoud.werkateliers, strict=True):
            posities = {}
            for advies in gemaakt.adviezen:
                posities[advies.doelgroep] = posities.get(advies.doelgroep, 0) + 1
                tekst = schoon("".join(html(a) for a in advies.alineas))
                adviezen.append(
                    met_platte_tekst(
                        models.Advies(
                            werkatelier=werkatelier,
                            doelgroep=doelgroepen[advies.doelgroep],
                            thema=themas[advies.thema] if advies.thema else None,
                            titel=advies.titel[:300],
                            tekst=tekst,
                            tekst_plat=platte_tekst(tekst),
                            positie=posities[advies.doelgroep],
                        )
                    )
                )
        models.Advies.objects.bulk_create(adviezen, batch_size=2000)
        verhoog()
    return inhoud


def leeg_werkateliers():
    """Every table of the werkateliers app emptied at once, as `manage.py flush` does (with
    what refers to them): deleting through the ORM would fetch every row and tell every
    receiver of post_delete about it, one new content version per advies."""
    tabellen = [
        model._meta.db_table
        for model in apps.get_app_config("werkateliers").get_models(include_auto_created=True)
        if model.__name__ != "Doelgroep"  # made by a migration; the content refers to them
    ]
    connection.ops.execute_sql_flush(
        connection.ops.sql_flush(no_style(), tabellen, allow_cascade=True)
    )


def html(alinea):
    return f"<p>{escape(alinea)}</p>"


def met_platte_tekst(rij):
    """What save() keeps and bulk_create leaves out: every `x_plat` field, the plain text of
    its field `x` (a werkatelier's intro, too, once it has one)."""
    for veld in rij._meta.concrete_fields:
        bron = veld.name.removesuffix("_plat")
        if bron != veld.name and hasattr(rij, bron):
            setattr(rij, veld.name, platte_tekst(getattr(rij, bron)))
    return rij
