from django.contrib import admin

from gongzhi.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only."""

    list_display = ["created_at", "action", "object_type", "object_id", "object_repr", "actor"]
    list_filter = ["action", "object_type"]
    search_fields = ["action", "object_id", "object_repr", "request_id"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
