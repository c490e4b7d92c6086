from django import template

from .adressen import adres

register = template.Library()


@register.inclusion_tag("includes/_kruimelpad.html")
def kruimelpad(werkatelier, *huidig):
    """The one breadcrumb of the site: Start › Werkateliers › the werkatelier, and on a page
    below it (an advies) that page's own name. Pages one step below Start have none: the
    menu marks them."""
    stappen = [
        ("Start", adres("werkateliers:home")),
        ("Werkateliers", adres("werkateliers:werkatelier_list")),
    ]
    if huidig:
        stappen.append((werkatelier.titel, werkatelier.get_absolute_url()))
    # The page's own name, from its parts: {% kruimelpad w "Advies" 3 "voor" "uitvoerders" %}.
    return {"stappen": stappen, "huidig": " ".join(map(str, huidig)) or werkatelier.titel}
