from django.core.management.base import BaseCommand

from zoekhulp.zoekopdrachten import BEWAARTERMIJN_MAANDEN, verwijder_oude


class Command(BaseCommand):
    help = (
        f"Verwijder getelde zoekopdrachten die ouder zijn dan {BEWAARTERMIJN_MAANDEN} maanden. "
        "De site doet dit ook zelf, eenmaal per dag; dit commando is er voor wie het meteen wil."
    )

    def handle(self, **options):
        aantal = verwijder_oude()
        self.stdout.write(
            f"{aantal} zoekopdrachten ouder dan {BEWAARTERMIJN_MAANDEN} maanden verwijderd."
        )
