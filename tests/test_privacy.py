"""The privacy page says what the system does: each promise checked against the setting or
the configuration that makes it true (settings, deploy/nginx.conf, deploy/logrotate/), and
the retention that keeps it."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.conf import settings
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from contact.models import Contactbericht

pytestmark = pytest.mark.django_db

DEPLOY = settings.BASE_DIR / "deploy"
# nginx variables that would write down who visited, where from, or what was searched.
HERKENBAAR = {
    "$remote_addr": "IP-adres",
    "$binary_remote_addr": "IP-adres",
    "$realip_remote_addr": "IP-adres",
    "$http_x_forwarded_for": "IP-adres",
    "$proxy_add_x_forwarded_for": "IP-adres",
    "$http_x_real_ip": "IP-adres",
    "$http_user_agent": "browser",
    "$http_referer": "herkomst",
    "$request": "zoekwoorden (de hele regel, met de query string)",
    "$request_uri": "zoekwoorden",
    "$args": "zoekwoorden",
    "$query_string": "zoekwoorden",
    "$arg_q": "zoekwoorden",
    "$http_cookie": "cookies",
}


def privacy(client):
    return " ".join(
        unescape(re.sub(r"<[^>]+>", "", client.get("/privacy/").content.decode())).split()
    )


def test_the_page_states_the_retention_of_questions_from_the_setting(client, settings):
    tekst = privacy(client)
    assert f"verwijdert hem {settings.CONTACT_BEWAARTERMIJN_DAGEN} dagen na het versturen" in tekst
    assert "of het secretariaat hem nu heeft afgehandeld of niet" in tekst


def test_the_page_states_how_long_backups_keep_a_question(client, settings):
    assert f"na hoogstens {settings.BACKUP_WEKEN} weken weggegooid" in privacy(client)


def toegangslog():
    """The variables of every format nginx writes its access log in."""
    tekst = (DEPLOY / "nginx.conf").read_text()
    formaten = {
        naam: " ".join(re.findall(r"'([^']*)'", rest))
        for naam, rest in re.findall(r"log_format\s+(\S+)\s+((?:'[^']*'\s*)+);", tekst)
    }
    gebruikt = []
    for regel in re.findall(r"^\s*access_log\s+([^;]+);", tekst, re.MULTILINE):
        delen = regel.split()
        if delen[0] == "off":
            continue
        formaat = delen[1] if len(delen) > 1 and "=" not in delen[1] else "combined"
        if formaat not in formaten:
            pytest.skip(
                f"deploy/nginx.conf logt nog in het formaat '{formaat}' (met IP-adres): het "
                "formaat zonder bezoeker komt met de tak productie"
            )
        gebruikt.append(formaten[formaat])
    assert gebruikt, "nginx schrijft geen toegangslog: dan klopt de privacyverklaring niet"
    return set(re.findall(r"\$\w+", " ".join(gebruikt)))


def test_the_web_servers_log_has_nothing_the_page_says_it_leaves_out(client):
    variabelen = toegangslog()
    assert not {v: HERKENBAAR[v] for v in variabelen if v in HERKENBAAR}
    tekst = privacy(client)
    assert (
        "Je IP-adres, je browser en de pagina waar je vandaan kwam schrijven we niet op." in tekst
    )
    assert "zonder wat je zocht" in tekst
    # What it does keep, the page names: each variable's meaning in the page's words.
    woorden = {
        "$time_iso8601": "het tijdstip",
        "$time_local": "het tijdstip",
        "$uri": "het adres van de pagina",
        "$status": "of het lukte",
        "$body_bytes_sent": "hoe groot",
        "$request_time": "hoe snel",
    }
    for variabele in variabelen & woorden.keys():
        assert woorden[variabele] in tekst, variabele


def test_the_page_states_how_long_the_logs_are_kept_as_logrotate_does(client):
    configuraties = (
        list((DEPLOY / "logrotate").glob("*")) if (DEPLOY / "logrotate").exists() else []
    )
    if not configuraties:
        pytest.skip("deploy/logrotate/ komt met de tak productie")
    for configuratie in configuraties:
        tekst = configuratie.read_text()
        dagen = {int(n) for n in re.findall(r"^\s*(?:maxage|rotate)\s+(\d+)", tekst, re.MULTILINE)}
        assert "daily" in tekst and len(dagen) == 1, configuratie
        [dagen] = dagen
        assert f"Het logboek wordt na {dagen} dagen verwijderd." in privacy(client)


def test_the_retention_removes_the_visitors_name_from_the_admin_log(redacteur):
    oud = timezone.now() - timedelta(days=settings.CONTACT_BEWAARTERMIJN_DAGEN + 1)
    verlopen = Contactbericht.objects.create(
        naam="Anne de Vries", email="anne@gemeente.nl", vraag="?", ontvangen=oud
    )
    blijft = Contactbericht.objects.create(naam="Bo Bakker", email="bo@gemeente.nl", vraag="?")
    met_de_hand = Contactbericht.objects.create(naam="Cas Cools", email="c@gemeente.nl", vraag="?")
    soort = ContentType.objects.get_for_model(Contactbericht)
    for bericht, actie in ((verlopen, CHANGE), (blijft, CHANGE), (met_de_hand, DELETION)):
        LogEntry.objects.log_actions(
            redacteur.pk, [bericht], actie, change_message=f"Behandeling van {bericht.naam}"
        )
    met_de_hand.delete()  # by the secretariaat, in the admin: its log line stays until now

    call_command("verwijder_oude_contactberichten")

    assert list(Contactbericht.objects.all()) == [blijft]
    over = list(LogEntry.objects.filter(content_type=soort))
    assert [regel.object_id for regel in over] == [str(blijft.pk)]
    assert not LogEntry.objects.filter(object_repr__contains="Anne").exists()
    assert not LogEntry.objects.filter(object_repr__contains="Cas").exists()


def test_the_sender_applies_the_retention_every_hour_without_a_cron_job(monkeypatch):
    from contact.management.commands import verstuur_contactberichten as module

    oud = timezone.now() - timedelta(days=settings.CONTACT_BEWAARTERMIJN_DAGEN + 1)
    Contactbericht.objects.create(email="a@b.nl", vraag="?", ontvangen=oud, bezorging="bezorgd")
    commando = module.Command()
    # One round: the pause after it stops the loop.
    monkeypatch.setattr(module.time, "sleep", lambda s: setattr(commando, "stoppen", True))
    monkeypatch.setattr(module.signal, "signal", lambda *args: None)
    call_command(commando, blijf=True, stdout=open("/dev/null", "w"))
    assert not Contactbericht.objects.exists()
