from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from werkateliers.importer import ImportFout, lees_bestand, lees_verslag, sla_op
from werkateliers.telwoorden import aantal_adviezen


class Command(BaseCommand):
    help = "Importeer een werkatelierverslag (platte tekst of .docx) als werkatelier met adviezen."

    def add_arguments(self, parser):
        parser.add_argument("pad", help="het bestand met het verslag (.docx of .txt)")
        parser.add_argument("--titel", required=True, help="de titel van het werkatelier")
        parser.add_argument(
            "--publiceer", action="store_true", help="meteen publiceren (anders: concept)"
        )

    def handle(self, pad, titel, publiceer, **options):
        bestand = Path(pad)
        try:
            inhoud = bestand.read_bytes()
        except OSError as fout:
            raise CommandError(
                f"Het bestand {pad} kan niet gelezen worden: {fout.strerror}."
            ) from None
        try:
            verslag = lees_verslag(lees_bestand(bestand.name, inhoud), titel=titel)
            nieuwe_themas = verslag.nieuwe_themas
            if publiceer and verslag.geraden:
                # Never published wrong: what had to be guessed is checked in the admin first.
                publiceer = False
                self.stderr.write(
                    f"Niet gepubliceerd maar als concept aangemaakt: bij {len(verslag.geraden)} "
                    "blok(ken) moest de site raden. Controleer het concept in het beheer."
                )
            werkatelier = sla_op(verslag, titel=titel, publiceer=publiceer)
        except ImportFout as fout:
            regels = "\n".join(f"  {melding}" for melding in fout.meldingen)
            raise CommandError(
                f"{pad} is niet geïmporteerd; er is niets opgeslagen.\n{regels}"
            ) from None
        status = "gepubliceerd" if publiceer else "als concept"
        self.stdout.write(
            f"Werkatelier ‘{werkatelier}’ {status} aangemaakt: {werkatelier.get_absolute_url()}"
        )
        for deel in verslag.doelgroepen:
            themas = list(dict.fromkeys(a.thema for a in deel.adviezen if a.thema))
            regel = f"  {aantal_adviezen(len(deel.adviezen))} voor {deel.doelgroep.in_zin}"
            if themas:
                regel += f" (thema's: {', '.join(themas)})"
            self.stdout.write(regel)
        for naam in nieuwe_themas:
            self.stdout.write(f"  Nieuw thema aangemaakt: {naam}")
        for melding in verslag.waarschuwingen:
            self.stderr.write(f"Let op: {melding}")
        for blok in verslag.geraden:
            self.stderr.write(
                f"Geraden: {verslag.eenheid} {blok.nr} (‘{blok.tekst[:60]}’) is {blok.rol}: "
                f"{blok.reden}."
            )
