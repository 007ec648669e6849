from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from gongzhi.api.urls import api_urlpatterns
from gongzhi.core import views as core_views

admin.site.site_header = _("gongzhi administration")
admin.site.site_title = _("gongzhi")
admin.site.index_title = _("Configuration")

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accounts/login/", core_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("org/", include("gongzhi.org.urls")),
    path("worktime/", include("gongzhi.worktime.urls")),
    path("enforcement/", include("gongzhi.enforcement.urls")),
    path("api/", include(api_urlpatterns)),
    path("staff/", include("gongzhi.api.urls")),
    path("open311/v2/", include("gongzhi.open311.urls")),
    path("volunteering/", include("gongzhi.volunteering.urls")),
    path("points/", include("gongzhi.points.urls")),
    path("participation/", include("gongzhi.participation.urls")),
    path("cases/", include("gongzhi.cases.urls")),
    path("report/", include("gongzhi.cases.report_urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
