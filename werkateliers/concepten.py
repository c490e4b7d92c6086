"""Conceptversies: changes to a published werkatelier, prepared and checked before the public
sees them.

Stored in tables of their own (models.Conceptversie and Conceptadvies), not in the live ones:
every public page keeps reading only Werkatelier and Advies, with the queries it always had,
and cannot show a draft by mistake. Staff edit a conceptversie with the same form and editor as
a werkatelier, preview it rendered by the public template (phone and desktop width), compare it
with what is live (versies.vergelijk_standen), and publish it now or at a moment, or throw it
away. Publishing writes it into the live rows in one transaction, as one revision in the
history; a scheduled one is published by the first background round after its moment
(`publiceer_geplande`, called by the sender that runs next to the site, see README).
"""

import logging

import reversion
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from .models import Advies, Conceptadvies, Conceptversie, Doelgroep, Thema, Werkatelier
from .publicatie import Probleem, publicatieproblemen
from .versies import NIEUW, Stand, vergelijk_standen, voeg_samen

logger = logging.getLogger(__name__)

VELDEN = ["titel", "slug", "intro", "datum", "beschrijving"]


class PublicatieFout(Exception):
    """The conceptversie cannot be published as it is; `problemen` says why, in Dutch."""

    def __init__(self, problemen):
        super().__init__("; ".join(str(p) for p in problemen))
        self.problemen = problemen


def kan_concept_hebben(werkatelier):
    """Only what the public sees needs a conceptversie; anything else is edited directly."""
    return werkatelier.pk is not None and werkatelier.is_public


def begin(werkatelier, gebruiker):
    """The werkatelier's conceptversie: the one that exists, or a new copy of what is live."""
    bestaand = Conceptversie.objects.filter(werkatelier=werkatelier).first()
    if bestaand:
        return bestaand
    return schrijf(werkatelier, Stand.van_werkatelier(werkatelier), gebruiker)


def schrijf(werkatelier, stand, gebruiker, basis=None):
    """Make the werkatelier's conceptversie hold this Stand (creating it if needed): its
    content fields and its adviezen. Adviezen keyed by a live advies's id stay linked to it;
    others are new. `basis`: the live Stand it starts from (default: what is live now)."""
    with transaction.atomic():
        conceptversie = Conceptversie.objects.select_for_update().filter(werkatelier=werkatelier)
        conceptversie = conceptversie.first() or Conceptversie(
            werkatelier=werkatelier,
            aangemaakt_door=gebruiker,
            basis=(basis or Stand.van_werkatelier(werkatelier)).als_json(),
        )
        velden = stand.werkatelier
        for naam in VELDEN:
            setattr(conceptversie, naam, velden[naam])
        conceptversie.gewijzigd_door = gebruiker
        conceptversie.probleem = ""
        conceptversie.full_clean(exclude=["basis", "werkatelier"], validate_unique=False)
        conceptversie.save()
        conceptversie.gerelateerd.set(velden["gerelateerd"])
        bestaande = {
            rij.advies_id or f"{NIEUW}{rij.pk}": rij for rij in conceptversie.adviezen.all()
        }
        live = set(werkatelier.adviezen.values_list("pk", flat=True))
        # An old version (a restore) may name a thema or doelgroep that is gone since.
        themas = set(Thema.objects.values_list("pk", flat=True))
        doelgroepen = set(Doelgroep.objects.values_list("pk", flat=True))
        rijen = []
        for sleutel, velden in stand.in_volgorde():
            if velden["doelgroep_id"] not in doelgroepen:
                continue
            advies_id = int(sleutel) if sleutel.isdigit() and int(sleutel) in live else None
            rij = bestaande.pop(advies_id or sleutel, None) or Conceptadvies(advies_id=advies_id)
            rij.doelgroep_id = velden["doelgroep_id"]
            rij.thema_id = velden["thema_id"] if velden["thema_id"] in themas else None
            rij.titel, rij.tekst = velden["titel"], velden["tekst"]
            rijen.append(rij)
        for rij in bestaande.values():
            rij.delete()
        conceptversie.zet_volgorde(rijen)
    return conceptversie


def stand(conceptversie, sleutels="advies"):
    """What the conceptversie would make live, as a Stand with the werkatelier's own status and
    publication moment. Adviezen keyed by the live advies they change (`sleutels="advies"`,
    to compare with what is live) or by their own row (`"rij"`, for the form that edits it)."""
    werkatelier = conceptversie.werkatelier
    velden = {naam: getattr(conceptversie, naam) for naam in VELDEN}
    velden["gerelateerd"] = list(conceptversie.gerelateerd.values_list("pk", flat=True))
    velden["status"], velden["gepubliceerd_op"] = werkatelier.status, werkatelier.gepubliceerd_op
    rijen = conceptversie.adviezen.order_by("doelgroep__volgorde", "doelgroep__naam", "positie")
    return Stand.maak(velden, [(_sleutel(rij, sleutels), _velden(rij)) for rij in rijen])


def _sleutel(rij, sleutels):
    if sleutels == "rij":
        return str(rij.pk)
    return str(rij.advies_id) if rij.advies_id else f"{NIEUW}{rij.pk}"


def _velden(rij):
    return {
        "titel": rij.titel,
        "tekst": rij.tekst,
        "doelgroep_id": rij.doelgroep_id,
        "thema_id": rij.thema_id,
        "positie": rij.positie,
    }


def verschil_met_live(conceptversie):
    """What publishing would change on the site: live now → this conceptversie."""
    return vergelijk_standen(Stand.van_werkatelier(conceptversie.werkatelier), stand(conceptversie))


def tussendoor(conceptversie):
    """What changed on the live werkatelier since this conceptversie began (someone saved it
    directly, or edited an advies in the list): publishing would undo that unless it is taken
    over first (`neem_over`)."""
    return vergelijk_standen(
        Stand.van_json(conceptversie.basis), Stand.van_werkatelier(conceptversie.werkatelier)
    )


def neem_over(conceptversie, gebruiker):
    """Lay the live changes made since the conceptversie began into it: its own changes stay,
    what was changed live meanwhile comes in. Returns what both changed differently (the
    conceptversie's wins there)."""
    live = Stand.van_werkatelier(conceptversie.werkatelier)
    # The concept's own changes (basis → concept) laid over what is live now.
    samen, botsingen = voeg_samen(Stand.van_json(conceptversie.basis), live, stand(conceptversie))
    schrijf(conceptversie.werkatelier, samen, gebruiker)
    Conceptversie.objects.filter(pk=conceptversie.pk).update(basis=live.als_json())
    conceptversie.refresh_from_db()
    return botsingen


def problemen(conceptversie):
    """What stands in the way of publishing it; empty when nothing does."""
    rijen = list(
        conceptversie.adviezen.select_related("doelgroep", "thema").order_by(
            "doelgroep__volgorde", "doelgroep__naam", "positie", "pk"
        )
    )
    lijst = publicatieproblemen(rijen, Doelgroep.objects.all())
    bezet = (
        Werkatelier.objects.filter(slug=conceptversie.slug)
        .exclude(pk=conceptversie.werkatelier_id)
        .exists()
    )
    if bezet:
        lijst.insert(
            0,
            Probleem(
                f"Het webadres ‘{conceptversie.slug}’ is intussen van een ander werkatelier. "
                "Kies een ander adres."
            ),
        )
    return lijst


def publiceer(conceptversie, gebruiker, opmerking="Conceptversie gepubliceerd."):
    """Make the conceptversie live in one transaction, as one revision, and remove it. Raises
    PublicatieFout (and changes nothing) when something stands in the way."""
    with transaction.atomic():
        werkatelier = Werkatelier.objects.select_for_update().get(pk=conceptversie.werkatelier_id)
        conceptversie = Conceptversie.objects.select_for_update().filter(pk=conceptversie.pk)
        conceptversie = conceptversie.first()
        if conceptversie is None:
            raise PublicatieFout([Probleem("Deze conceptversie is al gepubliceerd of weggegooid.")])
        if lijst := problemen(conceptversie):
            raise PublicatieFout(lijst)
        vorige_slug = werkatelier.slug
        with reversion.create_revision():
            for naam in VELDEN:
                setattr(werkatelier, naam, getattr(conceptversie, naam))
            werkatelier.save()
            if werkatelier.slug != vorige_slug:
                werkatelier.onthoud_oud_adres(vorige_slug)
            werkatelier.gerelateerd.set(conceptversie.gerelateerd.all())
            rijen = list(conceptversie.adviezen.order_by("doelgroep__volgorde", "positie"))
            gebleven = {rij.advies_id for rij in rijen if rij.advies_id}
            for advies in werkatelier.adviezen.exclude(pk__in=gebleven):
                advies.delete()
            live = {advies.pk: advies for advies in werkatelier.adviezen.all()}
            adviezen = []
            for rij in rijen:
                advies = live.get(rij.advies_id) or Advies(werkatelier=werkatelier)
                advies.doelgroep_id, advies.thema_id = rij.doelgroep_id, rij.thema_id
                advies.titel, advies.tekst = rij.titel, rij.tekst
                adviezen.append(advies)
            werkatelier.zet_volgorde(adviezen)
            reversion.add_to_revision(werkatelier)
            reversion.set_user(gebruiker)
            reversion.set_comment(opmerking)
        conceptversie.delete()
    return werkatelier


def plan(conceptversie, moment, gebruiker):
    """Publish it at this moment (or, with None, not at a set moment)."""
    Conceptversie.objects.filter(pk=conceptversie.pk).update(
        publiceren_op=moment, probleem="", gewijzigd_door=gebruiker
    )
    conceptversie.refresh_from_db()


def publiceer_geplande(nu=None):
    """Publish every conceptversie whose moment has passed; the number published. Safe to run
    in several processes at once: each is taken under a lock, and once. One that cannot be
    published keeps its changes, loses its moment and says why (`probleem`). Changes made
    live since it began are taken over first, unless both changed the same thing."""
    nu = nu or timezone.now()
    gepubliceerd = 0
    klaar = Conceptversie.objects.filter(publiceren_op__lte=nu).values_list("pk", flat=True)
    for pk in list(klaar):
        with transaction.atomic():
            conceptversie = (
                Conceptversie.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("werkatelier", "gewijzigd_door")
                .filter(pk=pk, publiceren_op__lte=nu)
                .first()
            )
            if conceptversie is None:
                continue  # another process has it, or it is gone
            moment = date_format(timezone.localtime(conceptversie.publiceren_op), "j F Y, H:i")
            gebruiker = conceptversie.gewijzigd_door
            try:
                if tussendoor(conceptversie):
                    if botsingen := neem_over(conceptversie, gebruiker):
                        raise PublicatieFout(
                            [
                                Probleem(
                                    "Op de site is intussen hetzelfde gewijzigd: "
                                    + ", ".join(botsingen)
                                    + ". Kijk het concept na en publiceer het opnieuw."
                                )
                            ]
                        )
                with transaction.atomic():
                    publiceer(
                        conceptversie, gebruiker, f"Geplande wijzigingen van {moment} gepubliceerd."
                    )
            except PublicatieFout as fout:
                logger.warning("Conceptversie %s niet gepubliceerd: %s", pk, fout)
                Conceptversie.objects.filter(pk=pk).update(
                    publiceren_op=None,
                    probleem=f"Op {moment} kon het concept niet gepubliceerd worden: {fout}",
                )
                continue
        gepubliceerd += 1
    return gepubliceerd


def gooi_weg(conceptversie):
    Conceptversie.objects.filter(pk=conceptversie.pk).delete()


def voorbeeld(conceptversie):
    """The werkatelier and its adviezen as the conceptversie would make them, in memory, for the
    public template: nothing is saved. A new advies gets an anchor of its own."""
    werkatelier = Werkatelier.objects.get(pk=conceptversie.werkatelier_id)
    for naam in VELDEN:
        setattr(werkatelier, naam, getattr(conceptversie, naam))
    doelgroepen = {d.pk: d for d in Doelgroep.objects.all()}
    rijen = conceptversie.adviezen.select_related("thema").order_by(
        "doelgroep__volgorde", "doelgroep__naam", "positie"
    )
    adviezen = []
    for rij in rijen:
        advies = Advies(
            pk=rij.advies_id,
            werkatelier=werkatelier,
            doelgroep=doelgroepen[rij.doelgroep_id],
            thema=rij.thema,
            titel=rij.titel,
            tekst=rij.tekst,
            positie=rij.positie,
        )
        if not advies.pk:
            advies.nieuw_anker = f"advies-nieuw-{rij.pk}"
        adviezen.append(advies)
    return werkatelier, adviezen
