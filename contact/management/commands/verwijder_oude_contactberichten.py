from django.conf import settings
from django.core.management.base import BaseCommand

from contact.models import Contactbericht


class Command(BaseCommand):
    help = (
        "Verwijder contactberichten die ouder zijn dan de bewaartermijn (afgehandeld of niet), "
        "met de regels over verwijderde berichten in het logboek van het beheer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dagen",
            type=int,
            default=settings.CONTACT_BEWAARTERMIJN_DAGEN,
            help="bewaartermijn in dagen (standaard CONTACT_BEWAARTERMIJN_DAGEN)",
        )

    def handle(self, dagen, **options):
        aantal, regels = Contactbericht.objects.verlopen(dagen).verwijder_met_beheerlogboek()
        self.stdout.write(
            f"{aantal} contactbericht(en) ouder dan {dagen} dagen verwijderd, en {regels} "
            "regel(s) over verwijderde berichten uit het logboek van het beheer."
        )
