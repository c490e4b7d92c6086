"""Synonyms staff keep for search, and what visitors search for (app `zoekhulp`)."""

import logging
from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import DatabaseError, OperationalError, connection, transaction
from django.test.utils import CaptureQueriesContext

from zoekhulp import zoekopdrachten
from zoekhulp.models import Synoniem, Synoniemgroep, Zoekopdracht
from zoekhulp.synoniemen import synoniemen, synoniemen_van
from zoekhulp.zoekopdrachten import grens, normaliseer, tel

pytestmark = pytest.mark.django_db


def groep(tekst):
    g = Synoniemgroep(woorden=tekst)
    g.full_clean()
    g.save()
    return g


# Synonyms, as the search asks for them


def test_a_word_gets_the_other_words_of_its_group():
    groep("schuldhulp, schulden, geldzorgen")
    assert synoniemen("schulden") == {"schuldhulp", "geldzorgen"}
    assert synoniemen("Geldzorgen") == {"schuldhulp", "schulden"}
    assert synoniemen("agressie") == set()


def test_many_words_cost_one_query():
    groep("schuldhulp, schulden, geldzorgen")
    groep("vluchteling, statushouder")
    groep("email, e-mail")
    woorden = ["Schulden", "statushouder", "brief", "E-mail", "jongeren", "geldzorgen"]
    with CaptureQueriesContext(connection) as queries:
        gevonden = synoniemen_van(woorden)
    assert len(queries) == 1
    assert gevonden == {
        "Schulden": {"schuldhulp", "geldzorgen"},
        "statushouder": {"vluchteling"},
        "brief": set(),
        "E-mail": {"email"},
        "jongeren": set(),
        "geldzorgen": {"schuldhulp", "schulden"},
    }


def test_no_words_cost_no_query():
    with CaptureQueriesContext(connection) as queries:
        assert synoniemen_van([]) == {}
        assert synoniemen_van(["", " "]) == {"": set(), " ": set()}
    assert len(queries) == 0


def test_a_word_is_matched_with_or_without_its_hyphen():
    groep("e-mail, mail, digitale post")
    assert synoniemen("email") == {"e-mail", "mail", "digitale post"}
    assert synoniemen("E-MAIL") == {"mail", "digitale post"}


def test_a_changed_group_counts_from_the_next_search_on():
    g = groep("schuldhulp, schulden")
    assert synoniemen("schulden") == {"schuldhulp"}
    g.woorden = "schulden, geldzorgen"
    g.full_clean()
    g.save()
    assert synoniemen("schulden") == {"geldzorgen"}
    assert synoniemen("schuldhulp") == set()
    g.delete()
    assert synoniemen("schulden") == set()
    assert not Synoniem.objects.exists()


def test_a_group_is_stored_tidy_whatever_staff_typed():
    g = groep("  Schuldhulp ,schulden;\nGeldzorgen, schulden ,")
    assert g.woorden == "schuldhulp · schulden · geldzorgen"
    assert str(g) == "schuldhulp · schulden · geldzorgen"
    # Shown as stored, it can be saved again as it is.
    g.full_clean()
    g.save()
    assert list(g.synoniemen.values_list("woord", flat=True)) == [
        "schuldhulp",
        "schulden",
        "geldzorgen",
    ]


def test_a_word_may_be_in_one_group_only():
    groep("schuldhulp, schulden")
    with pytest.raises(ValidationError) as fout:
        groep("schulden, geldzorgen")
    assert fout.value.message_dict["woorden"] == [
        "‘schulden’ staat al in de groep ‘schuldhulp · schulden’. Een woord kan maar in één"
        " groep staan: voeg de woorden daar toe, of haal het woord daar eerst weg."
    ]
    assert Synoniemgroep.objects.count() == 1


def test_a_word_with_a_hyphen_counts_as_the_same_word_in_another_group():
    groep("e-mail, mail")
    with pytest.raises(ValidationError) as fout:
        groep("email, bericht")
    assert "‘email’ staat al in de groep ‘e-mail · mail’." in fout.value.messages[0]


def test_the_database_keeps_a_word_in_one_group_too():
    from django.db import IntegrityError

    groep("schuldhulp, schulden")
    with pytest.raises(IntegrityError), transaction.atomic():
        Synoniemgroep.objects.create(woorden="schulden, geldzorgen")


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ("schulden", "Vul minstens twee woorden in, met een komma ertussen."),
        ("", "Dit veld kan niet leeg zijn"),
        (" , ,", "Vul minstens twee woorden in"),
        ("schulden, <script>", "‘<script>’ is geen woord"),
        ("schulden, " + "a" * 101, "is te lang: hoogstens 100 tekens."),
    ],
)
def test_a_group_that_is_no_group_is_refused_in_dutch(tekst, melding):
    with pytest.raises(ValidationError) as fout:
        groep(tekst)
    assert any(melding in m for m in fout.value.messages), fout.value.messages
    assert not Synoniemgroep.objects.exists()


def test_a_saved_group_makes_a_new_content_version():
    from inhoudsversie.models import huidige_versie

    voor, _ = huidige_versie()
    g = groep("schuldhulp, schulden")
    na_toevoegen, _ = huidige_versie()
    assert na_toevoegen != voor
    g.delete()
    assert huidige_versie()[0] != na_toevoegen


def test_a_saved_group_keeps_the_scheduled_publication_moments(uitvoerders):
    from django.utils import timezone

    from inhoudsversie.models import Inhoudsversie
    from tests.factories import WerkatelierFactory

    straks = timezone.now() + timedelta(days=2)
    WerkatelierFactory(titel="Komt nog", gepubliceerd_op=straks)
    groep("schuldhulp, schulden")
    assert Inhoudsversie.objects.get().momenten == [straks.timestamp()]


# Counting searches


@pytest.mark.parametrize(
    ("zoekvraag", "geteld"),
    [
        ("  Boze   Inwoner\t", "boze inwoner"),
        ("“huiselijk geweld”", '"huiselijk geweld"'),
        ("„praten” met ‘jongeren’", "\"praten\" met 'jongeren'"),
        ("collega’s", "collega's"),
        ("nul\x00teken", "nul teken"),
        ("woord " * 100, ("woord " * 34)[:200]),
    ],
)
def test_a_search_is_counted_normalised(zoekvraag, geteld):
    assert normaliseer(zoekvraag) == geteld
    assert len(normaliseer(zoekvraag)) <= 200


def test_the_same_search_is_counted_once_a_day_with_its_last_result_count():
    tel("Schulden", 4)
    tel("schulden ", 3)
    tel("agressie", 0)
    rij = Zoekopdracht.objects.get(zoekvraag="schulden")
    assert (rij.aantal, rij.resultaten) == (2, 3)
    assert rij.datum == date.today()
    assert Zoekopdracht.objects.count() == 2


def test_another_day_gets_a_row_of_its_own():
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 12, 1)):
        tel("schulden", 4)
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 12, 2)):
        tel("schulden", 4)
        tel("schulden", 4)
    assert list(Zoekopdracht.objects.order_by("datum").values_list("datum", "aantal")) == [
        (date(2026, 12, 1), 1),
        (date(2026, 12, 2), 2),
    ]


def test_counting_a_search_already_asked_today_is_one_update():
    tel("schulden", 4)
    zoekopdrachten._opgeruimd_op = None
    with CaptureQueriesContext(connection) as queries:
        tel("schulden", 5)
    schrijven = [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT", "DELETE"))]
    assert len(schrijven) == 1 and schrijven[0].startswith("UPDATE")


def test_an_empty_search_is_not_counted():
    tel("   ", 0)
    tel("", 12)
    assert not Zoekopdracht.objects.exists()


def test_nothing_about_the_visitor_is_stored():
    velden = {f.name for f in Zoekopdracht._meta.get_fields()}
    assert velden == {"id", "datum", "zoekvraag", "aantal", "resultaten"}


@pytest.mark.parametrize("fout", [DatabaseError, OperationalError])
def test_counting_never_breaks_the_search(fout, caplog):
    with (
        mock.patch.object(Zoekopdracht.objects, "filter", side_effect=fout("database is locked")),
        caplog.at_level(logging.WARNING, logger="zoekhulp.zoekopdrachten"),
    ):
        tel("schulden", 4)
    assert "Zoekopdracht niet geteld" in caplog.text


def test_a_failed_count_leaves_the_callers_transaction_usable():
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE zoekhulp_zoekopdracht")
        tel("schulden", 4)  # the table is gone
        # The caller goes on in its transaction as if nothing happened.
        assert Synoniemgroep.objects.count() == 0
        transaction.set_rollback(True)


@pytest.mark.django_db(transaction=True)
def test_a_locked_table_makes_no_search_wait_or_fail():
    if connection.vendor != "postgresql":
        pytest.skip("Een tabel op slot zetten terwijl een ander telt: PostgreSQL.")
    from django.db import connections

    tel("schulden", 4)
    ander = connections.create_connection("default")
    try:
        with ander.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute("LOCK TABLE zoekhulp_zoekopdracht IN ACCESS EXCLUSIVE MODE")
            tel("schulden", 4)  # gives up after the lock timeout, without an error
            cursor.execute("ROLLBACK")
    finally:
        ander.close()
    assert Zoekopdracht.objects.get().aantal == 1


# Thirteen months


def test_thirteen_months_back():
    assert grens(date(2026, 12, 6)) == date(2025, 11, 6)
    assert grens(date(2027, 1, 31)) == date(2025, 12, 31)
    assert grens(date(2027, 3, 31)) == date(2026, 2, 28)
    assert grens(date(2028, 3, 29)) == date(2027, 2, 28)


def _rijen(*dagen):
    for dag in dagen:
        Zoekopdracht.objects.create(datum=dag, zoekvraag=f"op {dag}", aantal=1)


def test_the_first_new_row_of_a_day_deletes_what_is_older_than_thirteen_months():
    _rijen(date(2025, 11, 5), date(2025, 11, 6), date(2026, 12, 5))
    zoekopdrachten._opgeruimd_op = None
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 12, 6)):
        tel("schulden", 1)
    assert sorted(Zoekopdracht.objects.values_list("datum", flat=True)) == [
        date(2025, 11, 6),
        date(2026, 12, 5),
        date(2026, 12, 6),
    ]
    # Once a day per process: a row made later that day does not look again.
    _rijen(date(2024, 1, 1))
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 12, 6)):
        tel("agressie", 1)
    assert Zoekopdracht.objects.filter(datum=date(2024, 1, 1)).exists()


def test_the_command_deletes_what_is_older_than_thirteen_months(capsys):
    from django.utils import timezone

    vandaag = timezone.localdate()
    _rijen(grens(vandaag) - timedelta(days=1), grens(vandaag), vandaag)
    call_command("verwijder_oude_zoekopdrachten")
    assert "1 zoekopdrachten ouder dan 13 maanden verwijderd." in capsys.readouterr().out
    assert Zoekopdracht.objects.count() == 2
