"""Revisions of a werkatelier with its adviezen (django-reversion): what changed between two,
and putting an old one back as a new revision, so the current state is never lost.

Every save in the admin, every import and every publication is one revision holding the
werkatelier and all its adviezen (they follow each other, see apps.py)."""

import difflib
from dataclasses import dataclass, field

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from reversion.models import Version

from .models import VERSCHUIVING, Advies, Doelgroep, Thema, Werkatelier
from .rijketekst import platte_tekst

WERKATELIER_VELDEN = [
    ("titel", "Titel"),
    ("slug", "Webadres"),
    ("intro", "Inleiding"),
    ("datum", "Datum van het werkatelier"),
    ("beschrijving", "Korte beschrijving"),
    ("status", "Status"),
    ("gepubliceerd_op", "Publicatiemoment"),
    ("gerelateerd", "Ook interessant"),
]
ADVIES_VELDEN = [
    ("titel", "Titel"),
    ("tekst", "Tekst"),
    ("doelgroep_id", "Doelgroep"),
    ("thema_id", "Thema"),
    ("positie", "Plaats binnen de doelgroep"),
]
RIJKE_VELDEN = {"intro", "tekst"}


@dataclass
class Verschil:
    veld: str
    oud: str
    nieuw: str

    @property
    def als_html(self):
        """Old → new, a text as a word diff with <del> and <ins>."""
        return woordverschil(self.oud, self.nieuw)


@dataclass
class AdviesVerschil:
    titel: str
    soort: str  # "toegevoegd", "verwijderd" or "gewijzigd"
    verschillen: list = field(default_factory=list)


def versies(werkatelier):
    """The werkatelier's versions, newest first, each with its revision and who made it."""
    return list(
        Version.objects.get_for_object(werkatelier)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def vergelijk(oud, nieuw):
    """What changed from version `oud` to version `nieuw` of a werkatelier: its own fields,
    then per advies what was added, removed or changed. Unchanged fields are left out."""
    namen = _namen()
    werkatelier = _verschillen(oud.field_dict, nieuw.field_dict, WERKATELIER_VELDEN, namen)
    oude, nieuwe = _adviezen(oud.revision), _adviezen(nieuw.revision)
    adviezen = []
    for pk in [*oude, *(pk for pk in nieuwe if pk not in oude)]:
        if pk not in nieuwe:
            adviezen.append(AdviesVerschil(oude[pk]["titel"], "verwijderd"))
        elif pk not in oude:
            adviezen.append(AdviesVerschil(nieuwe[pk]["titel"], "toegevoegd"))
        elif lijst := _verschillen(oude[pk], nieuwe[pk], ADVIES_VELDEN, namen):
            adviezen.append(AdviesVerschil(nieuwe[pk]["titel"], "gewijzigd", lijst))
    return werkatelier, adviezen


def zet_terug(versie, gebruiker):
    """Put the werkatelier and its adviezen back as they were in this version, as a new
    revision; the revision before it still holds what was there until now."""
    werkatelier = Werkatelier.objects.get(pk=versie.object_id)
    moment = date_format(timezone.localtime(versie.revision.date_created), "j F Y, H:i")
    with transaction.atomic(), reversion.create_revision():
        # Out of the way first: reverted adviezen may take each other's places.
        werkatelier.adviezen.update(positie=F("positie") + VERSCHUIVING)
        versie.revision.revert(delete=True)
        werkatelier.refresh_from_db()
        reversion.add_to_revision(werkatelier)
        reversion.set_user(gebruiker)
        reversion.set_comment(f"Versie van {moment} teruggezet.")
    return werkatelier


def woordverschil(oud, nieuw):
    """A readable diff of two texts, word by word, escaped, with <del> and <ins>."""
    oude, nieuwe = oud.split(), nieuw.split()
    delen = []
    for soort, a, b, c, d in difflib.SequenceMatcher(None, oude, nieuwe).get_opcodes():
        if soort == "equal":
            delen.append(escape(" ".join(oude[a:b])))
            continue
        if b > a:
            delen.append(f"<del>{escape(' '.join(oude[a:b]))}</del>")
        if d > c:
            delen.append(f"<ins>{escape(' '.join(nieuwe[c:d]))}</ins>")
    return mark_safe(" ".join(delen))


def _verschillen(oud, nieuw, velden, namen):
    lijst = []
    for naam, label in velden:
        a, b = _leesbaar(naam, oud.get(naam), namen), _leesbaar(naam, nieuw.get(naam), namen)
        if a != b:
            lijst.append(Verschil(label, a, b))
    return lijst


def _leesbaar(naam, waarde, namen):
    """A stored value as staff read it: text without markup and with its whitespace
    normalised, a thema or doelgroep by its name, a moment in Dutch."""
    if waarde is None or waarde == "" or waarde == []:
        return "—"
    if naam in RIJKE_VELDEN:
        return platte_tekst(waarde)
    if naam in ("doelgroep_id", "thema_id"):
        return namen[naam].get(int(waarde), f"(verwijderd, nummer {waarde})")
    if naam == "gerelateerd":
        titels = (namen["werkatelier"].get(int(pk), f"nummer {pk}") for pk in waarde)
        return ", ".join(sorted(titels))
    if naam == "gepubliceerd_op":
        return date_format(timezone.localtime(waarde), "j F Y, H:i")
    if naam == "datum":
        return date_format(waarde, "j F Y")
    return " ".join(str(waarde).split())


def _adviezen(revision):
    soort = ContentType.objects.get_for_model(Advies)
    return {int(v.object_id): v.field_dict for v in revision.version_set.filter(content_type=soort)}


def _namen():
    return {
        "doelgroep_id": dict(Doelgroep.objects.values_list("pk", "naam")),
        "thema_id": dict(Thema.objects.values_list("pk", "naam")),
        "werkatelier": dict(Werkatelier.objects.values_list("pk", "titel")),
    }
