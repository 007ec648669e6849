from django.shortcuts import render

from gongzhi.core.dashboard import render_panels


def home(request):
    """A public introduction for visitors; for signed-in users, the panels the apps offer them."""
    panels = render_panels(request) if request.user.is_authenticated else []
    return render(request, "core/home.html", {"panels": panels})
