from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "gongzhi.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        from gongzhi.api.jobs import register as register_jobs

        register_jobs()
        from gongzhi.api.permissions import register
        from gongzhi.api.webhooks.outbox import on_audit_entry, payload_builders
        from gongzhi.api.webhooks.payloads import case_payload
        from gongzhi.core import events

        register()
        events.subscribe("", on_audit_entry)
        payload_builders["cases.case"] = case_payload
        from gongzhi.api.routers.participation import register_payloads

        register_payloads(payload_builders)
