"""``gongzhi demo_totp``: the current second-factor code of the demo's shared authenticator."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from gongzhi.accounts.demo import demo_totp_code


class Command(BaseCommand):
    help = _("Print the current code of the demo's authenticator key (demo logins only).")

    def handle(self, *args, **options):
        self.stdout.write(demo_totp_code())
