from django.urls import path

from gongzhi.worktime import views

app_name = "worktime"

urlpatterns = [
    path("calendar/", views.calendar_list, name="calendar"),
    path("calendar/add/", views.day_add, name="day_add"),
    path("calendar/seed/", views.calendar_seed, name="calendar_seed"),
    path("calendar/<int:pk>/edit/", views.day_edit, name="day_edit"),
    path("calendar/<int:pk>/remove/", views.day_remove, name="day_remove"),
    path("hours/", views.hours_list, name="hours"),
    path("hours/<str:code>/", views.hours_edit, name="hours_edit"),
]
