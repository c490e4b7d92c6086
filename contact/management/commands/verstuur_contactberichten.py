import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from aanmelden.meldingen import bezorg_kennisgevingen
from attenderingen.verzenden import neem_eigen_claims_over as attenderingen_claims_over
from attenderingen.verzenden import ronde as attenderingen_ronde
from contact.emails import Zendernaam, neem_eigen_claims_over, verstuur_wat_klaarstaat
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
        # The same name as the sender before it on this host: what that one left claimed
        # when it died is sent now, not after the claim runs out.
        with Zendernaam() as zender:
            self.zender, self.overgenomen = zender, False
            self.verstuur(blijf, pauze)

    def neem_over(self):
        """Once per start, as soon as the database answers."""
        if not self.overgenomen:
            aantal = neem_eigen_claims_over(self.zender)
            aantal += attenderingen_claims_over(self.zender)
            if aantal:
                self.stdout.write(f"{aantal} onderbroken bezorging(en) van {self.zender} hervat.")
            self.overgenomen = True

    def verstuur(self, blijf, pauze):
        zender = self.zender
        if not blijf:
            self.neem_over()
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
        opruimen = 0.0  # when the retention next runs (time.monotonic)
        while not self.stoppen:
            try:
                self.neem_over()
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
                # The retention the privacy page promises, every hour, without a cron job.
                if time.monotonic() >= opruimen:
                    verwijderd, _ = Contactbericht.objects.verlopen(
                        settings.CONTACT_BEWAARTERMIJN_DAGEN
                    ).verwijder_met_beheerlogboek()
                    if verwijderd:
                        self.stdout.write(
                            f"{verwijderd} contactbericht(en) na de bewaartermijn verwijderd."
                        )
                    opruimen = time.monotonic() + 3600
            except DatabaseError as fout:
                # A database that restarts: drop the connection and try again next round.
                self.stderr.write(f"Database niet bereikbaar ({fout}); ik probeer het zo opnieuw.")
                close_old_connections()
            time.sleep(pauze)
