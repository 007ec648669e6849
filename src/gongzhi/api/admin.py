from django.contrib import admin

from gongzhi.api.models import ApiKey


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Keys are created with `gongzhi apikey create`; the admin only shows them."""

    list_display = ["name", "prefix", "node", "last_used_at", "revoked_at"]
    readonly_fields = [f.name for f in ApiKey._meta.fields]

    def has_add_permission(self, request):
        return False
