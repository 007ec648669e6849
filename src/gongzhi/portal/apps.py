from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# After every domain app's demo data: the stories, contact cards and basemap describe them.
DEMO_ORDER = 90


class PortalConfig(AppConfig):
    """The public face of the platform: community homes, the public map, stories, search.

    It reads the domain apps through their selectors and writes to them only through their
    services; no domain app imports it. What it shows of each app is a section registered in
    ``gongzhi.portal.sections``, present only while that app is installed.
    """

    name = "gongzhi.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self):
        from gongzhi.core.nav import register_nav_link
        from gongzhi.org.roles import register_permissions
        from gongzhi.portal import permissions
        from gongzhi.portal.sections import load_builtin_sections

        register_permissions(permissions.GRANTS)
        load_builtin_sections()
        register_nav_link(
            "portal.map",
            url_name="portal:map",
            label=_("Map"),
            order=5,
            # Staff have their own case map; the public one is for residents and visitors.
            visible=permissions.holds_no_role,
            sections=("portal:map",),
        )
        register_nav_link(
            "portal.stories",
            url_name="portal:story_list",
            label=_("News"),
            order=6,
            sections=("portal:story_list", "portal:story_detail"),
        )
        register_nav_link(
            "portal.manage",
            url_name="portal:manage_stories",
            label=_("Stories"),
            order=80,
            visible=permissions.may_edit_anywhere,
            sections=("portal:manage_stories", "portal:story_edit", "portal:story_new"),
        )
        try:
            from gongzhi.org.demo import register_demo_builder
        except ImportError:  # the demo district is optional
            return

        def build(run):
            from gongzhi.portal.demo import build_portal_demo

            return build_portal_demo(run)

        register_demo_builder("portal", build, order=DEMO_ORDER)
