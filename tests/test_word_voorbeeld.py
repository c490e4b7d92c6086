"""The import preview: every block with its role, corrections by the editor (here as a form
without JavaScript sends them), thema's mapped, and the concept created from what was chosen."""

import re

import pytest
from reversion.models import Version

from werkateliers.models import Thema, Werkatelier

pytestmark = pytest.mark.django_db

ADRES = "/beheer/werkateliers/werkatelier/importeren/"
MET_SLOT = (
    "Intro van het werkatelier.\n"
    "Eén advies voor uitvoerders\n"
    "1. Luister – echt\n"
    "Neem de tijd.\n"
    "Eén advies voor leidinggevenden en bestuurders\n"
    "1. Geef ruimte – en vertrouwen\n"
    "Uitvoerders hebben steun nodig.\n"
    "Meer weten?\n"
    "Bel Sanne: 06 12 34 56 78.\n"
)


def controleer(client, tekst, titel="Samen verder", **extra):
    return client.post(ADRES, {"titel": titel, "tekst": tekst, "controleren": "1", **extra})


def rolvelden(response):
    """{block text: (field name, role shown)} of the preview's role controls."""
    html = response.content.decode()
    uit = {}
    for blok in response.context["verslag"].blokken:
        if blok.is_notitie:
            continue
        naam = f"rol-{blok.sleutel}-{blok.eigen_rol}"
        assert f'name="{naam}"' in html
        uit[blok.tekst] = (naam, blok.rol)
    return uit


def test_every_block_shows_its_role_and_why(redacteur_client, uitvoerders, leidinggevenden):
    response = controleer(redacteur_client, MET_SLOT)
    html = response.content.decode()
    rollen = {tekst: rol for tekst, (_, rol) in rolvelden(response).items()}
    assert rollen == {
        "Intro van het werkatelier.": "inleiding",
        "Eén advies voor uitvoerders": "doelgroep",
        "1. Luister – echt": "advies-titel",
        "Neem de tijd.": "tekst",
        "Eén advies voor leidinggevenden en bestuurders": "doelgroep",
        "1. Geef ruimte – en vertrouwen": "advies-titel",
        "Uitvoerders hebben steun nodig.": "tekst",
        "Meer weten?": "slot",
        "Bel Sanne: 06 12 34 56 78.": "slot",
    }
    assert "slot — niet overgenomen?" in html
    assert "Waarom: begint met een nummer (‘1.’)." in html
    # Something was guessed, so the preview does not say all is well.
    assert "De opbouw is goed gelezen" not in html
    assert "Bij 2 blokken moest de site raden" in html


def test_a_report_with_nothing_guessed_says_it_was_read_well(
    redacteur_client, uitvoerders, leidinggevenden
):
    html = controleer(redacteur_client, MET_SLOT.rsplit("Meer weten?", 1)[0]).content.decode()
    assert "De opbouw is goed gelezen: 2 adviezen." in html


def test_choosing_a_role_without_javascript_reads_the_report_again(
    redacteur_client, uitvoerders, leidinggevenden
):
    eerst = controleer(redacteur_client, MET_SLOT)
    velden = rolvelden(eerst)
    keuze = {velden["Meer weten?"][0]: "tekst", velden["Bel Sanne: 06 12 34 56 78."][0]: "tekst"}
    daarna = controleer(redacteur_client, MET_SLOT, **keuze)
    verslag = daarna.context["verslag"]
    html = daarna.content.decode()

    laatste = verslag.doelgroepen[1].adviezen[0]
    assert laatste.alineas == [
        "Uitvoerders hebben steun nodig.",
        "Meer weten?",
        "Bel Sanne: 06 12 34 56 78.",
    ]
    assert verslag.geraden == []
    assert html.count("door jou gekozen") >= 2
    assert "De opbouw is goed gelezen: 2 adviezen." in html
    # The choice stays chosen in the next round: the control shows it, under the same name.
    assert re.search(rf'name="{velden["Meer weten?"][0]}"[^>]*>.*?<option value="tekst" selected',
                     html, re.S)  # fmt: skip


def test_the_concept_is_made_from_the_roles_the_editor_chose(
    redacteur_client, uitvoerders, leidinggevenden
):
    velden = rolvelden(controleer(redacteur_client, MET_SLOT))
    keuze = {
        velden["Intro van het werkatelier."][0]: "weggelaten",
        velden["Meer weten?"][0]: "tekst",
    }
    response = redacteur_client.post(
        ADRES, {"titel": "Samen verder", "tekst": MET_SLOT, "aanmaken": "1", **keuze}
    )
    werkatelier = Werkatelier.objects.get()
    assert response.status_code == 302
    assert werkatelier.intro == ""
    # With "Meer weten?" part of the advies, the contact line after it is text too.
    assert werkatelier.adviezen.get(doelgroep=leidinggevenden).tekst == (
        "<p>Uitvoerders hebben steun nodig.</p><p>Meer weten?</p><p>Bel Sanne: 06 12 34 56 78.</p>"
    )
    # A concept made from an import has its first revision, as any save in the admin.
    assert Version.objects.get_for_object(werkatelier).count() == 1


def test_a_role_that_leaves_text_without_an_advies_is_a_problem_quoting_it(
    redacteur_client, uitvoerders, leidinggevenden
):
    velden = rolvelden(controleer(redacteur_client, MET_SLOT))
    response = controleer(redacteur_client, MET_SLOT, **{velden["1. Luister – echt"][0]: "tekst"})
    html = response.content.decode()
    assert "deze tekst hoort bij geen advies: ‘1. Luister – echt’" in html
    assert 'value="Maak aan als concept"' not in html


def test_a_new_thema_can_be_mapped_to_an_existing_one_suggested_by_its_name(
    redacteur_client, uitvoerders, leidinggevenden
):
    bestaand = Thema.objects.create(naam="Gesprekken met inwoners", slug="gesprekken")
    Thema.objects.create(naam="Geld en schulden", slug="geld")
    tekst = (
        "Intro.\nEén advies voor uitvoerders\nPraten met inwoners\n1. Luister – echt\n"
        "Neem de tijd.\nEén advies voor leidinggevenden en bestuurders\n1. Geef ruimte – nu\n"
        "Steun ze."
    )
    preview = controleer(redacteur_client, tekst)
    html = preview.content.decode()
    keuzelijst = html[
        html.index('id="thema-0"') : html.index("</select>", html.index('id="thema-0"'))
    ]
    lijkt_op = keuzelijst[keuzelijst.index('label="Lijkt op"') : keuzelijst.index("</optgroup>")]
    assert "Gebruik ‘Gesprekken met inwoners’" in lijkt_op
    assert "Geld en schulden" not in lijkt_op

    response = redacteur_client.post(
        ADRES,
        {"titel": "Samen", "tekst": tekst, "aanmaken": "1",
         "themanaam-0": "Praten met inwoners", "thema-0": str(bestaand.pk)},
    )  # fmt: skip
    assert response.status_code == 302
    advies = Werkatelier.objects.get().adviezen.get(doelgroep=uitvoerders)
    assert advies.thema == bestaand
    assert not Thema.objects.filter(naam="Praten met inwoners").exists()


def test_a_new_thema_without_a_choice_is_not_created(
    redacteur_client, uitvoerders, leidinggevenden
):
    tekst = (
        "Intro.\nEén advies voor uitvoerders\nPraten met inwoners\n1. Luister – echt\n"
        "Neem de tijd.\nEén advies voor leidinggevenden en bestuurders\n1. Geef ruimte – nu\n"
        "Steun ze."
    )
    response = redacteur_client.post(ADRES, {"titel": "Samen", "tekst": tekst, "aanmaken": "1"})
    assert "Bevestig het nieuwe thema ‘Praten met inwoners’" in response.content.decode()
    assert not Werkatelier.objects.exists() and not Thema.objects.exists()
    response = redacteur_client.post(
        ADRES,
        {"titel": "Samen", "tekst": tekst, "aanmaken": "1",
         "themanaam-0": "Praten met inwoners", "thema-0": "nieuw"},
    )  # fmt: skip
    assert Thema.objects.get().naam == "Praten met inwoners"


def test_hidden_text_is_said_to_be_left_out_in_the_preview(
    redacteur_client, uitvoerders, leidinggevenden
):
    import io

    from tests.documenten import word365

    verwacht = {
        "toetst": "",
        "elementen": [
            ["p", "[Typ hier de inleiding]", {"verborgen": True}],
            ["p", "Het echte begin."],
            ["kop", 1, "Eén advies voor uitvoerders"],
            ["advies", 1, "Luister – echt", "vet", None],
            ["p", "Neem de tijd.", {"verborgen_deel": " Geheime notitie."}],
            ["kop", 1, "Eén advies voor leidinggevenden en bestuurders"],
            ["advies", 1, "Geef ruimte – nu", "vet", None],
            ["p", "Steun ze."],
        ],
    }
    bestand = io.BytesIO(word365.maak(verwacht))
    bestand.name = "verborgen.docx"
    html = redacteur_client.post(
        ADRES, {"titel": "Verborgen", "bestand": bestand, "controleren": "1"}
    ).content.decode()
    assert "Niet overgenomen: verborgen tekst (‘[Typ hier de inleiding]’)" in html
    assert "verborgen tekst (‘Geheime notitie.’) is niet overgenomen (bij advies 1" in html
    # No role control for what was hidden: it is never content.
    assert html.count('class="import-rol"') == 7
