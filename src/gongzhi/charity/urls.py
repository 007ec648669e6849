from django.urls import path

from gongzhi.charity.views import assistance, delivery, public, staff

app_name = "charity"

urlpatterns = [
    # Public
    path("", public.index, name="public_index"),
    path("communities/<int:pk>/", public.community_page, name="community_public"),
    path("drives/<int:pk>/", public.drive_page, name="drive_public"),
    path("verify/", public.verify, name="verify"),
    # Staff
    path("desk/", staff.index, name="staff_index"),
    path("desk/drives/new/", staff.drive_new, name="drive_new"),
    path("desk/drives/<int:pk>/", staff.drive_staff, name="drive_staff"),
    path("desk/drives/<int:pk>/state/", staff.drive_transition, name="drive_transition"),
    path("desk/drives/<int:pk>/pledges/", staff.pledge_add, name="pledge_add"),
    path("desk/drives/<int:pk>/deliveries/", staff.delivery_add, name="delivery_add"),
    path("desk/drives/<int:pk>/write-off/", staff.write_off, name="write_off"),
    path("desk/drives/<int:pk>/to-store/", staff.transfer_to_store, name="transfer_to_store"),
    path("desk/drives/<int:pk>/ledger.xlsx", staff.ledger_xlsx, name="ledger_xlsx"),
    path("desk/pledges/<int:pk>/receive/", staff.pledge_receive, name="pledge_receive"),
    path(
        "desk/pledges/<int:pk>/acknowledgement.pdf",
        staff.acknowledgement_pdf,
        name="acknowledgement_pdf",
    ),
    # The volunteer's phone page
    path("desk/deliveries/<int:pk>/", delivery.delivery_phone, name="delivery_phone"),
    path("desk/deliveries/<int:pk>/photo/", delivery.delivery_photo, name="delivery_photo"),
    path("desk/deliveries/<int:pk>/done/", delivery.delivery_complete, name="delivery_complete"),
    path("desk/deliveries/<int:pk>/cancel/", delivery.delivery_cancel, name="delivery_cancel"),
    path(
        "desk/deliveries/<int:pk>/photos/<int:photo_pk>/",
        delivery.delivery_photo_file,
        name="delivery_photo_file",
    ),
    # Assistance files
    path("desk/assistance/", assistance.file_list, name="file_list"),
    path("desk/assistance/new/", assistance.file_new, name="file_new"),
    path("desk/assistance/<int:pk>/", assistance.file_detail, name="file_detail"),
    path("desk/assistance/<int:pk>/sensitive/", assistance.sensitive_edit, name="file_sensitive"),
    path("desk/assistance/<int:pk>/consent/", assistance.consent, name="file_consent"),
    path(
        "desk/assistance/<int:pk>/visits/<int:visit_pk>/photo/",
        assistance.visit_photo,
        name="visit_photo",
    ),
]
