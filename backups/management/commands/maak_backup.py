from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backups.maken import maak_backup, ruim_op


class Command(BaseCommand):
    help = (
        "Maak een back-up van de database (PostgreSQL: pg_dump -Fc) in BACKUP_MAP en ruim oude "
        "op: bewaar de laatste van elk van de laatste BACKUP_DAGEN dagen en van elk van de "
        "laatste BACKUP_WEKEN weken. Terugzetten: docs/productie.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--map", dest="map_", default=settings.BACKUP_MAP, help="waar de back-ups staan"
        )
        parser.add_argument("--dagen", type=int, default=settings.BACKUP_DAGEN)
        parser.add_argument("--weken", type=int, default=settings.BACKUP_WEKEN)

    def handle(self, map_, dagen, weken, **options):
        try:
            pad = maak_backup(map_)
        except Exception as fout:
            uitvoer = getattr(fout, "stderr", b"") or b""
            raise CommandError(
                f"Back-up mislukt: {fout} {uitvoer.decode(errors='replace').strip()}"
            ) from fout
        self.stdout.write(f"Back-up gemaakt: {pad} ({pad.stat().st_size / 1e6:.1f} MB)")
        for weg in ruim_op(map_, max(dagen, 1), weken):
            self.stdout.write(f"Oude back-up verwijderd: {weg.name}")
