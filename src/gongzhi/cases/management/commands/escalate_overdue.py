from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from gongzhi.cases.services.escalation import escalate_overdue


class Command(BaseCommand):
    help = "Escalate (督办) overdue case steps to the supervisors above them. Safe to repeat."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help="At most this many cases.")

    def handle(self, *args, limit=None, **options):
        created = escalate_overdue(limit=limit)
        self.stdout.write(
            ngettext("%(n)d new supervision.", "%(n)d new supervisions.", len(created))
            % {"n": len(created)}
        )
