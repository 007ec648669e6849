from django.urls import path

from gongzhi.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/", views.cockpit, name="cockpit"),
    path("<str:code>/kpi/<str:kpi>/", views.kpi_records, name="records"),
    path("<str:code>/briefing/<str:period>/", views.briefing, name="briefing"),
    path(
        "<str:code>/briefing/<str:period>/download.<str:fmt>",
        views.briefing_download,
        name="briefing_download",
    ),
]
