from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import Q
from django.utils import timezone


def bestaande_adviezen(apps, schema_editor):
    """Adviezen public before this app existed are not news: no mail about them."""
    Advies = apps.get_model("werkateliers", "Advies")
    Aankondiging = apps.get_model("attenderingen", "Aankondiging")
    publiek = Advies.objects.filter(
        Q(werkatelier__status="gepubliceerd", werkatelier__gepubliceerd_op__lte=timezone.now())
    )
    Aankondiging.objects.bulk_create(
        (Aankondiging(advies_id=pk) for pk in publiek.values_list("pk", flat=True).iterator()),
        batch_size=1000,
    )


def secretariaat_ziet_aantallen(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs one now.
    app_config = apps.get_app_config("attenderingen")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for groep in Group.objects.filter(name="Secretariaat"):
        groep.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="attenderingen", codename="view_abonnement"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("attenderingen", "0001_begin"),
        ("contact", "0002_groep_secretariaat"),
    ]

    operations = [
        migrations.RunPython(bestaande_adviezen, migrations.RunPython.noop),
        migrations.RunPython(secretariaat_ziet_aantallen, migrations.RunPython.noop),
    ]
