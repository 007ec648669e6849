from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gongzhi.core.jobs import registered_jobs
from gongzhi.core.models import AuditEntry, JobState


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


@admin.register(JobState)
class JobStateAdmin(admin.ModelAdmin):
    """When each background job last ran and what it did (read-only)."""

    list_display = [
        "name",
        "description",
        "last_started_at",
        "last_finished_at",
        "last_ok",
        "last_summary",
        "runs",
        "next_due_at",
    ]
    readonly_fields = list_display[:1] + list_display[2:] + ["lease_until"]

    @admin.display(description=_("what it does"))
    def description(self, obj):
        job = {j.name: j for j in registered_jobs()}.get(obj.name)
        return job.description if job else ""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
