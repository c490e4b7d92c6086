from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELLEN = ["conceptversie", "conceptadvies"]


def mag_conceptversies(apps, schema_editor):
    """A Redacteur prepares, publishes and throws away conceptversies."""
    # Permissions are normally created after all migrations; the group needs them now.
    app_config = apps.get_app_config("werkateliers")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    rechten = Permission.objects.filter(
        content_type__app_label="werkateliers", content_type__model__in=MODELLEN
    )
    for groep in Group.objects.filter(name="Redacteur"):
        groep.permissions.add(*rechten)


class Migration(migrations.Migration):
    dependencies = [("werkateliers", "0015_conceptversies")]

    operations = [migrations.RunPython(mag_conceptversies, migrations.RunPython.noop)]
