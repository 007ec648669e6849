from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "gongzhi.accounts"
    label = "accounts"
    verbose_name = _("Sign-in")

    def ready(self):
        from gongzhi.accounts.demo import build_demo_second_factor
        from gongzhi.org.demo import register_demo_builder

        register_demo_builder("accounts", build_demo_second_factor, order=1000)
