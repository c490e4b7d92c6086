from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

from werkateliers.models import Werkatelier

VOORBEELDEN = Path(__file__).resolve().parents[2] / "voorbeelden"
# The two werkateliers the site was designed from, loaded on an empty database.
WERKATELIERS = [
    ("werkatelier-integraal-werken.txt", "Integraal werken"),
    ("werkatelier-jongeren.txt", "Werken met jongeren"),
]


class Command(BaseCommand):
    help = "Laad de twee voorbeeldwerkateliers als de database nog geen werkatelier heeft."

    def handle(self, **options):
        if Werkatelier.objects.exists():
            self.stdout.write("Er staan al werkateliers in de database; voorbeelden niet geladen.")
            return
        for bestand, titel in WERKATELIERS:
            call_command(
                "import_werkatelier",
                str(VOORBEELDEN / bestand),
                titel=titel,
                publiceer=True,
                stdout=self.stdout,
            )
