"""The search on SQLite (what `make run` uses): the same question, read the same way, matched
as plain text. A word matches wherever it occurs, also inside a longer word ("jongere" finds
"jongeren", "samenw" finds "samenwerking"); a title match ranks first. No stemming, no
compounds split, no suggestions and no ranking by proximity: those are PostgreSQL's.
"""

from django.db.models import Case, FloatField, Q, Value, When

VELDEN = (
    "titel",
    "tekst_plat",
    "werkatelier__titel",
    "thema__naam",
    "werkatelier__beschrijving",
    "werkatelier__intro",
)


def _woord(woord, velden):
    q = Q()
    for veld in velden:
        q |= Q(**{f"{veld}__icontains": woord})
    return q


def _term(term, samen, velden=VELDEN):
    """A term or one of its other forms; a form's words (a synonym of more words) all
    (`samen`) or any."""
    q = Q()
    for vorm in term.vormen:
        deel = Q()
        for woord in vorm:
            deel = deel & _woord(woord, velden) if samen else deel | _woord(woord, velden)
        q |= deel
    return q


def voorwaarde(vraag, samen=True, velden=VELDEN):
    """All groups of terms (`samen`), or any of the terms, without the terms left out."""
    groepen = vraag.groepen if samen else [vraag.positief, *vraag.weglaten]
    q = Q()
    for groep in groepen:
        deel = Q()
        for term in groep:
            deel |= ~_term(term, True, velden) if term.niet else _term(term, samen, velden)
        q &= deel
    # The whole question's synonyms: only for a question without OF, NIET or quotes.
    for synoniem in vraag.heel:
        q |= _woord(synoniem, velden)
    return q


def gezocht(vraag):
    """Every word or phrase looked for (to mark)."""
    return [deel for term in vraag.positief for vorm in term.vormen for deel in vorm] + vraag.heel


def zoek(adviezen, vraag, samen):
    in_titel = When(voorwaarde(vraag, samen, ["titel"]), then=Value(1.0))
    return adviezen.filter(voorwaarde(vraag, samen)).annotate(
        rang=Case(in_titel, default=Value(0.0), output_field=FloatField())
    )
