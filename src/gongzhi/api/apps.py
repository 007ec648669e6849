from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "gongzhi.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        from gongzhi.api.permissions import register

        register()
