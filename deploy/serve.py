"""`make serve`: the production stack on this machine.

nginx (deploy/nginx.conf) on PORT (default 8080) in front of gunicorn (gunicorn.conf.py) on
127.0.0.1, and the sender of contact messages beside them. Everything else comes from the
same environment variables as production (docs/productie.md). Ctrl+C stops it all, and so
does any part that stops by itself.
"""

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent
VAR = Path(os.environ.get("SERVE_MAP", BASIS / "var" / "serve"))
MODULES = Path("/usr/lib/nginx/modules")
GZIP_TYPES = (
    "text/plain text/css text/xml application/xml application/atom+xml "
    "application/javascript application/json application/manifest+json image/svg+xml"
)


def vrije_poort():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_config(poort, gunicorn, static_root):
    brotli = (MODULES / "ngx_http_brotli_filter_module.so").exists()
    if not brotli:
        print(
            "Let op: nginx zonder brotli; alleen gzip. Installeer libnginx-mod-http-brotli-filter "
            "en libnginx-mod-http-brotli-static voor brotli.",
            file=sys.stderr,
        )
    modules = (
        f"load_module {MODULES}/ngx_http_brotli_filter_module.so;\n"
        f"load_module {MODULES}/ngx_http_brotli_static_module.so;"
        if brotli
        else ""
    )
    # A master started as root hands the work to this user; started as anyone else, nginx
    # runs as that user and ignores the line.
    gebruiker = pwd.getpwuid(os.geteuid()).pw_name
    waarden = {
        "@MODULES@": modules,
        "@USER@": f"user {gebruiker};",
        "@VAR@": str(VAR),
        "@GZIP_TYPES@": GZIP_TYPES,
        "@BROTLI@": (
            f"brotli on;\n        brotli_comp_level 5;\n        brotli_types {GZIP_TYPES};"
            if brotli
            else ""
        ),
        "@BROTLI_STATIC@": "brotli_static on;" if brotli else "",
        "@GUNICORN@": gunicorn,
        "@LISTEN@": str(poort),
        "@STATIC_ROOT@": str(static_root),
    }
    tekst = (BASIS / "deploy" / "nginx.conf").read_text()
    for naam, waarde in waarden.items():
        tekst = tekst.replace(naam, waarde)
    return tekst


def wacht_tot_bereikbaar(url, naam, proces, seconden=30):
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces.poll() is not None:
            sys.exit(f"{naam} stopte bij het starten.")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"{naam} kwam niet op binnen {seconden} s ({url}).")


def main():
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        sys.exit(
            "nginx ontbreekt. Installeer het met:\n  apt-get install nginx-light "
            "libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static"
        )
    poort = int(os.environ.get("PORT", "8080"))
    # The microcache starts empty: nginx would serve a page kept before a restart once more,
    # however old, while it fetches it anew (proxy_cache_use_stale updating).
    shutil.rmtree(VAR / "microcache", ignore_errors=True)
    for map_ in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "microcache"):
        (VAR / map_).mkdir(parents=True, exist_ok=True)
    omgeving = dict(os.environ)
    # nginx puts the client's address in X-Forwarded-For; Django believes it from 127.0.0.1.
    omgeving.setdefault("DJANGO_CLIENT_IP_HEADER", "HTTP_X_FORWARDED_FOR")
    processen = {}  # name: process, in the order they start

    def start(naam, opdracht, **opties):
        processen[naam] = subprocess.Popen(opdracht, cwd=BASIS, env=omgeving, **opties)
        return processen[naam]

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        gunicorn_adres = omgeving["GUNICORN_BIND"] = f"127.0.0.1:{vrije_poort()}"
        gunicorn = start("gunicorn", [sys.executable, "-m", "gunicorn", "praktijkadviezen.wsgi"])
        wacht_tot_bereikbaar(f"http://{gunicorn_adres}/gezondheid/", "gunicorn", gunicorn)
        start("verzender", [sys.executable, "manage.py", "verstuur_contactberichten", "--blijf"])
        config = VAR / "nginx.conf"
        config.write_text(nginx_config(poort, gunicorn_adres, BASIS / "staticfiles"))
        server = start("nginx", [nginx, "-p", str(VAR), "-c", str(config), "-g", "daemon off;"])
        wacht_tot_bereikbaar(f"http://127.0.0.1:{poort}/gezondheid/", "nginx", server)
        print(
            f"De site draait op http://127.0.0.1:{poort}/ ({', '.join(processen)}). "
            "Stoppen met Ctrl+C.",
            flush=True,
        )
        while not (gestopt := [n for n, p in processen.items() if p.poll() is not None]):
            time.sleep(0.5)
        sys.exit(f"{gestopt[0]} stopte; de rest stopt ook.")
    except KeyboardInterrupt:
        pass
    finally:
        for proces in reversed(processen.values()):
            if proces.poll() is None:
                proces.terminate()
        for proces in processen.values():
            try:
                proces.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proces.kill()


if __name__ == "__main__":
    main()
