"""Feeds of adviezen per doelgroep and thema (/adviezen/feed/): valid Atom as the W3C
validator sees it, each advies with its text, updated only when content changes."""

import io
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from tests.factories import AdviesFactory, ThemaFactory, WerkatelierFactory
from tests.test_feed import ATOM, Formatter, compatibility, feedvalidator
from werkateliers.feeds import NOG_NIETS
from werkateliers.models import Advies, OudThemaAdres, Werkatelier

pytestmark = pytest.mark.django_db
FEED = "/adviezen/feed/"


@pytest.fixture
def inhoud(uitvoerders, leidinggevenden):
    praten = ThemaFactory(naam="Praten met inwoners", slug="praten")
    netwerk = ThemaFactory(naam="Netwerken", slug="netwerken")
    eerder = WerkatelierFactory(
        titel="Schulden & geldzorgen", gepubliceerd_op=timezone.now() - timedelta(days=30)
    )
    nieuw = WerkatelierFactory(titel="Jongeren", gepubliceerd_op=timezone.now() - timedelta(days=2))
    WerkatelierFactory(titel="Nog niet", gepland=True)
    maak = AdviesFactory
    adviezen = {
        "luister": maak(
            werkatelier=nieuw, doelgroep=uitvoerders, thema=praten, titel="Luister <eerst>",
            tekst="<p>Laat de inwoner <strong>uitpraten</strong> & vat samen.</p>",
        ),
        "ruimte": maak(werkatelier=nieuw, doelgroep=leidinggevenden, titel="Geef ruimte"),
        "vraag": maak(werkatelier=eerder, doelgroep=uitvoerders, thema=praten, titel="Vraag door"),
        "buurt": maak(werkatelier=eerder, doelgroep=uitvoerders, thema=netwerk, titel="Ken de buurt"),
    }  # fmt: skip
    adviezen["ruimte"].ook_over.add(netwerk)
    # Written before they were published, as staff do.
    Advies.objects.update(gewijzigd=timezone.now() - timedelta(days=40))
    return adviezen


def valideer(response):
    """What the online validator reports (test_feed.valideer), for the feed's own address."""
    gebeurtenissen = feedvalidator.validateStream(
        io.BytesIO(response.content),
        firstOccurrenceOnly=1,
        contentType=response["Content-Type"],
        base=f"http://testserver{response.wsgi_request.get_full_path()}",
    )["loggedEvents"]
    return list(Formatter(compatibility.AA(gebeurtenissen)))


def lees(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ElementTree.fromstring(response.content)


def entries(feed):
    return [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]


def test_a_feed_per_doelgroep_and_thema_passes_the_w3c_feed_validator(client, inhoud):
    for query in (
        "",
        "?doelgroep=uitvoerders",
        "?thema=praten",
        "?doelgroep=uitvoerders&thema=praten&thema=netwerken",
    ):
        response = client.get(FEED + query)
        assert valideer(response) == [], query


def inhoud_van(feed, titel):
    entry = next(e for e in feed.findall(f"{ATOM}entry") if e.find(f"{ATOM}title").text == titel)
    return entry.find(f"{ATOM}content").text


def test_a_feed_holds_the_werkateliers_with_adviezen_for_its_doelgroep_and_thema(client, inhoud):
    feed = lees(client.get(f"{FEED}?doelgroep=uitvoerders&thema=praten"))
    assert entries(feed) == ["Jongeren", "Schulden & geldzorgen"]  # newest first
    assert feed.find(f"{ATOM}title").text == (
        "Praktijkadviezen – nieuwe adviezen voor uitvoerders over praten met inwoners"
    )
    alternatief = feed.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert alternatief == "http://testserver/adviezen/?doelgroep=uitvoerders&thema=praten"
    zelf = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert zelf == "http://testserver/adviezen/feed/?doelgroep=uitvoerders&thema=praten"
    # Only the adviezen that match, not the rest of the werkatelier.
    assert "Vraag door" in inhoud_van(feed, "Schulden & geldzorgen")
    assert "Ken de buurt" not in inhoud_van(feed, "Schulden & geldzorgen")
    assert "Geef ruimte" not in inhoud_van(feed, "Jongeren")
    # The whole feed: all public werkateliers, not the scheduled one.
    assert entries(lees(client.get(FEED))) == ["Jongeren", "Schulden & geldzorgen"]
    feed = lees(client.get(f"{FEED}?doelgroep=leidinggevenden-en-bestuurders"))
    assert entries(feed) == ["Jongeren"]


def test_an_advies_given_a_thema_for_the_filters_is_in_its_feed(client, inhoud):
    feed = lees(client.get(f"{FEED}?thema=netwerken"))
    assert entries(feed) == ["Jongeren", "Schulden & geldzorgen"]
    assert "Geef ruimte" in inhoud_van(feed, "Jongeren")


def test_each_entry_has_the_advies_texts_as_content_and_says_what_it_holds(client, inhoud):
    feed = lees(client.get(FEED))
    eerste = feed.find(f"{ATOM}entry")
    inhoud_ = eerste.find(f"{ATOM}content")
    assert inhoud_.get("type") == "html"
    advies = inhoud["luister"]
    assert inhoud_.text.startswith(
        f'<h2><a href="http://testserver{advies.get_absolute_url()}">Luister &lt;eerst&gt;</a>'
        "</h2><p><em>Advies 1 voor uitvoerders</em></p>"
        "<p>Laat de inwoner <strong>uitpraten</strong> &amp; vat samen.</p>"
    )
    assert "<p><em>Advies 1 voor leidinggevenden en bestuurders</em></p>" in inhoud_.text
    werkatelier = advies.werkatelier
    assert eerste.find(f"{ATOM}link").get("href") == (
        f"http://testserver{werkatelier.get_absolute_url()}"
    )
    assert eerste.find(f"{ATOM}summary").text == (
        "Eén advies voor uitvoerders en één voor leidinggevenden en bestuurders."
    )
    assert [c.get("term") for c in eerste.findall(f"{ATOM}category")] == [
        "Uitvoerders", "Leidinggevenden en bestuurders", "Praten met inwoners",
    ]  # fmt: skip


def test_unknown_values_are_a_404_never_an_error(client, inhoud):
    for query in (
        "doelgroep=bestaat-niet",
        "thema=bestaat-niet",
        "thema=%00",
        "doelgroep=%ff%fe",
        "thema=" + "x" * 300,
    ):
        assert client.get(f"{FEED}?{query}").status_code == 404, query
    # What it does not read is left out, as on /adviezen/.
    assert client.get(f"{FEED}?q=jongeren&page=x&onzin=1").status_code == 200


def test_a_merged_thema_s_feed_redirects_to_the_thema_it_went_into(client, inhoud):
    OudThemaAdres.objects.create(slug="samenwerken", thema=inhoud["vraag"].thema)
    response = client.get(f"{FEED}?doelgroep=uitvoerders&thema=samenwerken")
    assert response.status_code == 301
    assert response["Location"] == f"{FEED}?doelgroep=uitvoerders&thema=praten"


def _updated(response):
    feed = lees(response)
    return feed.find(f"{ATOM}updated").text, {
        entry.find(f"{ATOM}title").text: entry.find(f"{ATOM}updated").text
        for entry in feed.findall(f"{ATOM}entry")
    }


def test_updated_changes_only_when_content_changes(client, inhoud):
    voor = _updated(client.get(FEED))
    assert _updated(client.get(FEED)) == voor  # not the moment it was asked for
    # The newest werkatelier's publication moment, as nothing was changed since.
    nieuw = Werkatelier.objects.get(pk=inhoud["luister"].werkatelier_id)
    assert voor[0] == nieuw.gepubliceerd_op.isoformat()
    # Saved without a change, or moved: no new content.
    for advies in Advies.objects.all():
        advies.positie += 10
        advies.save()
    nieuw.save()
    assert _updated(client.get(FEED)) == voor
    # A new text: that entry, and so the feed, is updated; the others are not.
    advies = Advies.objects.get(pk=inhoud["vraag"].pk)
    advies.tekst = "<p>Vraag door, en nog eens.</p>"
    advies.save()
    na = _updated(client.get(FEED))
    assert na[1]["Schulden & geldzorgen"] > voor[1]["Schulden & geldzorgen"]
    assert na[0] == na[1]["Schulden & geldzorgen"]
    assert na[1]["Jongeren"] == voor[1]["Jongeren"]


def test_an_empty_feed_has_a_fixed_updated(client, uitvoerders):
    feed = lees(client.get(f"{FEED}?doelgroep=uitvoerders"))
    assert entries(feed) == []
    assert feed.find(f"{ATOM}updated").text == NOG_NIETS.isoformat()


@pytest.mark.parametrize("aantal", [2, 60])
def test_a_feed_costs_a_fixed_number_of_queries(
    client, inhoud, uitvoerders, aantal, django_assert_num_queries
):
    werkatelier = WerkatelierFactory()
    for _ in range(aantal):
        AdviesFactory(werkatelier=werkatelier, doelgroep=uitvoerders, thema=inhoud["vraag"].thema)
    # The werkateliers, and their adviezen (with doelgroep, thema and number).
    with django_assert_num_queries(2):
        client.get(FEED)
    # The chosen doelgroep and thema's first.
    with django_assert_num_queries(3):
        client.get(f"{FEED}?doelgroep=uitvoerders&thema=praten&thema=netwerken")


def test_the_feed_of_new_werkateliers_keeps_its_address(client, inhoud):
    response = client.get("/feed/")
    assert valideer(response) == []
    assert entries(lees(response))[:2] == ["Jongeren", "Schulden & geldzorgen"]


def test_the_validator_reads_the_content_element(client, inhoud):
    """The check above can fail: content that is not what it says it is is refused."""
    response = client.get(FEED)
    kapot = response.content.replace(b'<content type="html">', b'<content type="xhtml">', 1)
    assert kapot != response.content
    response.content = kapot
    assert valideer(response) != []


def test_a_list_of_adviezen_names_its_feed_for_feed_readers(client, inhoud):
    html = client.get("/adviezen/?doelgroep=uitvoerders&thema=praten&q=luister").content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Nieuwe adviezen zoals '
        'gefilterd (feed)" href="/adviezen/feed/?doelgroep=uitvoerders&amp;thema=praten">'
    ) in html


def test_a_feed_is_cached_answers_a_conditional_get_and_follows_a_change(client, inhoud, settings):
    from inhoudsversie.models import vergeet
    from praktijkadviezen.paginacache import PUBLIEK, dichtbij

    settings.PAGINACACHE_SECONDEN = 600
    dichtbij.clear()
    vergeet()
    url = f"{FEED}?thema=praten&doelgroep=uitvoerders"
    eerste = client.get(url)
    assert eerste["Cache-Control"] == PUBLIEK
    assert client.get(url)["X-Paginacache"] == "hit"
    assert client.get(url, HTTP_IF_NONE_MATCH=eerste["ETag"]).status_code == 304
    # Unknown values are not kept for others.
    assert client.get(f"{FEED}?thema=bestaat-niet").status_code == 404
    advies = Advies.objects.get(pk=inhoud["vraag"].pk)
    advies.titel = "Vraag verder"
    advies.save()
    vergeet()
    na = client.get(url)
    assert na.status_code == 200 and b"Vraag verder" in na.content
    dichtbij.clear()
