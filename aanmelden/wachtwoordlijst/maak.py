"""Builds veelgebruikt.txt.gz, the list of common passwords and password words that
aanmelden.wachtwoorden checks against (README.md beside this file says where each part
comes from and under which licence).

    mkdir -p /tmp/lijsten && cd /tmp/lijsten
    npm pack @zxcvbn-ts/language-common@4.1.3 @zxcvbn-ts/language-nl-be@3.0.2
    for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
    .venv/bin/python aanmelden/wachtwoordlijst/maak.py /tmp/lijsten

One entry a line, lower case, sorted; the same inputs always give the same file.
"""

import gzip
import json
import sys
from pathlib import Path

import django

HIER = Path(__file__).resolve().parent
# Dutch words shorter than this are no password on their own, and as the core of one
# ("ik" in "ik!!!!!!!!!!") the other rules already refuse it.
KORTSTE_WOORD = 4


def lees_json(map_, pakket, bestand):
    (pad,) = Path(map_).glob(f"*{pakket}*/package/src/{bestand}")
    return json.loads(pad.read_text(encoding="utf-8"))


def main(map_):
    engels = set(lees_json(map_, "language-common", "passwords.json"))
    django_lijst = Path(django.__file__).parent / "contrib/auth/common-passwords.txt.gz"
    with gzip.open(django_lijst, "rt", encoding="utf-8") as f:
        engels |= {regel.strip() for regel in f if regel.strip()}
    nederlands = {
        w for w in lees_json(map_, "language-nl-be", "commonWords.json") if len(w) >= KORTSTE_WOORD
    }
    alles = sorted({w.lower() for w in engels | nederlands})
    # mtime=0: the same list gives the same bytes.
    with open(HIER / "veelgebruikt.txt.gz", "wb") as uit:
        with gzip.GzipFile(fileobj=uit, mode="wb", mtime=0, filename="") as gz:
            gz.write(("\n".join(alles) + "\n").encode("utf-8"))
    print(f"{len(alles)} regels: {len(engels)} Engels/internationaal, {len(nederlands)} Nederlands")


if __name__ == "__main__":
    main(sys.argv[1])
