"""``gongzhi briefing NODE YYYY-MM``: build a node's monthly briefing from the records."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongzhi.insights.briefing.builder import plain_text
from gongzhi.insights.briefing.export import briefing_docx_bytes, briefing_pdf_bytes
from gongzhi.insights.briefing.selectors import briefing_view
from gongzhi.insights.periods import parse_period
from gongzhi.org.models import Node


class Command(BaseCommand):
    help = (
        "Print a node's briefing for a month (the approved copy if there is one, else built "
        "from the records now); optionally write it as PDF, Word or JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("node", help="node code, e.g. CC-XS")
        parser.add_argument("period", help="month, YYYY-MM")
        parser.add_argument("--pdf", type=Path, help="write the PDF here")
        parser.add_argument("--docx", type=Path, help="write the Word document here")
        parser.add_argument("--json", action="store_true", help="print JSON instead of prose")

    def handle(self, *args, node, period, pdf=None, docx=None, json=False, **options):
        target = Node.objects.filter(code=node).first()
        if target is None:
            raise CommandError(f"No node with code {node!r}.")
        try:
            month = parse_period(period)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        view = briefing_view(target, month)
        if json:
            self.stdout.write(_dumps(view.as_json()))
        else:
            self.stdout.write(view.content["title"])
            for block in view.blocks():
                if block["title"]:
                    self.stdout.write(f"\n{block['title']}")
                for paragraph in block["paragraphs"]:
                    self.stdout.write(plain_text(paragraph))
                if block["note"]:
                    self.stdout.write(block["note"])
        if pdf:
            pdf.write_bytes(briefing_pdf_bytes(view))
        if docx:
            docx.write_bytes(briefing_docx_bytes(view))


def _dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=2)
