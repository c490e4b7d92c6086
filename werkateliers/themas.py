"""Thema's across werkateliers: how many adviezen each is about, whether it is used by more than
one werkatelier, and merging thema's into one.

An advies is about the thema it stands under on its werkatelier's page (`Advies.thema`) and
about any thema staff added for the filters (`Advies.ook_over`); the page itself shows only
the first. Counting both is one query: two aggregates, one per relation, in a UNION.
"""

from dataclasses import dataclass

import reversion
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, F, Max, Min, Q
from django.dispatch import Signal

from .models import Advies, Conceptadvies, Conceptversie, OudThemaAdres, Thema, Werkatelier
from .signals import inhoud_gewijzigd

# Sent inside voeg_samen's transaction, before the thema's `weg` are deleted.
themas_samengevoegd = Signal()

VAAK_GEBRUIKT = "Vaak gebruikt"
BIJ_EEN_WERKATELIER = "Bij één werkatelier"


@dataclass
class Themagebruik:
    pk: int
    slug: str
    naam: str
    aantal: int
    # Adviezen of more than one werkatelier are about it: a thema to follow across them.
    breed: bool


def per_thema(adviezen):
    """Per thema that any of these adviezen are about: how many, and whether they come from
    more than one werkatelier, by name. One query; the number of rows is the number of
    thema's, whatever the number of adviezen."""
    adviezen = adviezen.order_by()
    kop = (
        adviezen.filter(thema__isnull=False)
        .values_list("thema_id", "thema__slug", "thema__naam")
        .annotate(n=Count("pk"), eerste=Min("werkatelier_id"), laatste=Max("werkatelier_id"))
    )
    # An advies given the thema it already stands under counts once (a merge can do that).
    ook = (
        Advies.ook_over.through.objects.filter(advies__in=adviezen.values("pk"))
        .filter(Q(advies__thema__isnull=True) | ~Q(advies__thema=F("thema")))
        .values_list("thema_id", "thema__slug", "thema__naam")
        .annotate(
            n=Count("advies_id"),
            eerste=Min("advies__werkatelier_id"),
            laatste=Max("advies__werkatelier_id"),
        )
    )
    samen = {}
    for pk, slug, naam, aantal, eerste, laatste in kop.union(ook, all=True):
        if pk in samen:
            vorig = samen[pk]
            aantal += vorig[2]
            eerste, laatste = min(eerste, vorig[3]), max(laatste, vorig[4])
        samen[pk] = (slug, naam, aantal, eerste, laatste)
    return sorted(
        (
            Themagebruik(pk, slug, naam, aantal, eerste != laatste)
            for pk, (slug, naam, aantal, eerste, laatste) in samen.items()
        ),
        key=lambda t: (t.naam.casefold(), t.naam),  # as people sort, on either database
    )


def in_groepen(themas):
    """The thema's (anything with `breed`) as [(heading, thema's)]: those used by more than
    one werkatelier first, "Vaak gebruikt", then the rest. Only one group: no heading, since
    there is nothing to tell apart."""
    breed = [t for t in themas if t.breed]
    smal = [t for t in themas if not t.breed]
    if not breed or not smal:
        return [(None, themas)] if themas else []
    return [(VAAK_GEBRUIKT, breed), (BIJ_EEN_WERKATELIER, smal)]


def voeg_samen(blijft, weg, gebruiker):
    """Merge the thema's `weg` into `blijft`: their adviezen (under them, and those given them
    for the filters) go to `blijft`, their addresses redirect to it, and they are deleted. One
    transaction; each werkatelier whose adviezen change gets a revision in its history.
    Returns the werkateliers changed."""
    weg = [thema for thema in weg if thema.pk != blijft.pk]
    namen = ", ".join(f"‘{thema}’" for thema in weg)
    tussen = Advies.ook_over.through.objects
    with transaction.atomic():
        geraakt = list(
            Werkatelier.objects.filter(
                Q(adviezen__thema__in=weg) | Q(adviezen__ook_over__in=weg)
            ).distinct()
        )
        with reversion.create_revision():
            Advies.objects.filter(thema__in=weg).update(thema=blijft)
            Conceptadvies.objects.filter(thema__in=weg).update(thema=blijft)
            _in_de_basis(blijft, weg)
            # Given one of them for the filters: given `blijft` instead, once.
            ook = set(tussen.filter(thema__in=weg).values_list("advies_id", flat=True))
            tussen.filter(thema__in=weg).delete()
            al = set(tussen.filter(thema=blijft).values_list("advies_id", flat=True))
            al |= set(Advies.objects.filter(thema=blijft).values_list("pk", flat=True))
            tussen.bulk_create(
                [tussen.model(advies_id=pk, thema=blijft) for pk in sorted(ook - al)]
            )
            # Standing under `blijft` now, it need not be given it as well.
            tussen.filter(thema=blijft, advies__thema=blijft).delete()
            for werkatelier in geraakt:
                reversion.add_to_revision(werkatelier)
            reversion.set_user(gebruiker)
            soort = "Thema" if len(weg) == 1 else "Thema’s"
            reversion.set_comment(f"{soort} {namen} samengevoegd met ‘{blijft}’.")
        OudThemaAdres.objects.filter(thema__in=weg).update(thema=blijft)
        for thema in weg:
            OudThemaAdres.objects.update_or_create(
                slug=thema.slug, defaults={"thema": blijft, "vorig_id": thema.pk}
            )
        OudThemaAdres.objects.filter(slug=blijft.slug).delete()
        _log(gebruiker, blijft, weg, namen)
        # Others who keep thema's (e-mail subscriptions) move them before they are deleted.
        themas_samengevoegd.send(Thema, blijft=blijft, weg=weg)
        Thema.objects.filter(pk__in=[thema.pk for thema in weg]).delete()
        # The pages change (deleting sends this too; said here, as it is the point).
        inhoud_gewijzigd()
    return geraakt


def van_nu(thema_ids):
    """{id: the id of that thema now, or None} for thema ids the history holds: a merged
    thema's id leads to the thema it went into, a deleted one's to None. One query, two when
    some are gone."""
    ids = {int(pk) for pk in thema_ids if pk not in (None, "")}
    bestaand = set(Thema.objects.filter(pk__in=ids).values_list("pk", flat=True))
    nu = {pk: pk for pk in bestaand}
    if ids - bestaand:
        nu |= dict(
            OudThemaAdres.objects.filter(vorig_id__in=ids - bestaand).values_list(
                "vorig_id", "thema_id"
            )
        )
    return {pk: nu.get(pk) for pk in ids}


def _in_de_basis(blijft, weg):
    """A conceptversie remembers the live version it began from (`basis`), to tell what
    changed live meanwhile: the merge is no such change, so it goes into the basis too."""
    ids = {thema.pk for thema in weg}
    for conceptversie in Conceptversie.objects.only("pk", "basis"):
        rijen = conceptversie.basis.get("adviezen", {}).values()
        geraakt = [rij for rij in rijen if rij.get("thema_id") in ids]
        for rij in geraakt:
            rij["thema_id"] = blijft.pk
        if geraakt:
            Conceptversie.objects.filter(pk=conceptversie.pk).update(basis=conceptversie.basis)


def _log(gebruiker, blijft, weg, namen):
    soort = ContentType.objects.get_for_model(Thema)
    for thema in weg:
        LogEntry.objects.log_actions(
            gebruiker.pk,
            [thema],
            DELETION,
            change_message=f"Samengevoegd met ‘{blijft}’.",
            single_object=True,
        )
    LogEntry.objects.create(
        user_id=gebruiker.pk,
        content_type=soort,
        object_id=str(blijft.pk),
        object_repr=str(blijft)[:200],
        action_flag=CHANGE,
        change_message=f"Hierin samengevoegd: {namen}.",
    )
