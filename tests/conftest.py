import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

# Playwright's sync API runs an event loop in the test thread; Django would then refuse
# database calls from the test itself. The server runs in its own thread, so this is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure():
    # Tests talk plain http to the test client and the live server and run no collectstatic;
    # everything else keeps the production defaults (debug off).
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    # "__Host-" cookies need https; over plain http they keep Django's names.
    settings.SESSION_COOKIE_NAME = "sessionid"
    settings.CSRF_COOKIE_NAME = "csrftoken"
    # The page cache is switched on by the tests that are about it (test_paginacache.py).
    settings.PAGINACACHE_SECONDEN = 0
    # Every request looks up the content version, unless a test is about not doing so.
    settings.PAGINACACHE_VERSIE_SECONDEN = 0
    # Password hashing is slow on purpose; tests sign in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


PLAYWRIGHT = {"page", "context", "browser"}


def pytest_itemcollected(item):
    # A test that drives a browser is a browser test (CI runs those once, on PostgreSQL):
    # one that asks Playwright for a page, or one in a browser test module (some open their
    # pages themselves). Marked as it is collected, so that `-m` sees it.
    if PLAYWRIGHT & set(getattr(item, "fixturenames", ())) or item.path.name.startswith(
        "test_browser_"
    ):
        item.add_marker(pytest.mark.browser)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    # pytest-django runs transactional tests last, but pytest-playwright re-sorts by browser
    # afterwards; restore the order so flushing tests never run before the others.
    def transactioneel(item):
        marker = item.get_closest_marker("django_db")
        return bool(marker and marker.kwargs.get("transaction")) or "live_server" in getattr(
            item, "fixturenames", []
        )

    items.sort(key=transactioneel)


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Chromium's own texts (a file field's "Bestand kiezen") in Dutch, as staff see them:
    # with LANGUAGE=nl (below) and Debian's chromium-l10n.
    "--lang=nl",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def django_db_setup(playwright, django_db_setup):
    """Start Playwright before the test database. Its sync API leaves an event loop running,
    after which Django keeps connections per async context; set up in that same context,
    the connection that holds the serialized data (for serialized_rollback) is the one every
    test gets."""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        reden = (
            "Chromium ontbreekt (/usr/bin/chromium); browsertests overgeslagen. "
            "Installeer het met 'apt-get install chromium'."
        )
        if os.environ.get("CI"):
            pytest.fail(reden)
        pytest.skip(reden)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": CHROMIUM_ARGS,
        "env": {**os.environ, "LANGUAGE": "nl"},
    }


def assert_toegankelijk(page, twijfel=None):
    """Fail when axe-core finds any WCAG 2.1 A/AA violation on the page, or (`twijfel`) a
    colour contrast it could not decide (axe's "incomplete": a 404 page's button, blue on
    blue, was one), listing them all. `twijfel` is on for public pages by default; the staff
    screens keep Django's admin icons, background images axe cannot see through."""
    if twijfel is None:
        twijfel = not urlsplit(page.url).path.startswith("/beheer/")
    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_21_AA},
            "resultTypes": ["violations", "incomplete"],
        },
    )
    violations = results.response["violations"]
    twijfels = [
        v
        for v in results.response["incomplete"]
        if twijfel and v["id"] == "color-contrast" and v["impact"] in ("serious", "critical")
    ]
    lines = []
    for v in violations + twijfels:
        targets = ", ".join(f"{node['target']} {_axe_reden(node)}".rstrip() for node in v["nodes"])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} – {targets}")
    assert not violations + twijfels, f"axe-core vond op {page.url}:\n" + "\n".join(lines)


def _axe_reden(node):
    """Why axe could not decide (its message for an "incomplete" node), if it says."""
    berichten = [c.get("message", "") for c in node.get("any", []) + node.get("all", [])]
    return "; ".join(b for b in berichten if b)


@pytest.fixture(autouse=True)
def vers_per_test():
    """What a process remembers of the content (its version, its pages) starts afresh in
    every test: a rolled-back test can leave the database at a version seen before."""
    from inhoudsversie.models import vergeet
    from praktijkadviezen.paginacache import dichtbij

    vergeet()
    dichtbij.clear()
    yield


@pytest.fixture
def uitvoerders(db):
    from tests.factories import DoelgroepFactory

    # get_or_create: the data migration made it, but transactional tests flush it.
    return DoelgroepFactory(slug="uitvoerders", naam="Uitvoerders", volgorde=1)


@pytest.fixture
def leidinggevenden(db):
    from tests.factories import DoelgroepFactory

    return DoelgroepFactory(
        slug="leidinggevenden-en-bestuurders", naam="Leidinggevenden en bestuurders", volgorde=2
    )


@pytest.fixture
def seeds(uitvoerders, leidinggevenden):
    """Both seed werkateliers, imported and published as `make run` does."""
    from django.core.management import call_command

    from werkateliers.models import Werkatelier

    call_command("laad_voorbeelden", stdout=open(os.devnull, "w"))
    return {w.slug: w for w in Werkatelier.objects.all()}


def met_app(gebruiker):
    """A confirmed authenticator app for this account (its secret is on the device)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=gebruiker, name="Test-app", confirmed=True)


def app_code(gebruiker):
    """The code the account's app shows now."""
    from django_otp.oath import TOTP

    apparaat = gebruiker.totpdevice_set.get(confirmed=True)
    return f"{TOTP(apparaat.bin_key).token():06d}"


def meld_aan(client, gebruiker):
    """Signed in with both factors, as the admin requires (without typing anything)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(gebruiker)
    apparaat = gebruiker.totpdevice_set.filter(confirmed=True).first() or met_app(gebruiker)
    sessie = client.session
    sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
    sessie.save()
    return client


def meld_aan_in_browser(page, adres, gebruikersnaam="redacteur", wachtwoord="Redactie-2026-geheim"):
    """Sign in through the form, with password and the app's code of this moment."""
    from django.contrib.auth import get_user_model

    page.goto(adres + "/beheer/login/")
    page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_label("Code uit je app").fill(
        app_code(get_user_model().objects.get(username=gebruikersnaam))
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Aanmelden").click()


@pytest.fixture
def secretariaat_client(client, django_user_model):
    from django.contrib.auth.models import Group

    gebruiker = django_user_model.objects.create_user(
        "secretariaat", password="geheim-genoeg-123", is_staff=True
    )
    gebruiker.groups.add(Group.objects.get(name="Secretariaat"))
    return meld_aan(client, gebruiker)


@pytest.fixture
def redacteur(django_user_model):
    from django.contrib.auth.models import Group

    gebruiker = django_user_model.objects.create_user(
        "redacteur", password="Redactie-2026-geheim", is_staff=True
    )
    gebruiker.groups.add(Group.objects.get(name="Redacteur"))
    met_app(gebruiker)
    return gebruiker


@pytest.fixture
def redacteur_client(client, redacteur):
    return meld_aan(client, redacteur)


SCHERMAFDRUKKEN = Path(__file__).resolve().parent / "schermafdrukken"


def schermafdruk(page, naam, volledig=True):
    """A screenshot in tests/schermafdrukken/, to look at as a visitor would: the whole page,
    or (volledig=False) the first screen only."""
    SCHERMAFDRUKKEN.mkdir(exist_ok=True)
    page.screenshot(path=SCHERMAFDRUKKEN / f"{naam}.png", full_page=volledig)


def hele_sitemap(client):
    """Every part the sitemap's index names, fetched and put together, as a search engine
    reads them."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    index = index.content.decode()
    assert "<sitemapindex " in index
    delen = re.findall(r"<loc>http://testserver(/sitemap-[a-z]+(?:-\d+)?\.xml)</loc>", index)
    assert len(delen) == index.count("<sitemap>")
    xml = ""
    for deel in delen:
        response = client.get(deel)
        assert response.status_code == 200, deel
        xml += response.content.decode()
    return xml


def als_formulier(client, pad, gegevens, **extra):
    """POST as a browser sends a form without files: urlencoded, not multipart."""
    from urllib.parse import urlencode

    return client.post(
        pad,
        urlencode(gegevens, doseq=True),
        content_type="application/x-www-form-urlencoded",
        **extra,
    )


# Nine werkateliers more than the seeds, with two thema's of their own each (23 thema's in
# all, as a site with a dozen imports has): the filter panel is then taller than a laptop's
# window, the case the desktop layout must handle.
VEEL_WERKATELIERS = [
    ("Agressie en veiligheid aan de balie", "Signaleren van spanning", "Afspraken met collega's"),
    ("Huiselijk geweld herkennen", "Signalen bespreekbaar maken", "Samenwerken met Veilig Thuis"),
    ("Schulden en geldzorgen", "Vroeg in gesprek over geld", "Schuldhulp op maat"),
    ("Statushouders en inburgering", "Taal en begrip", "Werk en meedoen"),
    ("Re-integratie naar werk", "Werkgevers betrekken", "Kleine stappen vooruit"),
    ("Mantelzorgers ondersteunen", "Overbelasting voorkomen", "Respijtzorg regelen"),
    ("Eenzaamheid onder ouderen", "Erop af in de wijk", "Vrijwilligers inzetten"),
    ("Digitale dienstverlening", "Hulp bij formulieren", "Brieven in begrijpelijke taal"),
    ("Wijkteams en de Wmo", "Het keukentafelgesprek", "Maatwerk in de wijk"),
]


@pytest.fixture
def veel_themas(seeds, uitvoerders, leidinggevenden):
    from tests.factories import AdviesFactory, ThemaFactory, WerkatelierFactory

    werkateliers = dict(seeds)
    for titel, *themas in VEEL_WERKATELIERS:
        werkatelier = WerkatelierFactory(titel=titel)
        for positie, naam in enumerate(themas, start=1):
            thema = ThemaFactory(naam=naam)
            AdviesFactory(
                werkatelier=werkatelier,
                doelgroep=uitvoerders,
                thema=thema,
                positie=positie,
                titel=f"{naam} – begin bij de inwoner",
                tekst=(
                    f"<p>Bij {naam.lower()} gaat het om de mens achter de vraag. Neem de tijd,"
                    " luister eerst en maak samen een plan dat past.</p><p>Leg vast wat je"
                    " afspreekt en kom er op terug: zo weet de inwoner waar hij aan toe is.</p>"
                ),
            )
        AdviesFactory(
            werkatelier=werkatelier,
            doelgroep=leidinggevenden,
            positie=1,
            titel=f"Geef ruimte aan {titel.lower()} – en houd vol",
            tekst="<p>Geef uitvoerders tijd en vertrouwen, en vraag wat zij nodig hebben.</p>",
        )
        werkateliers[werkatelier.slug] = werkatelier
    return werkateliers
