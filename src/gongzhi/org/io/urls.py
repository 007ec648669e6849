"""Import and export pages, included under the org app's URLs (namespace ``org``)."""

from django.urls import path

from gongzhi.org.io import views

urlpatterns = [
    path("import/", views.import_page, name="import"),
    path("import/roster-template.xlsx", views.roster_template, name="roster_template"),
    path("export.geojson", views.export_geojson, name="export_geojson"),
]
