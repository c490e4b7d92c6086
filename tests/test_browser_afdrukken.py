"""Printing as a team meeting needs it: on A4, and no advies with its title at the foot of one
page and its text on the next. Chromium prints to PDF with the page's own @page size; the
text of each page is read back with pypdf."""

import io
import re

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

A4 = (595.3, 841.9)  # points


def paginas(pdf):
    """Per printed page its size and its text, with whitespace made single spaces."""
    lezer = PdfReader(io.BytesIO(pdf))
    return [
        (
            (float(p.mediabox.width), float(p.mediabox.height)),
            " ".join(p.extract_text().split()),
        )
        for p in lezer.pages
    ]


def begin(tekst, woorden=6):
    return " ".join(tekst.split()[:woorden])


def assert_bij_hun_titel(gedrukt, adviezen):
    """Each advies's title stands on the page where its text begins."""
    for titel, tekst in adviezen:
        titelpagina = next((i for i, (_, t) in enumerate(gedrukt) if titel in t), None)
        assert titelpagina is not None, f"titel niet gevonden: {titel}"
        assert begin(tekst) in gedrukt[titelpagina][1], (
            f"‘{titel}’ staat onderaan pagina {titelpagina + 1}, zijn tekst op de volgende"
        )


@pytest.fixture
def pagina(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=live_server.url)
    yield context.new_page()
    context.close()


def test_the_print_version_of_a_list_is_on_a4_with_every_advies_by_its_title(pagina, veel_themas):
    from werkateliers.models import Advies

    pagina.goto("/adviezen/afdrukken/")
    gedrukt = paginas(pagina.pdf(prefer_css_page_size=True))
    assert len(gedrukt) > 3
    for grootte, _ in gedrukt:
        assert grootte == pytest.approx(A4, abs=1), grootte
    adviezen = [(a.titel, a.tekst_plat) for a in Advies.objects.published()]
    assert len(adviezen) > 40
    assert_bij_hun_titel(gedrukt, adviezen)


def test_a_werkatelier_page_prints_on_a4_with_every_advies_by_its_title(pagina, veel_themas):
    werkatelier = veel_themas["werken-met-jongeren"]
    pagina.goto(werkatelier.get_absolute_url())
    gedrukt = paginas(pagina.pdf(prefer_css_page_size=True))
    for grootte, _ in gedrukt:
        assert grootte == pytest.approx(A4, abs=1), grootte
    adviezen = [(a.titel, a.tekst_plat) for a in werkatelier.adviezen.all()]
    assert_bij_hun_titel(gedrukt, adviezen)
    # The page's address and the date on top, no web furniture.
    alles = " ".join(t for _, t in gedrukt)
    assert re.search(r"/werkateliers/werken-met-jongeren/ · afgedrukt van Praktijkadviezen", alles)
    for meubel in ("Zoek in alle adviezen", "Een website van het", "Stuur een e-mail"):
        assert meubel not in alles, meubel
