"""Admin: the compliance rules and the service catalogue are configuration staff edit here;
councils, demands, tasks and posts change state only through the services (the pages call
them), so the admin shows them read-only."""

from django.contrib import admin

from gongzhi.participation.models import (
    BoardPost,
    CompliancePolicy,
    Council,
    Demand,
    ServiceEntry,
    ServiceRequest,
    Task,
)


@admin.register(CompliancePolicy)
class CompliancePolicyAdmin(admin.ModelAdmin):
    list_display = ["level", "monthly_required"]


@admin.register(ServiceEntry)
class ServiceEntryAdmin(admin.ModelAdmin):
    list_display = ["title", "provider_name", "node", "audience", "is_active"]
    list_filter = ["audience", "is_active"]
    search_fields = ["title", "provider_name"]
    raw_id_fields = ["node", "provider_party", "provider_partner", "provider_team"]
    filter_horizontal = ["labels"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Council)
class CouncilAdmin(ReadOnlyAdmin):
    list_display = ["title", "node", "kind", "starts_at", "state"]
    list_filter = ["state", "kind"]
    search_fields = ["title", "short_code"]
    date_hierarchy = "starts_at"


@admin.register(Demand)
class DemandAdmin(ReadOnlyAdmin):
    list_display = ["title", "node", "state", "support_count", "created_at"]
    list_filter = ["state", "source"]
    search_fields = ["title"]


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ["title", "owner_name", "node", "due_at", "progress_percent", "state"]
    list_filter = ["state", "source"]
    search_fields = ["title", "owner_name"]


@admin.register(ServiceRequest)
class ServiceRequestAdmin(ReadOnlyAdmin):
    list_display = ["entry", "state", "created_at"]
    list_filter = ["state"]


@admin.register(BoardPost)
class BoardPostAdmin(ReadOnlyAdmin):
    list_display = ["caption", "board", "node", "state", "created_at"]
    list_filter = ["board", "state"]
    exclude = ["original"]  # the unredacted photo is for moderators on the moderation page
