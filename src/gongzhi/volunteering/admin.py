"""Admin for the configuration staff keep (teams, labels, venues, record entries).

Activities, sign-ups, attendance and certificates change state only through the services (the
pages call them), so the admin shows them read-only.
"""

from django.contrib import admin

from gongzhi.volunteering.models import (
    Activity,
    Attendance,
    AwardEntry,
    Certificate,
    EvaluationEntry,
    Label,
    ServiceTeam,
    Signup,
    TeamMembership,
    TrainingEntry,
    Venue,
)


@admin.register(Label)
class LabelAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "node", "address", "capacity"]
    search_fields = ["name", "address"]
    raw_id_fields = ["node"]


class TeamMembershipInline(admin.TabularInline):
    model = TeamMembership
    raw_id_fields = ["person"]
    extra = 0


@admin.register(ServiceTeam)
class ServiceTeamAdmin(admin.ModelAdmin):
    list_display = ["name", "node", "is_active"]
    list_filter = ["is_active", "labels"]
    search_fields = ["name"]
    raw_id_fields = ["node"]
    filter_horizontal = ["labels"]
    inlines = [TeamMembershipInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ["title", "team", "starts_at", "state", "capacity"]
    list_filter = ["state", "labels"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"


@admin.register(Signup)
class SignupAdmin(ReadOnlyAdmin):
    list_display = ["activity", "person", "state", "signed_up_at"]
    list_filter = ["state"]


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    list_display = ["activity", "person", "check_in_at", "check_out_at", "hours", "hours_adjusted"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["number", "person", "period_start", "period_end", "issued_on"]
    search_fields = ["number"]


class RecordEntryAdmin(admin.ModelAdmin):
    raw_id_fields = ["person", "node"]
    readonly_fields = ["recorded_by"]

    def save_model(self, request, obj, form, change):
        obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(TrainingEntry)
class TrainingEntryAdmin(RecordEntryAdmin):
    list_display = ["person", "title", "held_on", "hours"]


@admin.register(AwardEntry)
class AwardEntryAdmin(RecordEntryAdmin):
    list_display = ["person", "title", "awarded_by", "awarded_on"]


@admin.register(EvaluationEntry)
class EvaluationEntryAdmin(RecordEntryAdmin):
    list_display = ["person", "period", "rating", "evaluated_on"]
