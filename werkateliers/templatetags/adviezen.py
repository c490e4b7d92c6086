import functools
import html

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from werkateliers.rijketekst import platte_tekst
from werkateliers.telwoorden import getal
from werkateliers.zoeken.vraag import WOORD

register = template.Library()


@functools.lru_cache(maxsize=64)
def _gezocht(woorden):
    """These words (as a search found them in the texts, zoeken.Zoekopdracht.te_markeren), in
    lower case. Never a single letter."""
    return frozenset(w.lower() for w in woorden.split() if len(w) > 1)


def _gevonden(tekst, woorden):
    """Where these words stand in the text, as (start, end), each only as a whole word as
    the search reads them (WOORD): never inside a longer word, nor a part of a word with a
    hyphen or apostrophe (e-mail, collega's). Word by word rather than with one pattern of
    all the words: compiling that pattern cost more than marking a page."""
    gezocht = _gezocht(woorden)
    # Most texts hold none of them (a search also finds an advies by its werkatelier's
    # title or thema): that is known without reading the text word by word.
    lager = tekst.lower()
    if not any(woord in lager for woord in gezocht):
        return
    # The words of the text in lower case, where they stand in it (the rare letter whose
    # lower case is longer, such as İ, shifts the places: then word by word).
    if len(lager) == len(tekst):
        for match in WOORD.finditer(lager):
            if match.group() in gezocht:
                yield match.span()
        return
    for match in WOORD.finditer(tekst):
        if match.group().lower() in gezocht:
            yield match.span()


@register.filter
def zonder_opmaak(html):
    """Rich text as plain words, for descriptions and excerpts."""
    return platte_tekst(str(html))


@register.filter
def markeer(tekst, woorden=""):
    """Escape the text and wrap these words in <mark> wherever they occur."""
    tekst = str(tekst)
    # html.escape, as Django's escape does, without its wrapper for lazy text: twenty
    # results with a title and an excerpt each call this many times.
    delen, begin = [], 0
    for start, einde in _gevonden(tekst, woorden):
        delen += [
            html.escape(tekst[begin:start]),
            f'<mark class="nl-mark">{html.escape(tekst[start:einde])}</mark>',
        ]
        begin = einde
    delen.append(html.escape(tekst[begin:]))
    return mark_safe("".join(delen))


@register.filter
def fragment(tekst, woorden="", lengte=220):
    """The start of the text, or, when a search word occurs further on, the part around it."""
    tekst = " ".join(str(tekst).split())
    start, einde = next(_gevonden(tekst, woorden), (0, 0))
    begin = 0
    if einde > lengte - 20:
        begin = max(0, tekst.rfind(" ", 0, max(0, start - 60)) + 1)
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


@register.simple_tag
def resultaten(adviezen, meenemen=""):
    """The results of /adviezen/, each as <li>: its title and an excerpt with the search words
    marked, and where it comes from.

    Built in Python rather than a template loop, for the same reason as `keuzes`: twenty of
    these cost more in the template engine than the rest of the page."""
    terug = f"?{escape(meenemen)}" if meenemen else ""
    return mark_safe(
        "\n".join(
            f'<li class="resultaat" id="resultaat-{advies.pk}">'
            f'<h2 class="resultaat__titel"><a href="{advies.pad}{terug}">'
            f"{markeer(advies.titel, advies.woorden)}</a></h2>"
            f'<p class="meta">Advies {advies.nummer} voor {escape(advies.doelgroep.in_zin)}'
            f" · {escape(advies.werkatelier.titel)}"
            f"{f' · {escape(advies.thema.naam)}' if advies.thema else ''}</p>"
            f'<p class="nl-paragraph">'
            f"{markeer(fragment(advies.tekst_plat, advies.woorden), advies.woorden)}</p></li>"
            for advies in adviezen
        )
    )


@register.filter
def als_getal(aantal):
    """5000 as 5.000."""
    return getal(int(aantal))
