"""gongzhi points_check — prove the points ledger and stock are consistent."""

from django.core.management.base import BaseCommand, CommandError

from gongzhi.points.integrity import ledger_problems


class Command(BaseCommand):
    help = (
        "Check that every account's cached balance equals the sum of its entries, that every "
        "transaction's entries sum to zero, that only issuing accounts are below zero and that "
        "every item's stock equals the sum of its movements. Exits non-zero on any problem."
    )

    def handle(self, *args, **options):
        problems = ledger_problems()
        if problems:
            for line in problems:
                self.stderr.write(line)
            raise CommandError(f"{len(problems)} problem(s) in the points ledger")
        self.stdout.write(self.style.SUCCESS("points ledger OK"))
