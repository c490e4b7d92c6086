"""Signing in and setting up the app as a new colleague does, in Chromium, with the production
settings (debug off, the Content-Security-Policy on): axe finds nothing on any page, not even
as "incomplete" (serious or critical), at phone and desktop width."""

import io
import os
import re
import shutil
import subprocess
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from aanmelden.models import Aanmeldpoging
from aanmelden.pogingen import MAX_CODEFOUTEN
from tests.conftest import WCAG_21_AA, schermafdruk

# serialized_rollback: the flush after each test must not lose the data migrations' rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WACHTWOORD = "Fiets-lamp-koffie-2026"
BREEDTES = (375, 1280)
LUISTER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


def controleer(page, naam):
    """At both widths: a screenshot to look at, axe without violations and without serious
    or critical 'incomplete' results, one <h1>, and nothing the CSP blocked."""
    for breedte in BREEDTES:
        page.set_viewport_size({"width": breedte, "height": 900})
        schermafdruk(page, f"aanmelden-{naam}-{breedte}")
        resultaat = (
            Axe()
            .run(
                page,
                options={
                    "runOnly": {"type": "tag", "values": WCAG_21_AA},
                    "resultTypes": ["violations", "incomplete"],
                },
            )
            .response
        )
        bevindingen = [
            f"{soort}: {r['id']} ({r['impact']}) {r['help']} – "
            + ", ".join(
                f"{n['target']} {[m['message'] for m in n.get('any', [])]}" for n in r["nodes"]
            )
            for soort in ("violations", "incomplete")
            for r in resultaat[soort]
            if soort == "violations" or r["impact"] in ("serious", "critical")
        ]
        assert not bevindingen, f"{naam} op {breedte}px:\n" + "\n".join(bevindingen)
    assert page.locator("h1").count() == 1, naam
    assert page.evaluate("window.__csp") == [], naam


def lees_qr(element, map_):
    """What a QR reader (zbar, as a phone's camera would) reads in this element."""
    if not shutil.which("zbarimg"):
        reden = "zbarimg ontbreekt ('apt-get install zbar-tools'); QR-code niet gelezen."
        if os.environ.get("CI"):
            pytest.fail(reden)
        pytest.skip(reden)
    plaatje = map_ / "qr.png"
    element.screenshot(path=plaatje)
    uit = subprocess.run(["zbarimg", "-q", "--raw", str(plaatje)], capture_output=True, text=True)
    return uit.stdout.strip()


def test_a_new_colleague_sets_up_the_app_and_signs_in(live_server, page, tmp_path):
    assert not settings.DEBUG and settings.CONTENT_SECURITY_POLICY
    page.add_init_script(LUISTER)
    settings.SITE_URL = live_server.url
    uit = io.StringIO()
    os.environ["DJANGO_WACHTWOORD"] = WACHTWOORD
    try:
        call_command("maak_redacteur", "sanne", "--email", "sanne@aeno.nl", stdout=uit)
    finally:
        del os.environ["DJANGO_WACHTWOORD"]
        settings.SITE_URL = ""
    link = re.search(r"(http://\S+/beheer/koppelen/\S+/)", uit.getvalue()).group(1)

    # The link: the password first.
    antwoord = page.goto(link)
    assert "script-src 'self'" in antwoord.headers["content-security-policy"]
    assert page.get_by_role("heading", level=1).inner_text() == "Je account koppelen aan je app"
    page.get_by_label("Wachtwoord").fill("Fout-wachtwoord-2026")
    page.get_by_role("button", name="Verder").click()
    assert "Dit wachtwoord klopt niet." in page.locator(".errornote").inner_text()
    controleer(page, "koppelen-wachtwoord-fout")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Verder").click()

    # The app: a QR code (and the key to type), then a code from the app.
    assert page.get_by_role("heading", level=1).inner_text() == "Je authenticator-app instellen"
    expect(page.locator("figure.qr svg")).to_be_visible()
    controleer(page, "koppelen-app")
    app = TOTPDevice.objects.get(user__username="sanne", confirmed=False)
    # The QR code on the screen is whole: a reader gets the app's address and secret from it.
    for breedte in BREEDTES:
        page.set_viewport_size({"width": breedte, "height": 900})
        assert lees_qr(page.locator("figure.qr .qr-code"), tmp_path) == app.config_url
    page.get_by_label("Code uit je app").fill(f"{TOTP(app.bin_key).token():06d}")
    page.get_by_role("button", name="Bevestig en ga verder").click()

    # The recovery codes, once; then the start page, signed in.
    expect(page.locator("ol.herstelcodes code")).to_have_count(10)  # the page has loaded
    codes = page.locator("ol.herstelcodes code").all_inner_texts()
    assert len(codes) == 10
    controleer(page, "herstelcodes-na-koppelen")
    page.get_by_role("link", name="Ik heb de codes bewaard, ga verder").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Wat wil je doen?"

    # New recovery codes from the user menu; the old ones stop working.
    page.get_by_role("link", name="Herstelcodes").click()
    controleer(page, "herstelcodes")
    page.get_by_role("button", name="Maak nieuwe herstelcodes").click()
    expect(page.locator("ol.herstelcodes code")).to_have_count(10)
    nieuwe = page.locator("ol.herstelcodes code").all_inner_texts()
    assert len(nieuwe) == 10 and not set(codes) & set(nieuwe)
    controleer(page, "herstelcodes-nieuw")
    page.get_by_role("button", name="Afmelden").click()

    # Signing in: a wrong code and an old recovery code read the same; a new one works.
    page.goto(live_server.url + "/beheer/")
    assert page.get_by_role("heading", level=1).inner_text() == "Aanmelden"
    controleer(page, "aanmelden")
    page.get_by_label("Gebruikersnaam").fill("sanne")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_label("Code uit je app").fill(codes[0])
    page.get_by_role("button", name="Aanmelden").click()
    assert "Dit klopt niet." in page.locator(".errornote").inner_text()
    assert page.get_by_label("Code uit je app").input_value() == ""
    controleer(page, "aanmelden-fout")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_label("Code uit je app").fill(nieuwe[0])
    page.get_by_role("button", name="Aanmelden").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Wat wil je doen?"

    # Someone who knows the password keeps trying codes: in a new browser, the right code
    # then asks for the app's next one.
    page.get_by_role("button", name="Afmelden").click()
    page.context.clear_cookies()
    sanne = app.user
    for _ in range(MAX_CODEFOUTEN):
        Aanmeldpoging.objects.create(gebruiker=sanne, wachtwoord_goed=True)
    TOTPDevice.objects.filter(pk=app.pk).update(last_t=-1)  # the code of now, once more
    page.goto(live_server.url + "/beheer/")
    page.get_by_label("Gebruikersnaam").fill("sanne")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_label("Code uit je app").fill(f"{TOTP(app.bin_key).token():06d}")
    page.get_by_role("button", name="Aanmelden").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Nog één code uit je app"
    controleer(page, "nog-een-code")
    volgende = TOTP(app.bin_key)
    volgende.time = time.time() + 30
    page.get_by_label("Code uit je app").fill(f"{volgende.token():06d}")
    page.get_by_role("button", name="Aanmelden").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Wat wil je doen?"


def test_a_beheerder_hands_out_a_link_for_a_lost_phone(live_server, page, django_user_model):
    from tests.conftest import meld_aan_in_browser, met_app

    page.add_init_script(LUISTER)
    baas = django_user_model.objects.create_superuser("baas", password=WACHTWOORD)
    met_app(baas)
    collega = django_user_model.objects.create_user("collega", password="x" * 14, is_staff=True)
    met_app(collega)
    meld_aan_in_browser(page, live_server.url, "baas", WACHTWOORD)
    page.goto(live_server.url + f"/beheer/auth/user/{collega.pk}/change/")
    page.get_by_role("link", name="Koppellink maken of app verwijderen").click()
    controleer(page, "tweestaps-van")
    page.get_by_role("button", name="Maak een koppellink").click()
    adres = page.locator(".koppellink-adres").inner_text()
    assert re.fullmatch(r"http://\S+/beheer/koppelen/[\w-]+/", adres)
    controleer(page, "tweestaps-koppellink")
    page.get_by_role("button", name="Verwijder app en herstelcodes").click()
    controleer(page, "tweestaps-verwijderen")
    page.get_by_role("button", name="Ja, verwijder app en herstelcodes").click()
    expect(page.locator("body")).to_contain_text(
        "De app en herstelcodes van ‘collega’ zijn verwijderd."
    )
    assert not TOTPDevice.objects.filter(user=collega).exists()
