import functools
import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from werkateliers.rijketekst import platte_tekst
from werkateliers.telwoorden import getal
from werkateliers.zoeken import MARKERING_BEGIN, MARKERING_EIND

register = template.Library()


def _patroon(woorden):
    woorden = [re.escape(w) for w in woorden.split() if w]
    return re.compile("|".join(woorden), re.IGNORECASE) if woorden else None


@register.filter
def zonder_opmaak(html):
    """Rich text as plain words, for descriptions and excerpts."""
    return platte_tekst(str(html))


@register.filter
def markeer(tekst, woorden=""):
    """Escape the text and wrap matches in <mark>: PostgreSQL's headline markers, or, on
    SQLite, the search words as typed."""
    tekst = str(tekst)
    if MARKERING_BEGIN in tekst:
        veilig = escape(tekst)
        return mark_safe(
            veilig.replace(MARKERING_BEGIN, '<mark class="nl-mark">').replace(
                MARKERING_EIND, "</mark>"
            )
        )
    patroon = _patroon(woorden)
    if patroon is None:
        return escape(tekst)
    delen, begin = [], 0
    for match in patroon.finditer(tekst):
        gevonden = escape(match.group(0))
        delen += [escape(tekst[begin : match.start()]), f'<mark class="nl-mark">{gevonden}</mark>']
        begin = match.end()
    delen.append(escape(tekst[begin:]))
    return mark_safe("".join(delen))


@register.filter
def fragment(tekst, woorden="", lengte=220):
    """The start of the text, or, when a search word occurs further on, the part around it."""
    tekst = " ".join(str(tekst).split())
    patroon = _patroon(woorden)
    match = patroon.search(tekst) if patroon else None
    begin = 0
    if match and match.end() > lengte - 20:
        begin = max(0, tekst.rfind(" ", 0, max(0, match.start() - 60)) + 1)
    stuk = tekst[begin : begin + lengte]
    if begin + lengte < len(tekst):
        stuk = stuk[: stuk.rfind(" ")] + " …" if " " in stuk else stuk + "…"
    return ("… " if begin else "") + stuk


@register.simple_tag
def keuzes(naam, soort, opties):
    """The filter choices as <li><input><label></li> (or <option>s), each with its count.

    Built in Python from pieces made once per content version (keuze_html): with hundreds
    of werkateliers, this list was most of the work of rendering /adviezen/."""
    aan = " selected" if soort == "option" else " checked"
    regels = []
    for k in opties:
        voor, midden, na = keuze_html(naam, soort, k.slug, k.label)
        regels.append(f"{voor}{aan if k.gekozen else ''}{midden}{getal(k.aantal)}{na}")
    return mark_safe("\n".join(regels))


@functools.lru_cache(maxsize=4096)
def keuze_html(naam, soort, slug, label):
    """A choice's HTML around its state and its count, escaped once."""
    slug, label = escape(slug), escape(label)
    if soort == "option":
        return f'<option value="{slug}"', f">{label} (", ")</option>"
    veld = f"{naam}-{slug or 'alle'}"
    return (
        f'<li class="keuze"><input type="{soort}" name="{naam}" value="{slug}" id="{veld}"',
        f'><label for="{veld}">{label} <span class="aantal">(',
        ")</span></label></li>",
    )


@register.filter
def als_getal(aantal):
    """5000 as 5.000."""
    return getal(int(aantal))
