"""Writes the test reports' expectations (verwacht/*.json) and the sources that LibreOffice
(.fodt, .html) and pandoc (.md) turn into Word files during the tests. docx.js's files are
made by docxjs/maak.mjs from the same expectations; Word 365's and python-docx's are built
during the tests (word365.py, pythondocx.py).

    .venv/bin/python -m tests.documenten.maak        # then: cd tests/documenten/docxjs && npm ci && npm run maak
"""

import json
import re
from html import escape
from pathlib import Path

from .inhoud import WERKATELIERS
from .opbouw import documenten

MAP = Path(__file__).resolve().parent
OPMAAK = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def stukken(tekst):
    """A paragraph's pieces: (text, "vet" | "cursief" | None)."""
    uit = []
    for stuk in OPMAAK.split(tekst):
        if stuk.startswith("**"):
            uit.append((stuk[2:-2], "vet"))
        elif stuk.startswith("*") and len(stuk) > 1:
            uit.append((stuk[1:-1], "cursief"))
        elif stuk:
            uit.append((stuk, None))
    return uit


def verwachting(naam, doc):
    """What the author meant: the werkatelier's content, and what must not be on the page."""
    inhoud = WERKATELIERS[doc["werkatelier"]]
    tabel = any(e[0] == "tabel" for e in doc["elementen"])
    doelgroepen = [
        {
            "doelgroep": doelgroep,
            "adviezen": [
                {**a, "tekst": [" ".join(a["tekst"])] if tabel else a["tekst"]} for a in adviezen
            ],
        }
        for doelgroep, adviezen in inhoud["doelgroepen"]
    ]
    return {
        "naam": naam,
        "maker": doc["maker"],
        "toetst": doc["toetst"],
        "titel": inhoud["titel"],
        "inleiding": inhoud["inleiding"],
        "doelgroepen": doelgroepen,
        "twijfels": doc.get("twijfels", []),
        "niet_op_de_pagina": doc.get("niet_op_de_pagina", []),
        "weggelaten": doc.get("weggelaten", []),
        "kopnummering": doc.get("kopnummering", False),
        "wijzigingen": doc.get("wijzigingen", False),
        "elementen": doc["elementen"],
    }


# LibreOffice: .fodt ----------------------------------------------------------------------------

FODT_KOP = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
 <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:class="text"><style:text-properties fo:font-size="130%" fo:font-weight="bold"/></style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="1" style:class="text"/>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="2" style:class="text"/>
 <style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="3" style:class="text"/>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading" style:class="chapter"/>
 <style:style style:name="Contents_20_Heading" style:display-name="Contents Heading" style:family="paragraph" style:parent-style-name="Heading" style:class="index"/>
 <style:style style:name="Contents_20_1" style:display-name="Contents 1" style:family="paragraph" style:parent-style-name="Standard" style:class="index"/>
 <style:style style:name="Contents_20_2" style:display-name="Contents 2" style:family="paragraph" style:parent-style-name="Standard" style:class="index"/>
 <style:style style:name="Contents_20_3" style:display-name="Contents 3" style:family="paragraph" style:parent-style-name="Standard" style:class="index"/>
 <style:style style:name="Emphasis" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
 <style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <text:outline-style style:name="Outline">
  <text:outline-level-style text:level="1" style:num-format="{n1}" style:num-suffix=" "/>
  <text:outline-level-style text:level="2" style:num-format="{n1}" text:display-levels="2" style:num-suffix=" "/>
  <text:outline-level-style text:level="3" style:num-format="{n1}" text:display-levels="3" style:num-suffix=" "/>
 </text:outline-style>
 <text:list-style style:name="Nummering">
  <text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/>
  <text:list-level-style-number text:level="2" style:num-suffix="." style:num-format="a"/>
 </text:list-style>
 <text:list-style style:name="Opsomming">
  <text:list-level-style-bullet text:level="1" text:bullet-char="•"/>
  <text:list-level-style-bullet text:level="2" text:bullet-char="◦"/>
 </text:list-style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Vet" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Verborgen" style:family="text"><style:text-properties text:display="none"/></style:style>
</office:automatic-styles>
<office:body><office:text>
"""


def _fodt_tekst(tekst):
    uit = []
    for deel, opmaak in stukken(tekst):
        deel = escape(deel, quote=False).replace("\t", "<text:tab/>")
        if opmaak == "vet":
            uit.append(f'<text:span text:style-name="Strong_20_Emphasis">{deel}</text:span>')
        elif opmaak == "cursief":
            uit.append(f'<text:span text:style-name="Emphasis">{deel}</text:span>')
        else:
            uit.append(deel)
    return "".join(uit)


def _fodt_lijst(lijst):
    stijl = "Nummering" if lijst["genummerd"] else "Opsomming"
    items = []
    for item in lijst["lijst"]:
        if isinstance(item, list):
            tekst, onder = item
            binnen = _fodt_lijst(onder).replace(f' text:style-name="{stijl}"', "")
            items.append(f"<text:list-item><text:p>{_fodt_tekst(tekst)}</text:p>{binnen}"
                         "</text:list-item>")  # fmt: skip
        else:
            items.append(f"<text:list-item><text:p>{_fodt_tekst(item)}</text:p></text:list-item>")
    return f'<text:list text:style-name="{stijl}">{"".join(items)}</text:list>'


def fodt(doc):
    kopnummering = doc.get("kopnummering")
    regels = [FODT_KOP.replace("{n1}", "1" if kopnummering else "")]
    koppen = [e for e in doc["elementen"] if e[0] == "kop"]
    for element in doc["elementen"]:
        soort = element[0]
        if soort == "p":
            opties = element[2] if len(element) > 2 else {}
            tekst = _fodt_tekst(element[1])
            if opties.get("verborgen"):
                tekst = f'<text:span text:style-name="Verborgen">{tekst}</text:span>'
            if opties.get("vet"):
                tekst = f'<text:span text:style-name="Vet">{tekst}</text:span>'
            if deel := opties.get("verborgen_deel"):
                tekst += f'<text:span text:style-name="Verborgen">{escape(deel)}</text:span>'
            regels.append(f'<text:p text:style-name="Standard">{tekst}</text:p>')
        elif soort == "kop":
            _, niveau, tekst = element
            regels.append(f'<text:h text:style-name="Heading_20_{niveau}" '
                          f'text:outline-level="{niveau}">{escape(tekst)}</text:h>')  # fmt: skip
        elif soort == "titel":
            regels.append(f'<text:p text:style-name="Title">{escape(element[1])}</text:p>')
        elif soort == "advies":
            _, nummer, titel, vorm, _ = element
            if vorm == "kop3":
                regels.append(f'<text:h text:style-name="Heading_20_3" text:outline-level="3">'
                              f"{escape(titel)}</text:h>")  # fmt: skip
            else:
                regels.append(f'<text:p text:style-name="Standard">{nummer}. <text:span '
                              f'text:style-name="Vet">{escape(titel)}</text:span></text:p>')  # fmt: skip
        elif soort == "lijst":
            regels.append(_fodt_lijst(element[1]))
        elif soort == "inhoud":
            ingangen = "".join(
                f'<text:p text:style-name="Contents_20_{k[1]}">{escape(k[2])}<text:tab/>'
                f"{2 + i // 6}</text:p>"
                for i, k in enumerate(koppen)
            )
            regels.append(
                '<text:table-of-content text:name="Inhoudsopgave1"><text:table-of-content-source '
                'text:outline-level="3"><text:index-title-template text:style-name='
                '"Contents_20_Heading">Inhoudsopgave</text:index-title-template>'
                "</text:table-of-content-source><text:index-body><text:index-title "
                'text:name="Inhoudsopgave1_Head"><text:p text:style-name="Contents_20_Heading">'
                f"Inhoudsopgave</text:p></text:index-title>{ingangen}</text:index-body>"
                "</text:table-of-content>"
            )
    regels.append("</office:text></office:body></office:document>\n")
    return "\n".join(regels)


# LibreOffice: .html ------------------------------------------------------------------------


def _html_tekst(tekst):
    uit = []
    for deel, opmaak in stukken(tekst):
        deel = escape(deel, quote=False)
        uit.append({"vet": f"<b>{deel}</b>", "cursief": f"<i>{deel}</i>"}.get(opmaak, deel))
    return "".join(uit)


def html(doc):
    regels = ['<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>Verslag'
              "</title></head><body>"]  # fmt: skip
    for element in doc["elementen"]:
        soort = element[0]
        if soort == "p":
            opties = element[2] if len(element) > 2 else {}
            tekst = _html_tekst(element[1])
            regels.append(f"<p><b>{tekst}</b></p>" if opties.get("vet") else f"<p>{tekst}</p>")
        elif soort == "titel":
            regels.append(f"<p><b>{escape(element[1])}</b></p>")
        elif soort == "kop":
            regels.append(f"<h{element[1]}>{escape(element[2])}</h{element[1]}>")
        elif soort == "advies":
            _, nummer, titel, vorm, _ = element
            if vorm == "halfvet" and " – " in titel:
                eerste, tweede = titel.split(" – ", 1)
                regels.append(f"<p>{nummer}. <b>{escape(eerste)}</b> – {escape(tweede)}</p>")
            else:
                regels.append(f"<p>{nummer}. <b>{escape(titel)}</b></p>")
        elif soort == "tabel":
            _, rijen, kopregel = element
            uit = ["<table border='1'>"]
            for index, rij in enumerate(rijen):
                cel = "th" if kopregel and index == 0 else "td"
                uit.append("<tr>" + "".join(f"<{cel}>{escape(c)}</{cel}>" for c in rij) + "</tr>")
            regels.append("".join(uit) + "</table>")
    regels.append("</body></html>\n")
    return "\n".join(regels)


# pandoc: Markdown ----------------------------------------------------------------------------


def _md_lijst(lijst, inspringen=""):
    regels = []
    for nummer, item in enumerate(lijst["lijst"], 1):
        teken = f"{nummer}." if lijst["genummerd"] else "-"
        tekst, onder = item if isinstance(item, list) else (item, None)
        regels.append(f"{inspringen}{teken} {tekst}")
        if onder:
            regels.append("")
            regels.extend(_md_lijst(onder, inspringen + "    "))
    return regels


def markdown(doc):
    regels = []
    for element in doc["elementen"]:
        soort = element[0]
        if soort == "p":
            regels += [element[1], ""]
        elif soort == "kop":
            regels += ["#" * element[1] + " " + element[2], ""]
        elif soort == "advies":
            _, nummer, titel, vorm, _ = element
            regels += [f"### {titel}" if vorm == "kop3" else f"{nummer}. **{titel}**", ""]
        elif soort == "lijst":
            regels += _md_lijst(element[1]) + [""]
    tekst = "\n".join(regels)
    # In a numbered list of adviezen, the text goes on inside its item.
    if any(e[0] == "advies" and e[3] == "lijst" for e in doc["elementen"]):
        uit, in_advies = [], False
        for regel in tekst.split("\n"):
            if re.match(r"^\d+\. \*\*", regel):
                in_advies = True
                uit.append(regel)
            elif regel.startswith("#"):
                in_advies = False
                uit.append(regel)
            else:
                uit.append(("    " + regel) if in_advies and regel else regel)
        tekst = "\n".join(uit)
    return tekst


def schrijf():
    (MAP / "verwacht").mkdir(exist_ok=True)
    for naam, doc in documenten().items():
        verwacht = verwachting(naam, doc)
        (MAP / "verwacht" / f"{naam}.json").write_text(
            json.dumps(verwacht, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        if naam.startswith("lo-"):
            bron = html(doc) if any(e[0] in ("tabel",) for e in doc["elementen"]) or naam in (
                "lo-vet-zonder-kopstijlen", "lo-slot-andere-woorden") else None  # fmt: skip
            (MAP / "libreoffice").mkdir(exist_ok=True)
            if bron:
                (MAP / "libreoffice" / f"{naam}.html").write_text(bron, encoding="utf-8")
            else:
                (MAP / "libreoffice" / f"{naam}.fodt").write_text(fodt(doc), encoding="utf-8")
        elif naam.startswith("pandoc-"):
            (MAP / "pandoc").mkdir(exist_ok=True)
            (MAP / "pandoc" / f"{naam}.md").write_text(markdown(doc), encoding="utf-8")


if __name__ == "__main__":
    schrijf()
