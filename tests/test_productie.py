import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext

from tests.factories import AdviesFactory, ThemaFactory, WerkatelierFactory

pytestmark = pytest.mark.django_db


def _vul(aantal, uitvoerders):
    thema = ThemaFactory()
    for werkatelier in WerkatelierFactory.create_batch(aantal):
        AdviesFactory.create_batch(3, werkatelier=werkatelier, doelgroep=uitvoerders, thema=thema)


PAGINAS = {
    "/contact/": 0,
    "/contact/?werkatelier=werkatelier-0": 1,
    "/contact/verzonden/": 0,
    "/privacy/": 0,
    "/toegankelijkheid/": 0,
    "/robots.txt": 0,
    "/.well-known/security.txt": 0,
    # The werkateliers and the adviezen (test_adviezen.py pins these for other amounts).
    "/sitemap.xml": 2,
    # The newest werkateliers, their adviezen, what their cards say.
    "/feed/": 3,
    "/gezondheid/": 1,
}


@pytest.mark.parametrize("aantal", [2, 40])
def test_the_other_public_pages_keep_a_fixed_number_of_queries(client, uitvoerders, aantal):
    _vul(aantal, uitvoerders)
    gemeten = {}
    for url in PAGINAS:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        gemeten[url] = len(queries)
    assert gemeten == PAGINAS


def test_templates_are_cached_outside_debug():
    loaders = engines["django"].engine.template_loaders
    assert [type(loader).__module__ for loader in loaders] == ["django.template.loaders.cached"]


def test_static_files_are_fingerprinted_compressed_and_cached_for_a_year(
    client, settings, tmp_path
):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    html = client.get("/privacy/").content.decode()
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html).group(1)
    response = client.get(stylesheet, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "max-age=315360000" in response["Cache-Control"]
    assert response["Content-Encoding"] in ("gzip", "br")


def test_gunicorn_runs_two_sync_workers_per_core_plus_one(monkeypatch):
    import multiprocessing
    import runpy

    from django.conf import settings

    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    config = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    assert config["workers"] == 2 * multiprocessing.cpu_count() + 1
    assert config["worker_class"] == "sync"
