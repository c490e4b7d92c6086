from django.db import migrations

WIJZIGEN = ["add_doelgroep", "change_doelgroep", "delete_doelgroep"]


def alleen_lezen(apps, schema_editor):
    """Doelgroepen are the site's structure: a Redacteur reads them, a beheerder changes them."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for groep in Group.objects.filter(name="Redacteur"):
        groep.permissions.remove(
            *Permission.objects.filter(content_type__app_label="werkateliers", codename__in=WIJZIGEN)
        )


def terug(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for groep in Group.objects.filter(name="Redacteur"):
        groep.permissions.add(
            *Permission.objects.filter(content_type__app_label="werkateliers", codename__in=WIJZIGEN)
        )


class Migration(migrations.Migration):
    dependencies = [("werkateliers", "0008_webadres")]

    operations = [migrations.RunPython(alleen_lezen, terug)]
