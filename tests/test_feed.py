"""The Atom feed as the W3C Feed Validation Service sees it (its validator, tests/vendor)."""

import io
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from tests.factories import AdviesFactory, WerkatelierFactory

sys.path.insert(0, str(Path(__file__).parent / "vendor"))
import feedvalidator  # noqa: E402
from feedvalidator import compatibility  # noqa: E402
from feedvalidator.formatter.text_plain import Formatter  # noqa: E402

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def valideer(response):
    """What the online validator reports: errors and warnings, none of the notes."""
    gebeurtenissen = feedvalidator.validateStream(
        io.BytesIO(response.content),
        firstOccurrenceOnly=1,
        contentType=response["Content-Type"],
        base="http://testserver/feed/",
    )["loggedEvents"]
    return list(Formatter(compatibility.AA(gebeurtenissen)))


def test_the_feed_passes_the_w3c_feed_validator(client, seeds, uitvoerders):
    # What staff type: ampersands and angle brackets in titles and descriptions.
    lastig = WerkatelierFactory(
        titel="Werk & inkomen <samen>",
        beschrijving="Wat het A&O fonds doet & waarom: <niet> alles.",
        gepubliceerd_op=timezone.now(),
    )
    AdviesFactory(werkatelier=lastig, doelgroep=uitvoerders, titel="Vraag & luister")
    response = client.get("/feed/")
    assert valideer(response) == []
    feed = ElementTree.fromstring(response.content)
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "A&O fonds Gemeenten"
    eerste = feed.find(f"{ATOM}entry")
    assert eerste.find(f"{ATOM}title").text == "Werk & inkomen <samen>"
    samenvatting = eerste.find(f"{ATOM}summary").text
    assert "Wat het A&amp;O fonds doet &amp; waarom: &lt;niet&gt; alles." in samenvatting
    assert "Vraag &amp; luister</a>" in samenvatting


def test_the_validator_finds_what_is_wrong(client, seeds):
    """The check above can fail: the same feed without its author is refused."""
    response = client.get("/feed/")
    zonder_auteur = response.content.replace(
        b"<author><name>A&amp;O fonds Gemeenten</name><email>secretariaat@aeno.nl</email></author>",
        b"",
    )
    assert zonder_auteur != response.content
    response.content = zonder_auteur
    assert any("author" in regel for regel in valideer(response))
