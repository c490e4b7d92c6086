import functools

from django import template
from django.urls import get_script_prefix, reverse

register = template.Library()


@register.simple_tag
def adres(naam):
    """{% url naam %} for a page without parameters, worked out once: the menu, footer and
    breadcrumbs of every page name a dozen of them, and reverse() cost more than the rest of
    the werkatelier page's header and footer together."""
    return _adres(naam, get_script_prefix())


@functools.lru_cache(maxsize=64)
def _adres(naam, prefix):
    return reverse(naam)


@register.simple_tag(takes_context=True)
def deeladres(context, query=""):
    """The address of what the visitor sees, to share (og:url, the copy-link field): the
    site's own address (never the request's Host), this path and the cleaned query."""
    pad = context["request"].path
    return f"{context['site_url']}{pad}{f'?{query}' if query else ''}"
