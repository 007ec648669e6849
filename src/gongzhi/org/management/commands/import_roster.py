"""gongzhi import_roster FILE [--dry-run]: households and people from an Excel roster."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gongzhi.org.io.cli import StderrProgress, problem_lines, user_by_name
from gongzhi.org.io.problems import FileRefused, ImportRejected
from gongzhi.org.io.roster_import import import_roster


class Command(BaseCommand):
    help = (
        "Import a household roster (.xlsx; see roster_template). Every row is checked first; "
        "nothing is written when any row is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument(
            "--user", help="act as this user: recorded in the audit log, limited to their area"
        )
        parser.add_argument(
            "--every", type=int, default=1000, help="report progress every N rows (default 1000)"
        )

    def handle(self, *args, file, dry_run=False, user=None, every=1000, **options):
        actor = user_by_name(user)
        try:
            with open(file, "rb") as stream:
                summary = import_roster(
                    fileobj=stream,
                    actor=actor,
                    scoped=actor is not None,
                    dry_run=dry_run,
                    source=file,
                    progress=StderrProgress(self.stderr),
                    every=max(1, every),
                )
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        except FileRefused as exc:
            raise CommandError(exc.message) from exc
        except ImportRejected as exc:
            for line in problem_lines(exc.problems, position_label=_("Row %(n)d")):
                self.stderr.write(line)
            raise CommandError(
                ngettext(
                    "%(n)d problem found; nothing was imported.",
                    "%(n)d problems found; nothing was imported.",
                    exc.problems.total,
                )
                % {"n": exc.problems.total}
            ) from exc
        text = _(
            "%(rows)d rows: %(people_created)d people, %(households_created)d new households, "
            "%(households_reused)d existing households."
        ) % vars(summary)
        if dry_run:
            text = _("Dry run, nothing written.") + " " + text
        self.stdout.write(text)
