"""Admin: stories are written in the portal's editor (read-only here); the grids' contact cards
are kept here, saved through the service so that every change is audited."""

from django.contrib import admin

from gongzhi.portal.models import GridContact, Story, Tag
from gongzhi.portal.services import grid_contact_set


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "node", "state", "published_at", "approved_by"]
    list_filter = ["state"]
    search_fields = ["title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GridContact)
class GridContactAdmin(admin.ModelAdmin):
    list_display = ["node", "person", "work_phone", "duty_hours", "is_published"]
    raw_id_fields = ["node", "person"]
    fields = ["node", "person", "work_phone", "duty_hours", "is_published"]

    def save_model(self, request, obj, form, change):
        saved = grid_contact_set(
            node=obj.node,
            actor=request.user,
            person=obj.person,
            work_phone=obj.work_phone,
            duty_hours=obj.duty_hours,
            is_published=obj.is_published,
        )
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(Tag)
