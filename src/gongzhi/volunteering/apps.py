from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "gongzhi.volunteering"
    label = "volunteering"
    verbose_name = _("Volunteer service")

    def ready(self):
        from gongzhi.org.roles import register_permissions
        from gongzhi.volunteering.permissions import GRANTS

        register_permissions(GRANTS)
