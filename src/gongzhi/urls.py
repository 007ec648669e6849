from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from gongzhi.accounts import views as account_views
from gongzhi.api.urls import api_urlpatterns
from gongzhi.portal import views as portal_views

admin.site.site_header = _("gongzhi administration")
admin.site.site_title = _("gongzhi")
admin.site.index_title = _("Configuration")

urlpatterns = [
    path("", portal_views.front, name="home"),
    path("portal/", include("gongzhi.portal.urls")),
    path("accounts/login/", account_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("gongzhi.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("org/", include("gongzhi.org.urls")),
    path("worktime/", include("gongzhi.worktime.urls")),
    path("enforcement/", include("gongzhi.enforcement.urls")),
    path("api/", include(api_urlpatterns)),
    path("staff/", include("gongzhi.api.urls")),
    path("open311/v2/", include("gongzhi.open311.urls")),
    path("volunteering/", include("gongzhi.volunteering.urls")),
    path("points/", include("gongzhi.points.urls")),
    path("charity/", include("gongzhi.charity.urls")),
    path("participation/", include("gongzhi.participation.urls")),
    path("cases/", include("gongzhi.cases.urls")),
    path("insights/", include("gongzhi.insights.urls")),
    path("report/", include("gongzhi.cases.report_urls")),
    # One sign-in page for everyone, with its limits and lockout (the admin's own is not used).
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
