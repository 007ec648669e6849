"""The portal's pages. ``front`` serves the site's home: the public district index for
visitors, the panels of the apps for signed-in users (as before)."""


def front(request):
    from gongzhi.core import views as core_views
    from gongzhi.portal.views.places import index

    if request.user.is_authenticated:
        return core_views.home(request)
    return index(request)
