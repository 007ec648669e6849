from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "gongzhi.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self):
        from gongzhi.org import dashboard

        dashboard.register()
