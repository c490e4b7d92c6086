"""Versions of a werkatelier with its adviezen: what changed between two, putting an old one
back, and noticing that someone else saved in the meantime.

A version is a `Stand`: the werkatelier's fields and its adviezen as plain values, wherever it
comes from — the live tables, a revision in the history (django-reversion), a conceptversie
(concepten.py) or a form that is being saved. Every comparison in the admin is between two
Stands, so "what changed in this revision", "the conceptversie against what is live" and "what
did the other editor change" are one and the same diff.

Every save in the admin, every import, publication, list edit and restore is one revision
holding the werkatelier and all its adviezen (they follow each other, see models.py)."""

import difflib
import json
from dataclasses import dataclass, field
from datetime import UTC

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from reversion.errors import RevertError
from reversion.models import Version

from .models import VERSCHUIVING, Advies, Doelgroep, OudAdres, Thema, Werkatelier
from .rijketekst import platte_tekst, schoon
from .themas import van_nu

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
# What a conceptversie holds of the werkatelier: its content. Status and publication moment
# change on the werkatelier itself, at once (taking a page offline never waits).
INHOUD = ["titel", "slug", "intro", "datum", "beschrijving", "gerelateerd"]
ADVIES_VELDEN = [
    ("titel", "Titel"),
    ("tekst", "Tekst"),
    ("doelgroep_id", "Doelgroep"),
    ("thema_id", "Thema"),
    ("positie", "Plaats binnen de doelgroep"),
]
RIJKE_VELDEN = {"intro", "tekst"}
NIEUW = "nieuw-"  # the key of an advies that has no row of its own yet


@dataclass
class Stand:
    """A werkatelier with its adviezen at one moment, as plain values that survive JSON:
    texts sanitised, a date and a moment as ISO text (a moment to the second, as forms show
    it), related werkateliers as sorted ids. Adviezen are keyed by their id as text, or by
    "nieuw-…" when they do not exist yet; their positions run 1..n per doelgroep."""

    werkatelier: dict
    adviezen: dict = field(default_factory=dict)

    @classmethod
    def van_werkatelier(cls, werkatelier):
        """What is live now, from the database."""
        werkatelier = Werkatelier.objects.get(pk=werkatelier.pk)
        velden = {naam: getattr(werkatelier, naam) for naam, _ in WERKATELIER_VELDEN[:-1]}
        velden["gerelateerd"] = list(werkatelier.gerelateerd.values_list("pk", flat=True))
        adviezen = werkatelier.adviezen.order_by(*Advies.PAGINAVOLGORDE)
        return cls.maak(velden, [(str(a.pk), _adviesvelden(a)) for a in adviezen])

    @classmethod
    def van_versie(cls, versie):
        """A werkatelier's version in the history, with the adviezen of its revision."""
        return cls.maak(
            versie.field_dict,
            sorted(
                _adviezen(versie.revision, versie.object_id).items(),
                key=lambda paar: _volgorde(paar[1]),
            ),
        )

    @classmethod
    def maak(cls, velden, adviezen):
        """From field values as models, forms or revisions hold them; `adviezen` is a list of
        (key, fields) in page order."""
        werkatelier = {naam: _gewoon(naam, velden.get(naam)) for naam, _ in WERKATELIER_VELDEN}
        rijen, nummers = {}, {}
        for sleutel, advies in adviezen:
            rij = {naam: _gewoon(naam, advies.get(naam)) for naam, _ in ADVIES_VELDEN}
            nummers[rij["doelgroep_id"]] = nummers.get(rij["doelgroep_id"], 0) + 1
            rij["positie"] = nummers[rij["doelgroep_id"]]
            rijen[str(sleutel)] = rij
        return cls(werkatelier, rijen)

    def met(self, **velden):
        """This Stand with some werkatelier fields from elsewhere (a conceptversie takes its
        status and publication moment from the werkatelier)."""
        return Stand({**self.werkatelier, **velden}, dict(self.adviezen))

    def als_token(self):
        """Signed, compressed: what a form carries to say which version it was made from."""
        return signing.dumps(self.als_json(), salt="werkateliers.stand", compress=True)

    @classmethod
    def van_token(cls, token):
        """The Stand a form was made from, or None when the token is missing or not ours."""
        try:
            gegevens = signing.loads(token or "", salt="werkateliers.stand")
        except signing.BadSignature:
            return None
        return cls(gegevens["werkatelier"], gegevens["adviezen"])

    def als_json(self):
        return json.loads(json.dumps({"werkatelier": self.werkatelier, "adviezen": self.adviezen}))

    @classmethod
    def van_json(cls, gegevens):
        return cls(gegevens["werkatelier"], gegevens["adviezen"])

    def in_volgorde(self):
        """The adviezen as (key, fields) in page order."""
        volgorde = dict(Doelgroep.objects.values_list("pk", "volgorde"))
        return sorted(
            self.adviezen.items(),
            key=lambda paar: (volgorde.get(paar[1]["doelgroep_id"], 0), paar[1]["positie"]),
        )


def _adviesvelden(advies):
    return {naam: getattr(advies, naam) for naam, _ in ADVIES_VELDEN}


def _volgorde(velden):
    return (int(velden.get("doelgroep_id") or 0), int(velden.get("positie") or 0))


def _gewoon(naam, waarde):
    """A field's value as a Stand holds it."""
    if naam in RIJKE_VELDEN:
        return schoon(waarde or "")
    if naam == "gerelateerd":
        return sorted(int(getattr(w, "pk", w)) for w in (waarde or []))
    if naam in ("doelgroep_id", "thema_id", "positie"):
        return int(waarde) if waarde not in (None, "") else None
    if naam == "datum":
        waarde = parse_date(waarde) if isinstance(waarde, str) else waarde
        return waarde.isoformat() if waarde else None
    if naam == "gepubliceerd_op":
        waarde = parse_datetime(waarde) if isinstance(waarde, str) else waarde
        if not waarde:
            return None
        return waarde.astimezone(UTC).replace(microsecond=0).isoformat()
    return "" if waarde is None else str(waarde)


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


@dataclass
class Vergelijking:
    """What changed from one Stand to another, as staff read it."""

    werkatelier: list
    adviezen: list

    def __bool__(self):
        return bool(self.werkatelier or self.adviezen)


def versies(werkatelier):
    """The werkatelier's versions, newest first, each with its revision and who made it."""
    return list(
        Version.objects.get_for_object(werkatelier)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def vergelijk(oud, nieuw):
    """What changed from version `oud` to version `nieuw` of a werkatelier (revisions)."""
    verschil = vergelijk_standen(Stand.van_versie(oud), Stand.van_versie(nieuw))
    return verschil.werkatelier, verschil.adviezen


def vergelijk_standen(oud, nieuw, velden=None):
    """What changed from Stand `oud` to Stand `nieuw`: the werkatelier's own fields (or only
    `velden`), then per advies what was added, removed or changed. Unchanged fields are left
    out."""
    namen = _namen()
    labels = [(n, label) for n, label in WERKATELIER_VELDEN if velden is None or n in velden]
    werkatelier = _verschillen(oud.werkatelier, nieuw.werkatelier, labels, namen)
    oude, nieuwe = oud.adviezen, nieuw.adviezen
    adviezen = []
    for sleutel in [*oude, *(s for s in nieuwe if s not in oude)]:
        if sleutel not in nieuwe:
            adviezen.append(AdviesVerschil(oude[sleutel]["titel"], "verwijderd"))
        elif sleutel not in oude:
            adviezen.append(AdviesVerschil(nieuwe[sleutel]["titel"], "toegevoegd"))
        elif lijst := _verschillen(oude[sleutel], nieuwe[sleutel], ADVIES_VELDEN, namen):
            adviezen.append(AdviesVerschil(nieuwe[sleutel]["titel"], "gewijzigd", lijst))
    return Vergelijking(werkatelier, adviezen)


def voeg_samen(basis, hunne, mijne):
    """Three-way: the changes from `basis` to `mijne` laid over `hunne` (what someone else
    saved meanwhile). Per field: mine where I changed it, theirs elsewhere. Returns the Stand
    and the names of what both changed differently (mine wins there; the editor sees both)."""
    botsingen = []
    werkatelier = {}
    for naam, label in WERKATELIER_VELDEN:
        waarde, botst = _kies(basis.werkatelier, hunne.werkatelier, mijne.werkatelier, naam)
        werkatelier[naam] = waarde
        if botst:
            botsingen.append(label)
    adviezen = {}
    for sleutel in [*hunne.adviezen, *(s for s in mijne.adviezen if s not in hunne.adviezen)]:
        oud = basis.adviezen.get(sleutel)
        van_hen, van_mij = hunne.adviezen.get(sleutel), mijne.adviezen.get(sleutel)
        if van_mij is None and oud is not None:
            # I removed it. If they changed it meanwhile, mine still wins, but it is said.
            if van_hen != oud:
                botsingen.append(f"advies ‘{van_hen['titel']}’")
            continue
        if van_hen is None:
            if oud is None:  # new in mine
                adviezen[sleutel] = van_mij
            elif van_mij != oud:  # they removed what I changed: it comes back as new
                adviezen[f"{NIEUW}terug-{sleutel}"] = van_mij
                botsingen.append(f"advies ‘{van_mij['titel']}’")
            continue
        if van_mij is None or oud is None:  # new in theirs, or untouched in mine
            adviezen[sleutel] = van_hen
            continue
        rij = {}
        for naam, label in ADVIES_VELDEN:
            rij[naam], botst = _kies(oud, van_hen, van_mij, naam)
            if botst and naam != "positie":
                botsingen.append(f"{label.lower()} van advies ‘{van_mij['titel']}’")
        adviezen[sleutel] = rij
    return Stand(werkatelier, adviezen), botsingen


def _kies(basis, hunne, mijne, naam):
    if mijne.get(naam) != basis.get(naam):
        botst = hunne.get(naam) not in (basis.get(naam), mijne.get(naam))
        return mijne.get(naam), botst
    return hunne.get(naam), False


def zet_terug(versie, gebruiker, webadres=True, status=True):
    """Put the werkatelier and its adviezen back as they were in this version, as a new
    revision; the revision before it still holds what was there until now. Without `webadres`
    or `status` the current address or status (and publication moment) stay. A new address
    leaves the current one working (OudAdres)."""
    werkatelier = Werkatelier.objects.get(pk=versie.object_id)
    huidig = {n: getattr(werkatelier, n) for n in ("slug", "status", "gepubliceerd_op")}
    # Every address that works now keeps working, whatever the old revision held.
    adressen = set(werkatelier.oude_adressen.values_list("slug", flat=True))
    moment = date_format(timezone.localtime(versie.revision.date_created), "j F Y, H:i")
    eigen = eigen_versies(versie)
    with transaction.atomic(), reversion.create_revision():
        # What the version did not have goes; out of the way first, what stays: reverted
        # adviezen may take each other's places.
        advies_ids = {int(v.object_id) for v in eigen if v.content_type.model == "advies"}
        for advies in werkatelier.adviezen.exclude(pk__in=advies_ids):
            advies.delete()
        werkatelier.adviezen.update(positie=F("positie") + VERSCHUIVING)
        werkatelier.oude_adressen.all().delete()  # all that worked come back below
        # What stays as it is now is set on the old version before it is saved (on the object
        # reversion deserialised and will save: `Version.object` is the live row instead).
        bewaren = [] if webadres else ["slug"]
        bewaren += [] if status else ["status", "gepubliceerd_op"]
        for naam in bewaren:
            setattr(versie._object_version.object, naam, huidig[naam])
        _themas_van_nu(eigen)
        try:
            for eigen_versie in eigen:
                with transaction.atomic():
                    if eigen_versie.content_type.model == "oudadres":
                        _zet_adres_terug(eigen_versie)
                    else:
                        eigen_versie.revert()
        except (IntegrityError, ObjectDoesNotExist) as fout:
            raise RevertError(str(fout)) from fout
        werkatelier.refresh_from_db()
        werkatelier.save()
        for slug in adressen - {werkatelier.slug}:
            OudAdres.objects.update_or_create(slug=slug, defaults={"werkatelier": werkatelier})
        OudAdres.objects.filter(slug=werkatelier.slug).delete()
        if werkatelier.slug != huidig["slug"]:
            werkatelier.onthoud_oud_adres(huidig["slug"], huidig["status"])
        reversion.add_to_revision(werkatelier)
        reversion.set_user(gebruiker)
        reversion.set_comment(f"Versie van {moment} teruggezet.")
    return werkatelier


def _zet_adres_terug(versie):
    """A former address from the version, unless it is someone else's by now."""
    try:
        with transaction.atomic():
            versie.revert()
    except IntegrityError:
        pass


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
    """A value as staff read it: text without markup and with its whitespace normalised, a
    thema or doelgroep by its name, a moment in Dutch."""
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
        waarde = parse_datetime(waarde) if isinstance(waarde, str) else waarde
        return date_format(timezone.localtime(waarde), "j F Y, H:i")
    if naam == "datum":
        waarde = parse_date(waarde) if isinstance(waarde, str) else waarde
        return date_format(waarde, "j F Y")
    return " ".join(str(waarde).split())


def _adviezen(revision, werkatelier_id):
    """The adviezen of one werkatelier in a revision (an older one may hold several)."""
    soort = ContentType.objects.get_for_model(Advies)
    adviezen = {
        int(v.object_id): dict(v.field_dict)
        for v in revision.version_set.filter(content_type=soort)
        if int(v.field_dict["werkatelier_id"]) == int(werkatelier_id)
    }
    # A thema merged since then: the one it went into (themas.van_nu).
    nu = van_nu(advies.get("thema_id") for advies in adviezen.values())
    for advies in adviezen.values():
        if advies.get("thema_id") not in (None, ""):
            advies["thema_id"] = nu[int(advies["thema_id"])]
    return adviezen


def eigen_versies(versie):
    """The versions in this werkatelier version's revision that belong to it: itself, then its
    adviezen and former addresses. Older revisions (a list action on several werkateliers) may
    hold other werkateliers too; those are never touched."""
    werkatelier_id = int(versie.object_id)
    eigen = [versie]
    for soort in (Advies, OudAdres):
        type_ = ContentType.objects.get_for_model(soort)
        eigen += [
            v
            for v in versie.revision.version_set.filter(content_type=type_)
            if int(v.field_dict["werkatelier_id"]) == werkatelier_id
        ]
    return eigen


def _namen():
    return {
        "doelgroep_id": dict(Doelgroep.objects.values_list("pk", "naam")),
        "thema_id": dict(Thema.objects.values_list("pk", "naam")),
        "werkatelier": dict(Werkatelier.objects.values_list("pk", "titel")),
    }


def herstel(versie, gebruiker):
    """A deleted werkatelier back from its last version, as a new revision: as a concept
    (visitors see it again once someone publishes it), with its adviezen and its former
    addresses. What is someone else's by now is left out, and said: an address (the
    werkatelier then gets a free one), a thema that no longer exists, a related werkatelier
    that is gone. Returns the werkatelier and those notes."""
    notities = []
    eigen = eigen_versies(versie)
    with transaction.atomic(), reversion.create_revision():
        object_versie = versie._object_version  # what reversion deserialised and will save
        werkatelier = object_versie.object
        werkatelier.status = Werkatelier.Status.CONCEPT
        oud = werkatelier.slug
        werkatelier.slug = _vrij_adres(oud, werkatelier.pk)
        if werkatelier.slug != oud:
            notities.append(
                f"Het adres /werkateliers/{oud}/ is nu van een ander werkatelier; dit werkatelier "
                f"heeft nu /werkateliers/{werkatelier.slug}/."
            )
        gerelateerd = object_versie.m2m_data.get("gerelateerd", [])
        bestaand = set(Werkatelier.objects.filter(pk__in=gerelateerd).values_list("pk", flat=True))
        object_versie.m2m_data["gerelateerd"] = [pk for pk in gerelateerd if int(pk) in bestaand]
        versie.revert()
        for titel in _themas_van_nu(eigen):
            notities.append(f"Het thema van ‘{titel}’ bestaat niet meer.")
        for eigen_versie in eigen[1:]:
            if eigen_versie.content_type.model == "oudadres":
                _zet_adres_terug(eigen_versie)
                continue
            eigen_versie.revert()
        werkatelier = Werkatelier.objects.get(pk=werkatelier.pk)
        werkatelier.save()  # and so a moment of its own
        reversion.add_to_revision(werkatelier)
        reversion.set_user(gebruiker)
        reversion.set_comment("Teruggehaald na verwijderen, als concept.")
    return werkatelier, notities


def _themas_van_nu(eigen):
    """The adviezen of these versions under the thema's of now, before they are put back: a
    thema merged since goes on as the one it went into (themas.van_nu), also among the
    thema's for the filters; a thema deleted since is left out. Returns the titles of the
    adviezen whose thema was left out."""
    versies = [v._object_version for v in eigen if v.content_type.model == "advies"]
    ids = [v.object.thema_id for v in versies]
    ids += [pk for v in versies for pk in v.m2m_data.get("ook_over", [])]
    nu = van_nu(ids)
    kwijt = []
    for versie in versies:
        advies = versie.object
        if advies.thema_id:
            advies.thema_id = nu[int(advies.thema_id)]
            if advies.thema_id is None:
                kwijt.append(advies.titel)
        if "ook_over" in versie.m2m_data:
            ook = (nu[int(pk)] for pk in versie.m2m_data["ook_over"])
            versie.m2m_data["ook_over"] = list(
                dict.fromkeys(pk for pk in ook if pk and pk != advies.thema_id)
            )
    return kwijt


def _vrij_adres(slug, werkatelier_id):
    """This address, or the first free one like it."""
    kandidaat, nummer = slug, 2
    while (
        Werkatelier.objects.filter(slug=kandidaat).exclude(pk=werkatelier_id).exists()
        or OudAdres.objects.filter(slug=kandidaat).exclude(werkatelier_id=werkatelier_id).exists()
    ):
        kandidaat, nummer = f"{slug[:190]}-{nummer}", nummer + 1
    return kandidaat
