"""The test reports: which werkatelier each one holds, which program writes it, and how its
author laid it out ("elementen": what the document shows, top to bottom).

An element is a list: ["titel", text] · ["inhoud", [lines]] (a table of contents; lines with
their page number) · ["kop", level, text] · ["p", text, {options}] · ["advies", number,
title, form, rest] · ["lijst", list] · ["tabel", [[cells]], header row?] · ["leeg", kind] ·
["bladwijzer", name]. A paragraph's options: "verborgen" (all of it hidden), "vet",
"verborgen_deel" (a hidden run at its end). An advies's form: "kop3" (a heading of that level),
"vet" ("1. **Titel**"), "halfvet" ("1. **X** – Y"), "zacht" ("1. Titel⏎text", the text in
`rest`), "lijst" (Word's own numbering, bold) and "lijst-halfvet".
"""

from .inhoud import WERKATELIERS

KADER = [
    ["kop", 2, "Leer van de ervaringen van je collega's"],
    ["p", "Meer weten over de Werkateliers en andere Praktijkadviezen lezen? Lees hieronder "
          "alle adviezen voor collega uitvoerders én voor hun leidinggevenden en bestuurders."],
    ["p", "Meer info?"],
    ["p", "Mail naar secretariaat@aeno.nl of bel met 070 - 763 00 30"],
]  # fmt: skip
TELWOORDEN = ["Nul", "Eén", "Twee", "Drie", "Vier", "Vijf", "Zes", "Zeven", "Acht", "Negen",
              "Tien"]  # fmt: skip
DOELGROEPNAAM = {
    "uitvoerders": "uitvoerders",
    "leidinggevenden-en-bestuurders": "leidinggevenden en bestuurders",
}


def kop(doelgroep, adviezen):
    aantal = len(adviezen)
    woord = TELWOORDEN[aantal] if aantal < len(TELWOORDEN) else str(aantal)
    if aantal > 20:
        woord = str(aantal)
    return f"{woord} {'advies' if aantal == 1 else 'adviezen'} voor {DOELGROEPNAAM[doelgroep]}"


def standaard(werkatelier, vorm="vet", kopniveau=1, themaniveau=2, titel=False, kader=True,
              na_tekst=None, thema_vet=False, doelgroep_vet=False, opties=None):  # fmt: skip
    """The usual layout: intro, a heading per doelgroep, thema headings, adviezen."""
    inhoud = WERKATELIERS[werkatelier]
    elementen = [["titel", inhoud["titel"]]] if titel else []
    elementen += [["p", p] for p in inhoud["inleiding"]]
    for doelgroep, adviezen in inhoud["doelgroepen"]:
        if doelgroep_vet:
            elementen.append(["p", kop(doelgroep, adviezen), {"vet": True}])
        else:
            elementen.append(["kop", kopniveau, kop(doelgroep, adviezen)])
        thema = None
        for nummer, advies in enumerate(adviezen, 1):
            if advies["thema"] and advies["thema"] != thema:
                thema = advies["thema"]
                if thema_vet:
                    elementen.append(["p", thema, {"vet": True}])
                else:
                    elementen.append(["kop", themaniveau, thema])
            tekst = list(advies["tekst"])
            if vorm == "zacht":
                elementen.append(["advies", nummer, advies["titel"], vorm, tekst.pop(0)])
            else:
                elementen.append(["advies", nummer, advies["titel"], vorm, None])
            for plek, deel in enumerate(tekst):
                if isinstance(deel, dict):
                    elementen.append(["lijst", deel])
                elif plek == 0 and opties and (doelgroep, nummer) in opties:
                    elementen.append(["p", deel, opties[(doelgroep, nummer)]])
                else:
                    elementen.append(["p", deel])
            if na_tekst and (doelgroep, nummer) in na_tekst:
                elementen.extend(na_tekst[(doelgroep, nummer)])
    if kader:
        elementen += KADER
    return elementen


def tabel(werkatelier, kopregel=True, nummerkolom=False):
    inhoud = WERKATELIERS[werkatelier]
    elementen = [["p", p] for p in inhoud["inleiding"]]
    for doelgroep, adviezen in inhoud["doelgroepen"]:
        elementen.append(["kop", 1, kop(doelgroep, adviezen)])
        rijen = []
        if kopregel:
            rijen.append(
                ["Nr.", "Advies", "Toelichting"] if nummerkolom else ["Advies", "Toelichting"]
            )
        for nummer, advies in enumerate(adviezen, 1):
            rij = [advies["titel"], " ".join(advies["tekst"])]
            rijen.append([str(nummer), *rij] if nummerkolom else rij)
        elementen.append(["tabel", rijen, kopregel])
    return elementen + KADER


def _wijzig(elementen, index, *nieuw):
    return elementen[:index] + list(nieuw) + elementen[index:]


def documenten():
    """Every report: name → (program, werkatelier, what it tests, elements, expectation extra)."""
    docs = {}

    def doc(naam, maker, werkatelier, toetst, elementen, **verwacht):
        docs[naam] = {"maker": maker, "werkatelier": werkatelier, "toetst": toetst,
                      "elementen": elementen, **verwacht}  # fmt: skip

    lo, js, w365 = "LibreOffice Writer (Debian)", "docx.js (npm docx)", "Word 365 (nl)"
    # LibreOffice -----------------------------------------------------------------------------
    e = standaard(
        "statushouders",
        na_tekst={("uitvoerders", 2): [["p", "Notitie voor mezelf: check de cijfers bij Sanne.",
                                        {"verborgen": True}]]},
        opties={("uitvoerders", 1): {"verborgen_deel": " (bron: gesprek met COA)"}},
    )  # fmt: skip
    e = _wijzig(e, 0, ["p", "Vul hier de inleiding in. Verwijder deze aanwijzing niet.",
                       {"verborgen": True}])  # fmt: skip
    doc("lo-verborgen-tekst", lo, "statushouders",
        "verborgen tekst (een sjabloonaanwijzing in de inleiding, een notitie onder een advies, "
        "een verborgen stukje in een alinea); de tekenstijl Emphasis (cursief)", e,
        niet_op_de_pagina=["Vul hier de inleiding", "Notitie voor mezelf", "bron: gesprek"],
        weggelaten=["verborgen tekst"])  # fmt: skip
    e = standaard("ouderen", vorm="kop3", kader=False)
    e = [["inhoud", []]] + e
    doc("lo-inhoudsopgave", lo, "ouderen",
        "een inhoudsopgave van LibreOffice; adviezen als Kop 3 zonder nummer, thema's als Kop 2",
        e, niet_op_de_pagina=["Inhoudsopgave"])  # fmt: skip
    doc(
        "lo-kopnummering",
        lo,
        "veiligheid",
        "koppen genummerd door de tekstverwerker (1 / 1.1 / 1.1.1), adviezen als Kop 3",
        standaard("veiligheid", vorm="kop3", kader=False),
        kopnummering=True,
    )
    e = standaard("schulden", vorm="halfvet", titel=True, thema_vet=True, doelgroep_vet=True)
    doc("lo-vet-zonder-kopstijlen", lo, "schulden",
        "geen kopstijlen: alles vet (de titel van het verslag bovenaan, de doelgroepen); titels "
        "met alleen de eerste helft vet; een laatste regel zonder punt", e,
        niet_op_de_pagina=["Vroeg erop af bij schulden", "Meer info?"])  # fmt: skip
    doc(
        "lo-tabel",
        lo,
        "armoede",
        "adviezen in een tabel van twee kolommen met een kopregel",
        tabel("armoede"),
    )
    doc(
        "lo-sublijsten",
        lo,
        "digitaal",
        "een genummerde lijst met sub-items a., b. en een opsomming in een advies; Emphasis",
        standaard("digitaal"),
    )
    slot = [["p", "Meer weten?", {"vet": True}], ["p", "Bel Sanne de Vries: 06 12 34 56 78."]]
    doc("lo-slot-andere-woorden", lo, "huisvesting",
        "‘Meer informatie over…’ midden in een advies, ‘Stuur een e-mail…’ in het laatste "
        "advies, een eigen slot (‘Meer weten?’ + contactregel) en het slot van de site",
        standaard("huisvesting", kader=False) + slot + KADER,
        twijfels=["Meer weten?", "Bel Sanne de Vries: 06 12 34 56 78."],
        niet_op_de_pagina=["Bel Sanne", "Meer weten?"])  # fmt: skip
    # docx.js -----------------------------------------------------------------------------------
    e = standaard("jeugd", vorm="vet")
    toc = ["Inleiding\t1"] + [f"{el[2]}\t{i + 2}" for i, el in enumerate(e) if el[0] == "kop"]
    e = [["kop", 1, "Inhoud"], ["inhoud", toc]] + e
    doc("docxjs-inhoudsopgave", js, "jeugd",
        "de inhoudsopgave van docx.js (een TOC-veld) met regels en paginanummers eronder; een "
        "eigen tekenstijl ‘Nadruk’", e, niet_op_de_pagina=["Inhoud"])  # fmt: skip
    e = standaard("inburgering", vorm="zacht")
    e[0] = ["p", e[0][1], {"verborgen_deel": " [nog aanvullen met cijfers]"}]
    doc("docxjs-zachte-regel", js, "inburgering",
        "getypt nummer + titel + Shift+Enter + tekst in één alinea; verborgen tekst", e,
        niet_op_de_pagina=["nog aanvullen"], weggelaten=["verborgen tekst"])  # fmt: skip
    doc(
        "docxjs-tabel",
        js,
        "mantelzorg",
        "adviezen in een tabel (titel | tekst) zonder kopregel",
        tabel("mantelzorg", kopregel=False),
    )
    doc("docxjs-nummering", js, "participatie",
        "adviezen in Words eigen nummering met alleen de eerste helft van de titel vet; "
        "sub-items in de tekst", standaard("participatie", vorm="lijst-halfvet"))  # fmt: skip
    e = standaard("wijkteam", vorm="vet")
    # Under the first heading, after a title, between paragraphs, at the end of a doelgroep.
    for plek, soort in ((len(e) - 4, "tab"), (8, "regeleinde"), (5, "bladwijzer"),
                        (3, "nbsp"), (2, "spatie")):  # fmt: skip
        e = _wijzig(e, plek, ["leeg", soort])
    doc("docxjs-lege-alineas", js, "wijkteam",
        "lege alinea's onder koppen (een spatie, een harde spatie, een tab, alleen Shift+Enter, "
        "een bladwijzer)", e)  # fmt: skip
    doc(
        "docxjs-200-adviezen",
        js,
        "groot",
        "een verslag van 200 adviezen onder 15 thema’s (voor de tijd en het geheugen: "
        "bench/importeren.py)",
        standaard("groot", vorm="vet"),
    )
    # Word 365 ----------------------------------------------------------------------------------
    doc("word365-kop3-nummering", w365, "ouderen",
        "Kop 1/2/3 met Words koppennummering (numbering.xml), Lijstalinea, Nadruk, rsids, "
        "_Hlk-bladwijzers", standaard("ouderen", vorm="kop3"), kopnummering=True)  # fmt: skip
    e = standaard("statushouders", vorm="vet", titel=True)
    toc = [f"{el[2]}\t{i + 2}" for i, el in enumerate(e) if el[0] == "kop"]
    e = e[:1] + [["inhoud", toc]] + e[1:]
    doc("word365-inhoudsopgave", w365, "statushouders",
        "Words inhoudsopgave (inhoudsbesturingselement, Inhopg1/Inhopg2, PAGEREF-velden), de "
        "stijl Titel", e)  # fmt: skip
    e = standaard("jeugd", vorm="vet")
    e = _wijzig(e, 0, ["p", "[Typ hier de inleiding van het werkatelier]", {"verborgen": True}])
    doc("word365-verborgen-wijzigingen", w365, "jeugd",
        "verborgen sjabloontekst, bijgehouden wijzigingen (ingevoegd en verwijderd), een "
        "opmerking, een HYPERLINK-veld en een inhoudsbesturingselement", e,
        niet_op_de_pagina=["Typ hier", "VERWIJDERD"], weggelaten=["verborgen tekst"],
        wijzigingen=True)  # fmt: skip
    e = standaard("digitaal", vorm="vet", kader=True)
    doc("word365-nadruk-en-slot", w365, "digitaal",
        "Duidelijke nadruk en Zwaar als tekenstijl; ‘Meer info…’ midden in een advies; het slot "
        "van de site aan het eind", e, niet_op_de_pagina=["Leer van de ervaringen"])  # fmt: skip
    doc(
        "word365-tabel-nummers",
        w365,
        "schulden",
        "adviezen in een tabel van drie kolommen (nr. | advies | toelichting) met kopregel",
        tabel("schulden", nummerkolom=True),
    )
    # python-docx and pandoc --------------------------------------------------------------------
    doc(
        "pythondocx-half-vet",
        "python-docx",
        "wijkteam",
        "Words nummering (List Number) met alleen de eerste helft van de titel vet",
        standaard("wijkteam", vorm="lijst-halfvet"),
    )
    doc(
        "pythondocx-zonder-opmaak",
        "python-docx",
        "huisvesting",
        "alleen gewone alinea's, zonder kopstijlen of vet (platte tekst in Word)",
        standaard("huisvesting", vorm="platte-tekst", kader=True),
    )
    doc(
        "pandoc-koppen",
        "pandoc (Markdown → .docx)",
        "mantelzorg",
        "Markdown-koppen (#, ##, ###) als adviezen, cursief, een link",
        standaard("mantelzorg", vorm="kop3"),
    )
    doc(
        "pandoc-genummerd",
        "pandoc (Markdown → .docx)",
        "participatie",
        "adviezen als genummerde lijst met vette titels, een lijst in de tekst",
        standaard("participatie", vorm="lijst"),
    )
    return docs
