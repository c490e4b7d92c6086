"""The picture a shared link shows (og:image): 1200 × 630 pixels, the size Facebook, LinkedIn,
Teams and WhatsApp show whole, one per werkatelier and one for the site. Drawn with Pillow in
the site's own font (Source Sans 3, vendored in static/vendor/nlds), from the same words the
page shows, so that the picture says what the link leads to."""

import functools
import hashlib
import io
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from PIL import Image, ImageDraw, ImageFont

from .models import in_zin
from .telwoorden import aantal_adviezen, telwoord

BREEDTE, HOOGTE = 1200, 630
LETTER = settings.BASE_DIR / "static" / "vendor" / "nlds" / "source-sans-3-latin-wght-normal.woff2"
ICOON = settings.BASE_DIR / "static" / "img" / "icoon-512.png"
# The theme's colours (static/css/thema.css).
PRIMAIR_DONKER = "#0c2f4a"
PRIMAIR = "#154a72"
PRIMAIR_LICHT = "#e7f0f7"
ACCENT = "#f2b441"
TEKST_ZACHT = "#4a5662"
WIT = "#ffffff"
MARGE = 72


@dataclass(frozen=True)
class Kaart:
    """What a card says: a small line above, the title, and a line or two under it."""

    boven: str
    titel: str
    onder: tuple[str, ...] = ()

    @property
    def alt(self):
        """The picture's text alternative (og:image:alt): the same words, as sentences."""
        delen = [f"{self.boven}: {self.titel}", *self.onder]
        return " ".join(d if d.endswith((".", "?", "!")) else f"{d}." for d in delen)

    @property
    def versie(self):
        """Changes when the words change: in the picture's address, so that a site that keeps
        pictures by address (LinkedIn, Facebook) fetches a new one after a title is edited."""
        tekst = "\n".join([self.boven, self.titel, *self.onder])
        return hashlib.sha256(tekst.encode()).hexdigest()[:10]


def voor_site():
    return Kaart(
        boven="Praktijkadviezen van het A&O fonds Gemeenten",
        titel="Wat werkt in de gemeentelijke uitvoering?",
        onder=("Praktische adviezen van uitvoerders, voor collega’s en hun leidinggevenden.",),
    )


def voor_werkatelier(titel, aantallen):
    """`aantallen`: per doelgroep in page order its name and how many adviezen it has."""
    delen = [
        f"{telwoord(aantal) if i else aantal_adviezen(aantal)} voor {in_zin(naam)}"
        for i, (naam, aantal) in enumerate(aantallen)
    ]
    # As the werkatelier's summary says it: "Vier adviezen voor uitvoerders en drie voor …".
    zin = " en ".join(delen) if len(delen) < 3 else ", ".join(delen)
    return Kaart(
        boven="Praktijkadviezen uit het werkatelier", titel=titel, onder=(zin,) if zin else ()
    )


@functools.cache
def _letterbytes():
    return LETTER.read_bytes()


def _letter(grootte, gewicht):
    # A font object per drawing: FreeType faces are not to be shared between threads.
    letter = ImageFont.truetype(io.BytesIO(_letterbytes()), grootte)
    letter.set_variation_by_axes([gewicht])
    return letter


def _regels(tekst, letter, breedte):
    """The words in lines no wider than `breedte`, as a browser wraps them."""
    regels, regel = [], ""
    for woord in tekst.split():
        poging = f"{regel} {woord}".strip()
        if regel and letter.getlength(poging) > breedte:
            regels.append(regel)
            regel = woord
        else:
            regel = poging
    if regel:
        regels.append(regel)
    return regels


def _titelregels(titel, breedte):
    """The title as large as fits in three lines (72 down to 48 pixels); longer titles end in
    an ellipsis on the third."""
    for grootte in (76, 68, 60, 54, 48):
        letter = _letter(grootte, 700)
        regels = _regels(titel, letter, breedte)
        if len(regels) <= 3:
            return letter, grootte, regels
    regels = regels[:3]
    while letter.getlength(regels[2] + " …") > breedte and " " in regels[2]:
        regels[2] = regels[2].rsplit(" ", 1)[0]
    regels[2] += " …"
    return letter, grootte, regels


def teken(kaart):
    """The card as PNG bytes."""
    beeld = Image.new("RGB", (BREEDTE, HOOGTE), WIT)
    tekenaar = ImageDraw.Draw(beeld)
    # A band in the fund's blue along the top, an amber line at the foot.
    tekenaar.rectangle((0, 0, BREEDTE, 150), fill=PRIMAIR_LICHT)
    tekenaar.rectangle((0, HOOGTE - 18, BREEDTE, HOOGTE), fill=ACCENT)

    icoon = Image.open(ICOON).convert("RGBA").resize((86, 86), Image.LANCZOS)
    beeld.paste(icoon, (MARGE, 32), icoon)
    tekenaar.text((MARGE + 108, 38), "Praktijkadviezen", font=_letter(44, 700), fill=PRIMAIR_DONKER)
    tekenaar.text((MARGE + 110, 90), "A&O fonds Gemeenten", font=_letter(28, 400), fill=TEKST_ZACHT)

    breedte = BREEDTE - 2 * MARGE
    y = 196
    tekenaar.text((MARGE, y), kaart.boven, font=_letter(30, 600), fill=PRIMAIR)
    y += 52
    letter, grootte, regels = _titelregels(kaart.titel, breedte)
    regelhoogte = round(grootte * 1.12)
    for regel in regels:
        tekenaar.text((MARGE, y), regel, font=letter, fill=PRIMAIR_DONKER)
        y += regelhoogte
    onder = _letter(30, 400)
    y = max(y + 24, HOOGTE - 60 - 42 * len(kaart.onder))
    for tekst in kaart.onder:
        regel = _regels(tekst, onder, breedte)[0]
        tekenaar.text((MARGE, y), regel, font=onder, fill=TEKST_ZACHT)
        y += 42
    uit = io.BytesIO()
    beeld.save(uit, "PNG", optimize=True)
    return uit.getvalue()


def op_pagina(werkatelier, aantallen):
    """What the meta tags of a werkatelier's pages say of its card (includes/_meta.html): its
    address, with the version of its words, and its text alternative."""
    kaart = voor_werkatelier(werkatelier.titel, aantallen)
    pad = reverse("werkateliers:werkatelier_deelkaart", kwargs={"slug": werkatelier.slug})
    return {"pad": f"{pad}?v={kaart.versie}", "alt": kaart.alt}
