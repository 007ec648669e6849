from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Demo builders run by order: the points rules (15) come before, so that the past check-outs
# earn their points; the points store (60) after.
DEMO_ORDER = 30


class VolunteeringConfig(AppConfig):
    name = "gongzhi.volunteering"
    label = "volunteering"
    verbose_name = _("Volunteer service")

    def ready(self):
        from gongzhi.org.roles import register_permissions
        from gongzhi.volunteering.permissions import GRANTS

        register_permissions(GRANTS)
        try:
            from gongzhi.org.demo import register_demo_builder
        except ImportError:  # the demo district is optional
            return

        def build(run):
            from gongzhi.volunteering.demo import build_volunteering_demo

            return build_volunteering_demo(run)

        register_demo_builder("volunteering", build, order=DEMO_ORDER)
