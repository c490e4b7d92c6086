"""The werkateliers of the test reports: what their authors meant, in new Dutch text.

Each report (see `DOCUMENTEN` in maak.py) takes one of these and writes it the way its
program does; the expectation beside each report is this content. In a paragraph, *x* is
italics, **x** bold and [x](address) a link; a list is {"lijst": [...], "genummerd": bool}, and an item may be
[text, {"lijst": ...}] for a sub-list.
"""

U = "uitvoerders"
L = "leidinggevenden-en-bestuurders"


def advies(titel, *tekst, thema=None):
    return {"thema": thema, "titel": titel, "tekst": list(tekst)}


WERKATELIERS = {
    "statushouders": {
        "titel": "Werken met statushouders",
        "inleiding": [
            "In dit werkatelier spraken consulenten, taalcoaches en klantmanagers over de "
            "eerste jaren van statushouders in hun gemeente. Wat helpt een nieuwe inwoner echt "
            "op weg, en wat zit in de weg?"
        ],
        "doelgroepen": [
            (
                U,
                [
                    advies(
                        "Begin bij het verhaal – niet bij het dossier",
                        "Vraag eerst wie iemand is en wat hij achter zich heeft gelaten. Het dossier "
                        "lees je daarna; dan begrijp je het ook beter.",
                        thema="Het eerste gesprek",
                    ),
                    advies(
                        "Gebruik een tolk – ook als het Engels gaat",
                        "Een gesprek in een tweede taal kost veel energie. Met een tolk hoort de "
                        "inwoner wat je *echt* bedoelt.",
                        thema="Het eerste gesprek",
                    ),
                    advies(
                        "Maak afspraken klein – en vier ze",
                        "Een grote stap voelt onhaalbaar. Spreek één ding af voor de komende week "
                        "en kijk samen terug.",
                        thema="Meedoen in de wijk",
                    ),
                ],
            ),
            (
                L,
                [
                    advies(
                        "Geef consulenten tijd – want vertrouwen gaat niet snel",
                        "Een caseload van tachtig laat geen ruimte voor een tweede gesprek. Kies "
                        "voor minder dossiers per consulent.",
                    ),
                    advies(
                        "Werk samen met de taalschool – niet ernaast",
                        "Deel wat je weet over de voortgang, met toestemming van de inwoner.",
                    ),
                ],
            ),
        ],
    },
    "schulden": {
        "titel": "Vroeg erop af bij schulden",
        "inleiding": [
            "Schuldhulpverleners en wijkwerkers deelden hoe zij inwoners met betalingsachterstanden "
            "eerder bereiken, voordat de problemen groot worden."
        ],
        "doelgroepen": [
            (
                U,
                [
                    advies(
                        "Bel meteen – een brief wordt niet gelezen",
                        "Wie schulden heeft, opent vaak geen post meer. Een telefoontje of een "
                        "bezoek aan huis werkt beter.",
                    ),
                    advies(
                        "Oordeel niet – iedereen kan in de problemen komen",
                        "Schaamte houdt mensen tegen om hulp te vragen. Begin het gesprek met wat "
                        "goed gaat.",
                        "Een kop koffie helpt daarbij",
                    ),
                    advies(
                        "Regel één ding tegelijk – rust komt eerst",
                        "Zet eerst de vaste lasten stil die het meeste stress geven, zoals huur en "
                        "energie. Daarna is er ruimte voor de rest.",
                    ),
                ],
            ),
            (
                L,
                [
                    advies(
                        "Maak signalen deelbaar – binnen de regels",
                        "Zorg dat woningcorporatie, energiebedrijf en gemeente weten wanneer ze "
                        "elkaar mogen inseinen.",
                    ),
                    advies(
                        "Meet wat je voorkomt – niet alleen wat je oplost",
                        "Een schuld die nooit ontstaat, zie je niet in de cijfers. Tel daarom ook de "
                        "gesprekken die op tijd waren.",
                    ),
                ],
            ),
        ],
    },
    "ouderen": {
        "titel": "Eenzaamheid onder ouderen",
        "inleiding": [
            "Ouderenadviseurs, vrijwilligers en wijkverpleegkundigen vertelden hoe zij "
            "eenzaamheid herkennen en wat er dan helpt."
        ],
        "doelgroepen": [
            (
                U,
                [
                    advies(
                        "Kijk verder dan de vraag – eenzaamheid zit vaak eronder",
                        "Een vraag over de rollator gaat soms over iets anders. Vraag door naar de "
                        "dag van iemand.",
                        thema="Herkennen",
                    ),
                    advies(
                        "Neem de tijd voor koffie – dat is ook werk",
                        "In een kwartier aan tafel hoor je meer dan in een formulier.",
                        thema="Herkennen",
                    ),
                    advies(
                        "Verbind mensen – niet alleen aan diensten",
                        "Een buurvrouw die elke dinsdag langskomt, doet meer dan een extra uur "
                        "zorg.",
                        thema="Helpen",
                    ),
                    advies(
                        "Houd contact – ook als het beter gaat",
                        "Bel na een maand nog eens. Eenzaamheid komt vaak terug na een verlies.",
                        thema="Helpen",
                    ),
                ],
            ),
            (
                L,
                [
                    advies(
                        "Waardeer vrijwilligers – zij zijn de ogen van de wijk",
                        "Nodig ze uit voor het overleg en vertel wat er met hun signalen gebeurt.",
                    ),
                    advies(
                        "Financier ontmoeting – niet alleen activiteiten",
                        "Een open huiskamer zonder programma blijkt vaak het drukst bezocht.",
                    ),
                ],
            ),
        ],
    },
    "jeugd": {
        "titel": "Jongeren en werk",
        "inleiding": [
            "Jongerenwerkers en werkcoaches bespraken hoe je jongeren zonder startkwalificatie "
            "naar werk of school begeleidt."
        ],
        "doelgroepen": [
            (
                U,
                [
                    advies(
                        "Zoek ze op – op hun eigen plek",
                        "Een afspraak op het gemeentehuis voelt als een verhoor. Spreek af in de "
                        "sporthal of bij de snackbar.",
                    ),
                    advies(
                        "Wees eerlijk – ook over wat niet kan",
                        "Jongeren prikken door beloftes heen. Zeg wat je wel en niet kunt regelen.",
                    ),
                    advies(
                        "Laat ze proberen – fouten horen erbij",
                        "Een stage die mislukt, leert vaak meer dan een stage die je nooit begint.",
                    ),
                ],
            ),
            (
                L,
                [
                    advies(
                        "Houd de deur open – ook na een no-show",
                        "Een jongere die twee keer niet kwam, moet een derde kans krijgen zonder "
                        "sanctie.",
                    ),
                    advies(
                        "Werk met werkgevers – maak het ze makkelijk",
                        "Eén vast aanspreekpunt bij de gemeente scheelt werkgevers veel gedoe. "
                        "Voorbeelden staan op [aeno.nl](https://www.aeno.nl/).",
                    ),
                ],
            ),
        ],
    },
    "mantelzorg": {
        "titel": "Mantelzorgers ondersteunen",
        "inleiding": [
            "Consulenten Wmo en mantelzorgmakelaars bespraken hoe je mantelzorgers ziet en "
            "steunt voordat ze overbelast raken."
        ],
        "doelgroepen": [
            (
                U,
                [
                    advies(
                        "Vraag naar de mantelzorger – niet alleen naar de zorg",
                        "Stel in elk keukentafelgesprek ook de vraag: hoe gaat het met u?",
                    ),
                    advies(
                        "Bied respijt aan – voordat erom gevraagd wordt",
                        "Mantelzorgers vragen pas om hulp als het te laat is. Noem de mogelijkheden "
                        "zelf.",
                    ),
                ],
            ),
            (
                L,
                [
                    advies(
                        "Maak mantelzorg zichtbaar – in beleid en cijfers",
                        "Tel mantelzorgers mee als je de vraag naar zorg in kaart brengt.",
                    ),
                    advies(
                        "Steun werkende mantelzorgers – ook in je eigen organisatie",
                        "Flexibele werktijden helpen je eigen collega’s die voor een ouder zorgen.",
                    ),
                ],
            ),
        ],
    },
    "wijkteam": {
        "titel": "Samenwerken in het wijkteam",
        "inleiding": [
            "Leden van wijkteams uit zes gemeenten spraken over wat samenwerken tussen "
            "disciplines makkelijker maakt."
        ],
        "doelgroepen": [
            (
                U,
                [
                    advies(
                        "Ken elkaars vak – loop eens een dag mee",
                        "Wie weet wat een schuldhulpverlener doet, verwijst beter door.",
                    ),
                    advies(
                        "Bespreek casussen kort – maar vaak",
                        "Een wekelijks kwartier werkt beter dan een maandelijks uur.",
                    ),
                    advies(
                        "Maak één plan – met de inwoner als eigenaar",
                        "Drie plannen van drie organisaties verwarren iedereen.",
                    ),
                ],
            ),
            (
                L,
                [
                    advies(
                        "Geef mandaat – laat het team beslissen",
                        "Een team dat voor elke uitgave toestemming moet vragen, verliest tempo.",
                    ),
                    advies(
                        "Bescherm de tijd voor overleg – ook als het druk is",
                        "Juist in drukke weken voorkomt afstemming dubbel werk.",
                    ),
                ],
            ),
        ],
    },
    "inburgering": {
        "titel": "De nieuwe inburgering",
        "inleiding": [
            "Klantmanagers inburgering deelden hun ervaringen met het brede intakegesprek en "
            "het persoonlijk plan."
        ],
        "doelgroepen": [
            (
                U,
                [
                    advies(
                        "Plan de intake in stappen – niet in één middag",
                        "Een lang gesprek met veel nieuwe woorden blijft niet hangen.",
                    ),
                    advies(
                        "Leg het plan uit in beelden – niet alleen in tekst",
                        "Een tijdlijn op papier maakt de komende jaren concreet.",
                    ),
                    advies(
                        "Betrek het gezin – als de inwoner dat wil",
                        "Partners en kinderen dragen vaak bij aan een plan dat werkt.",
                    ),
                ],
            ),
            (
                L,
                [
                    advies(
                        "Investeer in tolken – het betaalt zich terug",
                        "Misverstanden aan het begin kosten later veel meer tijd.",
                    ),
                ],
            ),
        ],
    },
    "armoede": {
        "titel": "Armoede in gezinnen",
        "inleiding": [
            "Medewerkers van het sociaal domein en van scholen bespraken hoe kinderen in "
            "armoede meer kansen krijgen."
        ],
        "doelgroepen": [
            (
                U,
                [
                    advies(
                        "Kijk naar het kind – en naar het gezin",
                        "Een kind dat geen gymspullen heeft, is een signaal voor het hele gezin.",
                    ),
                    advies(
                        "Maak regelingen bekend – op school en in de wijk",
                        "Veel ouders kennen het kindpakket niet. Leg folders waar ouders al komen.",
                    ),
                ],
            ),
            (
                L,
                [
                    advies(
                        "Vereenvoudig de aanvraag – één formulier is genoeg",
                        "Elke extra vraag houdt gezinnen tegen die het hard nodig hebben.",
                    ),
                    advies(
                        "Werk samen met scholen – zij zien het eerst",
                        "Een vaste contactpersoon op elke school maakt signaleren makkelijker.",
                    ),
                ],
            ),
        ],
    },
    "digitaal": {
        "titel": "Digitale dienstverlening voor iedereen",
        "inleiding": [
            "Medewerkers van klantcontactcentra en bibliotheken bespraken hoe inwoners die "
            "minder digitaal vaardig zijn toch goed geholpen worden."
        ],
        "doelgroepen": [
            (
                U,
                [
                    advies(
                        "Houd een loket open – digitaal is niet voor iedereen",
                        "Niet iedereen heeft een computer of DigiD. Bied altijd een andere weg.",
                    ),
                    advies(
                        "Doe het samen – laat de inwoner zelf klikken",
                        "Wie het één keer zelf heeft gedaan, durft het de volgende keer beter. Zo "
                        "pak je het *stap voor stap* aan:",
                        {
                            "genummerd": True,
                            "lijst": [
                                [
                                    "Laat zien waar het begint:",
                                    {
                                        "genummerd": True,
                                        "lijst": [
                                            "de website van de gemeente",
                                            "het inlogscherm met DigiD",
                                        ],
                                    },
                                ],
                                "Laat de inwoner het daarna zelf doen.",
                            ],
                        },
                        {"genummerd": False, "lijst": ["neem de tijd", "prijs wat lukt"]},
                    ),
                    advies(
                        "Schrijf in gewone taal – ook in de app",
                        "Korte zinnen en bekende woorden helpen iedereen, niet alleen laaggeletterden.",
                    ),
                ],
            ),
            (
                L,
                [
                    advies(
                        "Test met inwoners – voordat je iets lanceert",
                        "Vijf inwoners die een formulier proberen, vinden de meeste fouten.",
                    ),
                    advies(
                        "Werk samen met de bibliotheek – daar is de kennis al",
                        "Het Informatiepunt Digitale Overheid helpt inwoners dagelijks.",
                    ),
                ],
            ),
        ],
    },
    "huisvesting": {
        "titel": "Wonen na de opvang",
        "inleiding": [
            "Begeleiders uit de maatschappelijke opvang en woonconsulenten spraken over de stap "
            "van opvang naar een eigen woning."
        ],
        "doelgroepen": [
            (
                U,
                [
                    advies(
                        "Begin op tijd – de eerste maand telt",
                        "Regel voor de sleuteloverdracht al de uitkering, de verzekering en de "
                        "huisarts.",
                        "Meer informatie over de regelingen vind je bij het Wmo-loket.",
                        "Maak daarna samen een weekplanning.",
                    ),
                    advies(
                        "Blijf langskomen – ook als het goed lijkt te gaan",
                        "Terugval komt vaak na een half jaar, als de begeleiding stopt.",
                    ),
                ],
            ),
            (
                L,
                [
                    advies(
                        "Maak afspraken met corporaties – over voorrang en begeleiding",
                        "Een convenant maakt duidelijk wie wat doet als het misgaat.",
                    ),
                    advies(
                        "Financier nazorg – niet alleen de opvang",
                        "Een jaar lichte begeleiding kost minder dan een nieuwe plaatsing.",
                        "Stuur een e-mail naar de wijkcoach als je twijfelt over de aanpak.",
                    ),
                ],
            ),
        ],
    },
    "participatie": {
        "titel": "Meedoen via vrijwilligerswerk",
        "inleiding": [
            "Klantmanagers participatie en vrijwilligerscentrales deelden hoe vrijwilligerswerk "
            "een opstap naar meedoen kan zijn."
        ],
        "doelgroepen": [
            (
                U,
                [
                    advies(
                        "Sluit aan bij wat iemand leuk vindt – niet bij wat er vrij is",
                        "Motivatie houdt mensen vast, ook als het even tegenzit.",
                    ),
                    advies(
                        "Zoek een maatje – de eerste weken zijn spannend",
                        "Een vaste vrijwilliger die meeloopt, verlaagt de drempel. Let daarbij op:",
                        {
                            "genummerd": True,
                            "lijst": [
                                "een vast moment in de week",
                                "een klus die af te maken is",
                                "een plek om even bij te komen",
                            ],
                        },
                    ),
                ],
            ),
            (
                L,
                [
                    advies(
                        "Zie vrijwilligerswerk als werk – met begeleiding en waardering",
                        "Zorg voor een vergoeding, een verzekering en een goed gesprek na afloop.",
                    ),
                ],
            ),
        ],
    },
    "veiligheid": {
        "titel": "Veiligheid aan het loket",
        "inleiding": [
            "Baliemedewerkers, handhavers en teamleiders bespraken hoe je agressie voorkomt en "
            "wat er nodig is als het toch misgaat."
        ],
        "doelgroepen": [
            (
                U,
                [
                    advies(
                        "Herken spanning vroeg – let op lichaamstaal",
                        "Iemand die steeds harder praat of gaat staan, vraagt om rust en aandacht.",
                        thema="Voorkomen",
                    ),
                    advies(
                        "Benoem wat je ziet – zonder te oordelen",
                        "Zeg bijvoorbeeld: ik merk dat u boos bent. Dat haalt vaak de angel eruit.",
                        thema="Voorkomen",
                    ),
                    advies(
                        "Meld elk incident – ook een klein",
                        "Alleen wat gemeld is, kan leiden tot betere maatregelen.",
                        thema="Na een incident",
                    ),
                ],
            ),
            (
                L,
                [
                    advies(
                        "Zorg voor nazorg – direct na een incident",
                        "Een gesprek dezelfde dag voorkomt dat medewerkers lang blijven piekeren.",
                    ),
                    advies(
                        "Richt de balie veilig in – zonder een bunker te bouwen",
                        "Een tweede uitgang en een alarmknop geven rust, een glazen wand niet.",
                    ),
                ],
            ),
        ],
    },
}


def _groot():
    """A werkatelier of 200 adviezen (150 for uitvoerders under 15 thema's, 50 for
    leidinggevenden), for the size of a large report: its sentences combined from parts."""
    werkwoorden = [
        "Luister",
        "Vraag door",
        "Plan samen",
        "Kijk verder",
        "Blijf in contact",
        "Deel kennis",
        "Neem de tijd",
        "Wees helder",
        "Zoek hulp",
        "Maak het klein",
    ]
    aanvullingen = [
        "met de inwoner",
        "met collega’s",
        "in de wijk",
        "bij twijfel",
        "op tijd",
        "zonder oordeel",
        "ook als het druk is",
        "met aandacht",
        "stap voor stap",
        "na elk gesprek",
    ]
    redenen = [
        "Dat voorkomt misverstanden later.",
        "Zo houd je het overzicht.",
        "Inwoners merken het verschil meteen.",
        "Het scheelt werk in de weken erna.",
        "Zo bouw je vertrouwen op.",
    ]
    themas = [
        "Contact",
        "Samenwerken",
        "Plannen",
        "Signaleren",
        "Schrijven",
        "Bellen",
        "Huisbezoek",
        "Netwerk",
        "Overdracht",
        "Evaluatie",
        "Privacy",
        "Taal",
        "Geld",
        "Wonen",
        "Werk",
    ]

    def adviezen(aantal, start, met_thema):
        uit = []
        for i in range(start, start + aantal):
            titel = f"{werkwoorden[i % 10]} {aanvullingen[(i // 10) % 10]} – afspraak {i + 1}"
            tekst = [
                f"{redenen[i % 5]} Bespreek afspraak {i + 1} in het teamoverleg.",
                f"{redenen[(i + 2) % 5]}",
            ]
            uit.append(
                advies(titel, *tekst, thema=themas[(i - start) // 10] if met_thema else None)
            )
        return uit

    return {
        "titel": "Tweehonderd afspraken uit de praktijk",
        "inleiding": [
            "Een groot verslag: uitvoerders en leidinggevenden uit twintig gemeenten "
            "legden samen tweehonderd afspraken vast."
        ],
        "doelgroepen": [(U, adviezen(150, 0, True)), (L, adviezen(50, 150, False))],
    }


WERKATELIERS["groot"] = _groot()
