"""Rich text in adviezen and intros: what may be in it, and its plain-text view.

The allow-list is the whole contract: paragraphs, bold, italic, links (http, https, mailto)
and bulleted or numbered lists (numbered with letters or Roman numerals too: `type`), and on
a link only its address. Everything that comes in (the editor, the importer, a migration)
passes `schoon()` once; everything that needs words without markup (search, excerpts, the
feed, meta descriptions) takes `platte_tekst()`.

A link's address is read as staff type it (`linkadres()`): "www.taalhuizen.nl" means
https://www.taalhuizen.nl, "naam@gemeente.nl" means mailto:naam@gemeente.nl; anything else
without http, https or mailto is no address, and its link is unwrapped to its words.
"""

import re
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django_prose_editor.fields import ProseEditorField, ProseEditorFormField
from django_prose_editor.widgets import ProseEditorWidget

TAGS = {"p", "strong", "em", "a", "ul", "ol", "li"}
LINKSCHEMA = ("http:", "https:", "mailto:")
# An <ol>'s numbering other than 1, 2, 3 (the editor writes type="1" for that: it goes).
LIJSTSOORTEN = ("a", "A", "i", "I")
BLOKTAGS = ("p", "ul", "ol", "li")
# Whitespace beside a block tag means nothing in HTML; dropping it makes the stored form the
# one the editor sends back, so an untouched text never counts as a change.
_WIT_BIJ_BLOK = re.compile(r"\s*(</?(?:p|ul|ol|li)(?:\s[^>]*)?>)\s*")
_LEGE_ALINEA = re.compile(r"<p>(?:\s|&nbsp;|\xa0)*</p>")
_REGELEINDE = re.compile(r"<br\s*/?>", re.IGNORECASE)
# What remains of a link whose address was not allowed: its words stay, the link goes. After
# nh3 an <a> holds only href and rel (in that order), so one without href is recognisable.
_LINK_ZONDER_ADRES = re.compile(r"<a(?![^>]*\bhref=)[^>]*>(.*?)</a>", re.DOTALL)
# An address without a scheme that is clearly a web address: a host with a dot and a known
# kind of ending, then optionally a path ("www.taalhuizen.nl", "aeno.nl/contact").
_WEBADRES = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}(?::\d+)?(?:[/?#]\S*)?", re.I
)
_url = URLValidator(schemes=["http", "https"])
_email = EmailValidator()


def linkadres(adres):
    """The address a link goes to, as staff meant it, or None when it is no address we link
    to. The editor's link dialog applies the same rules (static/beheer/rijke-tekst.js)."""
    adres = (adres or "").strip()
    if not adres:
        return None
    if adres.lower().startswith(LINKSCHEMA):
        # With somewhere to go: a host after http(s)://, an address after mailto:.
        delen = urlsplit(adres)
        return adres if (delen.netloc if delen.scheme.lower() != "mailto" else delen.path) else None
    if ":" in adres.split("/", 1)[0]:
        return None  # another scheme (javascript:, ftp:, tel:) or a port without a host
    try:
        _email(adres)
    except ValidationError:
        pass
    else:
        return f"mailto:{adres}"
    if _WEBADRES.fullmatch(adres):
        try:
            _url(f"https://{adres}")
        except ValidationError:
            return None
        return f"https://{adres}"
    return None


def _alleen_echte_links(tag, attribuut, waarde):
    if tag == "a" and attribuut == "href":
        return linkadres(waarde)
    if tag == "ol" and attribuut == "type":
        return waarde if waarde in LIJSTSOORTEN else None
    return waarde


_schoonmaker = nh3.Cleaner(
    tags=TAGS,
    # Only these attributes: "*" empty, or nh3 would keep its default lang and title everywhere
    # (a link with only a title would pass as a link).
    attributes={"a": {"href"}, "ol": {"type"}, "*": set()},
    url_schemes={"http", "https", "mailto"},
    attribute_filter=_alleen_echte_links,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def schoon(html):
    """Sanitised, normalised rich text. Idempotent: schoon(schoon(x)) == schoon(x)."""
    # A line break is not in the allow-list, but the words on both sides must stay apart.
    html = _schoonmaker.clean(_REGELEINDE.sub("\n", html or ""))
    html = _LINK_ZONDER_ADRES.sub(r"\1", html)
    html = _WIT_BIJ_BLOK.sub(r"\1", html)
    html = _LEGE_ALINEA.sub("", html)
    return html.strip()


def van_platte_tekst(tekst):
    """Plain text (paragraphs separated by a blank line) as rich text, every character kept."""
    tekst = (tekst or "").replace("\r\n", "\n").replace("\r", "\n")
    alineas = [a.strip() for a in re.split(r"\n\s*\n", tekst) if a.strip()]
    return "".join(f"<p>{escape(a, quote=False)}</p>" for a in alineas)


BLOKGRENS = "\x00"


class _Tekstlezer(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.delen = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOKTAGS:
            self.delen.append(BLOKGRENS)

    def handle_endtag(self, tag):
        if tag in BLOKTAGS:
            self.delen.append(BLOKGRENS)

    def handle_data(self, data):
        self.delen.append(data)


def platte_tekst(html):
    """The words of rich text, for search and excerpts: blocks on their own line, paragraphs
    separated by a blank line, no markup, entities decoded."""
    lezer = _Tekstlezer()
    lezer.feed(html or "")
    lezer.close()
    # Inside a block, any run of whitespace (a newline too) is one space, as a browser shows it.
    regels = (" ".join(r.split()) for r in "".join(lezer.delen).split(BLOKGRENS))
    blokken = [r for r in regels if r]
    return "\n\n".join(blokken)


# The editor in the admin (django-prose-editor) offers exactly what `schoon()` keeps.
EDITOR = {
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "BulletList": True,
    "OrderedList": {"enableListAttributes": False},
    "ListItem": True,
}


class RijkeTekstWidget(ProseEditorWidget):
    """The editor, loaded by our own module (static/beheer/rijke-tekst.js) instead of the
    package's import map, which would be an inline script."""

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                    "beheer/rijke-tekst.css",
                ]
            },
            js=[forms.Script("beheer/rijke-tekst.js", type="module")],
        )


class RijkeTekstFormField(ProseEditorFormField):
    def has_changed(self, initial, data):
        # The browser sends the HTML back in its own spelling; only a real edit counts.
        return schoon(initial or "") != schoon(data or "")


class RijkeTekstField(ProseEditorField):
    """A text field holding rich text: sanitised by `schoon` and edited with the editor."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", EDITOR)
        kwargs.setdefault("sanitize", schoon)
        kwargs.setdefault("preset", "rijketekst")  # the widget's data attribute names it
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        kwargs["widget"] = RijkeTekstWidget
        kwargs["form_class"] = RijkeTekstFormField
        return super().formfield(**kwargs)
