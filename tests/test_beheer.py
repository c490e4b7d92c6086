import io
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from tests.factories import AdviesFactory, ThemaFactory, WerkatelierFactory
from tests.test_importer import VERWACHT, seed_tekst, structuur
from werkateliers.importer import lees_verslag
from werkateliers.models import Advies, OudAdres, Werkatelier

pytestmark = pytest.mark.django_db

WERKATELIERS = "/beheer/werkateliers/werkatelier/"


def formulier(werkatelier, **wijzigingen):
    """The POST data of the werkatelier change form, as the admin would send it."""
    moment = (
        timezone.localtime(werkatelier.gepubliceerd_op) if werkatelier.gepubliceerd_op else None
    )
    data = {
        "titel": werkatelier.titel,
        "slug": werkatelier.slug,
        "intro": werkatelier.intro,
        "datum": "",
        "beschrijving": werkatelier.beschrijving,
        "status": werkatelier.status,
        "gepubliceerd_op_0": moment.strftime("%d-%m-%Y") if moment else "",
        "gepubliceerd_op_1": moment.strftime("%H:%M:%S") if moment else "",
    }
    adviezen = list(werkatelier.adviezen.order_by("doelgroep__volgorde", "positie"))
    data.update(
        {
            "adviezen-TOTAL_FORMS": str(len(adviezen)),
            "adviezen-INITIAL_FORMS": str(len(adviezen)),
            "adviezen-MIN_NUM_FORMS": "0",
            "adviezen-MAX_NUM_FORMS": "1000",
        }
    )
    for i, advies in enumerate(adviezen):
        data.update(
            {
                f"adviezen-{i}-id": str(advies.pk),
                f"adviezen-{i}-werkatelier": str(werkatelier.pk),
                f"adviezen-{i}-doelgroep": str(advies.doelgroep_id),
                f"adviezen-{i}-thema": str(advies.thema_id or ""),
                f"adviezen-{i}-positie": str(advies.positie),
                f"adviezen-{i}-titel": advies.titel,
                f"adviezen-{i}-tekst": advies.tekst,
            }
        )
    data.update(wijzigingen)
    return data


def rij(data, titel):
    """The form index of the advies with this title."""
    return next(k.split("-")[1] for k, v in data.items() if k.endswith("-titel") and v == titel)


def test_every_admin_page_answers_200_for_a_redacteur(redacteur_client, seeds):
    werkatelier = seeds["integraal-werken"]
    advies = werkatelier.adviezen.first()
    thema = advies.thema
    OudAdres.objects.create(slug="oud", werkatelier=werkatelier)
    paginas = [
        "/beheer/",
        "/beheer/werkateliers/",
        WERKATELIERS,
        f"{WERKATELIERS}?status__exact=concept",
        f"{WERKATELIERS}?q=integraal",
        f"{WERKATELIERS}add/",
        f"{WERKATELIERS}importeren/",
        f"{WERKATELIERS}{werkatelier.pk}/change/",
        f"{WERKATELIERS}{werkatelier.pk}/history/",
        f"{WERKATELIERS}{werkatelier.pk}/delete/",
        "/beheer/werkateliers/thema/",
        "/beheer/werkateliers/thema/add/",
        f"/beheer/werkateliers/thema/{thema.pk}/change/",
        "/beheer/werkateliers/doelgroep/",
        f"/beheer/werkateliers/doelgroep/{advies.doelgroep_id}/change/",
        "/beheer/werkateliers/advies/",
        f"/beheer/werkateliers/advies/{advies.pk}/change/",
        "/beheer/werkateliers/oudadres/",
        "/beheer/autocomplete/?app_label=werkateliers&model_name=advies&field_name=thema&term=Praten",
        f"/werkateliers/{werkatelier.slug}/voorbeeld/",
    ]
    for pagina in paginas:
        assert redacteur_client.get(pagina).status_code == 200, pagina


def test_redacteur_cannot_reach_user_management_or_the_inbox(redacteur_client):
    assert redacteur_client.get("/beheer/auth/user/").status_code == 403
    assert redacteur_client.get("/beheer/auth/group/").status_code == 403
    assert redacteur_client.get("/beheer/contact/contactbericht/").status_code == 403
    assert "Gebruikers" not in redacteur_client.get("/beheer/").content.decode()


def test_changelist_shows_each_status_with_its_moment_and_the_right_link(redacteur_client, seeds):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    WerkatelierFactory(titel="Nog bezig", slug="nog-bezig", concept=True)
    WerkatelierFactory(
        titel="Straks",
        slug="straks",
        gepubliceerd_op=datetime(2099, 12, 3, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam")),
    )
    html = redacteur_client.get(WERKATELIERS).content.decode()
    assert "Importeer werkatelier" in html
    assert '<span class="status status-gepland">gepland voor 3 december 2099, 09:00</span>' in html
    assert '<span class="status status-concept">concept</span>' in html
    assert 'class="status status-gepubliceerd">gepubliceerd sinds' in html
    assert '<a href="/werkateliers/integraal-werken/">Bekijk op de site</a>' in html
    assert '<a href="/werkateliers/straks/voorbeeld/">Voorbeeld</a>' in html
    assert '<a href="/werkateliers/nog-bezig/voorbeeld/">Voorbeeld</a>' in html
    assert "<h1>Werkateliers</h1>" in html


@pytest.mark.parametrize(
    "status, titels",
    [
        ("concept", ["Nog bezig"]),
        ("gepland", ["Straks"]),
        ("gepubliceerd", ["Integraal werken", "Werken met jongeren"]),
    ],
)
def test_the_list_filters_on_what_the_public_sees_now(redacteur_client, seeds, status, titels):
    WerkatelierFactory(titel="Nog bezig", concept=True)
    WerkatelierFactory(titel="Straks", gepland=True)
    response = redacteur_client.get(f"{WERKATELIERS}?status_nu={status}")
    assert sorted(w.titel for w in response.context["cl"].result_list) == titels


def test_the_form_shows_the_status_and_links_to_the_site_or_the_preview(redacteur_client, seeds):
    werkatelier = seeds["integraal-werken"]
    html = redacteur_client.get(f"{WERKATELIERS}{werkatelier.pk}/change/").content.decode()
    assert 'class="status status-gepubliceerd">gepubliceerd sinds' in html
    assert (
        '<a href="/werkateliers/integraal-werken/" class="viewsitelink">Bekijk op de site</a>'
        in html
    )
    advies = werkatelier.adviezen.first()
    assert f'href="{advies.get_absolute_url()}"' in html
    werkatelier.status = Werkatelier.Status.CONCEPT
    werkatelier.save()
    html = redacteur_client.get(f"{WERKATELIERS}{werkatelier.pk}/change/").content.decode()
    assert (
        '<a href="/werkateliers/integraal-werken/voorbeeld/" class="viewsitelink">Voorbeeld</a>'
        in html
    )
    # Each advies's own link leads to its place in the preview, never to a 404.
    assert f'href="/werkateliers/integraal-werken/voorbeeld/#advies-{advies.pk}"' in html


def test_page_titles_start_with_a_capital(redacteur_client, seeds):
    """Django's Dutch titles start with the model's name ("werkatelier wijzigen")."""
    werkatelier = seeds["integraal-werken"]
    for adres, titel in [
        (f"{WERKATELIERS}{werkatelier.pk}/change/", "Werkatelier wijzigen"),
        (f"{WERKATELIERS}add/", "Werkatelier toevoegen"),
    ]:
        html = redacteur_client.get(adres).content.decode()
        assert f"<h1>{titel}</h1>" in html
        assert f"{titel} | " in html.split("</title>")[0]


def test_moving_an_advies_away_from_its_thema_is_refused_when_published(redacteur_client, seeds):
    werkatelier = seeds["integraal-werken"]
    data = formulier(werkatelier)
    data[f"adviezen-{rij(data, 'Organiseer samenwerking – investeer in collega’s')}-positie"] = "1"
    response = redacteur_client.post(f"{WERKATELIERS}{werkatelier.pk}/change/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dit werkatelier kan zo niet gepubliceerd worden" in html
    index = rij(data, "Toon lef, neem initiatief – maar houd het doel voor ogen")
    assert (
        f'<a href="#adviezen-{index}">Advies 4 voor uitvoerders (‘Toon lef, neem initiatief – maar '
        "houd het doel voor ogen’) hoort bij thema ‘Met collega&#x27;s’, maar staat niet bij de "
        "andere adviezen met dat thema. Zet het direct na advies 1; de adviezen van één thema "
        "staan altijd bij elkaar.</a>"
    ) in html
    # The problems stand at the top, before the first field.
    assert html.index("publicatieproblemen-kop") < html.index('name="titel"')
    assert list(werkatelier.adviezen.filter(positie=1).values_list("titel", flat=True)) != [
        "Organiseer samenwerking – investeer in collega’s"
    ]


def test_the_publish_action_links_each_problem_to_its_advies(redacteur_client, seeds):
    werkatelier = seeds["integraal-werken"]
    werkatelier.status = Werkatelier.Status.CONCEPT
    werkatelier.save()
    advies = werkatelier.adviezen.get(titel__startswith="Toon lef")
    advies.thema = None
    advies.save()
    response = redacteur_client.post(
        WERKATELIERS, {"action": "publiceren", "_selected_action": [werkatelier.pk]}, follow=True
    )
    assert (
        f'<a href="/beheer/werkateliers/werkatelier/{werkatelier.pk}/change/#adviezen-2">'
        "Advies 3 voor uitvoerders (‘Toon lef"
    ) in response.content.decode()


def test_import_preview_shows_warnings_beside_the_lines_and_creates_nothing(
    redacteur_client, uitvoerders
):
    tekst = "Inleiding.\nDrie adviezen voor uitvoerders\n1. Een – a\nTekst.\n3. Drie – c\nTekst."
    response = redacteur_client.post(
        f"{WERKATELIERS}importeren/", {"titel": "Kapot", "tekst": tekst, "controleren": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "de kop noemt drie adviezen, maar er volgen er twee." in html
    rij = response.context["verslag"].blokken[4]
    assert (rij.nr, rij.tekst, rij.rol) == (5, "3. Drie – c", "advies-titel")
    # The problem is shown beside its line, and the summary links to it.
    blok = html[html.index('id="blok-5"') : html.index('id="blok-6"')]
    assert "Na advies 1 komt advies 3; nummer 2 ontbreekt (‘Drie – c’)." in blok
    assert '<a href="#blok-5">Regel 5: na advies 1 komt advies 3' in html
    assert 'value="Maak aan als concept"' not in html
    # Even a forced confirm creates nothing while there are warnings.
    redacteur_client.post(
        f"{WERKATELIERS}importeren/", {"titel": "Kapot", "tekst": tekst, "aanmaken": "1"}
    )
    assert not Werkatelier.objects.exists()


@pytest.mark.parametrize("naam", list(VERWACHT))
def test_import_confirm_creates_a_concept_equal_to_the_text(
    redacteur_client, uitvoerders, leidinggevenden, naam
):
    tekst = seed_tekst(naam)
    preview = redacteur_client.post(
        f"{WERKATELIERS}importeren/", {"titel": "Nieuw", "tekst": tekst, "controleren": "1"}
    )
    assert "De opbouw is goed gelezen" in preview.content.decode()
    assert 'value="Maak aan als concept"' in preview.content.decode()
    themas = preview.context["verslag"].nieuwe_themas
    response = redacteur_client.post(
        f"{WERKATELIERS}importeren/",
        {"titel": "Nieuw", "tekst": tekst, "aanmaken": "1", "nieuw_thema": themas},
    )
    werkatelier = Werkatelier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{WERKATELIERS}{werkatelier.pk}/change/"
    assert werkatelier.status == Werkatelier.Status.CONCEPT
    opgeslagen = werkatelier.adviezen.order_by("doelgroep__volgorde", "positie")
    verwacht = [
        (a.thema, a.titel, a.html) for d in lees_verslag(tekst).doelgroepen for a in d.adviezen
    ]
    assert [(a.thema.naam if a.thema else None, a.titel, a.tekst) for a in opgeslagen] == verwacht
    assert LogEntry.objects.filter(object_id=str(werkatelier.pk)).exists()


def test_import_reads_an_uploaded_docx_and_shows_its_text_for_fixing(
    redacteur_client, uitvoerders, leidinggevenden
):
    import docx

    document = docx.Document()
    for regel in seed_tekst("werkatelier-jongeren.txt").splitlines():
        document.add_paragraph(regel)
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    buffer.name = "verslag.docx"
    response = redacteur_client.post(
        f"{WERKATELIERS}importeren/", {"titel": "Jong", "bestand": buffer, "controleren": "1"}
    )
    html = response.content.decode()
    # Without any styles the thema's are a guess: the preview asks to check them.
    assert "Gelezen: 9 adviezen. Bij 3 blokken moest de site raden" in html
    assert "Zes adviezen voor uitvoerders" in html
    assert structuur(response.context["verslag"]) == VERWACHT["werkatelier-jongeren.txt"]
    assert not Werkatelier.objects.exists()


def test_import_refuses_other_files(redacteur_client):
    bestand = io.BytesIO(b"%PDF-1.4")
    bestand.name = "verslag.pdf"
    response = redacteur_client.post(
        f"{WERKATELIERS}importeren/", {"titel": "X", "bestand": bestand, "controleren": "1"}
    )
    assert "Kies een .txt- of .docx-bestand." in response.content.decode()


def test_reordering_changes_the_numbers_on_the_public_page(redacteur_client, client, seeds):
    werkatelier = seeds["integraal-werken"]
    data = formulier(werkatelier)
    # Move "Organiseer samenwerking" (4) above "Toon lef" (3), as the drag script does.
    data[
        f"adviezen-{rij(data, 'Toon lef, neem initiatief – maar houd het doel voor ogen')}-positie"
    ] = "4"
    data[f"adviezen-{rij(data, 'Organiseer samenwerking – investeer in collega’s')}-positie"] = "3"
    response = redacteur_client.post(f"{WERKATELIERS}{werkatelier.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    html = client.get(werkatelier.get_absolute_url()).content.decode()
    assert re.search(r'Advies 3: </span><a href="[^"]+">Organiseer samenwerking', html)
    assert re.search(r'Advies 4: </span><a href="[^"]+">Toon lef', html)


def test_typing_a_lower_position_moves_an_advies_forward(redacteur_client, client, seeds):
    werkatelier = seeds["integraal-werken"]
    werkatelier.status = Werkatelier.Status.CONCEPT
    werkatelier.save()
    data = formulier(werkatelier)
    data[f"adviezen-{rij(data, 'Organiseer samenwerking – investeer in collega’s')}-positie"] = "1"
    redacteur_client.post(f"{WERKATELIERS}{werkatelier.pk}/change/", data)
    titels = list(
        werkatelier.adviezen.filter(doelgroep__slug="uitvoerders")
        .order_by("positie")
        .values_list("positie", "titel")
    )
    assert titels[0] == (1, "Organiseer samenwerking – investeer in collega’s")
    assert [p for p, _ in titels] == [1, 2, 3, 4]


def test_publishing_with_a_problem_shows_the_list_and_changes_nothing(
    redacteur_client, uitvoerders, leidinggevenden
):
    leeg = WerkatelierFactory(titel="Leeg", concept=True)
    response = redacteur_client.post(
        WERKATELIERS, {"action": "publiceren", "_selected_action": [leeg.pk]}, follow=True
    )
    html = response.content.decode()
    assert "‘Leeg’ is niet gepubliceerd. Los eerst dit op:" in html
    assert "Er staan nog geen adviezen in dit werkatelier." in html
    leeg.refresh_from_db()
    assert leeg.status == Werkatelier.Status.CONCEPT


def test_all_publication_problems_are_listed_together(uitvoerders, leidinggevenden):
    werkatelier = WerkatelierFactory(concept=True)
    thema = ThemaFactory()
    AdviesFactory(werkatelier=werkatelier, doelgroep=uitvoerders, thema=thema, positie=1)
    AdviesFactory(
        werkatelier=werkatelier,
        doelgroep=uitvoerders,
        thema=None,
        titel="Zonder thema",
        positie=2,
        tekst=" ",
    )
    assert [p.tekst for p in werkatelier.publicatieproblemen()] == [
        "Er zijn geen adviezen voor leidinggevenden en bestuurders: de kop zou "
        "‘Nul adviezen voor leidinggevenden en bestuurders’ worden.",
        "Advies 2 voor uitvoerders (‘Zonder thema’) heeft geen tekst.",
        "Advies 2 voor uitvoerders (‘Zonder thema’) heeft geen thema, terwijl de andere adviezen voor uitvoerders er wel een hebben.",
    ]


def test_publishing_through_the_form_with_a_problem_changes_nothing(redacteur_client, seeds):
    werkatelier = seeds["integraal-werken"]
    werkatelier.status = Werkatelier.Status.CONCEPT
    werkatelier.save()
    data = formulier(werkatelier, status="gepubliceerd")
    data[
        f"adviezen-{rij(data, 'Toon lef, neem initiatief – maar houd het doel voor ogen')}-thema"
    ] = ""
    response = redacteur_client.post(f"{WERKATELIERS}{werkatelier.pk}/change/", data)
    assert response.status_code == 200
    assert "Dit werkatelier kan zo niet gepubliceerd worden" in response.content.decode()
    werkatelier.refresh_from_db()
    assert werkatelier.status == Werkatelier.Status.CONCEPT
    assert (
        werkatelier.adviezen.filter(thema__isnull=True, doelgroep__slug="uitvoerders").count() == 0
    )


def test_publish_and_unpublish_actions(redacteur_client, client, seeds):
    werkatelier = seeds["integraal-werken"]
    redacteur_client.post(
        WERKATELIERS, {"action": "terug_naar_concept", "_selected_action": [werkatelier.pk]}
    )
    assert client.get(werkatelier.get_absolute_url()).status_code == 404
    redacteur_client.post(
        WERKATELIERS, {"action": "publiceren", "_selected_action": [werkatelier.pk]}
    )
    assert client.get(werkatelier.get_absolute_url()).status_code == 200


def test_publishing_without_a_moment_means_now(redacteur_client, seeds):
    werkatelier = seeds["integraal-werken"]
    werkatelier.status, werkatelier.gepubliceerd_op = Werkatelier.Status.CONCEPT, None
    werkatelier.save()
    response = redacteur_client.post(
        f"{WERKATELIERS}{werkatelier.pk}/change/", formulier(werkatelier, status="gepubliceerd")
    )
    assert response.status_code == 302
    werkatelier.refresh_from_db()
    assert werkatelier.is_public


def test_changing_a_published_slug_keeps_the_old_address_with_a_301(
    redacteur_client, client, seeds
):
    werkatelier = seeds["integraal-werken"]
    response = redacteur_client.post(
        f"{WERKATELIERS}{werkatelier.pk}/change/", formulier(werkatelier, slug="samen-integraal")
    )
    assert response.status_code == 302
    oud = client.get("/werkateliers/integraal-werken/")
    assert oud.status_code == 301
    assert oud["Location"] == "/werkateliers/samen-integraal/"
    assert client.get("/werkateliers/samen-integraal/").status_code == 200


def test_preview_shows_a_concept_to_staff_with_a_banner_and_is_404_for_visitors(
    redacteur_client, client, uitvoerders
):
    werkatelier = WerkatelierFactory(titel="Nog geheim", concept=True)
    AdviesFactory(werkatelier=werkatelier, doelgroep=uitvoerders)
    url = f"/werkateliers/{werkatelier.slug}/voorbeeld/"
    response = redacteur_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Voorbeeld voor de redactie" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "Eén advies voor uitvoerders" in html
    redacteur_client.logout()
    assert redacteur_client.get(url).status_code == 404


def test_history_shows_who_changed_an_advies(redacteur_client, seeds):
    werkatelier = seeds["integraal-werken"]
    data = formulier(werkatelier)
    data[f"adviezen-{rij(data, 'Wees proactief – en communiceer positief')}-titel"] = (
        "Wees proactief – en positief"
    )
    redacteur_client.post(f"{WERKATELIERS}{werkatelier.pk}/change/", data)
    html = redacteur_client.get(f"{WERKATELIERS}{werkatelier.pk}/history/").content.decode()
    assert "redacteur" in html
    assert "Wees proactief – en positief" in html
    assert Advies.objects.filter(titel="Wees proactief – en positief").exists()


def test_groups_come_from_data_migrations():
    from django.contrib.auth.models import Group

    redacteur = set(
        Group.objects.get(name="Redacteur").permissions.values_list("codename", flat=True)
    )
    assert {"add_werkatelier", "change_advies", "delete_thema", "view_doelgroep"} <= redacteur
    assert not any("user" in p or "contactbericht" in p for p in redacteur)


def test_maak_redacteur_makes_a_staff_account_in_the_group(monkeypatch, django_user_model):
    from django.core.management import call_command

    monkeypatch.setenv("DJANGO_WACHTWOORD", "Een-lang-wachtwoord-2026")
    call_command("maak_redacteur", "anne")
    anne = django_user_model.objects.get(username="anne")
    assert anne.is_staff and not anne.is_superuser
    assert anne.groups.filter(name="Redacteur").exists()


def test_thema_is_chosen_with_autocomplete_and_can_be_added_in_place(redacteur_client, seeds):
    werkatelier = seeds["integraal-werken"]
    html = redacteur_client.get(f"{WERKATELIERS}{werkatelier.pk}/change/").content.decode()
    assert 'class="admin-autocomplete' in html
    assert 'data-model-ref="thema"' in html
    assert 'id="add_id_adviezen-0-thema"' in html
    assert redacteur_client.get("/beheer/werkateliers/thema/add/?_popup=1").status_code == 200


def word_upload(inhoud, naam="verslag.docx"):
    bestand = io.BytesIO(inhoud)
    bestand.name = naam
    return bestand


def opgemaakt_verslag():
    from tests.word import Verslag

    word = Verslag()
    word.alinea("Wat ", ("cursief", "werkt"), "?")
    word.kop("Eén advies voor uitvoerders", 1)
    word.alinea(("vet", "Samen sterker"))
    word.nieuwe_nummering()
    word.genummerd(("vet", "Luister – echt"), " Neem de tijd.")
    word.opsomming("eerst luisteren", "dan vragen")
    word.tabel([["a", "b"]])
    word.kop("Eén advies voor leidinggevenden en bestuurders", 1)
    word.nieuwe_nummering()
    word.genummerd(("vet", "Geef ruimte – en vertrouwen"))
    word.alinea("Uitvoerders hebben steun nodig.")
    return word.bytes()


def test_import_preview_of_a_word_file_shows_rich_text_guesses_warnings_and_new_thema_s(
    redacteur_client, uitvoerders, leidinggevenden
):
    response = redacteur_client.post(
        f"{WERKATELIERS}importeren/",
        {"titel": "Samen", "bestand": word_upload(opgemaakt_verslag()), "controleren": "1"},
    )
    html = response.content.decode()
    assert "Zo leest de site ‘verslag.docx’" in html
    assert "<p>Neem de tijd.</p>" in html
    assert "<ul><li>eerst luisteren</li><li>dan vragen</li></ul>" in html
    assert "<p>Wat <em>werkt</em>?</p>" in html
    assert "Waarom: een vetgedrukte regel zonder kopstijl, vóór een advies." in html
    assert "nieuw thema" in html
    assert "Maak het nieuwe thema ‘Samen sterker’" in html
    assert "een tabel (1 rij: ‘a | b’) is niet overgenomen" in html
    assert 'value="Maak aan als concept"' in html
    assert not Werkatelier.objects.exists()


def test_a_new_thema_is_only_created_when_the_editor_confirms_it(
    redacteur_client, uitvoerders, leidinggevenden
):
    from werkateliers.models import Thema

    check = redacteur_client.post(
        f"{WERKATELIERS}importeren/",
        {"titel": "Samen", "bestand": word_upload(opgemaakt_verslag()), "controleren": "1"},
    )
    gelezen = check.context["form"]["gelezen"].value()
    zonder = redacteur_client.post(
        f"{WERKATELIERS}importeren/", {"titel": "Samen", "gelezen": gelezen, "aanmaken": "1"}
    )
    assert "Bevestig het nieuwe thema ‘Samen sterker’" in zonder.content.decode()
    assert not Werkatelier.objects.exists() and not Thema.objects.exists()

    # The file need not be chosen again: what was read travels with the form.
    met = redacteur_client.post(
        f"{WERKATELIERS}importeren/",
        {"titel": "Samen", "gelezen": gelezen, "aanmaken": "1", "nieuw_thema": "Samen sterker"},
    )
    werkatelier = Werkatelier.objects.get()
    assert met.status_code == 302
    assert Thema.objects.get().naam == "Samen sterker"
    assert werkatelier.intro == "<p>Wat <em>werkt</em>?</p>"
    assert werkatelier.adviezen.get(doelgroep=uitvoerders).tekst == (
        "<p>Neem de tijd.</p><ul><li>eerst luisteren</li><li>dan vragen</li></ul>"
    )


def test_a_tampered_read_document_is_refused_with_a_clear_message(redacteur_client, uitvoerders):
    response = redacteur_client.post(
        f"{WERKATELIERS}importeren/", {"titel": "X", "gelezen": "vervalst:abc", "aanmaken": "1"}
    )
    assert "Het eerder gekozen bestand is verlopen; kies het opnieuw." in response.content.decode()
    assert not Werkatelier.objects.exists()


def test_an_unreadable_word_file_says_so_and_saves_nothing(redacteur_client):
    response = redacteur_client.post(
        f"{WERKATELIERS}importeren/",
        {"titel": "X", "bestand": word_upload(b"PK\x03\x04kapot"), "controleren": "1"},
    )
    assert "Dit is geen leesbaar Word-bestand (.docx)." in response.content.decode()
    assert not Werkatelier.objects.exists()
