"""Arbitrary query strings never give a 500 (on SQLite and on PostgreSQL)."""

from urllib.parse import quote_from_bytes, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_adviezen import inhoud  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

NAMEN = st.sampled_from(["q", "thema", "doelgroep", "werkatelier", "page", "x", "thema[]"])
WAARDEN = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        ["praten", "samenwerken", "uitvoerders", "jongeren", "-1", "0", "9" * 30, "\x00"]
    ),
)
PAREN = st.lists(st.tuples(st.one_of(NAMEN, st.text(max_size=20)), WAARDEN), max_size=8)
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(paren=PAREN)
def test_any_filter_query_string_answers_without_a_500(client, inhoud, paren):  # noqa: F811
    for pad in ("/adviezen/", "/"):
        response = client.get(f"{pad}?{urlencode(paren)}")
        assert response.status_code == 200, (pad, paren)


@FUZZ
@given(ruw=st.binary(max_size=200))
def test_raw_bytes_in_the_query_string_answer_without_a_500(client, inhoud, ruw):  # noqa: F811
    for pad in ("/adviezen/", "/", "/contact/"):
        response = client.get(f"{pad}?{quote_from_bytes(ruw, safe='=&')}")
        assert response.status_code == 200, (pad, ruw)


@FUZZ
@given(slug=st.text(max_size=100))
def test_contact_form_with_any_werkatelier_answers_without_a_500(client, slug):
    assert client.get("/contact/?" + urlencode({"werkatelier": slug})).status_code == 200
