"""List (or, with --delete, remove) media files that no row references."""

from django.core.files.storage import default_storage
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
        expired = orphans.run_expiry_cleaners(delete=delete)
        for name, count in expired.items():
            if count:
                verb = "removed" if delete else "would remove"
                self.stdout.write(f"{name}: {verb} {count} expired row(s)")
        found = orphans.find_orphans(min_age_seconds=max(0, min_age) * 60)
        total = sum(orphan.size for orphan in found)
        for orphan in found:
            if delete:
                default_storage.delete(orphan.name)
            self.stdout.write(orphan.name)
        if delete:
            orphans.remove_empty_directories()
            self.stdout.write(f"Removed {len(found)} orphaned file(s), {total} bytes.")
        else:
            self.stdout.write(
                f"{len(found)} orphaned file(s), {total} bytes; run with --delete to remove them."
            )
