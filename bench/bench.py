"""`make bench`: how fast are the public pages, compared with a bare Django view?

1. Query counts of every page at 1×, 10× and 100× the content: none may grow with it.
2. A large dataset (200 werkateliers, 2,000 adviezen, 40 thema's) in the configured database.
3. gunicorn alone (2 sync workers, no worker recycling while measuring:
   GUNICORN_MAX_REQUESTS=0), without and then with the page cache. Per page and for a bare
   HttpResponse view on the same gunicorn: wrk at 8 connections, interleaved over 5 rounds;
   medians of requests/s, p50 and p99, and the ratio to the bare view. Also: a search nobody
   made before (other words every request), the same with a phrase, and a conditional GET
   answered with 304.
4. Through `make serve` (nginx in front, its one-second microcache): the pages, asked for as
   a browser asks (compressed), as a ratio to the same bare view on gunicorn alone.
5. 30 s at 64 connections: errors and socket errors.
6. Faults: database connections terminated in the middle of a load run; 150 slow clients,
   against gunicorn alone and against `make serve`.

Results are printed with their targets and written to bench/resultaten.json.
"""

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASIS))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praktijkadviezen.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "alleen-voor-de-benchmark-" + "x" * 40)
os.environ["DJANGO_HTTPS"] = "0"
os.environ["DJANGO_BENCH"] = "1"

RONDES = int(os.environ.get("BENCH_RONDES", "5"))
DUUR = os.environ.get("BENCH_DUUR", "3s")
WORKERS = os.environ.get("BENCH_WORKERS", "2")
POORT = 8123
SERVE_POORT = 8124
KAAL = "/kaal/"
PAGINAS = {
    "home": "/",
    "werkatelier": "/werkateliers/bench-werkatelier-1/",
    "adviezen": "/adviezen/",
    "adviezen gefilterd": (
        "/adviezen/?doelgroep=uitvoerders&thema=bench-thema-1&thema=bench-thema-2"
    ),
    "adviezen gezocht": "/adviezen/?q=netwerk",
    "advies": None,  # the first advies of bench-werkatelier-1 (its number changes per fill)
    "werkateliers": "/werkateliers/",
    "sitemap": "/sitemap.xml",
    "feed": "/feed/",
}
# Every request a search nobody made before, in any round or thread, matching as much as
# "netwerk" does (websearch syntax: "netwerk or <a word that occurs nowhere>"): neither the
# page nor the match is kept yet.
NIEUWE_ZOEKVRAAG = """
local draden = 0
function setup(draad)
  draden = draden + 1
  draad:set("draad", draden)
end
function init(args)
  begin = os.time()
  teller = 0
end
function request()
  teller = teller + 1
  local woorden = "netwerk+or+x" .. begin .. "d" .. draad .. "n" .. teller
  return wrk.format("GET", "/adviezen/?q=" .. woorden)
end
"""
# The same with a phrase ("lokale netwerk", in 400 adviezen): where the words stand counts.
NIEUWE_ZIN = NIEUWE_ZOEKVRAAG.replace('"netwerk+or+x"', '"%22lokale+netwerk%22+or+x"')
# What a browser asks nginx for (Chrome and Firefox; Googlebot the same without zstd): a
# page compressed. Django never compresses, so only the pages through nginx change with it.
BROWSER = "Accept-Encoding: gzip, deflate, br, zstd"
DOELEN = {"zonder cache": 0.10, "met cache": 0.8, "via nginx": 3.0}


def main():
    zorg_voor_wrk()
    maak_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    resultaat = {"database": vendor(), "workers": int(WORKERS), "queries": tel_queries()}
    vul(100)
    from django.db import connections

    connections.close_all()
    resultaat["zonder cache"] = meet(cache=False)
    resultaat["met cache"] = meet(cache=True)
    resultaat["via nginx"] = meet_nginx(resultaat["met cache"]["kaal"]["rps"])
    resultaat["storingen"] = storingen()
    uitvoer = BASIS / "bench" / "resultaten.json"
    uitvoer.write_text(json.dumps(resultaat, indent=2, ensure_ascii=False))
    druk_af(resultaat)
    print(f"\nGeschreven naar {uitvoer}")


def zorg_voor_wrk():
    if shutil.which("wrk"):
        return
    print("wrk ontbreekt; installeren uit Debian …")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "wrk"], check=True, stdout=subprocess.DEVNULL
    )


def maak_database():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return
    import psycopg

    naam = url.rsplit("/", 1)[1].split("?")[0]
    beheer = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(beheer, autocommit=True) as verbinding:
        if not verbinding.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [naam]
        ).fetchone():
            verbinding.execute(f'CREATE DATABASE "{naam}"')


def vendor():
    from django.db import connection

    return connection.vendor


def vul(schaal):
    """schaal × (2 werkateliers, 20 adviezen); 4 thema's, from 100× on 40."""
    from django.db import transaction
    from django.utils import timezone

    from inhoudsversie.models import verhoog
    from werkateliers.models import Advies, Doelgroep, Thema, Werkatelier
    from werkateliers.rijketekst import platte_tekst, van_platte_tekst

    tekst = (BASIS / "werkateliers" / "voorbeelden" / "werkatelier-jongeren.txt").read_text()
    alineas = [r for r in tekst.splitlines() if len(r) > 200]
    with transaction.atomic():
        Werkatelier.objects.all().delete()
        Thema.objects.all().delete()
        themas = Thema.objects.bulk_create(
            Thema(naam=f"Bench thema {i}", slug=f"bench-thema-{i}")
            for i in range(1, max(4, 4 * schaal // 10) + 1)
        )
        uitvoerders, leidinggevenden = Doelgroep.objects.order_by("volgorde")[:2]
        nu = timezone.now()
        werkateliers = Werkatelier.objects.bulk_create(
            Werkatelier(
                titel=f"Bench werkatelier {i}",
                slug=f"bench-werkatelier-{i}",
                intro=van_platte_tekst(alineas[i % len(alineas)]),
                beschrijving=alineas[(i + 1) % len(alineas)][:200],
                status=Werkatelier.Status.GEPUBLICEERD,
                gepubliceerd_op=nu - timezone.timedelta(hours=i),
            )
            for i in range(1, 2 * schaal + 1)
        )
        adviezen = []
        for w, werkatelier in enumerate(werkateliers):
            for n in range(10):
                uitvoerder = n < 6
                adviezen.append(
                    Advies(
                        werkatelier=werkatelier,
                        doelgroep=uitvoerders if uitvoerder else leidinggevenden,
                        thema=themas[(w + n // 2) % len(themas)] if uitvoerder else None,
                        titel=f"Advies {n + 1} – uit werkatelier {w + 1}",
                        tekst=van_platte_tekst(
                            alineas[(w + n) % len(alineas)]
                            + "\n\n"
                            + alineas[(w + n + 3) % len(alineas)]
                        ),
                        positie=n + 1 if uitvoerder else n - 5,
                    )
                )
        for advies in adviezen:  # what save() does, which bulk_create leaves out
            advies.tekst_plat = platte_tekst(advies.tekst)
        Advies.objects.bulk_create(adviezen)
        verhoog()
    eerste = Advies.objects.filter(werkatelier=werkateliers[0]).order_by("positie").first()
    PAGINAS["advies"] = eerste.get_absolute_url()
    # As autovacuum would after a while: the rows of the previous fill cleared away (else
    # every scan reads them too; autovacuum may be off on a machine like this one), and
    # fresh statistics (else the planner guesses one row).
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def tel_queries():
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.PAGINACACHE_SECONDEN = 0
    settings.PAGINACACHE_VERSIE_SECONDEN = 0  # the version's lookup counts, every time
    client = Client(HTTP_HOST="localhost")
    tellingen = {}
    for schaal in (1, 10, 100):
        vul(schaal)
        for naam, pad in PAGINAS.items():
            with CaptureQueriesContext(connection) as queries:
                status = client.get(pad).status_code
            assert status == 200, (pad, status)
            tellingen.setdefault(naam, {})[f"{schaal}×"] = len(queries)
    return tellingen


def omgeving(cache):
    omgeving = {
        **os.environ,
        "PAGINACACHE_SECONDEN": "600" if cache else "0",
        "GUNICORN_WORKERS": WORKERS,
        # No worker recycling while measuring: a restart in the middle skews the figures.
        "GUNICORN_MAX_REQUESTS": "0",
    }
    return omgeving


def wacht_en_warm_op(poort):
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{poort}{KAAL}", timeout=2)
            break
        except OSError:
            time.sleep(0.1)
    for pad in PAGINAS.values():  # warm up: templates, connections, the cache
        for _ in range(3):
            urllib.request.urlopen(f"http://127.0.0.1:{poort}{pad}", timeout=10).read()


def start_server(cache):
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "praktijkadviezen.wsgi"],
        cwd=BASIS,
        env={**omgeving(cache), "GUNICORN_BIND": f"127.0.0.1:{POORT}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wacht_en_warm_op(POORT)
    return server


def start_serve():
    server = subprocess.Popen(
        [sys.executable, "deploy/serve.py"],
        cwd=BASIS,
        env={
            **omgeving(True),
            "PORT": str(SERVE_POORT),
            "SERVE_MAP": tempfile.mkdtemp(prefix="bench-serve-"),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wacht_en_warm_op(SERVE_POORT)
    return server


def stop_server(server):
    server.terminate()
    server.wait(timeout=30)


def wrk(pad, verbindingen=8, duur=DUUR, poort=POORT, kopjes=(), script=None):
    opdracht = ["wrk", "-t2", f"-c{verbindingen}", f"-d{duur}", "--latency"]
    for kopje in kopjes:
        opdracht += ["-H", kopje]
    if script:
        opdracht += ["-s", script]
    uitvoer = subprocess.run(
        [*opdracht, f"http://127.0.0.1:{poort}{pad}"], capture_output=True, text=True, check=True
    ).stdout
    return lees_wrk(uitvoer)


def lees_wrk(uitvoer):
    if "Latency Distribution" not in uitvoer:
        raise RuntimeError(f"wrk gaf geen meting:\n{uitvoer}")

    def tijd(tekst):
        waarde, eenheid = re.match(r"([\d.]+)(us|ms|s)", tekst).groups()
        return float(waarde) * {"us": 0.001, "ms": 1, "s": 1000}[eenheid]

    socket_fouten = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", uitvoer
    )
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", uitvoer).group(1)),
        "p50_ms": tijd(re.search(r"^\s+50%\s+(\S+)", uitvoer, re.MULTILINE).group(1)),
        "p99_ms": tijd(re.search(r"^\s+99%\s+(\S+)", uitvoer, re.MULTILINE).group(1)),
        "verzoeken": int(re.search(r"(\d+) requests in", uitvoer).group(1)),
        "fouten": int(m.group(1))
        if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", uitvoer))
        else 0,
        "socketfouten": sum(map(int, socket_fouten.groups())) if socket_fouten else 0,
    }


def medianen(rondes, kaal_rps):
    mediaan = {
        naam: {
            sleutel: statistics.median(r[sleutel] for r in metingen)
            for sleutel in ("rps", "p50_ms", "p99_ms")
        }
        | {"fouten": sum(r["fouten"] + r["socketfouten"] for r in metingen)}
        for naam, metingen in rondes.items()
    }
    for waarden in mediaan.values():
        waarden["ratio"] = round(waarden["rps"] / kaal_rps, 3)
        waarden["p99/p50"] = (
            round(waarden["p99_ms"] / waarden["p50_ms"], 2) if waarden["p50_ms"] else None
        )
    return mediaan


def meet(cache):
    server = start_server(cache)
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(NIEUWE_ZOEKVRAAG)
    zin = Path(tempfile.mkstemp(suffix=".lua")[1])
    zin.write_text(NIEUWE_ZIN)
    etag = urllib.request.urlopen(f"http://127.0.0.1:{POORT}{PAGINAS['werkatelier']}").headers[
        "ETag"
    ]
    try:
        metingen = {
            "kaal": lambda: wrk(KAAL),
            **{naam: (lambda pad=pad: wrk(pad)) for naam, pad in PAGINAS.items()},
            "adviezen, nieuwe zoekvraag": lambda: wrk("/", script=str(script)),
            "adviezen, nieuwe zoekvraag met zin": lambda: wrk("/", script=str(zin)),
            "werkatelier, 304": lambda: wrk(
                PAGINAS["werkatelier"], kopjes=[f"If-None-Match: {etag}"]
            ),
        }
        rondes = {naam: [] for naam in metingen}
        for _ in range(RONDES):
            for naam, meting in metingen.items():
                rondes[naam].append(meting())
        mediaan = medianen(rondes, statistics.median(r["rps"] for r in rondes["kaal"]))
        zwaar = "/adviezen/?doelgroep=uitvoerders" if cache else PAGINAS["werkatelier"]
        mediaan["64 verbindingen, 30 s"] = {"pad": zwaar, **wrk(zwaar, verbindingen=64, duur="30s")}
        return mediaan
    finally:
        stop_server(server)
        script.unlink()
        zin.unlink()


def meet_nginx(kaal_rps):
    """The pages through nginx, as a ratio to the bare view on gunicorn alone."""
    server = start_serve()
    try:
        rondes = {naam: [] for naam in PAGINAS}
        for _ in range(RONDES):
            for naam, pad in PAGINAS.items():
                rondes[naam].append(wrk(pad, poort=SERVE_POORT, kopjes=[BROWSER]))
        return medianen(rondes, kaal_rps)
    finally:
        stop_server(server)


def normale_verzoeken(poort, seconden):
    """Ordinary visitors while something else goes on: how many got an answer within 1 s."""
    binnen, te_laat = 0, 0
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        begin = time.monotonic()
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{poort}{PAGINAS['home']}", timeout=2).read()
            binnen += time.monotonic() - begin < 1
            te_laat += time.monotonic() - begin >= 1
        except OSError:
            te_laat += 1
        time.sleep(0.2)
    return {"binnen 1 s": binnen, "later of niet": te_laat}


def storingen():
    from django.db import connection

    from tests.servers import TrageClients

    resultaat = {}
    # 1. The database terminates every connection of the site in the middle of a load run.
    server = start_server(cache=False)
    try:
        belasting = subprocess.Popen(
            [
                "wrk",
                "-t2",
                "-c8",
                "-d6s",
                "--latency",
                f"http://127.0.0.1:{POORT}{PAGINAS['adviezen']}",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(2)
        beeindigd = 0
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                beeindigd = cursor.fetchone()[0]
        tijdens = lees_wrk(belasting.communicate()[0])
        direct_erna = [
            urllib.request.urlopen(f"http://127.0.0.1:{POORT}{p}").status for p in PAGINAS.values()
        ]
        resultaat["database-verbindingen beëindigd"] = {
            "beëindigd": beeindigd,
            "tijdens de belasting": tijdens,
            "direct erna, status per pagina": direct_erna,
        }
    finally:
        stop_server(server)
    # 2. 150 slow clients (slowloris and friends), 15 s, against gunicorn alone and nginx.
    for naam, start, poort in [
        ("gunicorn alleen", lambda: start_server(cache=False), POORT),
        ("make serve", lambda: start_serve(), SERVE_POORT),
    ]:
        server = start()
        trage = TrageClients(f"http://127.0.0.1:{poort}", 150)
        try:
            resultaat[f"150 trage clients, {naam}"] = normale_verzoeken(poort, 15)
        finally:
            trage.sluit()
            stop_server(server)
    return resultaat


def druk_af(resultaat):
    print(
        f"\nDatabase: {resultaat['database']}, gunicorn met {resultaat['workers']} sync workers"
        " (zonder recyclen tijdens het meten)\n"
    )
    print("Queries per pagina bij 1×, 10× en 100× de inhoud:")
    for naam, tellingen in resultaat["queries"].items():
        print(f"  {naam:28} " + "  ".join(f"{k}: {v}" for k, v in tellingen.items()))
    for soort in ("zonder cache", "met cache", "via nginx"):
        doel = DOELEN[soort]
        print(
            f"\n{soort.capitalize()} (8 verbindingen, medianen over {RONDES} rondes; "
            f"doel ≥ {doel} × kaal):"
        )
        print(
            f"  {'pagina':28} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'× kaal':>7} {'fouten':>7}"
        )
        for naam, w in resultaat[soort].items():
            if "ratio" not in w:
                continue
            # A search nobody made before is never in the cache: its target is the uncached one.
            drempel = DOELEN["zonder cache"] if "nieuwe zoekvraag" in naam else doel
            teken = "" if naam == "kaal" or "304" in naam else "✓✗"[w["ratio"] < drempel]
            print(
                f"  {naam:28} {w['rps']:9.0f} {w['p50_ms']:8.2f} {w['p99_ms']:8.2f} "
                f"{w['ratio']:7.3f} {w['fouten']:7d} {teken}"
            )
        if zwaar := resultaat[soort].get("64 verbindingen, 30 s"):
            print(
                f"  64 verbindingen, 30 s op {zwaar['pad']}: {zwaar['verzoeken']} verzoeken, "
                f"{zwaar['fouten']} fouten, {zwaar['socketfouten']} socketfouten"
            )
    storing = resultaat["storingen"]
    db = storing["database-verbindingen beëindigd"]
    print(
        f"\nDatabaseverbindingen beëindigd midden in de belasting: {db['beëindigd']} verbindingen; "
        f"tijdens: {db['tijdens de belasting']['fouten']} fouten, "
        f"{db['tijdens de belasting']['socketfouten']} socketfouten; "
        f"direct erna: {db['direct erna, status per pagina']}"
    )
    for naam in ("gunicorn alleen", "make serve"):
        trage = storing[f"150 trage clients, {naam}"]
        print(
            f"150 trage clients, {naam}: {trage['binnen 1 s']} gewone verzoeken binnen 1 s, "
            f"{trage['later of niet']} later of niet"
        )


if __name__ == "__main__":
    main()
