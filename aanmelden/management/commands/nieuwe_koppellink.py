from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from aanmelden.meldingen import meld
from aanmelden.models import Kennisgeving, Koppellink

from .maak_redacteur import schrijf_koppellink


class Command(BaseCommand):
    help = (
        "Maak een nieuwe koppellink voor een bestaand account (nieuwe telefoon, app kwijt, of "
        "nog nooit ingesteld). Met de link en het wachtwoord stelt de eigenaar een app in die "
        "de oude vervangt. Een eerdere koppellink werkt daarna niet meer."
    )

    def add_arguments(self, parser):
        parser.add_argument("gebruikersnaam")

    def handle(self, gebruikersnaam, **options):
        gebruiker = get_user_model().objects.filter(username=gebruikersnaam).first()
        if gebruiker is None:
            raise CommandError(f"Er is geen account ‘{gebruikersnaam}’.")
        if not (gebruiker.is_active and gebruiker.is_staff):
            raise CommandError(
                f"Het account ‘{gebruikersnaam}’ mag niet in het beheer (niet actief of geen "
                "medewerker); zet dat eerst aan."
            )
        _, sleutel = Koppellink.objects.maak(gebruiker)
        meld(gebruiker, Kennisgeving.Soort.KOPPELLINK)
        schrijf_koppellink(self.stdout, gebruiker, sleutel)
