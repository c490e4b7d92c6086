from django.apps import AppConfig


class AttenderingenConfig(AppConfig):
    name = "attenderingen"
    verbose_name = "Op de hoogte blijven"

    def ready(self):
        # Imported here: models can be imported only once every app is loaded.
        from werkateliers.themas import themas_samengevoegd

        from .models import voeg_themas_samen

        # Who follows a merged thema by e-mail follows the one that stays.
        themas_samengevoegd.connect(
            lambda sender, blijft, weg, **kwargs: voeg_themas_samen(blijft, weg),
            weak=False,
            dispatch_uid="attenderingen-themas-samengevoegd",
        )
