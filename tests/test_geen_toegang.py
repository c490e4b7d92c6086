"""A refusal (403) reads in Dutch, in the site's style, and says what to do next."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_staff_member_outside_their_group_gets_a_dutch_page_that_says_why(redacteur_client):
    response = redacteur_client.get("/beheer/contact/contactbericht/")
    assert response.status_code == 403
    html = response.content.decode()
    assert '<h1 class="nl-heading nl-heading--level-1">Hier heb je geen toegang toe</h1>' in html
    assert "Je bent aangemeld als redacteur" in html
    assert 'href="/beheer/">Naar het beheer</a>' in html
    assert "Forbidden" not in html
    assert 'href="/static/css/site.css"' in html  # the site's own look


def test_an_expired_form_is_explained_in_dutch_and_nothing_is_stored(uitvoerders):
    from contact.models import Contactbericht
    from tests.conftest import als_formulier

    response = als_formulier(
        Client(enforce_csrf_checks=True),
        "/contact/",
        {"email": "a@b.nl", "vraag": "Waar vind ik meer?", "naam": "Anne"},
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Het formulier is verlopen" in html
    assert "CSRF" not in html and "Forbidden" not in html
    assert not Contactbericht.objects.exists()
