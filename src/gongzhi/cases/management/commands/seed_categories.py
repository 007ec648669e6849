from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from gongzhi.cases.seed import seed_categories


class Command(BaseCommand):
    help = "Create the standard case categories that do not exist yet (safe to repeat)."

    def handle(self, *args, **options):
        created = seed_categories()
        self.stdout.write(
            ngettext("%(n)d category created.", "%(n)d categories created.", created)
            % {"n": created}
        )
