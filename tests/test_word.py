"""Word reports as staff write them: each document built here with python-docx, read by the
importer, and checked for the structure its author meant and the rich text on the page."""

import pytest

from tests.test_importer import SEEDS, VERWACHT, seed_tekst, structuur
from tests.word import ZACHT, Verslag, seed_als_word
from werkateliers.importer import lees_bestand, lees_verslag, sla_op
from werkateliers.models import Thema

pytestmark = pytest.mark.django_db

LINK = '<a href="https://www.aeno.nl/" rel="noopener noreferrer">aeno.nl</a>'


def lees(document):
    return lees_verslag(lees_bestand("verslag.docx", document))


def adviezen(verslag):
    return [a for deel in verslag.doelgroepen for a in deel.adviezen]


def publiceer(client, document, titel="Uit Word"):
    werkatelier = sla_op(lees(document), titel=titel, publiceer=True)
    return client.get(werkatelier.get_absolute_url()).content.decode()


def begin(verslag_in_word, kop="Twee adviezen voor uitvoerders"):
    verslag_in_word.alinea("Uitvoerders vertelden wat werkt.")
    verslag_in_word.kop(kop, 1)
    verslag_in_word.nieuwe_nummering()
    return verslag_in_word


def voeg_leidinggevenden_toe(verslag_in_word):
    verslag_in_word.kop("Eén advies voor leidinggevenden en bestuurders", 1)
    verslag_in_word.nieuwe_nummering()
    verslag_in_word.genummerd(("vet", "Geef ruimte – en vertrouwen"))
    verslag_in_word.alinea("Uitvoerders hebben steun nodig.")


@pytest.mark.parametrize("naam", SEEDS)
def test_seed_written_with_heading_styles_and_word_numbering_reads_exactly(
    naam, uitvoerders, leidinggevenden
):
    themas = {thema for *_, rij in VERWACHT[naam] for thema, _ in rij if thema}
    verslag = lees(seed_als_word(seed_tekst(naam), themas))
    als_tekst = lees_verslag(seed_tekst(naam))

    assert verslag.meldingen == []
    assert structuur(verslag) == VERWACHT[naam]
    assert [a.html for a in adviezen(verslag)] == [a.html for a in adviezen(als_tekst)]
    assert verslag.intro_html == als_tekst.intro_html
    # Styles say what every paragraph is: nothing was guessed.
    assert [b.tekst for b in verslag.blokken if b.geraden] == []


def test_word_numbering_restarts_per_doelgroep_and_numbers_follow_the_list(
    client, uitvoerders, leidinggevenden
):
    word = begin(Verslag())
    word.genummerd(("vet", "Luister – echt"))
    word.alinea("Neem de tijd.")
    word.genummerd(("vet", "Vraag door – ook als het lastig is"))
    word.alinea("Dat loont.")
    voeg_leidinggevenden_toe(word)
    verslag = lees(word.bytes())

    assert verslag.fouten == []
    assert [(a.nummer, a.titel) for a in adviezen(verslag)] == [
        (1, "Luister – echt"),
        (2, "Vraag door – ook als het lastig is"),
        (1, "Geef ruimte – en vertrouwen"),
    ]
    html = publiceer(client, word.bytes())
    assert "Advies 2: </span><a href=" in html and ">Vraag door – ook als het lastig is</a>" in html


def test_a_count_that_does_not_match_word_numbering_names_the_heading(uitvoerders, leidinggevenden):
    word = begin(Verslag(), kop="Drie adviezen voor uitvoerders")
    word.genummerd(("vet", "Luister – echt"))
    word.alinea("Neem de tijd.")
    voeg_leidinggevenden_toe(word)
    assert [str(m) for m in lees(word.bytes()).fouten] == [
        "Alinea 2: de kop noemt drie adviezen, maar er volgen er één."
    ]


def test_bold_title_and_text_in_one_paragraph(client, uitvoerders, leidinggevenden):
    word = begin(Verslag())
    word.genummerd(
        ("vet", "Neem de tijd – en vraag door"), " Een gesprek met een jongere doe je niet even."
    )
    word.alinea("Luister zonder oordeel.")
    # A typed number, the bold title and the text in one paragraph.
    word.alinea("2. ", ("vet", "Houd het helder – ook als je moet schakelen"), " Wees duidelijk.")
    voeg_leidinggevenden_toe(word)
    verslag = lees(word.bytes())

    assert verslag.fouten == []
    eerste, tweede, _ = adviezen(verslag)
    assert (eerste.titel, eerste.html) == (
        "Neem de tijd – en vraag door",
        "<p>Een gesprek met een jongere doe je niet even.</p><p>Luister zonder oordeel.</p>",
    )
    assert (tweede.titel, tweede.html) == (
        "Houd het helder – ook als je moet schakelen",
        "<p>Wees duidelijk.</p>",
    )
    html = publiceer(client, word.bytes())
    assert ">Neem de tijd – en vraag door</a>" in html
    assert "<p>Een gesprek met een jongere doe je niet even.</p>" in html


def test_a_numbered_paragraph_that_is_all_title_stays_a_title(uitvoerders, leidinggevenden):
    word = begin(Verslag())
    word.alinea("1. Praat mét de inwoner – niet over de inwoner")
    word.alinea("Als je echt wilt weten wat een inwoner nodig heeft.")
    word.genummerd("Neem initiatief – maar houd het doel voor ogen")
    word.alinea("Zoek gelijkgestemden.")
    voeg_leidinggevenden_toe(word)
    verslag = lees(word.bytes())
    assert verslag.fouten == []
    assert [(a.titel, a.alineas) for a in adviezen(verslag)][:2] == [
        (
            "Praat mét de inwoner – niet over de inwoner",
            ["Als je echt wilt weten wat een inwoner nodig heeft."],
        ),
        ("Neem initiatief – maar houd het doel voor ogen", ["Zoek gelijkgestemden."]),
    ]


def test_bullets_a_link_and_italics_inside_an_advies_are_kept(client, uitvoerders, leidinggevenden):
    word = begin(Verslag(), kop="Eén advies voor uitvoerders")
    word.genummerd(("vet", "Werk samen – met iedereen"))
    word.alinea("Zo doe je dat: ", ("cursief", "altijd"), " samen.")
    word.opsomming("eerst luisteren", ["dan ", ("vet", "vragen")])
    word.alinea("Lees meer op ", ("link", "aeno.nl", "https://www.aeno.nl/"), ".")
    voeg_leidinggevenden_toe(word)
    verslag = lees(word.bytes())

    verwacht = (
        "<p>Zo doe je dat: <em>altijd</em> samen.</p>"
        "<ul><li>eerst luisteren</li><li>dan <strong>vragen</strong></li></ul>"
        f"<p>Lees meer op {LINK}.</p>"
    )
    assert verslag.meldingen == []
    assert adviezen(verslag)[0].html == verwacht
    assert verwacht in publiceer(client, word.bytes())


def test_a_numbered_list_inside_an_advies_stays_text(uitvoerders, leidinggevenden):
    word = begin(Verslag(), kop="Eén advies voor uitvoerders")
    word.genummerd(("vet", "Kijk goed – een netwerk is geen wondermiddel"))
    word.alinea("Stel jezelf drie vragen:")
    word.nieuwe_nummering()
    for vraag in ("Is er een netwerk?", "Kun je het inzetten?", "Hoe zet je het het beste in?"):
        word.genummerd(vraag)
    voeg_leidinggevenden_toe(word)
    verslag = lees(word.bytes())
    assert verslag.fouten == []
    assert adviezen(verslag)[0].html == (
        "<p>Stel jezelf drie vragen:</p><ol><li>Is er een netwerk?</li>"
        "<li>Kun je het inzetten?</li><li>Hoe zet je het het beste in?</li></ol>"
    )


def test_a_short_last_line_without_a_full_stop_stays_text_and_makes_no_thema(
    uitvoerders, leidinggevenden
):
    word = begin(Verslag())
    word.kop("Praten met inwoners", 2)
    word.genummerd(("vet", "Maak het makkelijk – voor iedereen"))
    word.alinea("Schrijf in gewone taal.")
    word.alinea("Tip: gebruik pictogrammen")
    word.alinea(("vet", "Belangrijk: vraag of het duidelijk was"))
    word.alinea("Dat werkt", ZACHT, "“Echt waar”")
    word.genummerd(("vet", "Vraag door – ook als het lastig is"))
    word.alinea("Dat loont.")
    voeg_leidinggevenden_toe(word)
    verslag = lees(word.bytes())

    assert verslag.fouten == []
    assert [(a.thema, a.titel) for a in adviezen(verslag)][:2] == [
        ("Praten met inwoners", "Maak het makkelijk – voor iedereen"),
        ("Praten met inwoners", "Vraag door – ook als het lastig is"),
    ]
    assert adviezen(verslag)[0].html == (
        "<p>Schrijf in gewone taal.</p><p>Tip: gebruik pictogrammen</p>"
        "<p><strong>Belangrijk: vraag of het duidelijk was</strong></p>"
        "<p>Dat werkt</p><p>“Echt waar”</p>"
    )
    assert verslag.themas == ["Praten met inwoners"]


def test_in_plain_text_a_remark_with_a_colon_is_no_thema(uitvoerders):
    tekst = (
        "Eén advies voor uitvoerders\n1. Maak het makkelijk – voor iedereen\n"
        "Schrijf in gewone taal.\nTip: gebruik pictogrammen\n"
    )
    verslag = lees_verslag(tekst + "Eén advies voor leidinggevenden en bestuurders\n1. A – b\nC.")
    assert adviezen(verslag)[0].alineas == ["Schrijf in gewone taal.", "Tip: gebruik pictogrammen"]


def test_a_table_is_left_out_with_a_warning_naming_it_and_where_it_stood(
    client, uitvoerders, leidinggevenden
):
    word = begin(Verslag(), kop="Eén advies voor uitvoerders")
    word.genummerd(("vet", "Plan samen – en schrijf het op"))
    word.alinea("Maak een overzicht.")
    word.tabel([["Wie", "Wat"], ["Inwoner", "Doel"]])
    word.alinea("Bespreek het elke maand.")
    voeg_leidinggevenden_toe(word)
    verslag = lees(word.bytes())

    assert verslag.fouten == []
    assert [str(m) for m in verslag.waarschuwingen] == [
        "Alinea 5: een tabel (2 rijen: ‘Wie | Wat | Inwoner | Doel’) is niet overgenomen "
        "(bij advies 1 voor uitvoerders, ‘Plan samen – en schrijf het op’)."
    ]
    assert adviezen(verslag)[0].html == (
        "<p>Maak een overzicht.</p><p>Bespreek het elke maand.</p>"
    )
    assert "Inwoner" not in publiceer(client, word.bytes())


def test_an_image_and_its_caption_are_left_out_with_warnings_not_put_in_the_intro(
    uitvoerders, leidinggevenden
):
    word = Verslag()
    word.alinea("Uitvoerders vertelden wat werkt.")
    word.afbeelding(alt="Groepsfoto van het werkatelier", bijschrift="Foto: de deelnemers")
    word.kop("Eén advies voor uitvoerders", 1)
    word.nieuwe_nummering()
    word.genummerd(("vet", "Luister – echt"))
    word.alinea("Neem de tijd.")
    voeg_leidinggevenden_toe(word)
    verslag = lees(word.bytes())

    assert verslag.intro == ["Uitvoerders vertelden wat werkt."]
    assert [str(m) for m in verslag.waarschuwingen] == [
        "Alinea 2: een afbeelding (‘Groepsfoto van het werkatelier’) is niet overgenomen "
        "(in de inleiding).",
        "Alinea 3: het bijschrift ‘Foto: de deelnemers’ is niet overgenomen (in de inleiding).",
    ]


def test_a_text_box_a_footnote_and_a_comment_are_left_out_with_warnings(
    uitvoerders, leidinggevenden
):
    word = begin(Verslag(), kop="Eén advies voor uitvoerders")
    word.genummerd(("vet", "Luister – echt"))
    alinea = word.alinea("Neem de tijd.")
    word.voetnoot(alinea, "Bron: werkatelier 2024.")
    word.opmerking(alinea, "Klopt dit nog?")
    word.tekstvak(word.alinea("Zonder oordeel."), "Citaat van een deelnemer")
    voeg_leidinggevenden_toe(word)
    verslag = lees(word.bytes())

    plaats = "(bij advies 1 voor uitvoerders, ‘Luister – echt’)"
    assert [str(m) for m in verslag.waarschuwingen] == [
        f"Alinea 4: een opmerking (‘Klopt dit nog?’) is niet overgenomen {plaats}.",
        f"Alinea 4: een voetnoot (‘Bron: werkatelier 2024.’) is niet overgenomen {plaats}.",
        f"Alinea 5: een tekstvak (‘Citaat van een deelnemer’) is niet overgenomen {plaats}.",
    ]
    assert adviezen(verslag)[0].html == "<p>Neem de tijd.</p><p>Zonder oordeel.</p>"


def test_smart_quotes_and_non_breaking_spaces_read_as_typed(uitvoerders, leidinggevenden):
    word = Verslag()
    word.alinea("Wat ‘werkt’ volgens “uitvoerders”?")
    word.kop("Eén\u00a0advies voor uitvoerders", 1)
    word.alinea("1.\u00a0Praat mét de inwoner\u00a0– niet over de inwoner")
    word.alinea("Niet: ‘U kunt hier komen als …’, maar ‘De gemeente helpt u graag’.")
    voeg_leidinggevenden_toe(word)
    verslag = lees(word.bytes())

    assert verslag.fouten == []
    advies = adviezen(verslag)[0]
    assert advies.titel == "Praat mét de inwoner – niet over de inwoner"
    assert (
        advies.html == "<p>Niet: ‘U kunt hier komen als …’, maar ‘De gemeente helpt u graag’.</p>"
    )
    assert verslag.intro_html == "<p>Wat ‘werkt’ volgens “uitvoerders”?</p>"


def test_bookmarks_are_no_content_and_give_no_warning(client, uitvoerders, leidinggevenden):
    """Word leaves bookmarks in paragraphs (_GoBack, _Toc…); other programs put one before
    every heading (seen in a report saved by pandoc: a warning about 'an unknown part' per
    heading)."""
    word = Verslag()
    word.bladwijzer(word.alinea("Uitvoerders vertelden wat werkt."), "_Toc1")
    word.bladwijzer(naam="een-advies-voor-uitvoerders")
    word.kop("Eén advies voor uitvoerders", 1)
    word.nieuwe_nummering()
    word.bladwijzer(word.genummerd(("vet", "Luister – echt"), " Neem de tijd."))
    word.bladwijzer(naam="leidinggevenden")
    voeg_leidinggevenden_toe(word)
    verslag = lees(word.bytes())

    assert verslag.fouten == [] and verslag.waarschuwingen == []
    assert [(a.titel, a.html) for a in adviezen(verslag)] == [
        ("Luister – echt", "<p>Neem de tijd.</p>"),
        ("Geef ruimte – en vertrouwen", "<p>Uitvoerders hebben steun nodig.</p>"),
    ]
    assert verslag.intro_html == "<p>Uitvoerders vertelden wat werkt.</p>"


def test_a_paragraph_on_a_list_level_that_shows_nothing_is_text(uitvoerders, leidinggevenden):
    """pandoc writes a paragraph that goes on within a list item as a 'bullet' of a space, and
    Word has the number format none: what shows no bullet is no bullet (seen in a report saved
    by pandoc, whose follow-on paragraphs became bullets)."""
    word = begin(Verslag())
    word.genummerd(("vet", "Luister – echt"), " Neem de tijd.")
    word.zonder_teken("Tip: gebruik pictogrammen")
    word.genummerd(("vet", "Wees helder"))
    word.zonder_teken("Zeg wat je doet.", vorm="none", teken="")
    voeg_leidinggevenden_toe(word)
    verslag = lees(word.bytes())

    assert verslag.fouten == []
    assert [(a.titel, a.html) for a in adviezen(verslag)][:2] == [
        ("Luister – echt", "<p>Neem de tijd.</p><p>Tip: gebruik pictogrammen</p>"),
        ("Wees helder", "<p>Zeg wat je doet.</p>"),
    ]


def test_the_site_frame_at_the_end_is_left_out(uitvoerders, leidinggevenden):
    word = begin(Verslag(), kop="Eén advies voor uitvoerders")
    word.genummerd(("vet", "Luister – echt"))
    word.alinea("Neem de tijd.")
    voeg_leidinggevenden_toe(word)
    word.kop("Leer van de ervaringen van je collega's", 2)
    word.alinea("Meer weten over de Werkateliers?")
    word.alinea("Meer info?")
    word.alinea("Mail naar secretariaat@aeno.nl of bel met 070 - 763 00 30")
    word.alinea("Stuur een email")
    verslag = lees(word.bytes())

    assert verslag.meldingen == []
    assert [a.alineas for a in adviezen(verslag)] == [
        ["Neem de tijd."],
        ["Uitvoerders hebben steun nodig."],
    ]
    assert [b.rol for b in verslag.blokken[-5:]] == ["slot"] * 5
    assert not any(b.geraden for b in verslag.blokken)


def test_a_new_thema_from_a_bold_line_is_marked_as_guessed(uitvoerders, leidinggevenden):
    word = Verslag()
    word.alinea("Inleiding.")
    word.alinea(("vet", "Eén advies voor uitvoerders"))
    word.alinea(("vet", "Samen sterker"))
    word.alinea("1. Luister – echt")
    word.alinea("Neem de tijd.")
    voeg_leidinggevenden_toe(word)
    verslag = lees(word.bytes())

    assert verslag.fouten == []
    assert adviezen(verslag)[0].thema == "Samen sterker"
    assert (
        adviezen(verslag)[0].thema_geraden
        == "een vetgedrukte regel zonder kopstijl, vóór een advies"
    )
    assert verslag.nieuwe_themas == ["Samen sterker"]


def test_an_unconfirmed_new_thema_is_not_created(uitvoerders, leidinggevenden):
    verslag = lees_verslag(seed_tekst(SEEDS[0]))
    with pytest.raises(Exception, match="Bevestig het nieuwe thema ‘Praten met inwoners’"):
        sla_op(verslag, titel="Integraal", nieuwe_themas=["Met collega's"])
    assert not Thema.objects.exists()
    sla_op(verslag, titel="Integraal", nieuwe_themas=["Met collega's", "Praten met inwoners"])
    assert Thema.objects.count() == 2


# Files that must be refused before anything is decompressed -------------------------------

GEHEUGEN = """
import os, resource, sys
import django
django.setup()
from werkateliers.importer import ImportFout, lees_bestand
inhoud = open(sys.argv[1], "rb").read()
voor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    lees_bestand("verslag.docx", inhoud)
    print("gelezen")
except ImportFout as fout:
    print(fout)
print(int((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - voor) / 1024))
"""


def lees_in_apart_proces(pad):
    """Read a file in a child process; (what it said, extra memory in MB)."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    uit = subprocess.run(
        [sys.executable, "-c", GEHEUGEN, str(pad)],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "praktijkadviezen.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.splitlines()
    return "\n".join(uit[:-1]), int(uit[-1])


def zip_met_nullen(pad, megabytes):
    """A zip with one part, word/document.xml, full of zeros."""
    import zipfile

    with zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED) as bom:
        with bom.open("word/document.xml", "w", force_zip64=megabytes >= 4096) as deel:
            nullen = b"\0" * (1 << 20)
            for _ in range(megabytes):
                deel.write(nullen)


def test_a_zip_bomb_is_refused_before_unpacking_and_costs_little_memory(tmp_path):
    pad = tmp_path / "bom.docx"
    zip_met_nullen(pad, 1024)  # 1 GB of zeros in about 1 MB
    assert pad.stat().st_size < 2 * 1024 * 1024
    melding, extra_mb = lees_in_apart_proces(pad)
    assert "uitgepakt groter dan 40 MB" in melding
    assert extra_mb < 100


def test_a_zip_that_lies_about_its_sizes_is_refused_with_bounded_memory(tmp_path):
    pad = tmp_path / "liegt.docx"
    zip_met_nullen(pad, 200)
    data = bytearray(pad.read_bytes())
    # Say the document is 1 kB, in the local header and in the central directory.
    for handtekening, plek in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        begin = data.index(handtekening)
        data[begin + plek : begin + plek + 4] = (1024).to_bytes(4, "little")
    pad.write_bytes(bytes(data))
    melding, extra_mb = lees_in_apart_proces(pad)
    assert melding == "Dit is geen leesbaar Word-bestand (.docx)."
    assert extra_mb < 100


def test_a_docx_with_too_many_parts_is_refused(tmp_path):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as veel:
        for i in range(1001):
            veel.writestr(f"word/media/{i}.txt", "x")
    with pytest.raises(Exception, match="meer dan 1000 delen"):
        lees_bestand("veel.docx", buffer.getvalue())


def test_an_upload_over_20_mb_is_refused_before_it_is_read(redacteur_client, monkeypatch):
    import io

    from werkateliers.importer import bestand as importbestand

    gelezen = []
    monkeypatch.setattr(importbestand, "lees_docx", lambda inhoud: gelezen.append(1))
    bestand = io.BytesIO(b"PK" + b"\0" * (20 * 1024 * 1024))
    bestand.name = "groot.docx"
    response = redacteur_client.post(
        "/beheer/werkateliers/werkatelier/importeren/",
        {"titel": "Groot", "bestand": bestand, "controleren": "1"},
    )
    assert "Het bestand is groter dan 20 MB." in response.content.decode()
    assert gelezen == []
