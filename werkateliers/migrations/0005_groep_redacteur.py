from django.contrib.auth.management import create_permissions
from django.db import migrations


def maak_groep(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    app_config = apps.get_app_config("werkateliers")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groep, _ = Group.objects.get_or_create(name="Redacteur")
    groep.permissions.set(Permission.objects.filter(content_type__app_label="werkateliers"))


class Migration(migrations.Migration):
    dependencies = [
        ("werkateliers", "0004_oude_adressen"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(maak_groep, migrations.RunPython.noop)]
