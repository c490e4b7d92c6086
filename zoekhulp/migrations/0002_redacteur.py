from django.contrib.auth.management import create_permissions
from django.db import migrations


def mag_zoekhulp(apps, schema_editor):
    """A Redacteur keeps the synonym groups and reads what visitors searched for."""
    # Permissions are normally created after all migrations; the group needs them now.
    app_config = apps.get_app_config("zoekhulp")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    rechten = Permission.objects.filter(content_type__app_label="zoekhulp").filter(
        content_type__model="synoniemgroep"
    ) | Permission.objects.filter(
        content_type__app_label="zoekhulp", codename="view_zoekopdracht"
    )
    groep, _ = Group.objects.get_or_create(name="Redacteur")
    groep.permissions.add(*rechten)


class Migration(migrations.Migration):
    dependencies = [
        ("zoekhulp", "0001_begin"),
        ("werkateliers", "0005_groep_redacteur"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(mag_zoekhulp, migrations.RunPython.noop)]
