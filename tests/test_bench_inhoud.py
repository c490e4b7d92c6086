"""The benchmark's content (bench/inhoud.py) is realistic enough to measure with: distinct
adviezen, thema's shared across werkateliers, and a database fill that pages can show."""

from collections import Counter

import pytest

from bench.inhoud import Inhoud, vragen, vul
from werkateliers.models import Advies, Thema, Werkatelier


@pytest.fixture(scope="module")
def inhoud():
    return Inhoud(300)


def test_exactly_as_many_adviezen_as_asked(inhoud):
    assert sum(len(w.adviezen) for w in inhoud.werkateliers) == 300


def test_no_two_adviezen_alike(inhoud):
    teksten = [tuple(a.alineas) for w in inhoud.werkateliers for a in w.adviezen]
    assert len(set(teksten)) == len(teksten)


def test_werkateliers_have_distinct_titles_and_addresses(inhoud):
    assert len({w.slug for w in inhoud.werkateliers}) == len(inhoud.werkateliers)
    assert len({w.titel for w in inhoud.werkateliers}) == len(inhoud.werkateliers)


def test_themas_are_shared_across_werkateliers(inhoud):
    werkateliers_per_thema = Counter(
        thema for w in inhoud.werkateliers for thema in {a.thema for a in w.adviezen if a.thema}
    )
    gedeeld = [t for t, n in werkateliers_per_thema.items() if n >= 3]
    assert len(gedeeld) >= 5


def test_common_words_are_common_and_rare_words_rare(inhoud):
    # As in real text: a handful of words everywhere, most words in a few adviezen only.
    per_advies = [
        {woord.strip(".,:;?!()") for woord in " ".join(a.alineas).lower().split()}
        for w in inhoud.werkateliers
        for a in w.adviezen
    ]
    in_adviezen = Counter(woord for woorden in per_advies for woord in woorden)
    zeldzaam = [w for w, n in in_adviezen.items() if n <= 3]
    assert in_adviezen["de"] > 0.7 * len(per_advies)
    assert len(zeldzaam) > len(in_adviezen) / 6


def test_a_werkateliers_subject_is_its_own(inhoud):
    for werkatelier in inhoud.werkateliers:
        anderen = " ".join(
            " ".join(a.alineas) for w in inhoud.werkateliers if w is not werkatelier
            for a in w.adviezen
        )  # fmt: skip
        assert not any(f" {woord}" in anderen for woord in werkatelier.onderwerp)


def test_the_same_seed_makes_the_same_content():
    een, twee = Inhoud(50), Inhoud(50)
    assert [a.titel for w in een.werkateliers for a in w.adviezen] == [
        a.titel for w in twee.werkateliers for a in w.adviezen
    ]


def test_questions_are_all_different_and_one_to_four_words(inhoud):
    gesteld = vragen(inhoud, 500)
    assert len(set(gesteld)) == 500
    assert all(1 <= len(v.split()) <= 4 for v in gesteld)


@pytest.mark.django_db
def test_fill_makes_public_pages_with_plain_text(client):
    vul(40)
    assert Advies.objects.count() == 40
    assert not Advies.objects.filter(tekst_plat="").exists()
    assert Thema.objects.exists()
    werkatelier = Werkatelier.objects.published().first()
    assert client.get(werkatelier.get_absolute_url()).status_code == 200
    advies = Advies.objects.first()
    assert client.get(advies.get_absolute_url()).status_code == 200
