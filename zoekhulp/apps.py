from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ZoekhulpConfig(AppConfig):
    name = "zoekhulp"
    verbose_name = "Zoeken"

    def ready(self):
        # Here, not at the top: the receiver's module needs the models, which are only
        # importable once the app registry is ready.
        from werkateliers.signals import inhoud_gewijzigd

        # Search pages are cached per content version: a synonym group that changes changes
        # what a search finds, so it makes a new version, as a change of content does. The
        # receiver keeps the scheduled publication moments (inhoudsversie.verhoog forgets
        # the ones it is not given).
        groep = self.get_model("Synoniemgroep")
        post_save.connect(inhoud_gewijzigd, sender=groep, dispatch_uid="paginacache-synoniemen")
        post_delete.connect(
            inhoud_gewijzigd, sender=groep, dispatch_uid="paginacache-synoniemen-weg"
        )
