from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongzhi.cases.services.hotline import HotlineImportError, hotline_import


class Command(BaseCommand):
    help = "Import a 12345 hotline work-order sheet (.xlsx); nothing is written if any row is bad."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .xlsx file.")
        parser.add_argument("--user", required=True, help="Username the import is done as.")

    def handle(self, *args, file, user, **options):
        actor = get_user_model().objects.filter(username=user).first()
        if actor is None:
            raise CommandError(_("No user %(name)s.") % {"name": user})
        try:
            with open(file, "rb") as fh:
                result = hotline_import(file=fh, actor=actor)
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        except HotlineImportError as exc:
            raise CommandError("\n".join(str(p) for p in exc.problems)) from exc
        self.stdout.write(
            _("%(created)d cases created, %(skipped)d orders imported before.")
            % {"created": len(result.created), "skipped": len(result.skipped)}
        )
