from django.contrib.auth.management import create_permissions
from django.db import migrations


def maak_groep(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    app_config = apps.get_app_config("contact")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groep, _ = Group.objects.get_or_create(name="Secretariaat")
    groep.permissions.set(
        Permission.objects.filter(
            content_type__app_label="contact",
            codename__in=["view_contactbericht", "change_contactbericht"],
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0001_begin"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(maak_groep, migrations.RunPython.noop)]
