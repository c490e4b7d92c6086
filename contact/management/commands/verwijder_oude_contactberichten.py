from django.conf import settings
from django.core.management.base import BaseCommand

from contact.models import Contactbericht


class Command(BaseCommand):
    help = "Verwijder afgehandelde contactberichten die ouder zijn dan de bewaartermijn."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dagen",
            type=int,
            default=settings.CONTACT_BEWAARTERMIJN_DAGEN,
            help="bewaartermijn in dagen (standaard CONTACT_BEWAARTERMIJN_DAGEN)",
        )

    def handle(self, dagen, **options):
        aantal, _ = Contactbericht.objects.verlopen(dagen).delete()
        self.stdout.write(
            f"{aantal} afgehandelde contactberichten ouder dan {dagen} dagen verwijderd."
        )
