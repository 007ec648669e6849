from django.urls import path

from gongzhi.portal.views import activities, maps, places, reports, search, staff, stories

app_name = "portal"

urlpatterns = [
    path("", places.index, name="index"),
    path("place/<str:code>/", places.place, name="place"),
    path("grid/<str:code>/", places.grid, name="grid"),
    path("map/", maps.map_page, name="map"),
    path("map/data.json", maps.map_data, name="map_data"),
    path("basemap/<int:z>/<int:x>/<int:y>.json", maps.basemap_tile, name="basemap_tile"),
    path("basemap/<int:z>/<int:x>/<int:y>.png", maps.basemap_png, name="basemap_png"),
    path("reports/", reports.report_list, name="reports"),
    path("activities/", activities.calendar, name="activities"),
    path("activities/<int:pk>/", activities.detail, name="activity_detail"),
    path("activities/<int:pk>/sign-up/", activities.sign_up, name="activity_sign_up"),
    path("news/", stories.story_list, name="story_list"),
    path("news/<int:pk>/", stories.story_detail, name="story_detail"),
    path("search/", search.search_page, name="search"),
    path("manage/stories/", staff.story_manage, name="manage_stories"),
    path("manage/stories/new/", staff.story_new, name="story_new"),
    path("manage/stories/<int:pk>/", staff.story_edit, name="story_edit"),
    path("manage/stories/<int:pk>/photos/", staff.photo_add, name="story_photo_add"),
    path(
        "manage/stories/<int:pk>/photos/<int:photo_pk>/delete/",
        staff.photo_delete,
        name="story_photo_delete",
    ),
    path("manage/stories/<int:pk>/<str:action>/", staff.story_move, name="story_move"),
]
