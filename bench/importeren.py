"""How long importing a large report takes, and how much memory it needs.

Two reports from the test corpus (tests/documenten): docx.js's report of 200 adviezen, and a
report of some 60 pages as Word 365 stores it (every few words a run of its own, with revision
ids and spelling marks). For each: reading the file (zip checks, the XML prepared, mammoth,
blocks), finding the structure, and saving it (in a transaction that is rolled back), each
the median of 5 runs; and the peak memory of one whole import in a fresh process.

    .venv/bin/python bench/importeren.py            # prints the figures, as JSON too
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASIS))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praktijkadviezen.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "alleen-voor-de-benchmark-" + "x" * 40)
RONDES = 5


def verslagen():
    from tests.documenten import word365

    return {
        "200 adviezen (docx.js)": (
            BASIS / "tests/documenten/docxjs/docxjs-200-adviezen.docx"
        ).read_bytes(),
        "60 bladzijden, losse runs (Word 365)": word365.zestig_bladzijden(),
    }


def meet(inhoud):
    from django.db import transaction

    from werkateliers.importer import lees_bestand, lees_verslag, sla_op

    tijden = {"lezen": [], "opbouw": [], "opslaan": []}
    for ronde in range(RONDES):
        begin = time.perf_counter()
        blokken = lees_bestand("verslag.docx", inhoud)
        tijden["lezen"].append(time.perf_counter() - begin)
        begin = time.perf_counter()
        verslag = lees_verslag(blokken)
        tijden["opbouw"].append(time.perf_counter() - begin)
        begin = time.perf_counter()
        with transaction.atomic():
            sla_op(verslag, titel=f"Bench import {ronde}")
            tijden["opslaan"].append(time.perf_counter() - begin)
            transaction.set_rollback(True)
    return {
        "adviezen": verslag.aantal_adviezen,
        "blokken": len(blokken),
        "fouten": len(verslag.fouten),
        **{f"{stap}_ms": round(statistics.median(t) * 1000, 1) for stap, t in tijden.items()},
    }


def piekgeheugen(inhoud):
    """Peak memory (MB) of a fresh process that imports one report, and how much of it the
    import added to what the process needed before it started reading."""
    # VmHWM, the process's own high-water mark (ru_maxrss can carry the parent's over).
    code = (
        "import sys, re; sys.path.insert(0, sys.argv[1]);"
        "import bench.importeren as b; b.django_klaar();"
        "from werkateliers.importer import lees_bestand, lees_verslag;"
        "hoogst = lambda: int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]);"
        "inhoud = open(sys.argv[2], 'rb').read();"
        "voor = hoogst();"
        "lees_verslag(lees_bestand('verslag.docx', inhoud));"
        "print(voor, hoogst())"
    )
    with tempfile.NamedTemporaryFile(suffix=".docx") as bestand:
        bestand.write(inhoud)
        bestand.flush()
        uit = subprocess.run(
            [sys.executable, "-c", code, str(BASIS), bestand.name],
            capture_output=True, text=True, check=True, env=os.environ,
        ).stdout.split()  # fmt: skip
    voor, na = int(uit[-2]), int(uit[-1])
    return round(na / 1024, 1), round((na - voor) / 1024, 1)


def django_klaar():
    import django

    django.setup()


def main():
    django_klaar()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    uitkomst = {}
    for naam, inhoud in verslagen().items():
        figuren = meet(inhoud)
        totaal, extra = piekgeheugen(inhoud)
        figuren.update(bestand_kb=round(len(inhoud) / 1024), piek_mb=totaal, extra_mb=extra)
        uitkomst[naam] = figuren
        print(
            f"{naam}: {figuren['adviezen']} adviezen, {figuren['blokken']} blokken, "
            f"{figuren['bestand_kb']} kB; lezen {figuren['lezen_ms']} ms, opbouw "
            f"{figuren['opbouw_ms']} ms, opslaan {figuren['opslaan_ms']} ms; geheugen "
            f"{figuren['piek_mb']} MB op zijn hoogst, {figuren['extra_mb']} MB voor het lezen"
        )
    print(json.dumps(uitkomst, ensure_ascii=False, indent=1))
    return uitkomst


if __name__ == "__main__":
    main()
    print(f"(dit proces: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)")
