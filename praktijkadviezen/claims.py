"""How a sender takes mails to send without another sender taking the same: a claim, with
its name and an end, on rows that are due (`Model.objects.te_versturen(nu)`). Used for the
contact questions (contact/emails.py) and the alert mails (attenderingen/verzenden.py)."""

from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone


def claim(model, zender, aantal, seconden):
    """Take up to `aantal` due rows of `model` for this sender, for `seconden`; their ids."""
    nu = timezone.now()
    claim = {"geclaimd_door": zender, "geclaimd_tot": nu + timedelta(seconds=seconden)}
    te_doen = model.objects.te_versturen(nu).order_by("volgende_poging", "pk")
    if connection.vendor == "postgresql":
        with transaction.atomic():
            ids = list(
                te_doen.select_for_update(skip_locked=True).values_list("pk", flat=True)[:aantal]
            )
            model.objects.filter(pk__in=ids).update(**claim)
        return ids
    # Elsewhere: each row by an UPDATE that checks, in the same statement, that it is still
    # free. Whoever updates the row first has it; the others update nothing.
    return [
        pk
        for pk in te_doen.values_list("pk", flat=True)[:aantal]
        if model.objects.te_versturen(nu).filter(pk=pk).update(**claim)
    ]
