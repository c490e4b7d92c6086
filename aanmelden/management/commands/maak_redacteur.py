import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from aanmelden.models import KOPPELLINK_GELDIG, Koppellink, koppellink_adres


class Command(BaseCommand):
    help = (
        "Maak een account voor het beheer (/beheer/) in de groep Redacteur of Secretariaat, "
        "met een koppellink waarmee de eigenaar de authenticator-app instelt. Het wachtwoord "
        "wordt gevraagd, of gelezen uit DJANGO_WACHTWOORD."
    )

    def add_arguments(self, parser):
        parser.add_argument("gebruikersnaam")
        parser.add_argument("--email", default="")
        parser.add_argument("--groep", default="Redacteur", choices=["Redacteur", "Secretariaat"])
        parser.add_argument(
            "--beheerder", action="store_true", help="ook gebruikers mogen beheren (superuser)"
        )

    def handle(self, gebruikersnaam, email, groep, beheerder, **options):
        User = get_user_model()
        if User.objects.filter(username=gebruikersnaam).exists():
            raise CommandError(f"Er bestaat al een account ‘{gebruikersnaam}’.")
        wachtwoord = os.environ.get("DJANGO_WACHTWOORD") or self._vraag_wachtwoord()
        gebruiker = User(
            username=gebruikersnaam, email=email, is_staff=True, is_superuser=beheerder
        )
        try:
            validate_password(wachtwoord, gebruiker)
        except ValidationError as fout:
            raise CommandError(" ".join(fout.messages)) from None
        with transaction.atomic():
            gebruiker.set_password(wachtwoord)
            gebruiker.save()
            gebruiker.groups.add(Group.objects.get(name=groep))
            _, sleutel = Koppellink.objects.maak(gebruiker)
        self.stdout.write(f"Account ‘{gebruikersnaam}’ ({groep}) gemaakt.")
        schrijf_koppellink(self.stdout, gebruiker, sleutel)

    def _vraag_wachtwoord(self):
        eerste = getpass.getpass("Wachtwoord: ")
        if eerste != getpass.getpass("Nog een keer: "):
            raise CommandError("De wachtwoorden zijn niet gelijk.")
        return eerste


def schrijf_koppellink(stdout, gebruiker, sleutel):
    adres = koppellink_adres(sleutel)
    dagen = KOPPELLINK_GELDIG.days
    stdout.write(
        f"Koppellink voor ‘{gebruiker.get_username()}’ (werkt één keer, {dagen} dagen):\n\n"
        f"    {adres}\n\n"
        "Geef hem persoonlijk, of via een ander kanaal dan het wachtwoord. Met de link en het "
        "wachtwoord stelt de eigenaar de authenticator-app in en krijgt herstelcodes; daarna "
        "meldt die zich aan op /beheer/ met wachtwoord én code."
    )
    if not adres.startswith("http"):
        stdout.write(
            "(Zet het adres van de site ervoor, of zet DJANGO_SITE_URL, bijvoorbeeld "
            "http://127.0.0.1:8000 bij make run.)"
        )
