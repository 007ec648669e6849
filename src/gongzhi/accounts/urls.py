from django.urls import path

from gongzhi.accounts import views

app_name = "accounts"

urlpatterns = [
    path("phone/", views.phone_start, name="phone"),
    path("phone/code/", views.phone_verify, name="phone_verify"),
    path("welcome/", views.welcome, name="welcome"),
    path("privacy/", views.privacy, name="privacy"),
    path("2fa/setup/", views.totp_setup, name="totp_setup"),
    path("2fa/", views.verify, name="verify"),
    path("2fa/recovery-codes/", views.recovery_codes, name="recovery_codes"),
]
