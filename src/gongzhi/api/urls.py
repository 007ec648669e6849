from django.urls import path

from gongzhi.api.platform import api

urlpatterns = [path("", api.urls)]
