"""List (or, with --delete, remove) media files that no row references."""

from django.core.management.base import BaseCommand

from gongzhi.core.images import orphans


class Command(BaseCommand):
    help = (
        "List media files under MEDIA_ROOT that no row references; with --delete remove them "
        "(and the expired uploads that hold them). Dry run by default."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--delete", action="store_true", help="Remove the files instead of listing them."
        )
        parser.add_argument(
            "--min-age",
            type=int,
            default=orphans.DEFAULT_MIN_AGE_SECONDS // 60,
            help="Leave files younger than this many minutes alone (default 60).",
        )

    def handle(self, *args, delete=False, min_age=60, **options):
        result = orphans.sweep(delete=delete, min_age_seconds=max(0, min_age) * 60)
        for name, count in result["expired"].items():
            if count:
                verb = "removed" if delete else "would remove"
                self.stdout.write(f"{name}: {verb} {count} expired row(s)")
        for orphan in result["orphans"]:
            self.stdout.write(orphan.name)
        found, total = len(result["orphans"]), result["bytes"]
        if delete:
            self.stdout.write(f"Removed {found} orphaned file(s), {total} bytes.")
        else:
            self.stdout.write(
                f"{found} orphaned file(s), {total} bytes; run with --delete to remove them."
            )
