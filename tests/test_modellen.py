import pytest
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import AdviesFactory, ThemaFactory, WerkatelierFactory
from werkateliers.models import Advies, Doelgroep, Thema, Werkatelier, advies_slug
from werkateliers.telwoorden import aantal_adviezen, telwoord

pytestmark = pytest.mark.django_db


def test_data_migration_creates_both_doelgroepen_in_order():
    assert list(Doelgroep.objects.values_list("slug", "naam")) == [
        ("uitvoerders", "Uitvoerders"),
        ("leidinggevenden-en-bestuurders", "Leidinggevenden en bestuurders"),
    ]


def test_published_shows_only_published_werkateliers_whose_moment_has_passed():
    zichtbaar = WerkatelierFactory()
    WerkatelierFactory(concept=True)
    WerkatelierFactory(gepland=True)
    assert list(Werkatelier.objects.published()) == [zichtbaar]


def test_adviezen_of_concept_and_scheduled_werkateliers_stay_hidden(uitvoerders):
    zichtbaar = AdviesFactory(doelgroep=uitvoerders)
    AdviesFactory(doelgroep=uitvoerders, werkatelier=WerkatelierFactory(concept=True))
    AdviesFactory(doelgroep=uitvoerders, werkatelier=WerkatelierFactory(gepland=True))
    assert list(Advies.objects.published()) == [zichtbaar]


def test_public_counts_per_doelgroep_and_thema_leave_out_hidden_adviezen(
    uitvoerders, leidinggevenden
):
    thema = ThemaFactory()
    AdviesFactory(doelgroep=uitvoerders, thema=thema)
    AdviesFactory(doelgroep=leidinggevenden)
    AdviesFactory(doelgroep=uitvoerders, thema=thema, werkatelier=WerkatelierFactory(concept=True))
    AdviesFactory(doelgroep=uitvoerders, thema=thema, werkatelier=WerkatelierFactory(gepland=True))
    assert [(d.slug, d.aantal_adviezen) for d in Doelgroep.objects.with_published_count()] == [
        ("uitvoerders", 1),
        ("leidinggevenden-en-bestuurders", 1),
    ]
    assert [(t, t.aantal_adviezen) for t in Thema.objects.with_published_count()] == [(thema, 1)]


@pytest.mark.parametrize(
    "getal, woord",
    [
        (1, "één"),
        (2, "twee"),
        (4, "vier"),
        (6, "zes"),
        (13, "dertien"),
        (20, "twintig"),
        (21, "21"),
    ],
)
def test_count_words_up_to_twenty_then_digits(getal, woord):
    assert telwoord(getal) == woord


def test_every_number_from_one_to_twenty_is_a_word():
    assert all(not telwoord(n).isdigit() for n in range(1, 21))


def test_heading_count_reads_as_the_fund_writes_it():
    assert aantal_adviezen(1) == "Eén advies"
    assert aantal_adviezen(4) == "Vier adviezen"
    assert aantal_adviezen(21) == "21 adviezen"


def test_number_follows_position_within_werkatelier_and_doelgroep(uitvoerders, leidinggevenden):
    werkatelier = WerkatelierFactory()
    for positie in (30, 10, 20):
        AdviesFactory(
            werkatelier=werkatelier, doelgroep=uitvoerders, positie=positie, titel=f"U{positie}"
        )
    AdviesFactory(werkatelier=werkatelier, doelgroep=leidinggevenden, positie=5, titel="L5")
    werkatelier = Werkatelier.objects.with_adviezen().get(pk=werkatelier.pk)
    delen = werkatelier.adviezen_per_doelgroep()
    assert [d.kop for d in delen] == [
        "Drie adviezen voor uitvoerders",
        "Eén advies voor leidinggevenden en bestuurders",
    ]
    uitvoerders_adviezen = delen[0].themagroepen[0][1]
    assert [(a.nummer, a.titel) for a in uitvoerders_adviezen] == [
        (1, "U10"),
        (2, "U20"),
        (3, "U30"),
    ]
    nummers = {a.titel: a.nummer for a in Advies.objects.published().with_nummer()}
    assert nummers == {"U10": 1, "U20": 2, "U30": 3, "L5": 1}


def test_thema_groups_follow_the_order_of_the_adviezen(uitvoerders):
    werkatelier = WerkatelierFactory()
    eerste, tweede = ThemaFactory(naam="Zeker als laatste"), ThemaFactory(naam="Alfabetisch eerst")
    AdviesFactory(werkatelier=werkatelier, doelgroep=uitvoerders, thema=eerste, positie=1)
    AdviesFactory(werkatelier=werkatelier, doelgroep=uitvoerders, thema=tweede, positie=2)
    werkatelier = Werkatelier.objects.with_adviezen().get(pk=werkatelier.pk)
    groepen = werkatelier.adviezen_per_doelgroep()[0].themagroepen
    assert [thema for thema, _ in groepen] == [eerste, tweede]


def test_werkatelier_slug_is_unique():
    WerkatelierFactory(slug="zelfde")
    with pytest.raises(IntegrityError), transaction.atomic():
        WerkatelierFactory(slug="zelfde", titel="Anders")


def test_published_werkatelier_needs_a_publication_moment():
    with pytest.raises(IntegrityError), transaction.atomic():
        WerkatelierFactory(status=Werkatelier.Status.GEPUBLICEERD, gepubliceerd_op=None)


def test_position_is_unique_per_werkatelier_and_doelgroep(uitvoerders, leidinggevenden):
    werkatelier = WerkatelierFactory()
    AdviesFactory(werkatelier=werkatelier, doelgroep=uitvoerders, positie=1)
    AdviesFactory(werkatelier=werkatelier, doelgroep=leidinggevenden, positie=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        AdviesFactory(werkatelier=werkatelier, doelgroep=uitvoerders, positie=1)


def test_thema_slug_is_unique():
    ThemaFactory(slug="samen", naam="Samen")
    with pytest.raises(IntegrityError), transaction.atomic():
        ThemaFactory(slug="samen", naam="Samen werken")


def test_advies_title_may_not_be_empty(uitvoerders):
    with pytest.raises(IntegrityError), transaction.atomic():
        AdviesFactory(doelgroep=uitvoerders, titel="")


def test_advies_text_is_sanitised_rich_text_when_saved(uitvoerders):
    advies = AdviesFactory(doelgroep=uitvoerders, tekst="<p>Een.</p>\r\n<p onclick='x'>Twee.</p>")
    assert advies.tekst == "<p>Een.</p><p>Twee.</p>"


def test_advies_has_a_page_of_its_own_and_an_anchor_on_its_werkatelier_page(uitvoerders):
    advies = AdviesFactory(doelgroep=uitvoerders, titel="Praat mét de inwoner – niet over hem")
    assert advies.get_absolute_url() == f"/adviezen/{advies.pk}/praat-met-de-inwoner-niet-over-hem/"
    assert (
        advies.get_werkatelier_url()
        == f"/werkateliers/{advies.werkatelier.slug}/#advies-{advies.pk}"
    )


def test_an_advies_s_address_is_what_reverse_gives_under_any_script_prefix(uitvoerders):
    # Worked out from one reverse() per script prefix (models.adviesadres), not per advies.
    from django.urls import reverse, set_script_prefix

    advies = AdviesFactory(doelgroep=uitvoerders, titel="Zeg het één keer")
    try:
        for prefix in ("/", "/praktijk/", "/"):
            set_script_prefix(prefix)
            verwacht = reverse(
                "werkateliers:advies_detail", kwargs={"pk": advies.pk, "slug": "zeg-het-een-keer"}
            )
            assert verwacht.startswith(prefix)
            assert advies.get_absolute_url() == verwacht
    finally:
        set_script_prefix("/")


@given(st.text(max_size=120))
def test_an_advies_s_address_reads_its_title_as_django_s_slugify_does(titel):
    assert advies_slug(titel) == (slugify(titel)[:80].strip("-") or "advies")
