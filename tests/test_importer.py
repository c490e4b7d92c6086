import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from werkateliers.importer import ImportFout, lees_bestand, lees_verslag, sla_op
from werkateliers.models import Advies, Thema, Werkatelier

pytestmark = pytest.mark.django_db

VOORBEELDEN = settings.BASE_DIR / "werkateliers" / "voorbeelden"
# The shared seed pages sit next to the checkout, or next to the folder of worktrees.
GEDEELDE_SEEDS = next(
    (
        p / "shared" / "seeds"
        for p in settings.BASE_DIR.parents
        if (p / "shared" / "seeds").is_dir()
    ),
    settings.BASE_DIR.parent / "shared" / "seeds",
)

# What the two seed pages say, as a reader sees it.
VERWACHT = {
    "werkatelier-integraal-werken.txt": [
        ("Vier adviezen voor uitvoerders", "uitvoerders", [
            ("Praten met inwoners", "Praat mét de inwoner – niet over de inwoner"),
            ("Praten met inwoners", "Ga uit van de behoefte van de inwoner – en betrek hem bij het plan"),
            ("Met collega's", "Toon lef, neem initiatief – maar houd het doel voor ogen"),
            ("Met collega's", "Organiseer samenwerking – investeer in collega’s"),
        ]),
        ("Drie adviezen voor leidinggevenden en bestuurders", "leidinggevenden-en-bestuurders", [
            (None, "Wees proactief – en communiceer positief"),
            (None, "Geef eigenaarschap aan de uitvoerders – en aan de inwoners"),
            (None, "Investeer in integraal werken – en in je werknemers"),
        ]),
    ],
    "werkatelier-jongeren.txt": [
        ("Zes adviezen voor uitvoerders", "uitvoerders", [
            ("Praten met jongeren", "Neem de tijd – en focus op kwaliteit"),
            ("Praten met jongeren", "Houd het helder – ook als je moet schakelen"),
            ("Aan de slag met het netwerk van een jongere", "Kijk goed – een netwerk is geen wondermiddel"),
            ("Aan de slag met het netwerk van een jongere", "Kom in actie – en houd vol"),
            ("Samenwerken met lokale partners", "Blijf bij de kern – en schipper en schakel"),
            ("Samenwerken met lokale partners", "Investeer - en blijf dat doen"),
        ]),
        ("Drie adviezen voor leidinggevenden en bestuurders", "leidinggevenden-en-bestuurders", [
            (None, "Geef ruimte om te leren – en te groeien"),
            (None, "Vergroot kennis – en haal deze in huis"),
            (None, "Ken de bedoeling – en doe wat nodig is"),
        ]),
    ],
}  # fmt: skip
SEEDS = list(VERWACHT)


def seed_tekst(naam):
    return (VOORBEELDEN / naam).read_text(encoding="utf-8")


def structuur(verslag):
    return [
        (deel.kop, deel.doelgroep.slug, [(a.thema, a.titel) for a in deel.adviezen])
        for deel in verslag.doelgroepen
    ]


def inhoud_regels(tekst):
    """The source's non-empty lines up to the site's frame: what the import must keep."""
    regels = [r.strip() for r in tekst.splitlines() if r.strip()]
    return regels[: regels.index("Leer van de ervaringen van je collega's")]


def regels_uit(verslag):
    """The lines the parsed structure stands for, in reading order."""
    regels = list(verslag.intro)
    for deel in verslag.doelgroepen:
        regels.append(deel.kop)
        thema = None
        for advies in deel.adviezen:
            if advies.thema != thema:
                thema = advies.thema
                regels.append(thema)
            regels.append(f"{advies.nummer}. {advies.titel}")
            regels.extend(advies.alineas)
    return regels


@pytest.mark.parametrize("naam", SEEDS)
def test_project_keeps_an_exact_copy_of_each_shared_seed(naam):
    gedeeld = GEDEELDE_SEEDS / naam
    if not gedeeld.exists():
        pytest.skip("../shared/seeds staat niet naast deze checkout")
    assert (VOORBEELDEN / naam).read_bytes() == gedeeld.read_bytes()


@pytest.mark.parametrize("naam", SEEDS)
def test_seed_gives_exactly_its_structure(naam):
    verslag = lees_verslag(seed_tekst(naam))
    assert verslag.meldingen == []
    assert structuur(verslag) == VERWACHT[naam]
    assert len(verslag.intro) == 1
    assert verslag.intro[0].startswith("Professionals in de gemeentelijke uitvoering")


@pytest.mark.parametrize("naam", SEEDS)
def test_seed_keeps_every_paragraph_and_leaves_out_the_frame(naam):
    tekst = seed_tekst(naam)
    verslag = lees_verslag(tekst)
    assert regels_uit(verslag) == inhoud_regels(tekst)
    alle_tekst = " ".join(a for d in verslag.doelgroepen for adv in d.adviezen for a in adv.alineas)
    assert "Meer info" not in alle_tekst
    assert "secretariaat@aeno.nl" not in alle_tekst


def _zonder_witregels(tekst):
    return "\n".join(r for r in tekst.splitlines() if r.strip())


def _dubbele_witregels(tekst):
    return "\n\n\n".join(r for r in tekst.splitlines() if r.strip())


def _crlf(tekst):
    return tekst.replace("\r\n", "\n").replace("\n", "\r\n")


@pytest.mark.parametrize("naam", SEEDS)
@pytest.mark.parametrize("variant", [_zonder_witregels, _dubbele_witregels, _crlf])
def test_seed_reads_the_same_with_other_blank_lines_and_line_ends(naam, variant):
    verslag = lees_verslag(variant(seed_tekst(naam)))
    assert verslag.meldingen == []
    assert structuur(verslag) == VERWACHT[naam]
    assert regels_uit(verslag) == inhoud_regels(seed_tekst(naam))


@pytest.mark.parametrize("naam", SEEDS)
def test_docx_of_a_seed_gives_the_same_result_as_the_text(naam):
    import docx

    document = docx.Document()
    for regel in seed_tekst(naam).splitlines():
        document.add_paragraph(regel)
    buffer = io.BytesIO()
    document.save(buffer)

    tekst = lees_bestand("verslag.docx", buffer.getvalue())
    assert structuur(lees_verslag(tekst)) == VERWACHT[naam]
    assert regels_uit(lees_verslag(tekst)) == regels_uit(lees_verslag(seed_tekst(naam)))


def test_saving_a_seed_creates_werkatelier_thema_s_and_adviezen_in_order():
    werkatelier = sla_op(lees_verslag(seed_tekst(SEEDS[1])), titel="Werken met jongeren")
    assert werkatelier.status == Werkatelier.Status.CONCEPT
    assert werkatelier.slug == "werken-met-jongeren"
    titels = list(
        werkatelier.adviezen.order_by("doelgroep__volgorde", "positie").values_list(
            "titel", flat=True
        )
    )
    assert titels == [titel for _, _, adviezen in VERWACHT[SEEDS[1]] for _, titel in adviezen]
    assert werkatelier.adviezen.get(positie=1, doelgroep__slug="uitvoerders").tekst.startswith(
        "<p>Een gesprek met een jongere"
    )


def test_existing_thema_s_are_reused():
    sla_op(lees_verslag(seed_tekst(SEEDS[0])), titel="Integraal werken")
    sla_op(lees_verslag(seed_tekst(SEEDS[0])), titel="Integraal werken, tweede ronde")
    assert Thema.objects.filter(naam="Praten met inwoners").count() == 1
    assert Thema.objects.count() == 2


def test_an_advies_title_may_start_with_a_count_word():
    tekst = "Intro.\nTwee adviezen voor uitvoerders\n1. Drie vragen – stel ze altijd\nTekst.\n2. Vier ogen – zien meer\nTekst."
    verslag = lees_verslag(tekst)
    assert verslag.meldingen == []
    assert [a.titel for a in verslag.doelgroepen[0].adviezen] == [
        "Drie vragen – stel ze altijd",
        "Vier ogen – zien meer",
    ]


def test_a_single_advies_heading_reads():
    verslag = lees_verslag("Eén advies voor uitvoerders\n1. Luister – echt\nTekst.")
    assert verslag.meldingen == []
    assert verslag.aantal_adviezen == 1


def _meldingen(tekst):
    return [str(m) for m in lees_verslag(tekst).meldingen]


def test_count_mismatch_names_the_heading_line():
    tekst = (
        "Intro.\n\nDrie adviezen voor uitvoerders\n1. Een – twee\nTekst.\n2. Drie – vier\nTekst."
    )
    assert _meldingen(tekst) == ["Regel 3: de kop noemt drie adviezen, maar er volgen er twee."]


def test_skipped_number_names_the_line():
    tekst = "Drie adviezen voor uitvoerders\n1. Een – a\nTekst.\n2. Twee – b\nTekst.\n4. Vier – c\nTekst."
    assert _meldingen(tekst) == [
        "Regel 6: na advies 2 komt advies 4; nummer 3 ontbreekt (‘Vier – c’)."
    ]


def test_text_without_doelgroep_heading_is_refused():
    meldingen = _meldingen("Alleen een inleiding.\n1. Een advies – zonder kop\nTekst.")
    assert meldingen[0].startswith("Regel 1: geen kop als ‘Vier adviezen voor uitvoerders’")
    assert meldingen[1].startswith("Regel 2: dit advies staat vóór de eerste kop")


def test_unknown_doelgroep_is_refused():
    assert _meldingen("Twee adviezen voor wethouders\n1. A – b\nTekst.\n2. C – d\nTekst.")[
        0
    ].startswith("Regel 1: onbekende doelgroep ‘wethouders’")


def test_advies_without_text_is_refused():
    assert _meldingen("Eén advies voor uitvoerders\n1. Alleen een titel") == [
        "Regel 2: advies 1 (‘Alleen een titel’) heeft geen tekst."
    ]


def test_empty_file_is_refused():
    with pytest.raises(ImportFout, match="Het bestand is leeg"):
        lees_bestand("leeg.txt", b"  \n\n ")


def test_binary_junk_is_refused_with_its_line():
    with pytest.raises(ImportFout, match="Regel 2: dit is geen tekstbestand"):
        lees_bestand("rommel.txt", b"eerste regel\n\x00\x01\xff\xfe\x89PNG")


def test_broken_docx_is_refused():
    with pytest.raises(ImportFout, match="geen leesbaar Word-bestand"):
        lees_bestand("kapot.docx", b"PK\x03\x04 niet echt")


def test_windows_1252_text_is_read():
    tekst = lees_bestand(
        "oud.txt", "Eén advies voor uitvoerders\n1. Praat mét – hen\nTekst.".encode("cp1252")
    )
    assert lees_verslag(tekst).doelgroepen[0].adviezen[0].titel == "Praat mét – hen"


def test_a_broken_text_saves_nothing():
    verslag = lees_verslag("Drie adviezen voor uitvoerders\n1. Een – a\nTekst.")
    with pytest.raises(ImportFout):
        sla_op(verslag, titel="Kapot")
    assert not Werkatelier.objects.exists()
    assert not Advies.objects.exists()
    assert not Thema.objects.exists()


def test_command_imports_and_publishes(tmp_path, capsys):
    call_command(
        "import_werkatelier", str(VOORBEELDEN / SEEDS[0]), titel="Integraal werken", publiceer=True
    )
    uitvoer = capsys.readouterr().out
    assert "Werkatelier ‘Integraal werken’ gepubliceerd aangemaakt" in uitvoer
    assert "Vier adviezen voor uitvoerders (thema's: Praten met inwoners, Met collega's)" in uitvoer
    werkatelier = Werkatelier.objects.get()
    assert werkatelier.is_public
    assert werkatelier.adviezen.count() == 7


@pytest.mark.parametrize(
    "inhoud, melding",
    [
        (b"", "Het bestand is leeg"),
        (b"\x00\x01\x02junk", "Regel 1: dit is geen tekstbestand"),
        ("Drie adviezen voor uitvoerders\n1. A – b\nTekst.".encode(), "Regel 1: de kop noemt drie"),
    ],
)
def test_command_exits_non_zero_with_a_dutch_message_and_saves_nothing(tmp_path, inhoud, melding):
    pad = tmp_path / "verslag.txt"
    pad.write_bytes(inhoud)
    with pytest.raises(CommandError) as fout:
        call_command("import_werkatelier", str(pad), titel="Kapot")
    assert "er is niets opgeslagen" in str(fout.value)
    assert melding in str(fout.value)
    assert not Werkatelier.objects.exists()


def test_command_exit_code_is_non_zero_from_the_shell(tmp_path):
    import subprocess
    import sys

    pad = tmp_path / "leeg.txt"
    pad.write_text("")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_werkatelier", str(pad), "--titel", "Leeg"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={
            **__import__("os").environ,
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        },
    )
    assert result.returncode != 0
    assert "Het bestand is leeg" in result.stderr


def test_command_refuses_a_title_that_is_taken():
    call_command("import_werkatelier", str(VOORBEELDEN / SEEDS[0]), titel="Integraal werken")
    with pytest.raises(
        CommandError, match="Er bestaat al een werkatelier met het adres ‘integraal-werken’"
    ):
        call_command("import_werkatelier", str(VOORBEELDEN / SEEDS[1]), titel="Integraal werken")
    assert Werkatelier.objects.count() == 1


def test_missing_file_gives_a_dutch_message():
    with pytest.raises(CommandError, match="kan niet gelezen worden"):
        call_command("import_werkatelier", str(Path("/bestaat/niet.txt")), titel="X")


@pytest.mark.parametrize(
    "module",
    ["blok", "titels", "html", "word", "rollen", "opslaan", "importeren"],
)
def test_the_examples_in_the_importers_docstrings_hold(module):
    """Every rule of the importer is a named function with an example; the examples run."""
    import doctest
    import importlib

    naam = (
        "werkateliers.importeren" if module == "importeren" else f"werkateliers.importer.{module}"
    )
    uitkomst = doctest.testmod(importlib.import_module(naam), optionflags=doctest.ELLIPSIS)
    assert uitkomst.failed == 0


def test_command_does_not_publish_what_it_had_to_guess(tmp_path, capsys):
    from werkateliers.models import Doelgroep

    Doelgroep.objects.get_or_create(slug="uitvoerders", defaults={"naam": "Uitvoerders"})
    pad = tmp_path / "verslag.txt"
    pad.write_text(
        "Intro.\nEén advies voor uitvoerders\n1. Luister – echt\nNeem de tijd.\n"
        "Meer weten?\nBel Sanne: 06 12 34 56 78.\n",
        encoding="utf-8",
    )
    call_command("import_werkatelier", str(pad), titel="Geraden", publiceer=True)
    fouten = capsys.readouterr().err
    assert "Niet gepubliceerd maar als concept aangemaakt" in fouten
    assert "Geraden: Regel 5 (‘Meer weten?’) is slot" in fouten
    werkatelier = Werkatelier.objects.get()
    assert werkatelier.status == Werkatelier.Status.CONCEPT
    assert "Meer weten" not in werkatelier.adviezen.get().tekst
