from django.contrib.auth import views as auth_views
from django.shortcuts import render

from gongzhi.core.context_processors import site
from gongzhi.core.dashboard import render_panels


def home(request):
    """A public introduction for visitors; for signed-in users, the panels the apps offer them."""
    panels = render_panels(request) if request.user.is_authenticated else []
    return render(request, "core/home.html", {"panels": panels})


class LoginView(auth_views.LoginView):
    """Django's login page, keeping the platform's name (Django puts the host name there)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(site(self.request))
        return context
