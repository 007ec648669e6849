from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "gongzhi.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self):
        from gongzhi.core.nav import register_nav_link
        from gongzhi.org import dashboard

        dashboard.register()
        register_nav_link(
            "org.audit",
            url_name="org:audit",
            label=_("Audit trail"),
            order=90,
            visible=_reads_audit,
            sections=("org:audit", "org:node_audit"),
        )


def _reads_audit(request) -> bool:
    from gongzhi.org.audit_trail import may_read_audit

    return request.user.is_authenticated and may_read_audit(request.user)
