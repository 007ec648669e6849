"""Mark overdue tasks and escalate them up the tree; run it from cron (idempotent)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from gongzhi.participation.services import escalate_overdue_tasks


class Command(BaseCommand):
    help = "Mark tasks past their due date overdue and escalate them (safe to run often)."

    def handle(self, *args, **options):
        created = escalate_overdue_tasks()
        self.stdout.write(_("%(n)d escalations.") % {"n": len(created)})
