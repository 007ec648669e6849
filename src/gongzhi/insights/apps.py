from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "gongzhi.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self):
        from gongzhi.core.nav import register_nav_link
        from gongzhi.insights.permissions import GRANTS, VIEW
        from gongzhi.insights.registry import register_installed
        from gongzhi.org.access import user_scope
        from gongzhi.org.roles import register_permissions

        register_permissions(GRANTS)
        register_installed()

        def visible(request):
            scope = user_scope(request.user)
            return scope.is_global or bool(scope.paths_for(VIEW))

        register_nav_link(
            "insights.cockpit",
            url_name="insights:index",
            label=_("Figures"),
            order=70,
            visible=visible,
            sections=("insights",),
        )
