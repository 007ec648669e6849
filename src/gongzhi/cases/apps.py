from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "gongzhi.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self):
        from gongzhi.cases.jobs import register as register_jobs

        register_jobs()
        from gongzhi.cases.navigation import register_navigation
        from gongzhi.cases.permissions import register

        register()
        from gongzhi.org.demo import register_demo_builder

        register_navigation()

        def build(run):
            from gongzhi.cases.demo import build_cases_demo

            return build_cases_demo(run)

        register_demo_builder("cases", build, order=20)
