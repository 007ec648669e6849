from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# After volunteering (30) for the delivery's activity and the points store (60) for the
# transfer of donated goods onto its shelves.
DEMO_ORDER = 70


class CharityConfig(AppConfig):
    name = "gongzhi.charity"
    label = "charity"
    verbose_name = _("Charity")

    def ready(self):
        from gongzhi.charity.navigation import register
        from gongzhi.charity.permissions import GRANTS
        from gongzhi.org.roles import register_permissions

        register_permissions(GRANTS)
        register()
        try:
            from gongzhi.org.demo import register_demo_builder
        except ImportError:  # the demo district is optional
            return

        def build(run):
            from gongzhi.charity.demo import build_charity_demo

            return build_charity_demo(run)

        register_demo_builder("charity", build, order=DEMO_ORDER)
