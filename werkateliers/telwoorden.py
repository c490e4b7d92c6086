"""Dutch count words, as the fund writes them: "Vier adviezen", "Eén advies", "21 adviezen"."""

TELWOORDEN = [
    "nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
    "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien",
    "negentien", "twintig",
]  # fmt: skip

# What a report may write; "een" and "eén" are common spellings of "één".
_GELEZEN = {woord: getal for getal, woord in enumerate(TELWOORDEN)} | {"een": 1, "eén": 1}


def telwoord(getal):
    """The count in words up to twenty, in digits above."""
    if 0 <= getal < len(TELWOORDEN):
        return TELWOORDEN[getal]
    return str(getal)


def lees_telwoord(tekst):
    """The number a count word or digits stand for, or None."""
    tekst = tekst.strip().lower()
    if tekst.isdigit():
        return int(tekst)
    return _GELEZEN.get(tekst)


def met_hoofdletter(tekst):
    # Dutch drops the first accent at the start of a sentence: "één" becomes "Eén".
    if tekst.startswith("één"):
        return "Eén" + tekst[3:]
    return tekst[:1].upper() + tekst[1:]


def aantal_adviezen(getal):
    """ "Vier adviezen", "Eén advies", "21 adviezen"."""
    return met_hoofdletter(f"{telwoord(getal)} {'advies' if getal == 1 else 'adviezen'}")


def getal(aantal):
    """A number as Dutch writes it in digits: 5.000, 12.345."""
    return f"{aantal:,}".replace(",", ".")


def duur(minuten):
    """A length of time as people say it: "een kwartier", "een half uur", "drie kwartier",
    "een uur", "anderhalf uur", "2 uur", "45 minuten", "een minuut"."""
    namen = {1: "een minuut", 15: "een kwartier", 30: "een half uur", 45: "drie kwartier"}
    namen |= {60: "een uur", 90: "anderhalf uur"}
    if minuten in namen:
        return namen[minuten]
    if minuten > 60 and minuten % 60 == 0:
        return f"{minuten // 60} uur"
    return f"{minuten} minuten"
