import re

from django import template
from django.utils.html import escape, format_html_join
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

    Built in Python rather than a template loop: with hundreds of werkateliers, this list is
    most of the work of rendering /adviezen/."""
    if soort == "option":
        return format_html_join(
            "\n",
            '<option value="{}"{}>{} ({})</option>',
            ((k.slug, " selected" if k.gekozen else "", k.label, getal(k.aantal)) for k in opties),
        )
    return format_html_join(
        "\n",
        '<li class="keuze"><input type="{}" name="{}" value="{}" id="{}-{}"{}>'
        '<label for="{}-{}">{} <span class="aantal">({})</span></label></li>',
        (
            (
                soort,
                naam,
                k.slug,
                naam,
                k.slug or "alle",
                " checked" if k.gekozen else "",
                naam,
                k.slug or "alle",
                k.label,
                getal(k.aantal),
            )
            for k in opties
        ),
    )


@register.filter
def als_getal(aantal):
    """5000 as 5.000."""
    return getal(int(aantal))
