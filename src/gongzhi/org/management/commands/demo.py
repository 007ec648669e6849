"""``gongzhi demo``: load the demo district and print its logins."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongzhi.org.demo import build_demo
from gongzhi.org.demo.logins import DEFAULT_PASSWORD
from gongzhi.org.demo.run import DemoLogin, login_table
from gongzhi.org.models import Node


class Command(BaseCommand):
    help = _(
        "Load the demo district (崇川区 with 新胜社区, its 72 microgrids, residents, parties and "
        "logins). Running it again adds only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("Do nothing when the database already holds any place."),
        )
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help=_("Password for the demo logins created now (default: %(default)s)."),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Load the demo even though DEBUG is off (e.g. on a staging server)."),
        )

    def handle(self, *args, if_empty=False, password=DEFAULT_PASSWORD, force=False, **options):
        if if_empty and Node.objects.exists():
            self.stdout.write(
                _("The database already holds places; the demo was not loaded. ")
                + _("Run `gongzhi demo` to complete it and list its logins.")
            )
            return
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "DEBUG is off: the demo creates logins with a known password, including a "
                    "superuser. Pass --force to load it anyway."
                )
            )
        if len(password) < 8:
            raise CommandError(_("--password must be at least 8 characters long."))
        summary = build_demo(stdout=self.stdout, password=password)
        created = summary["created"]
        if created:
            listed = ", ".join(f"{label}: {count}" for label, count in sorted(created.items()))
            self.stdout.write(_("Created %(what)s.") % {"what": listed})
        else:
            self.stdout.write(_("The demo was already complete; nothing was created."))
        logins = [DemoLogin(**row) for row in summary["logins"]]
        self.stdout.write("")
        self.stdout.write(_("Demo logins (passwords as set when each login was created):"))
        headers = (_("username"), _("role"), _("where"), _("password"))
        self.stdout.write(login_table(logins, headers=headers))
        for note in summary.get("notes", []):
            self.stdout.write("")
            self.stdout.write(note)
