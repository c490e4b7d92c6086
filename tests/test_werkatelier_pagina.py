import random
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from tests.factories import AdviesFactory, ThemaFactory, WerkatelierFactory
from tests.test_importer import VERWACHT
from werkateliers.models import Werkatelier

pytestmark = pytest.mark.django_db

SLUGS = {
    "werkatelier-integraal-werken.txt": "integraal-werken",
    "werkatelier-jongeren.txt": "werken-met-jongeren",
}


def _in_volgorde(html, stukken):
    """Every piece occurs, each after the one before."""
    positie = 0
    for stuk in stukken:
        positie = html.find(stuk, positie)
        if positie < 0:
            return False
    return True


@pytest.mark.parametrize("bestand", list(VERWACHT))
def test_seed_page_shows_every_heading_thema_and_numbered_title_in_order(client, seeds, bestand):
    response = client.get(f"/werkateliers/{SLUGS[bestand]}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    stukken = []
    for kop, _, adviezen in VERWACHT[bestand]:
        stukken.append(f">{kop}</h2>")
        thema = None
        for nummer, (advies_thema, titel) in enumerate(adviezen, 1):
            if advies_thema != thema:
                thema = advies_thema
                stukken.append(f'thema-kop">{escape(thema)}</h3>')
            stukken.append(f'advies__nummer" aria-hidden="true">{nummer}</span>')
            stukken.append(f"Advies {nummer}: </span><a href=")
            stukken.append(f">{escape(titel)}</a></h")
    assert _in_volgorde(html, stukken)


def test_page_shows_the_site_frame(client, seeds):
    html = client.get("/werkateliers/integraal-werken/").content.decode()
    assert _in_volgorde(
        html,
        [
            "Leer van de ervaringen van je collega’s",
            "Meer info?",
            'href="mailto:secretariaat@aeno.nl"',
            'href="tel:+31707630030"',
            "/contact/?werkatelier=integraal-werken",
            "Stuur een e-mail",
            "Misschien vind je dit ook interessant",
            'href="/werkateliers/werken-met-jongeren/"',
        ],
    )


def test_each_advies_has_its_own_anchor(client, seeds):
    werkatelier = seeds["integraal-werken"]
    html = client.get(werkatelier.get_absolute_url()).content.decode()
    for advies in werkatelier.adviezen.all():
        assert f'id="advies-{advies.pk}"' in html


@pytest.mark.parametrize("trait", ["concept", "gepland"])
def test_concept_or_scheduled_werkatelier_is_a_404(client, trait):
    werkatelier = WerkatelierFactory(**{trait: True})
    assert client.get(werkatelier.get_absolute_url()).status_code == 404


def _queries_for(client, aantal, uitvoerders, leidinggevenden):
    werkatelier = WerkatelierFactory()
    themas = ThemaFactory.create_batch(3)
    for i in range(aantal):
        AdviesFactory(
            werkatelier=werkatelier,
            doelgroep=uitvoerders if i % 2 else leidinggevenden,
            thema=themas[i % 3],
        )
    WerkatelierFactory.create_batch(4)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(werkatelier.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count('class="advies"') == aantal
    return len(queries)


def test_query_count_is_the_same_for_3_and_60_adviezen(client, uitvoerders, leidinggevenden):
    klein = _queries_for(client, 3, uitvoerders, leidinggevenden)
    groot = _queries_for(client, 60, uitvoerders, leidinggevenden)
    # The werkatelier, its adviezen; the related werkateliers and what their cards say.
    assert klein == groot == 4


def test_related_werkateliers_staff_choice_first_then_shared_thema_s_then_newest(
    client, uitvoerders
):
    thema = ThemaFactory()
    werkatelier = WerkatelierFactory()
    AdviesFactory(werkatelier=werkatelier, doelgroep=uitvoerders, thema=thema)
    gekozen = WerkatelierFactory(titel="Gekozen door de redactie")
    gedeeld = WerkatelierFactory(titel="Zelfde thema")
    AdviesFactory(werkatelier=gedeeld, doelgroep=uitvoerders, thema=thema)
    nieuwste = WerkatelierFactory(titel="Nieuwste")
    WerkatelierFactory(titel="Nog niet", concept=True)
    werkatelier.gerelateerd.add(gekozen)
    assert Werkatelier.objects.published().related_to(werkatelier, {thema.pk}) == [
        gekozen,
        gedeeld,
        nieuwste,
    ]
    html = client.get(werkatelier.get_absolute_url()).content.decode()
    verwant = html[html.index("Misschien vind je dit ook interessant") :]
    assert [verwant.index(w.titel) for w in (gekozen, gedeeld, nieuwste)] == sorted(
        verwant.index(w.titel) for w in (gekozen, gedeeld, nieuwste)
    )


def test_home_lists_published_werkateliers_newest_first(client, seeds):
    WerkatelierFactory(titel="Nog in concept", concept=True)
    html = client.get("/").content.decode()
    assert _in_volgorde(html, ["Werken met jongeren", "Integraal werken"])
    assert "Nog in concept" not in html


@pytest.mark.parametrize("aantal", [1, 2, 3, 5])
def test_related_werkateliers_are_those_a_ranking_of_all_of_them_puts_first(uitvoerders, aantal):
    """related_to ranks only the werkateliers that can come out on top; the outcome is the
    same as ranking every one of them."""
    kans = random.Random(aantal)
    themas = ThemaFactory.create_batch(4)
    werkatelier = WerkatelierFactory()
    for thema in themas[:3]:
        AdviesFactory(werkatelier=werkatelier, doelgroep=uitvoerders, thema=thema)
    nu = timezone.now()
    anderen = []
    for i in range(24):
        # Many on the same day: the title decides between them.
        ander = WerkatelierFactory(
            titel=f"Werkatelier {i:02}",
            slug=f"ander-{i}",
            gepubliceerd_op=nu - timedelta(days=kans.randint(1, 4)),
        )
        for thema in kans.sample(themas, kans.randint(0, 3)):
            AdviesFactory.create_batch(kans.randint(1, 2), werkatelier=ander, thema=thema)
        anderen.append(ander)
    gekozen = kans.sample(anderen, kans.randint(0, 2))
    werkatelier.gerelateerd.add(*gekozen)
    thema_ids = {t.pk for t in themas[:3]}

    def rang(ander):
        gedeeld = len({a.thema_id for a in ander.adviezen.all()} & thema_ids)
        return (ander not in gekozen, -gedeeld, -ander.gepubliceerd_op.timestamp(), ander.titel)

    verwacht = sorted(anderen, key=rang)[:aantal]
    assert Werkatelier.objects.published().related_to(werkatelier, thema_ids, aantal) == verwacht
    # With a thema nobody else has, or none at all: the chosen, then the newest.
    verwacht = sorted(anderen, key=lambda w: (w not in gekozen, *rang(w)[2:]))[:aantal]
    for ids in ({ThemaFactory().pk}, set()):
        assert Werkatelier.objects.published().related_to(werkatelier, ids, aantal) == verwacht
