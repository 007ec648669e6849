"""Admin: authorities are edited here (through their service); the procedure's records are
shown read-only — they change only through the pages and their services."""

from django.contrib import admin
from django.core.exceptions import ValidationError

from gongzhi.enforcement.models import (
    Detection,
    EnforcementAuthority,
    EnforcementDocument,
    IllegalStructure,
    Patrol,
)
from gongzhi.enforcement.services import authority_update


@admin.register(EnforcementAuthority)
class EnforcementAuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "node", "document_prefix", "revisit_days"]
    search_fields = ["name", "code"]
    autocomplete_fields = []
    raw_id_fields = ["node", "party"]

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    has_add_permission = has_delete_permission = lambda self, request, obj=None: (
        request.user.is_superuser
    )

    def save_model(self, request, obj, form, change):
        try:
            authority_update(authority=obj, actor=request.user)
        except ValidationError as exc:  # the form checked fields; the service checks policy
            self.message_user(request, "; ".join(exc.messages), level="error")
            raise


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IllegalStructure)
class IllegalStructureAdmin(ReadOnly):
    list_display = ["reference", "address", "state", "area_found", "area_removed", "found_at"]
    list_filter = ["state", "structure_type", "found_by"]
    search_fields = ["reference", "address"]


@admin.register(EnforcementDocument)
class EnforcementDocumentAdmin(ReadOnly):
    list_display = ["number", "kind", "record", "issued_on", "withdrawn_at"]
    list_filter = ["kind", "year"]
    search_fields = ["number"]


@admin.register(Patrol)
class PatrolAdmin(ReadOnly):
    list_display = ["inspector", "node", "started_at", "ended_at", "point_count"]


@admin.register(Detection)
class DetectionAdmin(ReadOnly):
    list_display = ["source_id", "detection_id", "state", "node", "confidence", "detected_at"]
    list_filter = ["state"]
