"""Admin writes that do not go through a service still leave an audit entry."""

from __future__ import annotations

from django.db import transaction

from gongzhi.core.audit import log_action


class AuditedAdminMixin:
    """Write ``org.<model>.admin_added|admin_changed|admin_deleted`` beside Django's own log.

    The entry carries Django's change message (which fields and which inline rows changed).
    """

    def _audit(self, request, obj, verb: str, message=None) -> None:
        with transaction.atomic():
            log_action(
                f"{obj._meta.app_label}.{obj._meta.model_name}.admin_{verb}",
                actor=request.user,
                obj=obj,
                data={"via": "admin", "change": message or []},
            )

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._audit(request, obj, "added", message)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._audit(request, obj, "changed", message)
        return entry

    def delete_model(self, request, obj):
        with transaction.atomic():
            self._audit(request, obj, "deleted")
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self._audit(request, obj, "deleted")
            super().delete_queryset(request, queryset)
