"""Any change to what the public pages show makes a new content version, in its transaction
(the `inhoudsversie` app), with the publication moments still to come: the version changes
again when one of them passes, without a save."""

from django.utils import timezone

from inhoudsversie.models import verhoog

from .models import Werkatelier


def inhoud_gewijzigd(**kwargs):
    if kwargs.get("action", "post_").startswith("pre_"):
        return  # m2m_changed: only once it has happened
    gepland = Werkatelier.objects.filter(
        status=Werkatelier.Status.GEPUBLICEERD, gepubliceerd_op__gt=timezone.now()
    )
    verhoog(momenten=gepland.order_by().values_list("gepubliceerd_op", flat=True))
