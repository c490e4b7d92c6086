"""`make bench`: how fast the public pages are on realistic content, as visitors feel it.

    make bench                                   # 200, 2,000 and 20,000 adviezen
    make bench BENCH_ARGS='--aantal 2000'        # one size (repeatable)
    make bench BENCH_ARGS='--groot'              # and 100,000 as well
    make bench BENCH_ARGS='--snel --aantal 200'  # short runs, to try the bench itself

Per size, on content made by bench/inhoud.py:

1. queries per page (the same at every size, as the tests pin them), and PostgreSQL's JIT
   on and off for never-seen searches;
2. gunicorn alone (default worker count), the page cache off: per page the latency for one
   visitor at a time (1 connection, p50/p95), and req/s with 8 connections as × a bare
   HttpResponse view on the same server;
3. the same with the page cache on; then the first request on each page after an edit; then
   the memory of each worker;
4. through `make serve` (nginx in front): req/s with 8 connections, asked as a browser asks
   (compressed), × the bare view on gunicorn alone; then 16 connections browsing the site
   for 60 s while an editor saves an advies every 5 s.

Every figure is printed beside its target (issue 21 item 3, issue 20 item 10) and all of
them go to bench/resultaten.json.
"""

import argparse
import json
import multiprocessing
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

BASIS = Path(__file__).resolve().parent.parent
# The project, not this folder, is where imports start: `bench` is then this folder.
sys.path[0] = str(BASIS)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praktijkadviezen.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "alleen-voor-de-benchmark-" + "x" * 40)
os.environ["DJANGO_HTTPS"] = "0"
os.environ["DJANGO_BENCH"] = "1"
# The project's modules are imported inside the functions below: they need django.setup(),
# which main() runs only once the database exists.
# gunicorn.conf.py's default, 2 × cores + 1, unless BENCH_WORKERS says otherwise.
WORKERS = int(os.environ.get("BENCH_WORKERS", multiprocessing.cpu_count() * 2 + 1))
KAAL = "/kaal/"
# What a browser asks nginx for (Chrome and Firefox): a page compressed.
BROWSER = "Accept-Encoding: gzip, deflate, br, zstd"
RESULTATEN = BASIS / "bench" / "resultaten.json"

# wrk asks for the addresses in a file, each connection the next one not asked yet, and
# says at the end what it measured, as one line of JSON.
WRK_SCRIPT = """
local draden = 0
function setup(draad)
  draden = draden + 1
  draad:set("nummer", draden)
end
function init(args)
  paden = {}
  for regel in io.lines(args[1]) do paden[#paden + 1] = regel end
  aantal_draden = tonumber(args[2])
  teller = 0
end
function request()
  local i = (teller * aantal_draden + nummer - 1) % #paden + 1
  teller = teller + 1
  return wrk.format("GET", paden[i])
end
function done(samenvatting, latentie, verzoeken)
  local fouten = samenvatting.errors
  io.write(string.format(
    'BENCH {"verzoeken": %d, "seconden": %f, "p50_ms": %f, "p95_ms": %f, "p99_ms": %f, '
    .. '"fouten": %d, "socketfouten": %d}\\n',
    samenvatting.requests, samenvatting.duration / 1e6, latentie:percentile(50) / 1000,
    latentie:percentile(95) / 1000, latentie:percentile(99) / 1000, fouten.status,
    fouten.connect + fouten.read + fouten.write + fouten.timeout))
end
"""

# The targets, on this 2-core machine at 20,000 adviezen; at smaller sizes the same or better
# (issue 21 item 3; for a never-seen search, issue 20 item 10, which is stricter at 2,000).
DOELEN = {
    "ongecachet p95": 50,
    "na wijziging p95": 150,
    "rss per worker": 150,
    "gecachet × kaal": 0.8,
    "nginx × kaal": 3.0,
    "onder wijzigingen p99": 250,
}


def zoekdoelen(aantal):
    """A never-seen search for one visitor: (p50, p95) in ms, and × bare with 8 connections."""
    if aantal <= 2000:
        return 15, 50, 0.05
    return 50, 150, None


def main():
    opties = lees_opties()
    zorg_voor_wrk()
    maak_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    # A quick run is for trying the bench itself: kept apart from the real figures.
    uitvoer = RESULTATEN.with_name("resultaten-snel.json") if opties.snel else RESULTATEN
    alles = json.loads(uitvoer.read_text()) if uitvoer.exists() else {}
    for aantal in opties.aantal:
        begin = time.monotonic()
        resultaat = meet_grootte(aantal, opties)
        resultaat["duur_s"] = round(time.monotonic() - begin)
        druk_af(aantal, resultaat)
        alles[str(aantal)] = resultaat
        uitvoer.write_text(json.dumps(alles, indent=1, ensure_ascii=False) + "\n")
    print(f"\nGeschreven naar {uitvoer.relative_to(BASIS)}. Voor bench/README.md:\n")
    print(samenvatting(alles))


def lees_opties():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--aantal",
        type=int,
        action="append",
        help="aantal adviezen (mag vaker); zonder: 200, 2000 en 20000",
    )
    parser.add_argument("--groot", action="store_true", help="ook 100.000 adviezen")
    parser.add_argument(
        "--snel", action="store_true", help="korte metingen (in bench/resultaten-snel.json)"
    )
    opties = parser.parse_args()
    opties.aantal = opties.aantal or [200, 2000, 20000]
    if opties.groot:
        opties.aantal.append(100_000)
    # Seconds per page and connection count; the run under edits; edits per page type.
    opties.duur, opties.mix_duur, opties.wijzigingen = (1, 15, 3) if opties.snel else (2, 60, 10)
    return opties


def zorg_voor_wrk():
    if not shutil.which("wrk"):
        sys.exit("wrk ontbreekt. Installeer het met: apt-get install wrk")


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


# -- the content ---------------------------------------------------------------------------


def meet_grootte(aantal, opties):
    from django.db import connection, connections

    from bench.inhoud import vragen, vul

    print(f"\n== {aantal} adviezen: vullen …", flush=True)
    begin = time.monotonic()
    inhoud = vul(aantal)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # As autovacuum would after a while: the previous fill's rows cleared away and
            # fresh statistics (else the planner guesses).
            cursor.execute("VACUUM ANALYZE")
    vullen_s = time.monotonic() - begin
    controleer_zoekvector()
    paginas, adviespaden, werkatelierpaden, themaslugs = kies_paginas()
    # Never-seen questions: each asked once in a server's life, by whichever measurement.
    resultaat = {
        "adviezen": aantal,
        "werkateliers": len(inhoud.werkateliers),
        "themas": len(inhoud.themas),
        "database": connection.vendor,
        "workers": WORKERS,
        "gemeten": datetime.now(UTC).isoformat(timespec="seconds"),
        "vullen_s": round(vullen_s, 1),
        # Figures on a busy machine are too slow: say so beside them.
        "load": round(os.getloadavg()[0], 1),
        "paginas": paginas,
    }
    # About 22,000 are asked; a list that ran out would start again, with pages in cache.
    alle_vragen = vragen(inhoud, 30_000)
    random.Random(aantal).shuffle(alle_vragen)
    zoekpaden = iter(f"/adviezen/?{urlencode({'q': v})}" for v in alle_vragen)
    resultaat["queries"] = tel_queries(paginas, neem(zoekpaden, 10))
    resultaat["jit"] = meet_jit([next(zoekpaden) for _ in range(40)])
    connections.close_all()

    print("   gunicorn zonder paginacache …", flush=True)
    with Gunicorn(cache=False) as server:
        resultaat["ongecachet"] = meet_paginas(server, paginas, zoekpaden, opties)
    print("   gunicorn met paginacache …", flush=True)
    with Gunicorn(cache=True) as server:
        resultaat["gecachet"] = meet_paginas(server, paginas, zoekpaden, opties)
        resultaat["na wijziging"] = na_wijziging(server, paginas, zoekpaden, opties)
        resultaat["geheugen"] = geheugen(server.proces.pid)
    kaal = resultaat["gecachet"]["kaal"]["8"]["rps"]
    print("   make serve (nginx ervoor) …", flush=True)
    with Serve() as server:
        resultaat["via nginx"] = {
            naam: {"8": meet_wrk(server.poort, [pad], 8, opties.duur, kopjes=[BROWSER])}
            for naam, pad in paginas.items()
        }
        resultaat["via nginx"]["adviezen, nieuwe zoekvraag"] = {
            "8": meet_wrk(server.poort, neem(zoekpaden, 1500), 8, opties.duur, kopjes=[BROWSER])
        }
        # Cache busting (issue 24 item 8): half the requests with parameters no page knows,
        # each new, beside the clean list: nginx sends them to the clean address itself.
        gemengd = [p for i in range(20_000) for p in (f"/adviezen/?x={i}&utm_id={i}", "/adviezen/")]
        resultaat["via nginx"]["adviezen, overspoeld"] = {
            "8": meet_wrk(server.poort, gemengd, 8, opties.duur, kopjes=[BROWSER])
        }
        for meting in resultaat["via nginx"].values():
            meting["8"]["× kaal"] = round(meting["8"]["rps"] / kaal, 2)
        resultaat["onder wijzigingen"] = onder_wijzigingen(
            server, adviespaden, werkatelierpaden, themaslugs, zoekpaden, opties
        )
        resultaat["geheugen, make serve"] = geheugen(server.gunicorn_pid())
    return resultaat


def controleer_zoekvector():
    """On PostgreSQL the trigger fills each advies's search vector, bulk_create included."""
    from django.db import connection

    from werkateliers.models import Advies

    if connection.vendor == "postgresql" and Advies.objects.filter(zoekvector=None).exists():
        sys.exit("Adviezen zonder zoekvector na het vullen: de trigger deed zijn werk niet.")


def kies_paginas():
    """The addresses measured: one of each public page type, from the middle of the content,
    and for the run under edits all werkatelier and advies pages."""
    from django.db.models import Count

    from werkateliers.models import Advies, Thema, Werkatelier

    werkateliers = list(Werkatelier.objects.published().newest_first())
    werkatelier = werkateliers[len(werkateliers) // 2]
    advies = werkatelier.adviezen.order_by("doelgroep__volgorde", "positie").first()
    themas = list(
        Thema.objects.annotate(n=Count("adviezen")).order_by("-n").values_list("slug", flat=True)
    )
    paginas = {
        "home": "/",
        "adviezen": "/adviezen/",
        "adviezen, doelgroep": "/adviezen/?doelgroep=leidinggevenden-en-bestuurders",
        "adviezen, gefilterd": (
            f"/adviezen/?doelgroep=uitvoerders&thema={themas[0]}&thema={themas[len(themas) // 2]}"
        ),
        "werkateliers": "/werkateliers/",
        "werkatelier": werkatelier.get_absolute_url(),
        "advies": advies.get_absolute_url(),
        "sitemap": "/sitemap.xml",
        # The part of the sitemap with the most adviezen (up to 1,000).
        "sitemap, deel": sitemapdelen()[0],
        "feed": "/feed/",
    }
    adviespaden = [a.get_absolute_url() for a in Advies.objects.only("pk", "titel")]
    return paginas, adviespaden, [w.get_absolute_url() for w in werkateliers], themas


def sitemapdelen():
    """The sitemap's parts of adviezen, the fullest first."""
    from werkateliers.models import Advies
    from werkateliers.sitemaps import PER_DEEL

    delen = Counter(
        (pk - 1) // PER_DEEL + 1 for pk in Advies.objects.published().values_list("pk", flat=True)
    )
    return [f"/sitemap-adviezen-{deel}.xml" for deel, _ in delen.most_common()]


def tel_queries(paginas, zoekpaden):
    """Queries per page; for a search, of several questions (broad and narrow): the same
    number for each, or the lowest and highest."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.PAGINACACHE_SECONDEN = 0
    client = Client(HTTP_HOST="localhost")
    tellingen = {}
    for naam, pad in [*paginas.items(), *(("adviezen, zoekvraag", p) for p in zoekpaden)]:
        with CaptureQueriesContext(connection) as queries:
            status = client.get(pad).status_code
        if status != 200:
            sys.exit(f"{pad} gaf {status}")
        tellingen.setdefault(naam, set()).add(len(queries))
    return {naam: min(n) if len(n) == 1 else f"{min(n)}–{max(n)}" for naam, n in tellingen.items()}


def meet_jit(zoekpaden):
    """Never-seen searches in this process, each asked once with PostgreSQL's JIT compiler
    on (the server's default: it compiles a query whose planned cost passes jit_above_cost)
    and once, another question, with it off; and for the queries with JIT on, how often
    PostgreSQL compiled and how long that took (EXPLAIN ANALYZE)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        return None
    settings.PAGINACACHE_SECONDEN = 0
    client = Client(HTTP_HOST="localhost")
    tijden = {"on": [], "off": []}
    gecompileerd, jit_ms, queries, kosten = 0, [], 0, 0
    for i, pad in enumerate(zoekpaden):
        stand = "on" if i % 2 == 0 else "off"
        with connection.cursor() as cursor:
            cursor.execute(f"SET jit = {stand}")
        with CaptureQueriesContext(connection) as gevangen:
            begin = time.perf_counter()
            client.get(pad)
            tijden[stand].append((time.perf_counter() - begin) * 1000)
        if stand == "off":
            continue
        with connection.cursor() as cursor:
            cursor.execute("SET jit = on")
            for query in gevangen.captured_queries:
                if not query["sql"].startswith("SELECT"):
                    continue
                queries += 1
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])
                plan = cursor.fetchone()[0][0]
                kosten = max(kosten, plan["Plan"]["Total Cost"])
                if "JIT" in plan:
                    gecompileerd += 1
                    jit_ms.append(plan["JIT"]["Timing"]["Total"])
    with connection.cursor() as cursor:
        cursor.execute("RESET jit")
    return {
        **{
            stand: {"p50_ms": percentiel(t, 50), "p95_ms": percentiel(t, 95)}
            for stand, t in tijden.items()
        },
        "queries": queries,
        # PostgreSQL compiles a query whose planned cost passes jit_above_cost (100,000).
        "hoogste kosten": round(kosten),
        "gecompileerd": gecompileerd,
        "compileren_p50_ms": percentiel(jit_ms, 50) if jit_ms else 0,
    }


def percentiel(waarden, p):
    waarden = sorted(waarden)
    return round(waarden[min(len(waarden) - 1, round(p / 100 * (len(waarden) - 1)))], 2)


def neem(paden, aantal):
    return [next(paden) for _ in range(aantal)]


# -- servers ------------------------------------------------------------------------------


def vrije_poort():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def omgeving(cache):
    return {
        **os.environ,
        "PAGINACACHE_SECONDEN": "600" if cache else "0",
        "GUNICORN_WORKERS": str(WORKERS),
        # No worker recycling while measuring: a restart in the middle skews the figures.
        "GUNICORN_MAX_REQUESTS": "0",
    }


def wacht(poort, seconden=60):
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{poort}{KAAL}", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"De server op poort {poort} kwam niet op.")


class Gunicorn:
    def __init__(self, cache):
        self.cache = cache
        self.poort = vrije_poort()

    def __enter__(self):
        self.proces = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "praktijkadviezen.wsgi"],
            cwd=BASIS,
            env={**omgeving(self.cache), "GUNICORN_BIND": f"127.0.0.1:{self.poort}"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wacht(self.poort)
        return self

    def __exit__(self, *_):
        self.proces.terminate()
        self.proces.wait(timeout=30)


class Serve(Gunicorn):
    """`make serve`'s stack (deploy/serve.py): nginx, gunicorn and the sender."""

    def __init__(self):
        super().__init__(cache=True)

    def __enter__(self):
        self.map = tempfile.mkdtemp(prefix="bench-serve-")
        self.proces = subprocess.Popen(
            [sys.executable, "deploy/serve.py"],
            cwd=BASIS,
            env={**omgeving(True), "PORT": str(self.poort), "SERVE_MAP": self.map},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wacht(self.poort)
        return self

    def __exit__(self, *_):
        super().__exit__()
        shutil.rmtree(self.map, ignore_errors=True)

    def gunicorn_pid(self):
        for pid in kinderen(self.proces.pid):
            if "gunicorn" in Path(f"/proc/{pid}/cmdline").read_text():
                return pid
        return None


def kinderen(pid):
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def geheugen(master):
    """Each worker's resident memory (RSS) and its proportional share (PSS: shared pages
    divided among the processes sharing them), in MB; and all of gunicorn together."""

    def mb(pid, veld, bestand):
        tekst = Path(f"/proc/{pid}/{bestand}").read_text()
        return round(int(re.search(rf"^{veld}:\s+(\d+) kB", tekst, re.MULTILINE)[1]) / 1024, 1)

    workers = kinderen(master) if master else []
    if not workers:
        return None
    rss = [mb(p, "VmRSS", "status") for p in workers]
    pss = [mb(p, "Pss", "smaps_rollup") for p in workers]
    return {
        "workers": len(workers),
        "rss_mb": rss,
        "pss_mb": pss,
        "rss per worker, hoogst_mb": max(rss),
        "totaal pss_mb": round(sum(pss) + mb(master, "Pss", "smaps_rollup"), 1),
    }


# -- measuring ----------------------------------------------------------------------------


def meet_wrk(poort, paden, verbindingen, duur, kopjes=()):
    with (
        tempfile.NamedTemporaryFile("w", suffix=".txt") as lijst,
        tempfile.NamedTemporaryFile("w", suffix=".lua") as script,
    ):
        lijst.write("\n".join(paden) + "\n")
        lijst.flush()
        script.write(WRK_SCRIPT)
        script.flush()
        draden = min(2, verbindingen)
        opdracht = ["wrk", f"-t{draden}", f"-c{verbindingen}", f"-d{duur}s", "-s", script.name]
        for kopje in kopjes:
            opdracht += ["-H", kopje]
        uitvoer = subprocess.run(
            [*opdracht, f"http://127.0.0.1:{poort}", "--", lijst.name, str(draden)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    wacht_tot_rustig(poort)
    regel = next((r for r in uitvoer.splitlines() if r.startswith("BENCH ")), None)
    if regel is None:
        raise RuntimeError(f"wrk gaf geen meting:\n{uitvoer}")
    meting = json.loads(regel.removeprefix("BENCH "))
    meting["rps"] = round(meting.pop("verzoeken") / meting.pop("seconden"), 1)
    for sleutel in ("p50_ms", "p95_ms", "p99_ms"):
        meting[sleutel] = round(meting[sleutel], 2)
    return meting


def wacht_tot_rustig(poort, seconden=10):
    """Until the workers have answered what wrk left them when it stopped: a slow page must
    not eat into the next measurement."""
    einde = time.monotonic() + seconden
    snel = 0
    while snel < 2 and time.monotonic() < einde:
        begin = time.perf_counter()
        urllib.request.urlopen(f"http://127.0.0.1:{poort}{KAAL}", timeout=seconden).read()
        snel = snel + 1 if time.perf_counter() - begin < 0.05 else 0


def meet_paginas(server, paginas, zoekpaden, opties):
    """Per page: 1 connection (latency) and 8 (req/s, × the bare view on this server)."""
    metingen = {}
    lijsten = {"kaal": [KAAL], **{naam: [pad] for naam, pad in paginas.items()}}
    # Warm up every worker: templates, connections, the cache; a search or two each.
    for paden in [*lijsten.values(), neem(zoekpaden, 50)]:
        meet_wrk(server.poort, paden, 8, 1)
    lijsten["adviezen, nieuwe zoekvraag"] = None
    for naam, paden in lijsten.items():
        metingen[naam] = {}
        for verbindingen in (1, 8):
            if naam == "adviezen, nieuwe zoekvraag":
                paden = neem(zoekpaden, 2000 if verbindingen == 1 else 5000)
            metingen[naam][str(verbindingen)] = meet_wrk(
                server.poort, paden, verbindingen, opties.duur
            )
    kaal = metingen["kaal"]["8"]["rps"]
    for meting in metingen.values():
        meting["8"]["× kaal"] = round(meting["8"]["rps"] / kaal, 3)
    return metingen


def wijzig(kans):
    """What an editor does: change the text of one advies and save it (its content version
    changes in the same transaction). Returns how long the save took, in ms."""
    from django.db import transaction

    from werkateliers.models import Advies

    advies = Advies.objects.order_by("?").first()
    advies.tekst += f"<p>Aangevuld op {datetime.now():%H:%M:%S} ({kans.random():.6f}).</p>"
    begin = time.perf_counter()
    with transaction.atomic():
        advies.save()
    return (time.perf_counter() - begin) * 1000


def na_wijziging(server, paginas, zoekpaden, opties):
    """The first request on each page after an edit: a page made anew under the new content
    version, by a worker that has just read that version."""
    from django.conf import settings

    kans = random.Random(1)
    lijsten = {**paginas, "adviezen, nieuwe zoekvraag": None}
    tijden = {naam: [] for naam in lijsten}
    bewaren = []
    for _ in range(opties.wijzigingen):
        bewaren.append(wijzig(kans))
        time.sleep(settings.PAGINACACHE_VERSIE_SECONDEN + 0.1)  # every worker looks again
        for naam, pad in lijsten.items():
            pad = pad or next(zoekpaden)
            begin = time.perf_counter()
            urllib.request.urlopen(f"http://127.0.0.1:{server.poort}{pad}", timeout=30).read()
            tijden[naam].append((time.perf_counter() - begin) * 1000)
    uitkomst = {
        naam: {"p50_ms": percentiel(t, 50), "p95_ms": percentiel(t, 95)}
        for naam, t in tijden.items()
    }
    uitkomst["bewaren (de wijziging zelf)"] = {
        "p50_ms": percentiel(bewaren, 50),
        "p95_ms": percentiel(bewaren, 95),
    }
    return uitkomst


def onder_wijzigingen(server, adviespaden, werkatelierpaden, themaslugs, zoekpaden, opties):
    """16 connections browse the site as visitors do (home, lists, filters, never-seen
    searches, any werkatelier, any advies, the feed and the sitemap's parts) while an editor
    saves every 5 s."""
    kans = random.Random(2)
    delen = sitemapdelen()
    paden = []
    for _ in range(40_000):
        keuze = kans.random()
        if keuze < 0.3:
            paden.append(kans.choice(adviespaden))
        elif keuze < 0.5:
            paden.append(kans.choice(werkatelierpaden))
        elif keuze < 0.65:
            paden.append(next(zoekpaden))
        elif keuze < 0.8:
            paden.append(f"/adviezen/?doelgroep=uitvoerders&thema={kans.choice(themaslugs)}")
        elif keuze < 0.95:
            paden.append(kans.choice(["/", "/adviezen/", "/werkateliers/"]))
        else:
            paden.append(kans.choice(["/feed/", "/sitemap.xml", kans.choice(delen)]))
    bewaren = []
    klaar = threading.Event()

    def redacteur():
        from django.db import connection

        while not klaar.wait(5):
            bewaren.append(wijzig(kans))
        connection.close()

    draad = threading.Thread(target=redacteur)
    draad.start()
    try:
        meting = meet_wrk(server.poort, paden, 16, opties.mix_duur, kopjes=[BROWSER])
    finally:
        klaar.set()
        draad.join()
    meting["wijzigingen"] = len(bewaren)
    meting["bewaren_ms"] = [round(b, 1) for b in bewaren]
    return meting


# -- the report ---------------------------------------------------------------------------


def teken(goed):
    return "✓" if goed else "✗"


def doelen(aantal, r):
    """Each target with its figure: (what, the figure as said, met?). The worst page counts."""
    zoek_p50, zoek_p95, zoek_ratio = zoekdoelen(aantal)
    zoeken = "adviezen, nieuwe zoekvraag"
    paginas = [n for n in r["ongecachet"] if n not in ("kaal", zoeken)]

    def slechtste(metingen, sleutel, hoogst=True):
        naam = (max if hoogst else min)(metingen, key=lambda n: metingen[n][sleutel])
        return naam, metingen[naam][sleutel]

    uitkomst = []
    naam, p95 = slechtste({n: r["ongecachet"][n]["1"] for n in paginas}, "p95_ms")
    uitkomst.append(
        (f"zonder cache, 1 verbinding: p95 ≤ {DOELEN['ongecachet p95']} ms", f"{naam} {p95} ms",
         p95 <= DOELEN["ongecachet p95"])
    )  # fmt: skip
    zoek = r["ongecachet"][zoeken]["1"]
    p95_doel = min(zoek_p95, DOELEN["ongecachet p95"])
    uitkomst.append(
        (f"nieuwe zoekvraag, 1 verbinding: p50 ≤ {zoek_p50} ms, p95 ≤ {p95_doel} ms",
         f"p50 {zoek['p50_ms']} ms, p95 {zoek['p95_ms']} ms",
         zoek["p50_ms"] <= zoek_p50 and zoek["p95_ms"] <= p95_doel)
    )  # fmt: skip
    if zoek_ratio:
        ratio = r["gecachet"][zoeken]["8"]["× kaal"]
        uitkomst.append(
            (f"nieuwe zoekvraag, 8 verbindingen: ≥ {zoek_ratio} × kaal", f"{ratio} ×",
             ratio >= zoek_ratio)
        )  # fmt: skip
    naam, ratio = slechtste({n: r["gecachet"][n]["8"] for n in paginas}, "× kaal", False)
    uitkomst.append(
        (f"met cache, 8 verbindingen: ≥ {DOELEN['gecachet × kaal']} × kaal", f"{naam} {ratio} ×",
         ratio >= DOELEN["gecachet × kaal"])
    )  # fmt: skip
    naam, ratio = slechtste({n: r["via nginx"][n]["8"] for n in paginas}, "× kaal", False)
    uitkomst.append(
        (f"via nginx, 8 verbindingen: ≥ {DOELEN['nginx × kaal']} × kaal", f"{naam} {ratio} ×",
         ratio >= DOELEN["nginx × kaal"])
    )  # fmt: skip
    if vloed := r["via nginx"].get("adviezen, overspoeld"):
        ratio = vloed["8"]["× kaal"]
        uitkomst.append(
            (f"via nginx, half onbekende parameters: ≥ {DOELEN['nginx × kaal']} × kaal",
             f"{ratio} ×, {vloed['8']['fouten']} fouten",
             ratio >= DOELEN["nginx × kaal"] and not vloed["8"]["fouten"])
        )  # fmt: skip
    na = {n: m for n, m in r["na wijziging"].items() if n in r["ongecachet"]}
    naam, p95 = slechtste(na, "p95_ms")
    uitkomst.append(
        (f"eerste vraag na een wijziging: p95 ≤ {DOELEN['na wijziging p95']} ms",
         f"{naam} {p95} ms", p95 <= DOELEN["na wijziging p95"])
    )  # fmt: skip
    rss = max(
        r[s]["rss per worker, hoogst_mb"] for s in ("geheugen", "geheugen, make serve") if r.get(s)
    )
    uitkomst.append(
        (f"RSS per worker ≤ {DOELEN['rss per worker']} MB", f"hoogst {rss} MB",
         rss <= DOELEN["rss per worker"])
    )  # fmt: skip
    o = r["onder wijzigingen"]
    fouten = o["fouten"] + o["socketfouten"]
    uitkomst.append(
        (f"16 verbindingen, elke 5 s een wijziging: p99 ≤ {DOELEN['onder wijzigingen p99']} ms, "
         "0 fouten", f"p99 {o['p99_ms']} ms, {fouten} fouten",
         o["p99_ms"] <= DOELEN["onder wijzigingen p99"] and not fouten)
    )  # fmt: skip
    return uitkomst


def druk_af(aantal, r):
    print(
        f"\n{aantal} adviezen in {r['werkateliers']} werkateliers met {r['themas']} thema's"
        f" ({r['database']}; {r['workers']} gunicorn-workers; gevuld in {r['vullen_s']} s;"
        f" load {r['load']} op {os.cpu_count()} cores)"
    )
    if r["load"] > os.cpu_count():
        print("Let op: de machine had het druk met iets anders; de tijden zijn te hoog.")
    print(
        f"\n  {'':27} {'':>7}  {'zonder cache':^15}  {'met cache':^15}  "
        f"{'8 verbindingen, × kaal':^24}  {'na een wijziging':^15}"
    )
    print(
        f"  {'pagina':27} {'queries':>7}"
        + f"  {'p50 ms':>7} {'p95 ms':>7}" * 2
        + f"  {'zonder':>7} {'met':>7} {'nginx':>8}  {'p50 ms':>7} {'p95 ms':>7}"
    )
    for naam, ongecachet in r["ongecachet"].items():
        gecachet = r["gecachet"][naam]
        nginx = r["via nginx"].get(naam)
        na = r["na wijziging"].get(naam)
        queries = r["queries"].get(naam, r["queries"].get("adviezen, zoekvraag", ""))
        print(
            f"  {naam:27} {queries if naam != 'kaal' else '':>7}  "
            f"{ongecachet['1']['p50_ms']:7.1f} {ongecachet['1']['p95_ms']:7.1f}  "
            f"{gecachet['1']['p50_ms']:7.1f} {gecachet['1']['p95_ms']:7.1f}  "
            f"{ongecachet['8']['× kaal']:7.2f} {gecachet['8']['× kaal']:7.2f} "
            + (f"{nginx['8']['× kaal']:8.2f}  " if nginx else f"{'':8}  ")
            + (f"{na['p50_ms']:7.1f} {na['p95_ms']:7.1f}" if na else "")
        )
    kaal = r["gecachet"]["kaal"]["8"]["rps"]
    print(f"  (kaal: {kaal:.0f} req/s met 8 verbindingen, met cache; 1 verbinding zonder "
          "cache is wat één bezoeker voelt bij een pagina die niemand net vroeg)")  # fmt: skip
    bewaren = r["na wijziging"]["bewaren (de wijziging zelf)"]
    print(f"  Een advies bewaren: p50 {bewaren['p50_ms']} ms, p95 {bewaren['p95_ms']} ms.")
    for soort, waar in (("geheugen", "gunicorn alleen"), ("geheugen, make serve", "make serve")):
        if g := r.get(soort):
            print(
                f"  Geheugen na de metingen ({waar}): RSS per worker "
                f"{', '.join(f'{m:.0f}' for m in g['rss_mb'])} MB; samen (PSS, {g['workers']}"
                f" workers en de master) {g['totaal pss_mb']:.0f} MB."
            )
    if vloed := r["via nginx"].get("adviezen, overspoeld"):
        print(
            f"  Via nginx, de helft met onbekende parameters (elk nieuw): {vloed['8']['rps']:.0f}"
            f" req/s ({vloed['8']['× kaal']:.2f} × kaal), p99 {vloed['8']['p99_ms']} ms,"
            f" {vloed['8']['fouten']} fouten."
        )
    o = r["onder wijzigingen"]
    print(
        f"  16 verbindingen via make serve, {o['wijzigingen']} wijzigingen: {o['rps']:.0f} req/s,"
        f" p50 {o['p50_ms']} ms, p99 {o['p99_ms']} ms, {o['fouten']} fouten,"
        f" {o['socketfouten']} socketfouten."
    )
    if jit := r.get("jit"):
        print(
            f"  Nieuwe zoekvraag in één proces: JIT aan p50 {jit['on']['p50_ms']} ms, p95 "
            f"{jit['on']['p95_ms']} ms; uit p50 {jit['off']['p50_ms']} ms, p95 "
            f"{jit['off']['p95_ms']} ms; JIT gebruikt in {jit['gecompileerd']} van "
            f"{jit['queries']} queries (compileren p50 {jit['compileren_p50_ms']} ms; hoogste"
            f" geplande kosten {jit['hoogste kosten']}, JIT vanaf 100000)."
        )
    print("\n  Doelen (issue 21 punt 3, issue 20 punt 10):")
    for wat, cijfer, goed in doelen(aantal, r):
        print(f"  {teken(goed)} {wat:68} {cijfer}")
    print(f"  Duur van deze grootte: {r.get('duur_s', '?')} s.")


def samenvatting(alles):
    """The figures that count, per size measured, as a Markdown table."""
    groottes = sorted(alles, key=int)
    kop = "| | " + " | ".join(f"{int(g):,}".replace(",", ".") for g in groottes) + " |"
    regels = [kop, "| --- |" + " ---: |" * len(groottes)]
    # Per target (without its figures, which differ for a search by size) the figure of each size.
    per_doel = {}
    for g in groottes:
        for wat, cijfer, goed in doelen(int(g), alles[g]):
            per_doel.setdefault(wat.split(":")[0], {})[g] = f"{cijfer} {teken(goed)}"
    for wat, cijfers in per_doel.items():
        regels.append(f"| {wat} | " + " | ".join(cijfers.get(g, "–") for g in groottes) + " |")
    extra = {
        "met cache, 1 verbinding: p50 (traagste pagina)": lambda r: (
            f"{max(m['1']['p50_ms'] for n, m in r['gecachet'].items() if 'zoekvraag' not in n)} ms"
        ),
        "alle workers samen (PSS)": lambda r: f"{r['geheugen']['totaal pss_mb']:.0f} MB",
        "onder wijzigingen: req/s, p50": lambda r: (
            f"{r['onder wijzigingen']['rps']:.0f}, {r['onder wijzigingen']['p50_ms']} ms"
        ),
        "een advies bewaren: p50": lambda r: (
            f"{r['na wijziging']['bewaren (de wijziging zelf)']['p50_ms']} ms"
        ),
        "load tijdens de meting (cores)": lambda r: f"{r['load']} ({os.cpu_count()})",
    }
    for wat, cijfer in extra.items():
        regels.append(f"| {wat} | " + " | ".join(cijfer(alles[g]) for g in groottes) + " |")
    return "\n".join(regels)


if __name__ == "__main__":
    main()
