"""``gongzhi charity_reconcile``: check that every drive's and place's goods add up."""

import sys

from django.core.management.base import BaseCommand

from gongzhi.charity.reconcile import reconcile


class Command(BaseCommand):
    help = (
        "Check, for every drive, storage place and item kind, that received = on hand + on its "
        "way + delivered + written off + transferred; exit with status 1 if anything disagrees."
    )

    def add_arguments(self, parser):
        parser.add_argument("--drive", type=int, action="append", help="only this drive (id)")

    def handle(self, *args, **options):
        report = reconcile(options.get("drive"))
        for problem in report.problems:
            self.stderr.write(problem)
        if report.problems:
            self.stderr.write(f"{len(report.problems)} problem(s) found.")
            sys.exit(1)
        self.stdout.write(f"{len(report.balances)} ledgers reconciled; nothing disagrees.")
