from django.contrib import admin, messages
from django.utils import timezone

from .emails import verstuur
from .models import Contactbericht


@admin.register(Contactbericht)
class ContactberichtAdmin(admin.ModelAdmin):
    """A read-only inbox: the secretariaat reads, resends and marks messages as handled."""

    list_display = ["ontvangen", "email", "naam", "werkatelier", "status", "pogingen"]
    list_filter = ["status", "werkatelier"]
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ["email", "naam", "vraag"]
    date_hierarchy = "ontvangen"
    list_select_related = ["werkatelier"]
    fields = [
        "ontvangen", "naam", "email", "werkatelier", "vraag",
        "status", "pogingen", "laatste_fout", "verzonden_op", "afgehandeld_op",
    ]  # fmt: skip
    readonly_fields = fields
    actions = ["opnieuw_versturen", "markeer_afgehandeld"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Actions need the change permission; a message itself is never edited.
        return obj is None and super().has_change_permission(request)

    @admin.action(description="Opnieuw versturen naar het secretariaat", permissions=["change"])
    def opnieuw_versturen(self, request, queryset):
        ids = list(queryset.te_versturen().values_list("pk", flat=True))
        gelukt = sum(verstuur(pk) for pk in ids)
        if gelukt:
            self.message_user(request, f"{gelukt} bericht(en) verstuurd.", messages.SUCCESS)
        if gelukt < len(ids):
            self.message_user(
                request,
                f"{len(ids) - gelukt} bericht(en) konden niet verstuurd worden.",
                messages.ERROR,
            )
        if not ids:
            self.message_user(request, "Deze berichten zijn al verstuurd.", messages.INFO)

    @admin.action(description="Markeer als afgehandeld", permissions=["change"])
    def markeer_afgehandeld(self, request, queryset):
        aantal = queryset.exclude(status=Contactbericht.Status.AFGEHANDELD).update(
            status=Contactbericht.Status.AFGEHANDELD, afgehandeld_op=timezone.now()
        )
        self.message_user(
            request, f"{aantal} bericht(en) gemarkeerd als afgehandeld.", messages.SUCCESS
        )
