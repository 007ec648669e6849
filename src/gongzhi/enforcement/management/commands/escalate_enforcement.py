from django.core.management.base import BaseCommand

from gongzhi.enforcement.services.escalation import escalate_enforcement


class Command(BaseCommand):
    help = "Escalate overdue illegal-structure procedure steps (idempotent: run it from cron)."

    def handle(self, *args, **options):
        created = escalate_enforcement()
        self.stdout.write(f"{len(created)} overdue step(s) escalated.")
