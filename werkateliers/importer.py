"""Turns a werkatelier report (plain text or .docx) into a werkatelier with its adviezen.

A report reads as the fund's pages do: an intro; per doelgroep a heading such as
"Vier adviezen voor uitvoerders"; optional thema headings; numbered adviezen "1. Titel"
followed by one or more paragraphs; then the site's frame ("Leer van de ervaringen...",
"Meer info?", ...), which is recognised and left out.

`lees_bestand` gives the text, `lees_verslag` the structure with every problem found
(`Melding`, with its line number), and `sla_op` saves it in one transaction.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .models import Advies, Doelgroep, Thema, Werkatelier
from .telwoorden import lees_telwoord, telwoord

KOP = re.compile(r"^(?P<aantal>\S+)\s+(?:adviezen|advies)\s+voor\s+(?P<doelgroep>.+?)\s*:?$", re.I)
GENUMMERD = re.compile(r"^(?P<nummer>\d{1,3})[.)]\s+(?P<titel>\S.*)$")
KADER = (
    "leer van de ervaringen",
    "meer info",
    "stuur een email",
    "stuur een e-mail",
    "misschien vind je dit ook interessant",
)
ZINSEINDE = tuple(".!?…;:")
MAX_KOPLENGTE = 120
WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class Melding:
    regel: int  # 0 when the problem is not on one line
    tekst: str

    def __str__(self):
        return f"Regel {self.regel}: {self.tekst}" if self.regel else self.tekst


class ImportFout(Exception):
    def __init__(self, meldingen):
        self.meldingen = list(meldingen)
        super().__init__("\n".join(str(m) for m in self.meldingen))


@dataclass
class GelezenAdvies:
    nummer: int
    titel: str
    regel: int
    thema: str | None = None
    alineas: list[str] = field(default_factory=list)


@dataclass
class GelezenDoelgroep:
    kop: str
    aantal: int
    regel: int
    doelgroep: Doelgroep | None
    adviezen: list[GelezenAdvies] = field(default_factory=list)


@dataclass
class Verslag:
    intro: list[str] = field(default_factory=list)
    doelgroepen: list[GelezenDoelgroep] = field(default_factory=list)
    meldingen: list[Melding] = field(default_factory=list)

    @property
    def themas(self):
        """Thema names in the order the adviezen give them."""
        namen = [a.thema for d in self.doelgroepen for a in d.adviezen if a.thema]
        return list(dict.fromkeys(namen))

    @property
    def aantal_adviezen(self):
        return sum(len(d.adviezen) for d in self.doelgroepen)


def lees_bestand(naam, inhoud):
    """The text of an uploaded or given file: .docx, or plain text in UTF-8 (or Windows-1252)."""
    if naam.lower().endswith(".docx"):
        return _lees_docx(inhoud)
    return _lees_tekst(inhoud)


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


def _lees_docx(inhoud):
    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as docx:
            root = ElementTree.fromstring(docx.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        raise ImportFout([Melding(0, "Dit is geen leesbaar Word-bestand (.docx).")]) from None
    alineas = []
    for alinea in root.iter(f"{WORD}p"):
        delen = []
        for element in alinea.iter():
            if element.tag == f"{WORD}t":
                delen.append(element.text or "")
            elif element.tag == f"{WORD}tab":
                delen.append("\t")
            elif element.tag in (f"{WORD}br", f"{WORD}cr"):
                delen.append("\n")
        alineas.append("".join(delen))
    tekst = "\n".join(alineas)
    if not tekst.strip():
        raise ImportFout([Melding(0, "Het bestand is leeg.")])
    return tekst


def lees_verslag(tekst, doelgroepen=None):
    """Read a report's text into a `Verslag`; problems are collected, not raised."""
    if doelgroepen is None:
        doelgroepen = list(Doelgroep.objects.all())
    verslag = Verslag()
    regels = [(nr, r.strip()) for nr, r in enumerate(tekst.lstrip("\ufeff").splitlines(), 1)]
    regels = [(nr, r) for nr, r in regels if r]
    if not regels:
        verslag.meldingen.append(Melding(0, "Het bestand is leeg."))
        return verslag

    deel = advies = thema = None
    for index, (nr, regel) in enumerate(regels):
        if regel.lower().startswith(KADER):
            break
        volgende = regels[index + 1][1] if index + 1 < len(regels) else ""
        kop = KOP.match(regel)
        genummerd = GENUMMERD.match(regel)
        if kop and lees_telwoord(kop["aantal"]) is not None:
            deel = _nieuwe_doelgroep(verslag, kop, nr, doelgroepen)
            advies = thema = None
        elif genummerd and deel is not None:
            advies = GelezenAdvies(int(genummerd["nummer"]), genummerd["titel"].strip(), nr, thema)
            deel.adviezen.append(advies)
        elif deel is None and not genummerd:
            verslag.intro.append(regel)
        elif deel is None:
            verslag.meldingen.append(
                Melding(
                    nr,
                    "dit advies staat vóór de eerste kop zoals ‘Vier adviezen voor uitvoerders’.",
                )
            )
        elif _is_themakop(regel, volgende, advies):
            thema, advies = regel, None
        elif advies is None:
            verslag.meldingen.append(
                Melding(nr, f"deze tekst hoort bij geen genummerd advies: ‘{_kort(regel)}’.")
            )
        else:
            advies.alineas.append(regel)

    _controleer(verslag, regels[0][0])
    return verslag


def _nieuwe_doelgroep(verslag, kop, nr, doelgroepen):
    naam = kop["doelgroep"].strip().lower()
    doelgroep = next(
        (d for d in doelgroepen if naam in (d.naam.lower(), d.slug.replace("-", " "))), None
    )
    if doelgroep is None:
        bekend = " of ".join(f"‘{d.in_zin}’" for d in doelgroepen)
        verslag.meldingen.append(
            Melding(nr, f"onbekende doelgroep ‘{kop['doelgroep']}’; kies {bekend}.")
        )
    elif any(d.doelgroep == doelgroep for d in verslag.doelgroepen):
        verslag.meldingen.append(
            Melding(nr, f"de adviezen voor {doelgroep.in_zin} staan al eerder in de tekst.")
        )
    deel = GelezenDoelgroep(kop.group(0), lees_telwoord(kop["aantal"]), nr, doelgroep)
    verslag.doelgroepen.append(deel)
    return deel


def _is_themakop(regel, volgende, advies):
    """A thema heading is a short line without a closing full stop, directly followed by a
    numbered advies, and not the only paragraph of the advies before it."""
    return (
        GENUMMERD.match(volgende) is not None
        and len(regel) <= MAX_KOPLENGTE
        and not regel.endswith(ZINSEINDE)
        and (advies is None or bool(advies.alineas))
    )


def _controleer(verslag, eerste_regel):
    if not verslag.doelgroepen:
        verslag.meldingen.append(
            Melding(
                eerste_regel,
                "geen kop als ‘Vier adviezen voor uitvoerders’ gevonden; "
                "elke doelgroep begint met zo’n kop.",
            )
        )
    for deel in verslag.doelgroepen:
        vorige = 0
        for advies in deel.adviezen:
            if advies.nummer != vorige + 1:
                ontbreekt = f"; nummer {vorige + 1} ontbreekt" if advies.nummer > vorige + 1 else ""
                verslag.meldingen.append(
                    Melding(
                        advies.regel,
                        f"na advies {vorige} komt advies {advies.nummer}{ontbreekt}.",
                    )
                )
            vorige = advies.nummer
            if not advies.alineas:
                verslag.meldingen.append(
                    Melding(advies.regel, f"advies {advies.nummer} heeft geen tekst.")
                )
            if len(advies.titel) > Advies._meta.get_field("titel").max_length:
                verslag.meldingen.append(Melding(advies.regel, "deze titel is te lang."))
        if deel.aantal != len(deel.adviezen):
            verslag.meldingen.append(
                Melding(
                    deel.regel,
                    f"de kop noemt {telwoord(deel.aantal)} adviezen, "
                    f"maar er volgen er {telwoord(len(deel.adviezen))}.",
                )
            )
    verslag.meldingen.sort(key=lambda m: m.regel)


def _kort(tekst, lengte=60):
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


@transaction.atomic
def sla_op(verslag, titel, publiceer=False):
    """Create the werkatelier with its thema's and adviezen, or raise ImportFout and save
    nothing."""
    meldingen = list(verslag.meldingen)
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
    if meldingen:
        raise ImportFout(meldingen)

    werkatelier = Werkatelier.objects.create(
        titel=titel,
        slug=slug,
        intro="\n\n".join(verslag.intro),
        status=Werkatelier.Status.GEPUBLICEERD if publiceer else Werkatelier.Status.CONCEPT,
        gepubliceerd_op=timezone.now() if publiceer else None,
    )
    themas = {naam: _thema(naam) for naam in verslag.themas}
    Advies.objects.bulk_create(
        Advies(
            werkatelier=werkatelier,
            doelgroep=deel.doelgroep,
            thema=themas.get(advies.thema),
            titel=advies.titel,
            tekst="\n\n".join(advies.alineas),
            positie=advies.nummer,
        )
        for deel in verslag.doelgroepen
        for advies in deel.adviezen
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
