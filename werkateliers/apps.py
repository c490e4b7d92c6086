from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class WerkateliersConfig(AppConfig):
    name = "werkateliers"
    verbose_name = "Werkateliers"

    def ready(self):
        # Here, not at the top: the receiver's module needs the models, which are only
        # importable once the app registry is ready.
        from .signals import inhoud_gewijzigd

        # Any change to what the public pages show makes every cached page out of date.
        for naam in ["Doelgroep", "Thema", "Werkatelier", "Advies", "OudAdres", "OudThemaAdres"]:
            model = self.get_model(naam)
            post_save.connect(inhoud_gewijzigd, sender=model, dispatch_uid=f"paginacache-{naam}")
            post_delete.connect(
                inhoud_gewijzigd, sender=model, dispatch_uid=f"paginacache-{naam}-weg"
            )
        gerelateerd = self.get_model("Werkatelier").gerelateerd.through
        m2m_changed.connect(inhoud_gewijzigd, sender=gerelateerd, dispatch_uid="paginacache-m2m")
        # The thema's an advies is also about count in the filters of /adviezen/.
        ook_over = self.get_model("Advies").ook_over.through
        m2m_changed.connect(inhoud_gewijzigd, sender=ook_over, dispatch_uid="paginacache-ook")
