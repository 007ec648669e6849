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
        from gongzhi.org.demo import register_demo_builder

        register_demo_builder("worktime", _seed_demo_calendar, order=10)


def _seed_demo_calendar(run):
    """The demo counts deadlines on the published holidays and 调休 of recent years."""
    from gongzhi.worktime.services import seed_calendar

    run.count("calendar days", seed_calendar())
