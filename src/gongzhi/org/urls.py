from django.urls import include, path

from gongzhi.org import views

app_name = "org"

urlpatterns = [
    path("", views.node_browser, name="browser"),
    path("nodes/<str:code>/", views.node_detail, name="node_detail"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("households/<int:pk>/", views.household_detail, name="household_detail"),
    path("", include("gongzhi.org.io.urls")),
]
