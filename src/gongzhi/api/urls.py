from django.urls import path

from gongzhi.api import views
from gongzhi.api.platform import api

app_name = "webhooks"

urlpatterns = [
    path("webhooks/", views.webhook_list, name="webhook_list"),
    path("webhooks/<int:pk>/", views.webhook_deliveries, name="webhook_deliveries"),
    path("webhooks/<int:pk>/resume/", views.webhook_resume, name="webhook_resume"),
]

api_urlpatterns = [path("", api.urls)]
