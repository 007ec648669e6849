from django.contrib import admin

from gongzhi.accounts.models import PrivacyConsent, ResidentAccount


@admin.register(ResidentAccount)
class ResidentAccountAdmin(admin.ModelAdmin):
    list_display = ("__str__", "user", "building", "created_at")
    readonly_fields = ("phone_digest", "created_at")
    raw_id_fields = ("user", "building")


@admin.register(PrivacyConsent)
class PrivacyConsentAdmin(admin.ModelAdmin):
    list_display = ("user", "version", "accepted_at")
    list_filter = ("version",)

    def has_change_permission(self, request, obj=None):
        return False
