from django.urls import path

app_name = "participation"

urlpatterns = []
