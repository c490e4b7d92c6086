"""`make serve`: the production stack on this machine, each process supervised on its own.

nginx (deploy/nginx.conf) on LISTEN_ADDRESS:PORT (default 127.0.0.1:8080; with TLS_CERT and
TLS_KEY also HTTPS_PORT) in front of gunicorn (gunicorn.conf.py) on 127.0.0.1, and the sender
of contact messages beside them. Everything else comes from the same environment variables
as production (docs/productie.md). A process that stops is started again on its own, after
a pause that doubles while it keeps failing; the others keep serving. Ctrl+C or SIGTERM
stops everything.

`deploy/serve.py nginx-config` prints the nginx configuration for these variables, for a
server where systemd runs each process (deploy/systemd/).
"""

import ctypes
import grp
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent
MODULES = Path("/usr/lib/nginx/modules")
GZIP_TYPES = (
    "text/plain text/css text/xml application/xml application/atom+xml "
    "application/javascript application/json application/manifest+json image/svg+xml"
)
# Every query parameter a public page understands (cache_voor_bezoekers(parameters=…));
# tests/test_serve.py checks this against the views.
PARAMETERS = ("doelgroep", "page", "q", "thema", "werkatelier")
# Mozilla's "intermediate" TLS configuration (ssl-config.mozilla.org, version 5.7, without
# the DHE suites, which need a dhparam file and add nothing for today's browsers).
TLS = """ssl_certificate {cert};
        ssl_certificate_key {key};
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_ecdh_curve X25519:prime256v1:secp384r1;
        ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;
        ssl_prefer_server_ciphers off;
        ssl_session_timeout 1d;
        ssl_session_cache shared:TLS:10m;
        ssl_session_tickets off;"""  # noqa: E501 (one line, as Mozilla writes it)
# Plain http when nginx holds TLS: an ACME client's challenge (certbot --webroot), the load
# balancer's check, and for everything else one redirect to the same address over https.
HTTP_NAAR_HTTPS = """
    server {{
        listen {adres}:{poort} reuseport;
        server_name _;
        location /.well-known/acme-challenge/ {{
            root {acme};
            default_type text/plain;
        }}
        location = /gezondheid/ {{
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto http;
            proxy_set_header Connection "";
            proxy_pass http://django;
        }}
        location / {{
            return 301 https://$host{https_poort}$request_uri;
        }}
    }}
"""
LOG_MAX_BYTES = 10 * 1024 * 1024


def vrije_poort():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lijst(naam):
    return [w.strip() for w in os.environ.get(naam, "").split(",") if w.strip()]


def nginx_config(var, static_root, gunicorn, inpakken):
    """deploy/nginx.conf with this machine's values, from the environment."""
    brotli = (MODULES / "ngx_http_brotli_filter_module.so").exists()
    if not brotli:
        print(
            "Let op: nginx zonder brotli; alleen gzip. Installeer libnginx-mod-http-brotli-filter "
            "en libnginx-mod-http-brotli-static voor brotli.",
            file=sys.stderr,
        )
    adres = os.environ.get("LISTEN_ADDRESS", "127.0.0.1")
    poort = os.environ.get("PORT", "8080")
    cert, key = os.environ.get("TLS_CERT"), os.environ.get("TLS_KEY")
    proxies = _lijst("NGINX_TRUSTED_PROXIES")
    if cert and key:
        https_poort = os.environ.get("HTTPS_PORT", "443")
        listen = f"listen {adres}:{https_poort} ssl http2 reuseport;"
        tls = TLS.format(cert=cert, key=key)
        http_naar_https = HTTP_NAAR_HTTPS.format(
            adres=adres,
            poort=poort,
            acme=os.environ.get("ACME_WEBROOT", str(Path(var) / "acme")),
            https_poort="" if https_poort == "443" else f":{https_poort}",
        )
        seconden = os.environ.get("DJANGO_HSTS_SECONDS", "31536000")
        preload = "" if os.environ.get("DJANGO_HSTS_PRELOAD") == "0" else "; preload"
        hsts = (
            "add_header Strict-Transport-Security "
            f'"max-age={seconden}; includeSubDomains{preload}";'
        )
    else:
        listen, tls, http_naar_https, hsts = f"listen {adres}:{poort} reuseport;", "", "", ""
    waarden = {
        "@MODULES@": (
            f"load_module {MODULES}/ngx_http_brotli_filter_module.so;\n"
            f"load_module {MODULES}/ngx_http_brotli_static_module.so;"
            if brotli
            else ""
        ),
        "@USER@": _gebruiker(),
        "@VAR@": str(var),
        "@LOG@": os.environ.get("NGINX_LOG", str(Path(var) / "access.log")),
        "@GZIP_TYPES@": GZIP_TYPES,
        "@BROTLI@": (
            f"brotli on;\n        brotli_comp_level 5;\n        brotli_types {GZIP_TYPES};"
            if brotli
            else ""
        ),
        "@BROTLI_STATIC@": "brotli_static on;" if brotli else "",
        "@PARAMETERS@": "|".join(PARAMETERS),
        "@HOSTS@": _hosts(),
        "@VREEMDE_HOST@": _vreemde_host(),
        "@REAL_IP@": "".join(f"set_real_ip_from {p};\n    " for p in proxies)
        + ("real_ip_header X-Forwarded-For;\n    real_ip_recursive on;" if proxies else ""),
        "@PROXIES@": "\n        ".join(f"{p} 1;" for p in proxies),
        "@GUNICORN@": gunicorn,
        "@INPAKKEN@": inpakken,
        "@HTTP_NAAR_HTTPS@": http_naar_https,
        "@LISTEN@": listen,
        "@TLS@": tls,
        "@HSTS@": hsts,
        "@STATIC_ROOT@": str(static_root),
    }
    tekst = (BASIS / "deploy" / "nginx.conf").read_text()
    for naam, waarde in waarden.items():
        tekst = tekst.replace(naam, waarde)
    return tekst


def _hosts():
    """DJANGO_ALLOWED_HOSTS as nginx map lines (a leading dot: the domain and every
    subdomain, as Django reads it; `*`: any host)."""
    hosts = _lijst("DJANGO_ALLOWED_HOSTS") or ["localhost", "127.0.0.1", "[::1]"]
    if "*" in hosts:
        return "default 1;"
    regels = ['default "";']
    for host in hosts:
        host = host.lower().rsplit(":", 1)[0] if host.count(":") == 1 else host.lower()
        if host.startswith("."):
            regels.append(f'"~(^|\\.){re.escape(host[1:])}$" 1;')
        else:
            regels.append(f'"{host}" 1;')
    return "\n        ".join(regels)


def _vreemde_host():
    """What a request for a host the site does not serve gets: sent to the site's own
    address (DJANGO_SITE_URL), or else a 400, from nginx alone."""
    site = os.environ.get("DJANGO_SITE_URL", "").rstrip("/")
    return f"return 301 {site}$request_uri;" if site else 'return 400 "Onbekend adres.\\n";'


def _gebruiker():
    """nginx's workers never run as root: started as root, the master hands the work to
    NGINX_USER (www-data); started as anyone else, nginx runs as that user and needs no
    line."""
    if os.geteuid() != 0:
        return ""
    naam = os.environ.get("NGINX_USER", "www-data")
    groep = grp.getgrgid(pwd.getpwnam(naam).pw_gid).gr_name
    return f"user {naam} {groep};"


def _sterf_met_ouder():
    """In the child, before it runs: end it when serve.py ends, however that happens."""
    os.setsid()  # a process group of its own, to end what a killed master leaves behind
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Kind:
    """One process of the stack, started again on its own when it stops.

    Whatever a master killed outright leaves behind is ended too: gunicorn's workers at once
    (they hold its port, and stop by themselves after one more request anyway); nginx's
    workers only once the new nginx has been up a second (`overlap`: they keep serving
    meanwhile, as nginx listens with reuseport), and then gracefully (SIGQUIT)."""

    EERSTE_PAUZE, MAX_PAUZE, GEZOND_NA = 0.5, 30, 30

    def __init__(self, naam, opdracht, omgeving, overlap=False, pass_fds=()):
        self.naam, self.opdracht, self.omgeving = naam, opdracht, omgeving
        self.overlap, self.pass_fds = overlap, pass_fds
        self.pauze = self.EERSTE_PAUZE
        self.opnieuw_om = None
        self.achtergelaten = None  # the process group of a master that died
        self.start()

    def start(self):
        self.proces = subprocess.Popen(
            self.opdracht,
            cwd=BASIS,
            env=self.omgeving,
            preexec_fn=_sterf_met_ouder,
            pass_fds=self.pass_fds,
        )
        self.gestart = time.monotonic()
        self.opnieuw_om = None

    def bewaak(self):
        """Called every moment: notices a stop, and starts it again when the pause is up."""
        nu = time.monotonic()
        if self.opnieuw_om is not None:
            if nu >= self.opnieuw_om:
                print(f"{self.naam} start opnieuw.", file=sys.stderr, flush=True)
                self.start()
            return
        if self.achtergelaten and nu - self.gestart > 1 and self.proces.poll() is None:
            _signaal(self.achtergelaten, signal.SIGQUIT)
            self.achtergelaten = None
        code = self.proces.poll()
        if code is None:
            return
        if self.overlap:
            self.achtergelaten = self.proces.pid
        else:
            _signaal(self.proces.pid, signal.SIGKILL)
        if nu - self.gestart > self.GEZOND_NA:
            self.pauze = self.EERSTE_PAUZE
        print(
            f"{self.naam} stopte (code {code}); opnieuw over {self.pauze:g} s.",
            file=sys.stderr,
            flush=True,
        )
        self.opnieuw_om = nu + self.pauze
        self.pauze = min(self.pauze * 2, self.MAX_PAUZE)

    def stop(self):
        if self.proces.poll() is None:
            self.proces.terminate()

    def wacht(self):
        try:
            self.proces.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
        for groep in (self.proces.pid, self.achtergelaten):
            if groep:
                _signaal(groep, signal.SIGKILL)


def _signaal(groep, signaal):
    try:
        os.killpg(groep, signaal)
    except (ProcessLookupError, PermissionError):
        pass


def controleer_vrij(adres, poort):
    """nginx listens with reuseport (to overlap with its predecessor), which would also let a
    second `make serve` on the same port share it silently: refuse that here."""
    familie = socket.AF_INET6 if ":" in adres else socket.AF_INET
    with socket.socket(familie) as s:
        try:
            s.bind((adres.strip("[]"), int(poort)))
        except OSError as fout:
            sys.exit(f"Kan niet luisteren op {adres}:{poort}: {fout.strerror}.")


def wacht_tot_bereikbaar(url, kind, seconden=30):
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if kind.proces.poll() is not None:
            sys.exit(f"{kind.naam} stopte bij het starten.")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"{kind.naam} kwam niet op binnen {seconden} s ({url}).")


def roteer_log(log, nginx):
    """`make serve` keeps at most two access logs of 10 MB (a server has logrotate)."""
    try:
        if log.stat().st_size < LOG_MAX_BYTES:
            return
    except FileNotFoundError:
        return
    log.replace(log.with_name(log.name + ".1"))
    nginx.proces.send_signal(signal.SIGUSR1)  # reopen the log files


def main():
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        sys.exit(
            "nginx ontbreekt. Installeer het met:\n  apt-get install nginx-light "
            "libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static"
        )
    var = Path(os.environ.get("SERVE_MAP", BASIS / "var" / "serve"))
    static_root = BASIS / "staticfiles"
    if not (static_root / "staticfiles.json").exists():
        sys.exit("staticfiles/ ontbreekt: draai eerst `make static` (`make serve` doet dat).")
    # The microcache starts empty: nginx would serve a page kept before a restart once more,
    # however old, while it fetches it anew (proxy_cache_use_stale updating).
    shutil.rmtree(var / "microcache", ignore_errors=True)
    var.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:  # nginx's workers (NGINX_USER) must reach their maps inside
        var.chmod(var.stat().st_mode | 0o111)
    (var / "acme").mkdir(exist_ok=True)
    omgeving = dict(os.environ)
    # nginx puts the client's address in X-Forwarded-For; Django believes it from 127.0.0.1.
    omgeving.setdefault("DJANGO_CLIENT_IP_HEADER", "HTTP_X_FORWARDED_FOR")
    # gunicorn's port is held here, as systemd holds it on a server (praktijkadviezen-
    # gunicorn.socket): while gunicorn restarts, nginx's requests wait in its queue and are
    # answered when it is back, instead of being refused.
    poort_gunicorn = socket.socket()
    poort_gunicorn.bind(("127.0.0.1", 0))
    poort_gunicorn.listen(2048)
    gunicorn_adres = f"127.0.0.1:{poort_gunicorn.getsockname()[1]}"
    config = var / "nginx.conf"
    config.write_text(nginx_config(var, static_root, gunicorn_adres, f"127.0.0.1:{vrije_poort()}"))
    if subprocess.run([nginx, "-t", "-q", "-p", str(var), "-c", str(config)]).returncode:
        sys.exit(f"nginx keurt {config} af.")

    log = Path(os.environ.get("NGINX_LOG", var / "access.log"))
    adres = os.environ.get("LISTEN_ADDRESS", "127.0.0.1")
    poort = os.environ.get("PORT", "8080")
    controleer_vrij(adres, poort)
    if os.environ.get("TLS_CERT") and os.environ.get("TLS_KEY"):
        controleer_vrij(adres, os.environ.get("HTTPS_PORT", "443"))
    kinderen = []
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        gunicorn = Kind(
            "gunicorn",
            [sys.executable, "-m", "gunicorn", "praktijkadviezen.wsgi"],
            {**omgeving, "GUNICORN_BIND": f"fd://{poort_gunicorn.fileno()}"},
            pass_fds=(poort_gunicorn.fileno(),),
        )
        kinderen.append(gunicorn)
        wacht_tot_bereikbaar(f"http://{gunicorn_adres}/gezondheid/", gunicorn)
        kinderen.append(
            Kind(
                "verzender",
                [sys.executable, "manage.py", "verstuur_contactberichten", "--blijf"],
                omgeving,
            )
        )
        server = Kind(
            "nginx",
            [nginx, "-p", str(var), "-c", str(config), "-g", "daemon off;"],
            omgeving,
            overlap=True,
        )
        kinderen.append(server)
        wacht_tot_bereikbaar(f"http://{adres}:{poort}/gezondheid/", server)
        print(
            f"De site draait op http://{adres}:{poort}/ "
            f"({', '.join(k.naam for k in kinderen)}). Stoppen met Ctrl+C.",
            flush=True,
        )
        while True:
            for kind in kinderen:
                kind.bewaak()
            roteer_log(log, server)
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        for kind in reversed(kinderen):
            kind.stop()
        for kind in kinderen:
            kind.wacht()


def schrijf_nginx_config():
    """For a server: the configuration systemd's nginx unit reads (docs/productie.md)."""
    var = Path(os.environ.get("SERVE_MAP", "/var/lib/praktijkadviezen/nginx"))
    static_root = Path(os.environ.get("STATIC_ROOT", BASIS / "staticfiles"))
    gunicorn = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
    inpakken = os.environ.get("NGINX_INPAKKEN", "127.0.0.1:8001")
    print(nginx_config(var, static_root, gunicorn, inpakken))


if __name__ == "__main__":
    if sys.argv[1:] == ["nginx-config"]:
        schrijf_nginx_config()
    else:
        main()
