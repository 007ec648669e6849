from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "gongzhi.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        from gongzhi.api.jobs import register as register_jobs

        register_jobs()
        from gongzhi.api.media import remove_expired
        from gongzhi.api.permissions import register
        from gongzhi.api.webhooks.outbox import on_audit_entry, payload_builders
        from gongzhi.api.webhooks.payloads import case_payload
        from gongzhi.core import events
        from gongzhi.core.images.orphans import register_expiry_cleaner

        register()
        events.subscribe("", on_audit_entry)
        payload_builders["cases.case"] = case_payload
        register_expiry_cleaner("api.media_upload", remove_expired)
        from gongzhi.api.routers.participation import register_payloads

        register_payloads(payload_builders)
