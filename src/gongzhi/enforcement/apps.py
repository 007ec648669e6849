from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "gongzhi.enforcement"
    label = "enforcement"
    verbose_name = _("Enforcement")

    def ready(self):
        from gongzhi.enforcement.jobs import register as register_jobs

        register_jobs()
        from gongzhi.enforcement.notifications import register_verbs
        from gongzhi.enforcement.permissions import register

        register()
        register_verbs()
        from gongzhi.core.dashboard import register_panel
        from gongzhi.enforcement.views.panels import home_panel

        register_panel(
            "enforcement", template="enforcement/panels/home.html", context=home_panel, order=30
        )
        try:
            from gongzhi.org.demo import register_demo_builder
        except ImportError:  # the demo district is optional
            return
        from gongzhi.enforcement.demo import run_demo_builder

        register_demo_builder("enforcement", run_demo_builder, order=40)
