"""Synonyms staff keep for search, and what visitors search for (app `zoekhulp`)."""

import logging
import re
from contextlib import contextmanager
from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import DatabaseError, OperationalError, connection, transaction
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django.utils import timezone

from praktijkadviezen.paginacache import cache_voor_bezoekers
from tests.conftest import als_formulier
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


def test_a_word_with_a_curly_apostrophe_is_the_same_word():
    groep("collega's, teamgenoten")
    assert synoniemen("Collega’s") == {"teamgenoten"}
    assert synoniemen("teamgenoten") == {"collega's"}


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
        ("schulden, --", "‘--’ is geen woord"),
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
    assert rij.datum == timezone.localdate()
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


@pytest.mark.parametrize("al_gezocht", [False, True])
def test_counting_a_search_is_one_statement(al_gezocht):
    if al_gezocht:
        tel("schulden", 4)
    zoekopdrachten._opgeruimd_op = timezone.localdate()
    with CaptureQueriesContext(connection) as queries:
        tel("schulden", 5)
    schrijven = [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT", "DELETE"))]
    assert len(schrijven) == 1 and "ON CONFLICT" in schrijven[0]
    assert Zoekopdracht.objects.get().resultaten == 5


def test_an_empty_search_is_not_counted():
    tel("   ", 0)
    tel("", 12)
    assert not Zoekopdracht.objects.exists()


def test_nothing_about_the_visitor_is_stored():
    velden = {f.name for f in Zoekopdracht._meta.get_fields()}
    assert velden == {"id", "datum", "zoekvraag", "aantal", "resultaten"}


@pytest.mark.parametrize("fout", [DatabaseError, OperationalError])
def test_counting_never_breaks_the_search(fout, caplog):
    # Every statement fails, as with a database that is locked or read-only.
    with (
        mock.patch(
            "django.db.backends.utils.CursorWrapper.execute",
            side_effect=fout("database is locked"),
        ),
        caplog.at_level(logging.WARNING, logger="zoekhulp.zoekopdrachten"),
    ):
        tel("schulden", 4)
        zoekopdrachten.tel_uit_cache("schulden")
    assert caplog.text.count("Zoekopdracht niet geteld") == 2


def test_a_count_in_the_callers_transaction_leaves_its_settings_as_they_were():
    if connection.vendor != "postgresql":
        pytest.skip("Een lock_timeout per transactie: PostgreSQL.")
    instellingen = "SELECT current_setting('lock_timeout'), current_setting('synchronous_commit')"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(instellingen)
        voor = cursor.fetchone()
        tel("schulden", 4)
        cursor.execute(instellingen)
        assert cursor.fetchone() == voor
    assert Zoekopdracht.objects.get().aantal == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_count_outside_a_transaction_is_one_round_trip_and_leaves_no_settings_behind(
    django_assert_num_queries,
):
    if connection.vendor != "postgresql":
        pytest.skip("Een lock_timeout per transactie: PostgreSQL.")
    instellingen = "SELECT current_setting('lock_timeout'), current_setting('synchronous_commit')"
    tel("jongeren", 2)  # the first new row of the day also clears what is too old
    with connection.cursor() as cursor:
        cursor.execute(instellingen)
        voor = cursor.fetchone()
        with django_assert_num_queries(1):
            tel("schulden", 4)
        cursor.execute(instellingen)
        assert cursor.fetchone() == voor
    assert Zoekopdracht.objects.get(zoekvraag="schulden").aantal == 1


def test_a_failed_count_leaves_the_callers_transaction_usable():
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE zoekhulp_zoekopdracht")
        tel("schulden", 4)  # the table is gone
        # The caller goes on in its transaction as if nothing happened.
        assert Synoniemgroep.objects.count() == 0
        transaction.set_rollback(True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_locked_table_makes_no_search_wait_or_fail():
    tel("schulden", 4)
    with _op_slot():
        tel("schulden", 4)  # gives up after a moment, without an error
    assert Zoekopdracht.objects.get().aantal == 1
    if connection.vendor == "sqlite":
        # The connection waits as long as before for what else it does.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 20000
    tel("schulden", 4)
    assert Zoekopdracht.objects.get().aantal == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_searches_counted_at_the_same_moment_all_count():
    import threading

    from django.db import connections

    start = threading.Barrier(6)

    def zoek():
        try:
            start.wait()
            for _ in range(5):
                tel("nieuw woord", 2)
        finally:
            connections.close_all()

    draden = [threading.Thread(target=zoek) for _ in range(6)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert Zoekopdracht.objects.get().aantal == 30


@contextmanager
def _op_slot():
    """Another connection holds the lock a count needs: the table (PostgreSQL) or the
    database file (SQLite)."""
    if connection.vendor == "postgresql":
        from django.db import connections

        ander = connections.create_connection("default")
        try:
            with ander.cursor() as cursor:
                cursor.execute("BEGIN")
                cursor.execute("LOCK TABLE zoekhulp_zoekopdracht IN ACCESS EXCLUSIVE MODE")
                yield
                cursor.execute("ROLLBACK")
        finally:
            ander.close()
    else:
        import sqlite3

        ander = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
        try:
            ander.execute("BEGIN IMMEDIATE")
            yield
            ander.execute("ROLLBACK")
        finally:
            ander.close()


def test_a_result_count_the_search_could_not_give_counts_as_none_found():
    tel("schulden", None)
    assert Zoekopdracht.objects.get().resultaten == 0


def test_a_search_from_the_page_cache_counts_with_the_count_of_its_page():
    tel("schulden", 4)
    zoekopdrachten.tel_uit_cache("Schulden")
    rij = Zoekopdracht.objects.get()
    assert (rij.aantal, rij.resultaten) == (2, 4)
    # A page made before midnight: today's row starts with the count of yesterday's.
    with mock.patch(
        "django.utils.timezone.localdate", return_value=timezone.localdate() + timedelta(1)
    ):
        zoekopdrachten.tel_uit_cache("schulden")
    rij = Zoekopdracht.objects.latest("datum")
    assert (rij.datum, rij.aantal, rij.resultaten) == (timezone.localdate() + timedelta(1), 1, 4)
    # A search whose page was never counted stays uncounted.
    zoekopdrachten.tel_uit_cache("nooit geteld")
    assert not Zoekopdracht.objects.filter(zoekvraag="nooit geteld").exists()


@cache_voor_bezoekers(parameters={"q": 1, "page": 1})
def _zoekpagina(request):
    """A stand-in for the search page, which counts the first page of what it finds."""
    if request.GET.get("page", "1") == "1":
        tel(request.GET.get("q", ""), 3)
    return HttpResponse("<h1>Adviezen</h1>")


# The stand-in, at the search page's address (settings.ROOT_URLCONF below).
urlpatterns = [
    path("", include(([path("adviezen/", _zoekpagina, name="advies_list")], "werkateliers")))
]


def test_searches_the_page_cache_answers_are_counted_too(client, settings):
    from praktijkadviezen import paginacache

    settings.ROOT_URLCONF = __name__
    settings.PAGINACACHE_SECONDEN = 600
    paginacache.dichtbij.clear()
    antwoorden = [client.get("/adviezen/", {"q": "Schulden"}) for _ in range(3)]
    assert [a["X-Paginacache"] for a in antwoorden] == ["miss", "hit", "hit"]
    assert Zoekopdracht.objects.get(zoekvraag="schulden").aantal == 3
    # The next page of the same search is no new search, from the cache or not; a browser
    # checking the page it has (a 304) neither.
    client.get("/adviezen/", {"q": "schulden", "page": "2"})
    client.get("/adviezen/", {"q": "schulden", "page": "2"})
    nagekeken = client.get(
        "/adviezen/", {"q": "Schulden"}, HTTP_IF_NONE_MATCH=antwoorden[0]["ETag"]
    )
    assert nagekeken.status_code == 304
    assert Zoekopdracht.objects.get(zoekvraag="schulden").aantal == 3


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


def test_a_failed_clean_up_leaves_the_count_and_tries_again_with_the_next_new_row(caplog):
    _rijen(date(2024, 1, 1))
    zoekopdrachten._opgeruimd_op = None
    with mock.patch.object(
        zoekopdrachten, "verwijder_oude", side_effect=OperationalError("database is locked")
    ):
        tel("schulden", 1)
    assert "Oude zoekopdrachten niet verwijderd." in caplog.text
    assert "niet geteld" not in caplog.text
    assert Zoekopdracht.objects.get(zoekvraag="schulden").aantal == 1
    tel("agressie", 1)
    assert not Zoekopdracht.objects.filter(datum=date(2024, 1, 1)).exists()


def test_the_command_deletes_what_is_older_than_thirteen_months(capsys):
    vandaag = timezone.localdate()
    _rijen(grens(vandaag) - timedelta(days=1), grens(vandaag), vandaag)
    call_command("verwijder_oude_zoekopdrachten")
    assert "1 zoekopdrachten ouder dan 13 maanden verwijderd." in capsys.readouterr().out
    assert Zoekopdracht.objects.count() == 2


# The admin: synonyms


def test_a_redacteur_adds_a_synonym_group(redacteur_client):
    response = redacteur_client.get("/beheer/zoekhulp/synoniemgroep/add/")
    assert response.status_code == 200
    assert "Woorden die hetzelfde betekenen" in response.content.decode()
    response = als_formulier(
        redacteur_client,
        "/beheer/zoekhulp/synoniemgroep/add/",
        {"woorden": "Schuldhulp, schulden, geldzorgen"},
        follow=True,
    )
    assert "‘schuldhulp · schulden · geldzorgen’ is toegevoegd." in _tekst(response)
    assert synoniemen("geldzorgen") == {"schuldhulp", "schulden"}
    lijst = redacteur_client.get("/beheer/zoekhulp/synoniemgroep/").content.decode()
    assert "schuldhulp · schulden · geldzorgen" in lijst


def test_the_admin_says_in_dutch_which_group_already_has_a_word(redacteur_client):
    groep("schuldhulp, schulden")
    response = als_formulier(
        redacteur_client,
        "/beheer/zoekhulp/synoniemgroep/add/",
        {"woorden": "schulden, geldzorgen"},
    )
    assert response.status_code == 200
    assert (
        "‘schulden’ staat al in de groep ‘schuldhulp · schulden’. Een woord kan maar in één"
        " groep staan" in _tekst(response)
    )
    assert Synoniemgroep.objects.count() == 1


def test_a_redacteur_changes_and_deletes_a_group(redacteur_client):
    g = groep("schuldhulp, schulden")
    pad = f"/beheer/zoekhulp/synoniemgroep/{g.pk}/"
    als_formulier(redacteur_client, pad + "change/", {"woorden": "schuldhulp · schulden · geld"})
    assert synoniemen("geld") == {"schuldhulp", "schulden"}
    redacteur_client.post(pad + "delete/", {"post": "yes"})
    assert not Synoniemgroep.objects.exists()
    assert synoniemen("geld") == set()


def test_a_changed_group_is_in_the_next_search_page_however_it_was_cached(
    redacteur_client, seeds, settings
):
    from django.test import Client

    from praktijkadviezen.paginacache import dichtbij

    client = Client()  # a visitor, without a session

    settings.PAGINACACHE_SECONDEN = 600
    dichtbij.clear()
    assert client.get("/adviezen/?q=geldzorgen")["X-Paginacache"] == "miss"
    assert client.get("/adviezen/?q=geldzorgen")["X-Paginacache"] == "hit"
    als_formulier(
        redacteur_client, "/beheer/zoekhulp/synoniemgroep/add/", {"woorden": "geldzorgen, inwoner"}
    )
    assert client.get("/adviezen/?q=geldzorgen")["X-Paginacache"] == "miss"


def test_the_add_form_takes_the_words_from_its_address(redacteur_client):
    html = redacteur_client.get(
        "/beheer/zoekhulp/synoniemgroep/add/?woorden=boze+inwoner"
    ).content.decode()
    assert re.search(r'<textarea name="woorden"[^>]*>\s*boze inwoner</textarea>', html), html


# The admin: what visitors searched for


def _zoekopdrachten(tekst):
    """The searches in the list, top to bottom."""
    return re.findall(r'<td class="field-zoekvraag">([^<]*)</td>', tekst)


@pytest.fixture
def gezocht():
    vandaag = timezone.localdate()
    gisteren = vandaag - timedelta(days=1)
    for dag, vraag, aantal, resultaten in [
        (vandaag, "schulden", 7, 12),
        (vandaag, "geldzorgen", 3, 0),
        (vandaag, "boze inwoner", 5, 0),
        (gisteren, "jongeren", 9, 4),
        (gisteren, "statushouder", 1, 0),
    ]:
        Zoekopdracht.objects.create(
            datum=dag, zoekvraag=vraag, aantal=aantal, resultaten=resultaten
        )


def test_searches_that_found_nothing_come_first(redacteur_client, gezocht):
    response = redacteur_client.get("/beheer/zoekhulp/zoekopdracht/")
    assert response.status_code == 200
    assert _zoekopdrachten(response.content.decode()) == [
        "boze inwoner",
        "geldzorgen",
        "statushouder",
        "schulden",
        "jongeren",
    ]


def test_the_searches_of_one_day_and_those_without_results(redacteur_client, gezocht):
    gisteren = timezone.localdate() - timedelta(days=1)
    html = redacteur_client.get(
        f"/beheer/zoekhulp/zoekopdracht/?datum__gte={gisteren}&datum__lt={timezone.localdate()}"
    ).content.decode()
    assert _zoekopdrachten(html) == ["statushouder", "jongeren"]
    html = redacteur_client.get("/beheer/zoekhulp/zoekopdracht/?gevonden=nee").content.decode()
    assert _zoekopdrachten(html) == ["boze inwoner", "geldzorgen", "statushouder"]
    html = redacteur_client.get(
        f"/beheer/zoekhulp/zoekopdracht/?datum__day={gisteren.day}&datum__month={gisteren.month}"
        f"&datum__year={gisteren.year}"
    ).content.decode()
    assert _zoekopdrachten(html) == ["statushouder", "jongeren"]


def test_a_search_leads_to_a_synonym_group_prefilled_with_it(redacteur_client, gezocht):
    groep("schulden, schuldhulp")
    html = redacteur_client.get("/beheer/zoekhulp/zoekopdracht/").content.decode()
    assert re.findall(r'<a href="([^"]*)">Synoniem toevoegen', html) == [
        "/beheer/zoekhulp/synoniemgroep/add/?woorden=boze+inwoner",
        "/beheer/zoekhulp/synoniemgroep/add/?woorden=geldzorgen",
        "/beheer/zoekhulp/synoniemgroep/add/?woorden=statushouder",
        "/beheer/zoekhulp/synoniemgroep/add/?woorden=jongeren",
    ]
    assert (
        '<a href="/beheer/zoekhulp/synoniemgroep/add/?woorden=boze+inwoner">Synoniem toevoegen'
        '<span class="visually-hidden"> voor ‘boze inwoner’</span></a>' in html
    )
    # A search that is in a group already leads to that group.
    g = Synoniemgroep.objects.get()
    assert (
        f'<a href="/beheer/zoekhulp/synoniemgroep/{g.pk}/change/">schulden · schuldhulp</a>' in html
    )


@pytest.mark.parametrize(
    ("zoekvraag", "woorden"),
    [
        ('"boze inwoner" of -agressie', "boze inwoner agressie"),
        ("collega's?", "collega's"),
        ("'jongeren' niet e-mail", "jongeren e-mail"),
        ("schulden (geld)", "schulden geld"),
        ('" - "', ""),
    ],
)
def test_the_words_of_a_search_for_a_group_leave_out_search_signs(zoekvraag, woorden):
    from zoekhulp.admin import woorden_uit

    assert woorden_uit(zoekvraag) == woorden


def test_search_signs_are_left_out_of_the_words_for_a_group(redacteur_client):
    Zoekopdracht.objects.create(datum=timezone.localdate(), zoekvraag='"boze inwoner" of -agressie')
    html = redacteur_client.get("/beheer/zoekhulp/zoekopdracht/").content.decode()
    assert "?woorden=boze+inwoner+agressie" in html


def test_the_list_of_searches_costs_the_same_queries_however_long(
    redacteur_client, gezocht, django_assert_num_queries
):
    redacteur_client.get("/beheer/zoekhulp/zoekopdracht/")
    with CaptureQueriesContext(connection) as weinig:
        redacteur_client.get("/beheer/zoekhulp/zoekopdracht/")
    for n in range(40):
        Zoekopdracht.objects.create(
            datum=timezone.localdate(), zoekvraag=f"vraag {n}", resultaten=n % 3
        )
    with CaptureQueriesContext(connection) as veel:
        redacteur_client.get("/beheer/zoekhulp/zoekopdracht/")
    assert len(veel) == len(weinig)


def test_nobody_adds_changes_or_deletes_searches(redacteur_client, gezocht):
    zoekopdracht = Zoekopdracht.objects.first()
    html = redacteur_client.get("/beheer/zoekhulp/zoekopdracht/").content.decode()
    assert "/beheer/zoekhulp/zoekopdracht/add/" not in html
    assert 'name="action"' not in html  # no "delete selected"
    assert f"/beheer/zoekhulp/zoekopdracht/{zoekopdracht.pk}/" not in html
    assert redacteur_client.get("/beheer/zoekhulp/zoekopdracht/add/").status_code == 403
    pad = f"/beheer/zoekhulp/zoekopdracht/{zoekopdracht.pk}/"
    assert redacteur_client.post(pad + "delete/", {"post": "yes"}).status_code == 403
    als_formulier(redacteur_client, pad + "change/", {"zoekvraag": "iets anders"})
    assert Zoekopdracht.objects.filter(zoekvraag="iets anders").count() == 0


def test_the_secretariaat_sees_neither_synonyms_nor_searches(secretariaat_client, gezocht):
    for pad in ("/beheer/zoekhulp/synoniemgroep/", "/beheer/zoekhulp/zoekopdracht/"):
        assert secretariaat_client.get(pad).status_code == 403, pad


def test_no_zoekhulp_screen_opens_with_a_password_alone(client, redacteur, gezocht):
    client.force_login(redacteur)
    for pad in ("/beheer/zoekhulp/synoniemgroep/", "/beheer/zoekhulp/zoekopdracht/"):
        response = client.get(pad)
        assert response.status_code == 302 and response["Location"].startswith("/beheer/login/")


def test_the_zoekhulp_screens_speak_dutch_with_je(redacteur_client, gezocht):
    from tests.test_beheer_rechten import ENGELS, _zichtbaar_en_voorgelezen

    g = groep("schulden, schuldhulp")
    for pad in (
        "/beheer/",
        "/beheer/zoekhulp/",
        "/beheer/zoekhulp/synoniemgroep/",
        "/beheer/zoekhulp/synoniemgroep/add/?woorden=geldzorgen",
        f"/beheer/zoekhulp/synoniemgroep/{g.pk}/change/",
        f"/beheer/zoekhulp/synoniemgroep/{g.pk}/delete/",
        "/beheer/zoekhulp/zoekopdracht/",
        "/beheer/zoekhulp/zoekopdracht/?gevonden=nee",
    ):
        response = redacteur_client.get(pad)
        assert response.status_code == 200, pad
        tekst = _zichtbaar_en_voorgelezen(response.content.decode())
        engels = {w for w in re.findall(r"[A-Za-z]+", tekst) if w.lower() in ENGELS}
        assert engels <= {"Link", "link", "Filter", "filter"}, (pad, engels)
        assert not re.search(r"\b[Uu]w?\b", tekst), (
            pad,
            re.findall(r".{30}\b[Uu]w?\b.{30}", tekst),
        )


def test_the_privacy_statement_names_the_counted_searches(client):
    tekst = _tekst(client.get("/privacy/"))
    assert "13 maanden" in tekst and "zoek" in tekst


def _tekst(response):
    return " ".join(re.sub(r"<[^>]+>", "", response.content.decode()).split())
