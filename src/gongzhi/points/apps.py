from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The rules come before every other app's demo data (cases are 20, volunteering 30), so that
# verified reports and service hours earn points through the real hooks; the store comes after
# them, so that residents have points to spend.
DEMO_RULES_ORDER = 15
DEMO_STORE_ORDER = 60


class PointsConfig(AppConfig):
    name = "gongzhi.points"
    label = "points"
    verbose_name = _("Points")

    def ready(self):
        from gongzhi.points.jobs import register as register_jobs

        register_jobs()
        from gongzhi.org.roles import register_permissions
        from gongzhi.points.permissions import GRANTS

        register_permissions(GRANTS)
        try:
            from gongzhi.org.demo import register_demo_builder
        except ImportError:  # the demo district is optional
            return

        def build_rules(run):
            from gongzhi.points.demo import build_points_rules_demo

            return build_points_rules_demo(run)

        def build_store(run):
            from gongzhi.points.demo import build_points_demo

            return build_points_demo(run)

        register_demo_builder("points.rules", build_rules, order=DEMO_RULES_ORDER)
        register_demo_builder("points", build_store, order=DEMO_STORE_ORDER)
