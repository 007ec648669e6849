from django.contrib import admin

from gongzhi.api.models import ApiKey


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Keys are created with `gongzhi apikey create`; the admin only shows them."""

    list_display = ["name", "prefix", "node", "last_used_at", "revoked_at"]
    readonly_fields = [f.name for f in ApiKey._meta.fields]

    def has_add_permission(self, request):
        return False


from gongzhi.api.models import WebhookDelivery, WebhookSubscription  # noqa: E402


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "node", "is_active", "paused_at"]
    list_filter = ["is_active"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """The delivery log, read-only."""

    list_display = ["created_at", "subscription", "event", "state", "attempts", "last_status_code"]
    list_filter = ["state", "event"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]

    def has_add_permission(self, request):
        return False
