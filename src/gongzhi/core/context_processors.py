from django.conf import settings
from django.utils.translation import gettext as _


def site(request):
    return {
        "site_name": settings.GONGZHI_SITE_NAME or _("gongzhi"),
        "map_tile_url": settings.GONGZHI_MAP_TILE_URL,
        "map_tile_attribution": settings.GONGZHI_MAP_TILE_ATTRIBUTION,
    }
