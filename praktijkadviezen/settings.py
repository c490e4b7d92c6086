"""Settings for Praktijkadviezen.

Everything that differs between a laptop and production comes from environment variables
(see README.md and .env.example). The defaults are safe: debug is off unless asked for.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "ja", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY ontbreekt. Zet een lange, geheime waarde in de omgeving, "
            "of zet DJANGO_DEBUG=1 om op je eigen computer te ontwikkelen."
        )
    SECRET_KEY = "alleen-voor-ontwikkeling-nooit-in-productie"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
# The public address, e.g. https://praktijkadviezen.aeno.nl: canonical links, the feed, the
# sitemap and print headers use it, whatever Host a request names. Empty: from the request.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "").rstrip("/")

INSTALLED_APPS = [
    "praktijkadviezen.apps.BeheerConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django.contrib.postgres",
    "django_prose_editor",
    "reversion",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # After auth and otp_totp: its admin replaces theirs (aanmelden/admin.py).
    "aanmelden",
    "csp",
    "inhoudsversie",
    "werkateliers",
    "contact",
    "zoekhulp",
    "attenderingen",
    "backups",
]

MIDDLEWARE = [
    # First: the load balancer's health check needs no host check, https or session.
    "praktijkadviezen.gezondheid.GezondheidMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "praktijkadviezen.headers.BeveiligingsheadersMiddleware",
    # Before anything reads a request's body (CSRF does): refuse what no visitor needs.
    "praktijkadviezen.invoerlimieten.InvoerlimietenMiddleware",
    # Searches the page cache answers are counted too (zoekhulp/middleware.py).
    "zoekhulp.middleware.ZoekopdrachtenMiddleware",
    # Public pages for anonymous visitors, from the cache before the content security
    # policy, sessions, authentication and CSRF are worked out (a page keeps the headers it
    # was made with); HTTP caching headers and 304s (praktijkadviezen/paginacache.py).
    "praktijkadviezen.paginacache.PaginacacheMiddleware",
    "csp.middleware.CSPMiddleware",
    # A database blip: a page is read once more on a new connection; a database that is
    # really down gives a Dutch 503 (praktijkadviezen/databasestoring.py).
    "praktijkadviezen.databasestoring.DatabasestoringMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sessions end after 30 minutes idle, 12 hours at most (it says so with a message).
    "aanmelden.sessies.BeheersessieMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Form fields render with our templates (templates/includes/_veld.html) too.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

ROOT_URLCONF = "praktijkadviezen.urls"
WSGI_APPLICATION = "praktijkadviezen.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "praktijkadviezen.context_processors.secretariaat",
                "praktijkadviezen.context_processors.site",
            ],
        },
    },
]

# SQLite in var/ unless DATABASE_URL says otherwise. Connections are kept open and
# health-checked, so a restarted database costs a new connection, not an error page; on
# PostgreSQL the check looks at the socket instead of asking the server (praktijkadviezen/
# postgresql/base.py).
_SQLITE_PATH = BASE_DIR / "var" / "db.sqlite3"
if not os.environ.get("DATABASE_URL"):
    _SQLITE_PATH.parent.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{_SQLITE_PATH}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "praktijkadviezen.postgresql"
    # No JIT compiling: every query of the site takes milliseconds, and compiling one costs
    # tens of them each time it runs (docs/productie.md, "PostgreSQL").
    _OPTIONS = DATABASES["default"].setdefault("OPTIONS", {})
    _OPTIONS["options"] = f"{_OPTIONS.get('options', '')} -c jit=off".strip()
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # A transaction takes the write lock when it begins, so a count and the insert that
        # depends on it (the contact form's limit) can never be interleaved; others wait.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests that run several processes or threads at once need a file, not memory.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Staff passwords: at least 12 characters, not on our Dutch and English list of common
# passwords (aanmelden/wachtwoordlijst/README.md), and a mail when one changes.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "aanmelden.wachtwoorden.VeelgebruiktWachtwoordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "aanmelden.wachtwoorden.MeldWachtwoordwijziging"},
]

LANGUAGE_CODE = "nl"
# Our own Dutch for the admin (praktijkadviezen/locale), before Django's.
LOCALE_PATHS = [BASE_DIR / "praktijkadviezen" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# favicon.ico, apple-touch-icon.png and the web manifest, served at the site's root.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
# Python's mimetypes does not know .webmanifest: without this it goes out as
# application/octet-stream.
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Fingerprinted, compressed files outside debug; they need `collectstatic` first.
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Mail. Without EMAIL_HOST in debug, mail is printed to the console.
SECRETARIAAT_EMAIL = os.environ.get("SECRETARIAAT_EMAIL", "secretariaat@aeno.nl")
SECRETARIAAT_TELEFOON = "070 - 763 00 30"
SECRETARIAAT_TELEFOON_LINK = "+31707630030"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Praktijkadviezen <noreply@aeno.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
if DEBUG and not os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# How long public pages stay in each server process's page cache for anonymous visitors
# (0 = not at all). Content changes show at once whatever this is: they change the version.
PAGINACACHE_SECONDEN = int(os.environ.get("PAGINACACHE_SECONDEN", "600"))
# How often each server process looks up the content version: a change reaches every
# visitor within this many seconds (plus nginx's one-second microcache, see README.md).
PAGINACACHE_VERSIE_SECONDEN = float(os.environ.get("PAGINACACHE_VERSIE_SECONDEN", "1"))

# Security. HTTPS_ONLY can be switched off for a plain-http test run, never in production.
HTTPS_ONLY = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS_ONLY
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000")) if HTTPS_ONLY else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS_ONLY
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", HTTPS_ONLY)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Over https the cookies carry the __Host- prefix: the browser then only accepts them when
# set securely by this host for the whole site, never by a neighbouring subdomain. Plain http
# (tests, `make run`) cannot have it, so there they keep Django's names.
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS_ONLY else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS_ONLY else "csrftoken"
# Only staff have sessions. They end 30 minutes after the last request and 12 hours after
# signing in (aanmelden/sessies.py), and when the browser closes.
BEHEER_SESSIE_STIL = 30 * 60
BEHEER_SESSIE_MAX = 12 * 60 * 60
SESSION_COOKIE_AGE = BEHEER_SESSIE_MAX
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"
# The site needs none of these browser features.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

# Content-Security-Policy outside debug: nothing inline, everything from this site.
CONTENT_SECURITY_POLICY = (
    None
    if DEBUG
    else {
        "DIRECTIVES": {
            "default-src": ["'none'"],
            "script-src": ["'self'"],
            # The hash is that of an empty string: it allows only an empty inline <style>,
            # which the admin's editor places so that Tiptap injects no styles of its own
            # (static/beheer/rijke-tekst.js).
            "style-src": ["'self'", "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"],
            "img-src": ["'self'"],
            "font-src": ["'self'"],
            "connect-src": ["'self'"],
            # The web manifest (site.webmanifest); default-src 'none' would block it.
            "manifest-src": ["'self'"],
            "form-action": ["'self'"],
            "base-uri": ["'none'"],
            "frame-ancestors": ["'none'"],
            "object-src": ["'none'"],
        }
    }
)
if os.environ.get("DJANGO_PROXY_SSL_HEADER"):
    # For example "HTTP_X_FORWARDED_PROTO" behind a load balancer that sets it.
    SECURE_PROXY_SSL_HEADER = (os.environ["DJANGO_PROXY_SSL_HEADER"], "https")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

LOGIN_URL = "admin:login"
# Two-factor sign-in for /beheer/ (the app aanmelden): the name in the app.
OTP_TOTP_ISSUER = "Praktijkadviezen"
# django-otp's own pause after a wrong app code would also refuse the owner's right code;
# aanmelden/pogingen.py slows guessing down in a way a stranger cannot turn against them.
OTP_TOTP_THROTTLE_FACTOR = 0

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Only for `make bench`: a bare view to compare the pages with.
BENCH_KAAL = env_bool("DJANGO_BENCH", False)

# Contact form. The answer time is promised on the confirmation and accessibility pages.
CONTACT_ANTWOORDTERMIJN = os.environ.get("CONTACT_ANTWOORDTERMIJN", "twee werkdagen")
CONTACT_MAX_PER_UUR = int(os.environ.get("CONTACT_MAX_PER_UUR", "5"))
# A message not delivered after this many minutes raises the alarm (admin, health check).
CONTACT_ALARM_MINUTEN = int(os.environ.get("CONTACT_ALARM_MINUTEN", "30"))
# A contact post larger than this is refused before it is read.
CONTACT_MAX_BYTES = 64 * 1024
CONTACT_BEWAARTERMIJN_DAGEN = int(os.environ.get("CONTACT_BEWAARTERMIJN_DAGEN", "365"))

# "Houd me op de hoogte" (attenderingen/): requests per hour from one sender (a keyed hash
# of the client's address; generous, as a whole town hall may share one address) and
# confirmation mails per hour to one address; where a mail program's mailto-unsubscribe goes
# (the secretariaat unsubscribes the address in the admin).
ATTENDERINGEN_MAX_PER_AFZENDER = int(os.environ.get("ATTENDERINGEN_MAX_PER_AFZENDER", "30"))
ATTENDERINGEN_MAX_PER_ADRES = int(os.environ.get("ATTENDERINGEN_MAX_PER_ADRES", "3"))
ATTENDERINGEN_AFMELDEN_EMAIL = os.environ.get("ATTENDERINGEN_AFMELDEN_EMAIL", SECRETARIAAT_EMAIL)
# Back-ups (manage.py maak_backup, docs/productie.md): where, and how many are kept.
BACKUP_MAP = os.environ.get("BACKUP_MAP", str(BASE_DIR / "var" / "backups"))
BACKUP_DAGEN = int(os.environ.get("BACKUP_DAGEN", "7"))
BACKUP_WEKEN = int(os.environ.get("BACKUP_WEKEN", "8"))

# Set to for example "HTTP_X_FORWARDED_FOR" when a proxy adds the client's address (`make
# serve` does, for nginx); believed only from the proxies in DJANGO_TRUSTED_PROXIES.
CLIENT_IP_HEADER = os.environ.get("DJANGO_CLIENT_IP_HEADER", "")
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES", ["127.0.0.1", "::1"])
