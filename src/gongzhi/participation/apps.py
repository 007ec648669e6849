from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# After volunteering (30), whose teams and labels the catalogue and tags use, and after the
# points rules (15), so that past attendance earns its points.
DEMO_ORDER = 45


class ParticipationConfig(AppConfig):
    name = "gongzhi.participation"
    label = "participation"
    verbose_name = _("Participation")

    def ready(self):
        from gongzhi.org.roles import register_permissions
        from gongzhi.participation.jobs import register as register_jobs
        from gongzhi.participation.navigation import register_navigation
        from gongzhi.participation.notifications import register_verbs
        from gongzhi.participation.permissions import GRANTS

        register_permissions(GRANTS)
        register_jobs()
        register_verbs()
        register_navigation()
        try:
            from gongzhi.org.demo import register_demo_builder
        except ImportError:  # the demo district is optional
            return

        def build(run):
            from gongzhi.participation.demo import build_participation_demo

            return build_participation_demo(run)

        register_demo_builder("participation", build, order=DEMO_ORDER)
