"""The python-docx reports: written with python-docx's default template (style ids Heading1,
List Number, List Bullet), through the helpers in tests/word.py."""

import re

from tests.word import Verslag

OPMAAK = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*|\[[^\]]+\]\([^)]+\))")


def _stukken(tekst):
    uit = []
    for stuk in OPMAAK.split(tekst):
        if stuk.startswith("**"):
            uit.append(("vet", stuk[2:-2]))
        elif link := re.fullmatch(r"\[([^\]]+)\]\(([^)]+)\)", stuk):
            woorden, adres = link.groups()
            uit.append(("link", woorden, adres))
        elif stuk.startswith("*") and len(stuk) > 1:
            uit.append(("cursief", stuk[1:-1]))
        elif stuk:
            uit.append(stuk)
    return uit


def maak(verwacht):
    word = Verslag()
    platte_tekst = any(e[0] == "advies" and e[3] == "platte-tekst" for e in verwacht["elementen"])
    for element in verwacht["elementen"]:
        soort = element[0]
        if soort == "p":
            word.alinea(*_stukken(element[1]))
        elif soort == "kop":
            if platte_tekst:
                word.alinea(element[2])
            else:
                word.kop(element[2], element[1])
                if re.search(r"adviezen? voor", element[2]):
                    word.nieuwe_nummering()
        elif soort == "advies":
            _, nummer, titel, vorm, _ = element
            if vorm == "lijst-halfvet" and " – " in titel:
                eerste, tweede = titel.split(" – ", 1)
                word.genummerd(("vet", eerste), f" – {tweede}")
            elif vorm == "platte-tekst":
                word.alinea(f"{nummer}. {titel}")
            else:
                word.alinea(f"{nummer}. ", ("vet", titel))
        elif soort == "lijst":
            word.opsomming(*(_stukken(item) for item in element[1]["lijst"]))
    return word.bytes()
