from django.core.management.base import BaseCommand

from contact.emails import verstuur
from contact.models import Contactbericht


class Command(BaseCommand):
    help = "Verstuur alle contactberichten die nog niet bij het secretariaat zijn aangekomen."

    def handle(self, **options):
        ids = list(
            Contactbericht.objects.te_versturen().order_by("ontvangen").values_list("pk", flat=True)
        )
        gelukt = sum(verstuur(pk) for pk in ids)
        self.stdout.write(f"{gelukt} van {len(ids)} contactberichten verstuurd.")
        if gelukt < len(ids):
            self.stderr.write(
                f"{len(ids) - gelukt} bericht(en) mislukt; ze worden later opnieuw geprobeerd."
            )
