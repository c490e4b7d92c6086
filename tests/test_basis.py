import pytest

pytestmark = pytest.mark.django_db


def test_home_answers_in_dutch_with_one_h1(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl"' in html
    assert html.count("<h1") == 1
    assert 'href="#inhoud"' in html


def test_footer_links_to_secretariaat(client):
    html = client.get("/").content.decode()
    assert 'href="mailto:secretariaat@aeno.nl"' in html
    assert 'href="tel:+31707630030"' in html
    assert "070 - 763 00 30" in html


def test_unknown_page_is_a_dutch_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze pagina bestaat niet" in html
    assert html.count("<h1") == 1


def test_500_page_is_dutch(client):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Er ging bij ons iets mis" in html
    assert '<html lang="nl"' in html


def test_the_menu_s_fixed_addresses_are_django_s_and_follow_the_script_prefix():
    """{% adres %} keeps what reverse() gives, per script prefix (a site under /onder/)."""
    from django.urls import reverse, set_script_prefix

    from werkateliers.templatetags.adressen import adres

    namen = ["werkateliers:home", "werkateliers:advies_list", "contact:contact", "privacy", "feed"]
    assert [adres(naam) for naam in namen] == [reverse(naam) for naam in namen]
    try:
        set_script_prefix("/onder/")
        assert adres("privacy") == "/onder/privacy/" == reverse("privacy")
    finally:
        set_script_prefix("/")
    assert adres("privacy") == "/privacy/"
