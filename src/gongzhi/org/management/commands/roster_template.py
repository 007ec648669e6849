"""gongzhi roster_template -o FILE: the empty roster workbook with an explanation sheet."""

from django.core.management.base import BaseCommand

from gongzhi.org.io.roster_template import roster_template_bytes


class Command(BaseCommand):
    help = "Write the empty household roster template (.xlsx) with a sheet explaining each column."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="the .xlsx file to write")

    def handle(self, *args, output, **options):
        with open(output, "wb") as stream:
            stream.write(roster_template_bytes())
        self.stdout.write(output)
