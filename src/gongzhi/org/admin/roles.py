"""Admin for role assignments: adding and deleting go through ``role_assign`` / ``role_revoke``
(the actor's rights are checked, the change is audited). An assignment is not edited in place:
revoke it and give the new one."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction

from gongzhi.org.models import RoleAssignment
from gongzhi.org.services import role_assign, role_revoke


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "node", "party", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "node__name", "node__code"]
    autocomplete_fields = ["user", "node", "party"]
    list_select_related = ["user", "node", "party"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return ["user", "role", "node", "party", "created_at"]
        return ["created_at"]

    def save_model(self, request, obj, form, change):
        if change:
            return
        assignment = role_assign(
            user=obj.user, role=obj.role, node=obj.node, party=obj.party, actor=request.user
        )
        obj.pk = assignment.pk
        obj.created_at = assignment.created_at

    def delete_model(self, request, obj):
        role_revoke(assignment=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        try:
            with transaction.atomic():
                for assignment in queryset.select_related("user", "node"):
                    role_revoke(assignment=assignment, actor=request.user)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
