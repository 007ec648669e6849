"""gongzhi import_tree FILE: create and update nodes from a GeoJSON FeatureCollection."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongzhi.org.io import limits
from gongzhi.org.io.cli import problem_lines, user_by_name
from gongzhi.org.io.geojson_import import import_tree_file
from gongzhi.org.io.problems import FileRefused, ImportRejected


class Command(BaseCommand):
    help = (
        "Import nodes from GeoJSON (properties: level, code, name, parent_code, "
        "household_count, population). Every feature is checked first; nothing is written "
        "when any is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument(
            "--user", help="act as this user: recorded in the audit log, limited to their area"
        )

    def handle(self, *args, file, dry_run=False, user=None, **options):
        actor = user_by_name(user)
        try:
            with open(file, "rb") as stream:
                # One byte past the limit is enough for load_features to refuse the file.
                raw = stream.read(limits.GEOJSON_MAX_BYTES + 1)
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        try:
            summary = import_tree_file(
                raw=raw, actor=actor, scoped=actor is not None, dry_run=dry_run, source=file
            )
        except FileRefused as exc:
            raise CommandError(exc.message) from exc
        except ImportRejected as exc:
            for line in problem_lines(exc.problems, position_label=_("Feature %(n)d")):
                self.stderr.write(line)
            raise CommandError(
                _("%(n)d problems found; nothing was imported.") % {"n": exc.problems.total}
            ) from exc
        text = _(
            "%(features)d features: %(created)d new, %(updated)d updated, %(unchanged)d unchanged."
        ) % vars(summary)
        if dry_run:
            text = _("Dry run, nothing written.") + " " + text
        self.stdout.write(text)
