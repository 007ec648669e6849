from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorktimeConfig(AppConfig):
    name = "gongzhi.worktime"
    label = "worktime"
    verbose_name = _("Working time")

    def ready(self):
        from gongzhi.org.roles import register_permissions
        from gongzhi.worktime import checks  # noqa: F401  (registers the system checks)
        from gongzhi.worktime.permissions import GRANTS

        register_permissions(GRANTS)
