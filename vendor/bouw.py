"""Build static/vendor/ from the npm packages pinned in package.json (see `make vendor`).

The NL Design System component CSS goes into one file, nlds/nlds.css, in the order of
package.json, each part headed by its package, version and licence; the Source Sans 3 font
files (Latin, upright and italic) are copied beside it; LICENSES.md says what came from where.
SortableJS (dragging adviezen into order in the admin) goes to sortablejs/.
"""

import json
import re
import shutil
import sys
from pathlib import Path

HIER = Path(__file__).resolve().parent
DOEL = HIER.parent / "static" / "vendor" / "nlds"
SLEPEN = HIER.parent / "static" / "vendor" / "sortablejs"
LETTER = "@fontsource-variable/source-sans-3"


def main(modules):
    modules = Path(modules)
    pakketten = json.loads((HIER / "package.json").read_text())["dependencies"]
    DOEL.mkdir(parents=True, exist_ok=True)
    delen, licenties = [], []
    for naam in pakketten:
        map_ = modules / naam
        info = json.loads((map_ / "package.json").read_text())
        licenties.append(f"- `{naam}` {info['version']}: {info.get('license', 'zie LICENSE')}")
        if naam == "sortablejs":
            SLEPEN.mkdir(parents=True, exist_ok=True)
            shutil.copy(map_ / "Sortable.min.js", SLEPEN / "Sortable.min.js")
            shutil.copy(map_ / "LICENSE", SLEPEN / "LICENSE-MIT.txt")
            continue
        if naam == LETTER:
            for bestand in ("source-sans-3-latin-wght-normal.woff2",
                            "source-sans-3-latin-wght-italic.woff2"):  # fmt: skip
                shutil.copy(map_ / "files" / bestand, DOEL / bestand)
            shutil.copy(map_ / "LICENSE", DOEL / "LICENSE-OFL-1.1.txt")
            continue
        kort = naam.split("/")[1].removesuffix("-css")
        css = map_ / "dist" / ("index.css" if naam.startswith("@utrecht/") else f"{kort}.css")
        inhoud = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", css.read_text()).strip()
        delen.append(f"/* {naam}@{info['version']} ({info['license']}) */\n{inhoud}\n")
        if not (DOEL / "LICENSE-EUPL-1.2.txt").exists() and (map_ / "LICENSE.md").exists():
            shutil.copy(map_ / "LICENSE.md", DOEL / "LICENSE-EUPL-1.2.txt")
    kop = "/* NL Design System components, built by `make vendor` from vendor/package.json. */\n"
    (DOEL / "nlds.css").write_text(kop + "\n".join(delen))
    (DOEL / "LICENSES.md").write_text(
        "# Wat hier staat en van wie\n\n"
        "Gebouwd met `make vendor` uit `vendor/package.json` en de lock-file.\n\n"
        + "\n".join(licenties)
        + "\n\nDe CSS valt onder de EUPL-1.2 (LICENSE-EUPL-1.2.txt), het lettertype Source Sans 3 "
        "onder de SIL Open Font License 1.1 (LICENSE-OFL-1.1.txt), SortableJS onder de "
        "MIT-licentie (../sortablejs/LICENSE-MIT.txt).\n"
    )


if __name__ == "__main__":
    main(sys.argv[1])
