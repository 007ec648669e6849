"""The residents' and the public's pages of the case loop, under /report/."""

from django.urls import path

from gongzhi.cases.views import intake, lookup, resident

app_name = "report"

urlpatterns = [
    path("", intake.report_new, name="new"),
    path("done/<str:reference>/", intake.report_done, name="done"),
    path("categories/", lookup.category_search, name="categories"),
    path("questions/", lookup.category_questions, name="questions"),
    path("check/", lookup.intake_check, name="check"),
    path("grids.geojson", lookup.grids_geojson, name="grids"),
    path("support/", lookup.support, name="support"),
    path("mine/", resident.my_reports, name="mine"),
    path("cases/<str:reference>/", resident.public_case, name="case"),
    path("cases/<str:reference>/rate/", resident.rate, name="rate"),
]
