"""Realistic content for the search-quality tests: eleven werkateliers of a municipality's
front line, each with its own words, written for these tests (tests/test_zoeken.py).

Each werkatelier: title, description, intro (rich text), and its adviezen as
(doelgroep "u" or "l", thema or None, title, text).
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

WERKATELIERS = [
    {
        "titel": "Agressie en veiligheid aan de balie",
        "beschrijving": "Wat baliemedewerkers doen als een gesprek uit de hand loopt.",
        "intro": "<p>Medewerkers van de publieksbalie en het klantcontactcentrum vertelden "
        "hoe zij dreiging herkennen en wat hen helpt om <strong>veilig</strong> te werken.</p>",
        "adviezen": [
            (
                "u",
                "Contact met inwoners",
                "Blijf rustig als iemand boos wordt",
                "Praat zacht en langzaam. Een boze inwoner is vaak bang of ten einde raad; "
                "erken dat eerst voordat je uitlegt wat wel en niet kan.",
            ),
            (
                "u",
                "Contact met inwoners",
                "Zorg dat je altijd weg kunt",
                "Ga zo zitten dat de deur achter jou is en niet achter de bezoeker. Spreek met "
                "een collega een teken af voor als je hulp nodig hebt.",
            ),
            (
                "u",
                "Met collega's",
                "Meld elk incident, ook een kleine bedreiging",
                "Een scheldpartij of een dreigende e-mail lijkt klein, maar meldingen laten zien "
                "waar het misgaat. Vul het meldformulier in op de dag zelf.",
            ),
            (
                "l",
                None,
                "Bespreek incidenten in het team",
                "Neem na een incident de tijd voor een nagesprek. Vraag wat de medewerker nodig "
                "heeft en zorg voor nazorg, ook weken later.",
            ),
        ],
    },
    {
        "titel": "Huiselijk geweld: signaleren en doorpakken",
        "beschrijving": "Signalen van huiselijk geweld en kindermishandeling herkennen en "
        "bespreken met Veilig Thuis.",
        "intro": "<p>Wijkcoaches, leerplichtambtenaren en consulenten van de sociale dienst "
        "deelden wat zij doen bij een vermoeden van geweld achter de voordeur.</p>",
        "adviezen": [
            (
                "u",
                "Signaleren",
                "Vertrouw op je onderbuikgevoel",
                "Zie je blauwe plekken, of durft een kind niet naar huis? Schrijf op wat je ziet "
                "en hoort, zonder te oordelen, en gebruik de meldcode.",
            ),
            (
                "u",
                "Signaleren",
                "Vraag door, ook als het ongemakkelijk is",
                "Stel open vragen zoals: hoe gaat het thuis als er ruzie is? Veel slachtoffers "
                "vertellen pas iets als iemand er echt naar vraagt.",
            ),
            (
                "u",
                "Samenwerken in de wijk",
                "Overleg met Veilig Thuis voordat je twijfelt",
                "Je hoeft het niet alleen te doen. Bel Veilig Thuis voor advies; dat mag ook "
                "anoniem en het verplicht je nog tot niets.",
            ),
            (
                "l",
                None,
                "Train je mensen in de meldcode",
                "Zorg dat elke medewerker de vijf stappen van de meldcode kent en weet wie de "
                "aandachtsfunctionaris is. Oefen met casussen uit de eigen gemeente.",
            ),
        ],
    },
    {
        "titel": "In gesprek met jongeren",
        "beschrijving": "Hoe je jongeren bereikt die de gemeente liever ontlopen.",
        "intro": "<p>Jongerenwerkers en consulenten vertelden hoe zij contact maken met "
        "jongeren tussen zestien en zevenentwintig jaar.</p>",
        "adviezen": [
            (
                "u",
                "Praten met jongeren",
                "Ga naar de plek waar jongeren zijn",
                "Een afspraak op het stadhuis voelt als een verhoor. Spreek af in het "
                "buurthuis, op school of gewoon op straat.",
            ),
            (
                "u",
                "Praten met jongeren",
                "Gebruik de taal van de jongere",
                "Vermijd ambtelijke woorden. Stuur liever een appje dan een brief, en vraag wat "
                "de jongere zelf wil bereiken.",
            ),
            (
                "u",
                "Met collega's",
                "Laat één vast gezicht het contact houden",
                "Jongeren haken af als ze steeds een ander te spreken krijgen. Spreek met je "
                "collega's af wie de vaste contactpersoon is.",
            ),
            (
                "l",
                None,
                "Geef jongerenwerk ruimte om te experimenteren",
                "Niet elke aanpak past in een protocol. Geef medewerkers vrijheid en beoordeel "
                "hen op het contact dat ontstaat, niet op het aantal gesprekken.",
            ),
        ],
    },
    {
        "titel": "Schulden vroeg in beeld",
        "beschrijving": "Inwoners met geldzorgen eerder vinden en helpen.",
        "intro": "<p>Schuldhulpverleners en medewerkers van de gemeentelijke "
        "kredietbank werkten aan vroegsignalering van betalingsachterstanden.</p>",
        "adviezen": [
            (
                "u",
                "Contact met inwoners",
                "Maak praten over geld gewoon",
                "Schaamte houdt mensen tegen. Vraag in elk gesprek terloops of de rekeningen "
                "nog lukken, net zo gewoon als je naar de gezondheid vraagt.",
            ),
            (
                "u",
                "Signaleren",
                "Reageer snel op een melding van achterstand",
                "Als de woningcorporatie of het energiebedrijf een achterstand meldt, neem dan "
                "binnen een week contact op. Hoe eerder, hoe kleiner de schulden.",
            ),
            (
                "u",
                "Samenwerken in de wijk",
                "Ken de hulpverlening in de buurt",
                "Weet wie er in de wijk helpen met formulieren en budgetbeheer, zoals "
                "vrijwilligers van de thuisadministratie, en verwijs warm door.",
            ),
            (
                "l",
                None,
                "Schrap drempels bij de aanmelding",
                "Een lange wachtlijst of een stapel formulieren werkt averechts. Zorg dat een "
                "inwoner binnen drie werkdagen een eerste gesprek heeft.",
            ),
        ],
    },
    {
        "titel": "Statushouders op weg naar werk",
        "beschrijving": "Re-integratie en inburgering van statushouders in één plan.",
        "intro": "<p>Klantmanagers werk en inkomen en taalcoaches deelden ervaringen met "
        "nieuwkomers die een verblijfsvergunning hebben gekregen.</p>",
        "adviezen": [
            (
                "u",
                "Contact met inwoners",
                "Werk met een tolk, niet met een kind",
                "Laat kinderen niet tolken voor hun ouders. Een professionele tolk voorkomt "
                "misverstanden en beschermt het gezin.",
            ),
            (
                "u",
                "Werk en inkomen",
                "Combineer taal leren met werken",
                "Wie op de werkvloer Nederlands spreekt, leert sneller. Zoek werkgevers die een "
                "taalmaatje op de werkplek willen regelen.",
            ),
            (
                "u",
                "Werk en inkomen",
                "Erken diploma's en ervaring uit het land van herkomst",
                "Vraag door naar eerder werk. Een verpleegkundige of monteur heeft vaak meer in "
                "huis dan het cv laat zien.",
            ),
            (
                "l",
                None,
                "Maak één plan met inburgering en participatie",
                "Laat de inburgeringscoach en de klantmanager samen één plan maken met de "
                "statushouder, zodat afspraken elkaar niet tegenspreken.",
            ),
        ],
    },
    {
        "titel": "Heldere brieven en e-mails aan inwoners",
        "beschrijving": "Schrijven zodat inwoners begrijpen wat de gemeente vraagt.",
        "intro": "<p>Medewerkers van vergunningen, belastingen en de sociale dienst "
        "herschreven hun standaardbrieven samen met inwoners.</p>",
        "adviezen": [
            (
                "u",
                "Schrijven",
                "Begin met wat de inwoner moet doen",
                "Zet de actie en de datum in de eerste zin van je brief. De uitleg en de "
                "wetsartikelen komen daarna, of in een bijlage.",
            ),
            (
                "u",
                "Schrijven",
                "Schrijf een e-mail zoals je praat",
                "Gebruik korte zinnen en je eigen woorden. Lees de e-mail hardop voor je hem "
                "verstuurt: klinkt het als een mens?",
            ),
            (
                "u",
                "Met collega's",
                "Laat een collega je tekst lezen",
                "Vraag collega's van een andere afdeling om je brieven te lezen. Wat zij niet "
                "snappen, snapt een inwoner ook niet.",
            ),
            (
                "l",
                None,
                "Test standaardbrieven met inwoners",
                "Nodig inwoners uit om nieuwe brieven te lezen voordat ze verstuurd worden. "
                "Het kost een middag en scheelt honderden telefoontjes.",
            ),
        ],
    },
    {
        "titel": "Samenwerking in de wijk",
        "beschrijving": "Wijkteams, woningcorporaties, politie en huisartsen aan één tafel.",
        "intro": "<p>Professionals uit de wijkteams en hun partners bespraken hoe "
        "samenwerking in de wijk echt werkt, en wat haar in de weg zit.</p>",
        "adviezen": [
            (
                "u",
                "Samenwerken in de wijk",
                "Ken je partners bij naam",
                "Drink koffie met de wijkagent, de huisarts en de opzichter van de corporatie. "
                "Wie elkaar kent, belt eerder als er iets is.",
            ),
            (
                "u",
                "Samenwerken in de wijk",
                "Spreek af wie de regie houdt",
                "Bij een gezin met veel hulpverleners moet één persoon de regie hebben. Leg in "
                "het wijkteam vast wie dat is.",
            ),
            (
                "u",
                "Met collega's",
                "Eén gezin, één plan",
                "Als we samen werken met één plan per gezin, hoeft het gezin zijn verhaal maar "
                "één keer te vertellen aan al die hulpverleners die er in de wijk omheen staan.",
            ),
            (
                "l",
                None,
                "Maak privacyregels werkbaar",
                "Onduidelijkheid over privacy remt de samenwerking. Zorg voor een heldere "
                "afspraak over welke gegevens partners mogen delen.",
            ),
        ],
    },
    {
        "titel": "Mantelzorgers ondersteunen",
        "beschrijving": "Overbelasting van mantelzorgers voorkomen.",
        "intro": "<p>Consulenten Wmo en ouderenadviseurs spraken over de mensen die "
        "zorgen voor een partner, ouder of kind.</p>",
        "adviezen": [
            (
                "u",
                "Contact met inwoners",
                "Vraag ook naar de mantelzorger",
                "Bij een keukentafelgesprek gaat het vaak alleen over de cliënt. Vraag ook hoe "
                "het met de partner of dochter gaat die de zorg draagt.",
            ),
            (
                "u",
                "Signaleren",
                "Let op tekenen van overbelasting",
                "Slecht slapen, prikkelbaar zijn en sociale contacten opgeven zijn signalen. "
                "Bied respijtzorg aan voordat het te laat is.",
            ),
            (
                "l",
                None,
                "Waardeer mantelzorg zichtbaar",
                "Een mantelzorgcompliment of een dag waarop de gemeente mantelzorgers in het "
                "zonnetje zet, laat zien dat hun werk telt.",
            ),
        ],
    },
    {
        "titel": "Werken aan werk: re-integratie die past",
        "beschrijving": "Begeleiding naar werk voor mensen met een bijstandsuitkering.",
        "intro": "<p>Jobcoaches en werkconsulenten vertelden wat mensen met een lange "
        "afstand tot de arbeidsmarkt echt helpt om aan de slag te gaan.</p>",
        "adviezen": [
            (
                "u",
                "Werk en inkomen",
                "Begin bij wat iemand wél kan",
                "Vraag naar hobby's, vrijwilligerswerk en zorgtaken. Daar zitten talenten "
                "die op geen enkel formulier staan.",
            ),
            (
                "u",
                "Werk en inkomen",
                "Blijf in contact na de eerste werkdag",
                "De eerste maanden zijn kwetsbaar. Bel de werknemer en de werkgever geregeld, "
                "zodat kleine problemen klein blijven.",
            ),
            (
                "l",
                None,
                "Beloon duurzame plaatsingen, niet aantallen",
                "Stuur op mensen die na een jaar nog werken, niet op het aantal trajecten dat "
                "in een kwartaal start.",
            ),
        ],
    },
    {
        "titel": "Eenzaamheid onder ouderen",
        "beschrijving": "Eenzame ouderen opmerken en verbinden met de buurt.",
        "intro": "<p>Welzijnswerkers en vrijwilligers van de ouderenbond zochten naar "
        "manieren om eenzaamheid bespreekbaar te maken.</p>",
        "adviezen": [
            (
                "u",
                "Signaleren",
                "Let op de kleine dingen bij huisbezoek",
                "Een volle brievenbus, een lege koelkast of een gordijn dat dicht blijft kan "
                "op eenzaamheid wijzen. Maak er een praatje over.",
            ),
            (
                "u",
                "Samenwerken in de wijk",
                "Verbind ouderen met buurtgenoten",
                "Een wandelgroep, een maaltijd in het buurthuis of een maatje voor de "
                "boodschappen: klein beginnen werkt het best.",
            ),
            (
                "l",
                None,
                "Maak eenzaamheid een gedeelde opdracht",
                "Eenzaamheid is niet van één afdeling. Breng welzijn, zorg en wonen samen rond "
                "één gezamenlijke aanpak.",
            ),
        ],
    },
    {
        "titel": "Een gezin met meerdere problemen",
        "beschrijving": "Gezinnen met problemen op meerdere terreinen tegelijk.",
        "intro": "<p>Gezinscoaches en casemanagers vertelden over gezinnen waar schulden, "
        "opvoeding en huisvesting door elkaar lopen.</p>",
        "adviezen": [
            (
                "u",
                "Contact met inwoners",
                "Laat het gezin zelf de prioriteit kiezen",
                "Vraag waar het gezin als eerste vanaf wil. Wie zelf kiest, houdt het langer "
                "vol dan wie een lijst met opdrachten krijgt.",
            ),
            (
                "u",
                "Samenwerken in de wijk",
                "Houd het aantal hulpverleners klein",
                "Doe het samen met het gezin. Vijf hulpverleners aan tafel is voor een gezin "
                "overweldigend. Kies wie nodig is en laat de anderen op de achtergrond "
                "meedenken, zodat het gezin in zijn eigen tempo en met zijn eigen netwerk aan de "
                "slag kan en de hulpverleners niet langs elkaar heen werken.",
            ),
            (
                "l",
                None,
                "Geef professionals doorzettingsmacht",
                "Als regels botsen, moet een uitvoerder kunnen afwijken. Regel dat één "
                "persoon knopen mag doorhakken, ook over afdelingen heen.",
            ),
        ],
    },
]


def laad(uitvoerders, leidinggevenden):
    """All werkateliers of this content, published yesterday; the adviezen by title."""
    from werkateliers.models import Advies, Thema, Werkatelier

    doelgroepen = {"u": uitvoerders, "l": leidinggevenden}
    adviezen = {}
    for nummer, gegevens in enumerate(WERKATELIERS):
        werkatelier = Werkatelier.objects.create(
            titel=gegevens["titel"],
            slug=slugify(gegevens["titel"]),
            beschrijving=gegevens["beschrijving"],
            intro=gegevens["intro"],
            status=Werkatelier.Status.GEPUBLICEERD,
            gepubliceerd_op=timezone.now() - timedelta(days=1, hours=nummer),
        )
        for positie, (doelgroep, thema, titel, tekst) in enumerate(gegevens["adviezen"], 1):
            if thema:
                thema, _ = Thema.objects.get_or_create(naam=thema, slug=slugify(thema))
            adviezen[titel] = Advies.objects.create(
                werkatelier=werkatelier,
                doelgroep=doelgroepen[doelgroep],
                thema=thema,
                titel=titel,
                tekst=f"<p>{tekst}</p>",
                positie=positie,
            )
    return adviezen
