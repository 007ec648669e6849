from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PointsConfig(AppConfig):
    name = "gongzhi.points"
    label = "points"
    verbose_name = _("Points")

    def ready(self):
        from gongzhi.org.roles import register_permissions
        from gongzhi.points.permissions import GRANTS

        register_permissions(GRANTS)
