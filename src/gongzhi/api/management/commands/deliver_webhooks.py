"""Deliver webhook deliveries that are due (the safety net behind the task worker; run by cron)."""

from django.core.management.base import BaseCommand

from gongzhi.api.webhooks.tasks import sweep


class Command(BaseCommand):
    help = "Send every webhook delivery that is pending or due for a retry."

    def handle(self, *args, **options):
        count = sweep()
        self.stdout.write(f"{count} deliveries attempted")
