from django.urls import path

from gongzhi.enforcement.views import campaign, coverage, detections, ledger, patrols, records

app_name = "enforcement"

urlpatterns = [
    path("", records.record_list, name="record_list"),
    path("records/<int:pk>/", records.record_detail, name="record_detail"),
    path("records/<int:pk>/investigate/", records.record_investigate, name="record_investigate"),
    path("records/<int:pk>/dismiss/", records.record_dismiss, name="record_dismiss"),
    path("records/<int:pk>/demolish/", records.record_demolish, name="record_demolish"),
    path("records/<int:pk>/issue/<slug:kind>/", records.record_issue, name="record_issue"),
    path(
        "records/<int:pk>/documents/<int:document_pk>/service/",
        records.document_service,
        name="document_service",
    ),
    path("cases/<str:reference>/record/", records.record_from_case, name="record_from_case"),
    path("cases/record/", records.record_for_case, name="record_for_case"),
    path("documents/<int:pk>.pdf", records.document_pdf, name="document_pdf"),
    path("receipts/<int:pk>.jpg", records.receipt_photo, name="receipt_photo"),
    path(
        "records/<int:pk>/case-photos/<int:photo_pk>.jpg",
        records.case_photo,
        name="case_photo",
    ),
    path("photos/<int:pk>.jpg", records.photo, name="photo"),
    path("photos/<int:pk>/thumb.jpg", records.photo, {"size": "thumb"}, name="photo_thumb"),
    path("ledger/", ledger.ledger, name="ledger"),
    path("ledger/import/", ledger.ledger_import, name="ledger_import"),
    path("revisits/", campaign.campaign, name="campaign"),
    path("revisits/<int:pk>/", campaign.revisit, name="revisit"),
    path("patrols/", patrols.patrol_list, name="patrol_list"),
    path("patrols/start/", patrols.patrol_start, name="patrol_start"),
    path("patrols/<int:pk>/", patrols.patrol_detail, name="patrol_detail"),
    path("patrols/<int:pk>/points/", patrols.patrol_points, name="patrol_points"),
    path("patrols/<int:pk>/route/", patrols.patrol_route, name="patrol_route"),
    path("patrols/<int:pk>/end/", patrols.patrol_end, name="patrol_end"),
    path("patrols/<int:pk>/grids/", patrols.patrol_grids, name="patrol_grids"),
    path("patrols/<int:pk>/findings/", patrols.patrol_finding, name="patrol_finding"),
    path("patrols/<int:pk>/photos/", patrols.patrol_photos, name="patrol_photos"),
    path("patrols/<int:pk>/photos/<int:photo_pk>.jpg", patrols.patrol_photo, name="patrol_photo"),
    path("coverage/", coverage.coverage_view, name="coverage"),
    path("detections/", detections.detection_list, name="detection_list"),
    path("detections/<int:pk>/", detections.detection_detail, name="detection_detail"),
    path("detections/<int:pk>/image.jpg", detections.detection_image, name="detection_image"),
]
