"""gongzhi export_tree [--root CODE] [-o FILE]: the org tree as a GeoJSON FeatureCollection."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongzhi.org.io.geojson_export import iter_geojson_text
from gongzhi.org.models import Node


class Command(BaseCommand):
    help = "Export the org tree (or the subtree under --root) as GeoJSON, parents first."

    def add_arguments(self, parser):
        parser.add_argument("--root", help="code of the node whose subtree to export")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, root=None, output=None, **options):
        if root:
            try:
                roots = [Node.objects.get(code=root)]
            except Node.DoesNotExist as exc:
                raise CommandError(_("No node with code %(code)s.") % {"code": root}) from exc
        else:
            roots = list(Node.objects.get_root_nodes())
        if output:
            with open(output, "w", encoding="utf-8") as stream:
                stream.writelines(iter_geojson_text(roots))
        else:
            sys.stdout.writelines(iter_geojson_text(roots))
