from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _


def site(request):
    return {
        "site_name": settings.GONGZHI_SITE_NAME or _("gongzhi"),
        "map_tile_url": settings.GONGZHI_MAP_TILE_URL,
        "map_tile_attribution": settings.GONGZHI_MAP_TILE_ATTRIBUTION,
    }


def nav(request):
    """The apps' top-bar links (``gongzhi.core.nav``), worked out only when the layout asks."""
    from gongzhi.core.nav import nav_links

    return {"nav_links": SimpleLazyObject(lambda: nav_links(request))}
