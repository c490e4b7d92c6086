import signal
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from aanmelden.meldingen import bezorg_kennisgevingen
from attenderingen.verzenden import ronde as attenderingen_ronde
from contact.emails import verstuur_wat_klaarstaat, zender_id
from contact.models import Contactbericht
from werkateliers.concepten import publiceer_geplande


class Command(BaseCommand):
    help = (
        "Bezorg de contactberichten die nog niet bij het secretariaat zijn. Zonder opties één "
        "keer; met --blijf blijft het draaien (zo draait het in productie en bij make run)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--blijf", action="store_true", help="blijf draaien en kijk steeds opnieuw"
        )
        parser.add_argument(
            "--pauze", type=float, default=5.0, help="seconden tussen twee rondes (met --blijf)"
        )

    def handle(self, blijf, pauze, **options):
        zender = zender_id()
        if not blijf:
            publiceer_geplande()
            gelukt, mislukt = verstuur_wat_klaarstaat(zender)
            self.stdout.write(f"{gelukt} contactbericht(en) bezorgd.")
            # Mails to staff about their changed sign-in details (aanmelden/meldingen.py).
            bezorg_kennisgevingen()
            attenderingen_ronde(zender)  # "Houd me op de hoogte": new adviezen, confirmations
            if mislukt:
                self.stderr.write(
                    f"{mislukt} bericht(en) niet bezorgd; ze worden later opnieuw geprobeerd."
                )
            return
        self.stdout.write(f"Verstuurt contactberichten (elke {pauze:g} s); stop met Ctrl+C.")
        self.stoppen = False
        signal.signal(signal.SIGTERM, lambda *_: setattr(self, "stoppen", True))
        gewaarschuwd = set()
        while not self.stoppen:
            try:
                # Conceptversies whose moment has passed go live in this round (no cron).
                if gepubliceerd := publiceer_geplande():
                    self.stdout.write(f"{gepubliceerd} geplande conceptversie(s) gepubliceerd.")
                gelukt, mislukt = verstuur_wat_klaarstaat(zender)
                if gelukt or mislukt:
                    self.stdout.write(f"{gelukt} bezorgd, {mislukt} mislukt.")
                bezorg_kennisgevingen()
                attenderingen_ronde(zender)  # "Houd me op de hoogte" (attenderingen/verzenden.py)
                te_lang = set(
                    Contactbericht.objects.te_lang_onbezorgd().values_list("pk", flat=True)
                )
                if te_lang - gewaarschuwd:
                    self.stderr.write(
                        f"LET OP: {len(te_lang)} contactbericht(en) wachten al te lang op "
                        "bezorging. Kijk of de mailserver werkt."
                    )
                gewaarschuwd = te_lang
            except DatabaseError as fout:
                # A database that restarts: drop the connection and try again next round.
                self.stderr.write(f"Database niet bereikbaar ({fout}); ik probeer het zo opnieuw.")
                close_old_connections()
            time.sleep(pauze)
