"""Importing 12345 hotline work orders from Excel: every row checked first, all or nothing,
keeping the hotline's order numbers so that importing the same file again creates nothing."""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.cases import permissions as perms
from gongzhi.cases.choices import Channel
from gongzhi.cases.locating import locate_node
from gongzhi.cases.models import Case, Category
from gongzhi.cases.services.intake import DESCRIPTION_MAX, case_report
from gongzhi.core.workbooks import WorkbookRefused, open_workbook
from gongzhi.org.access import can, user_scope
from gongzhi.org.gazetteer import locate_address
from gongzhi.org.models import Node

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# What the file may unpack to (checked before parsing: gongzhi.core.workbooks).
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
# Column title → field. The first four are required; a row needs a point or a grid code.
COLUMNS = {
    "工单编号": "external_id",
    "来电时间": "called_at",
    "诉求内容": "description",
    "分类": "category",
    "地址": "address",
    "经度": "lon",
    "纬度": "lat",
    "网格编码": "node",
    "来电人": "name",
    "联系电话": "phone",
}
REQUIRED = ("工单编号", "来电时间", "诉求内容", "分类")
_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{2,18}[0-9]$")
_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M")


@dataclass
class RowProblem:
    row: int
    column: str
    message: str

    def __str__(self):
        return _("row %(row)d, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column or "—",
            "message": self.message,
        }


class HotlineImportError(ValidationError):
    """The file was refused; ``problems`` names each row, column and problem."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        super().__init__([str(p) for p in problems[:200]])


@dataclass
class ImportResult:
    created: list[Case] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # order numbers imported before


def _open_rows(upload):
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise HotlineImportError([RowProblem(0, "", _("The file is larger than 5 MB."))])
    if hasattr(upload, "seek"):
        upload.seek(0)
    try:
        book = open_workbook(upload, max_unpacked_bytes=MAX_UNPACKED_BYTES)
    except WorkbookRefused as exc:
        raise HotlineImportError([RowProblem(0, "", str(exc))]) from exc
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about harmless styling quirks
            rows = list(book.worksheets[0].iter_rows(values_only=True, max_row=MAX_ROWS + 2))
            book.close()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError, TypeError) as exc:
        raise HotlineImportError(
            [RowProblem(0, "", _("This is not an Excel (.xlsx) file we can read."))]
        ) from exc
    if len(rows) > MAX_ROWS + 1:
        raise HotlineImportError(
            [RowProblem(0, "", _("At most %(n)d rows per file, please.") % {"n": MAX_ROWS})]
        )
    return rows


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _when(value):
    if isinstance(value, dt.datetime):
        parsed = value
    else:
        parsed = None
        for fmt in _FORMATS:
            try:
                parsed = dt.datetime.strptime(_text(value), fmt)
                break
            except ValueError:
                continue
        if parsed is None:
            raise ValueError
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


class _Row:
    def __init__(self, number, values, problems):
        self.number, self.values, self.problems = number, values, problems

    def fail(self, column, message):
        self.problems.append(RowProblem(self.number, column, message))


def _by_address(address: str, actor):
    """(node, placement) for a work order that gives only an address: the gazetteer's place,
    else the area the importer imports for (the district when several), where a dispatcher
    places it by hand."""
    match = locate_address(address)
    if match is not None:
        node = match.node
        return node, {"how": match.how, "matched": match.matched, "node": node.code}
    paths = user_scope(actor).paths_for(perms.IMPORT)
    node = (
        Node.objects.filter(path=paths[0]).first()
        if len(paths) == 1
        else Node.objects.get_first_root_node()
    )
    return node, {"how": "fallback", "matched": "", "node": node.code if node else ""}


def _check_row(row: _Row, categories, nodes, seen, actor, now) -> dict | None:
    v = row.values
    start = len(row.problems)
    order = _text(v.get("工单编号"))
    if not order:
        row.fail("工单编号", _("missing"))
    elif len(order) > 64:
        row.fail("工单编号", _("longer than 64 characters"))
    elif order in seen:
        row.fail(
            "工单编号", _("appears twice in the file (also row %(row)d)") % {"row": seen[order]}
        )
    else:
        seen[order] = row.number
    try:
        called_at = _when(v.get("来电时间"))
        if called_at > now + dt.timedelta(minutes=5):
            row.fail("来电时间", _("lies in the future"))
    except (ValueError, TypeError):
        called_at = None
        row.fail("来电时间", _("not a date and time such as 2026-11-29 08:30"))
    description = _text(v.get("诉求内容"))
    if not description:
        row.fail("诉求内容", _("missing"))
    elif len(description) > DESCRIPTION_MAX:
        row.fail("诉求内容", _("longer than %(n)d characters") % {"n": DESCRIPTION_MAX})
    category = categories.get(_text(v.get("分类")))
    if category is None:
        row.fail("分类", _("unknown category %(value)s") % {"value": _text(v.get("分类"))[:40]})
    node, lat, lon, placement = None, None, None, None
    if _text(v.get("经度")) or _text(v.get("纬度")):
        try:
            lon, lat = float(v.get("经度")), float(v.get("纬度"))
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                raise ValueError
            node = locate_node(lon, lat, "wgs84")
            if node is None:
                row.fail("经度", _("the point lies outside the area we serve"))
        except (TypeError, ValueError):
            row.fail("经度", _("longitude and latitude must both be numbers in range"))
    elif _text(v.get("网格编码")):
        node = nodes.get(_text(v.get("网格编码")))
        if node is None:
            row.fail("网格编码", _("unknown grid code"))
    elif _text(v.get("地址")):
        node, placement = _by_address(_text(v.get("地址")), actor)
    else:
        row.fail(
            "经度", _("give a point (经度, 纬度), a grid code (网格编码) or an address (地址)")
        )
    phone = _text(v.get("联系电话"))
    if phone and not _PHONE.match(phone):
        row.fail("联系电话", _("not a phone number"))
    if node is not None and not (
        getattr(actor, "is_superuser", False) or can(actor, perms.IMPORT, node)
    ):
        row.fail("地址", _("you may not import cases at %(node)s") % {"node": node.name})
    if len(row.problems) > start:
        return None
    return {
        "external_id": order,
        "reported_at": called_at,
        "description": description,
        "category": category,
        "address": _text(v.get("地址"))[:200],
        "lat": lat,
        "lon": lon,
        "node": node,
        "reporter_name": _text(v.get("来电人"))[:50],
        "reporter_phone": phone,
        "placement": placement,
        "is_public": None,  # the caller was not asked about publication
    }


def hotline_import(*, file, actor) -> ImportResult:
    """Import a 12345 work-order sheet; raise ``HotlineImportError`` (nothing written) when any
    row is bad. Orders already imported (same 工单编号) are skipped, not duplicated."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Sign in first."))
    rows = _open_rows(file)
    if not rows:
        raise HotlineImportError([RowProblem(0, "", _("The sheet is empty."))])
    header = [_text(h) for h in rows[0]]
    missing = [title for title in REQUIRED if title not in header]
    if missing:
        raise HotlineImportError(
            [RowProblem(1, title, _("this column is missing")) for title in missing]
        )
    categories = {}
    for category in Category.objects.filter(is_group=False, is_active=True):
        categories[category.code] = category
        categories.setdefault(category.name, category)
    nodes = {n.code: n for n in Node.objects.filter(level__in=["grid", "microgrid", "community"])}
    problems: list[RowProblem] = []
    checked, seen, now = [], {}, timezone.now()
    for number, values in enumerate(rows[1:], start=2):
        if all(_text(v) == "" for v in values):
            continue
        named = {title: values[i] for i, title in enumerate(header) if title and i < len(values)}
        data = _check_row(_Row(number, named, problems), categories, nodes, seen, actor, now)
        if data is not None:
            checked.append((number, data))
    if problems:
        raise HotlineImportError(problems)
    existing = set(
        Case.objects.filter(
            channel=Channel.HOTLINE, external_id__in=[d["external_id"] for _n, d in checked]
        ).values_list("external_id", flat=True)
    )
    result = ImportResult()
    with transaction.atomic():
        for number, data in checked:
            if data["external_id"] in existing:
                result.skipped.append(data["external_id"])
                continue
            try:
                case = case_report(channel=Channel.HOTLINE, actor=actor, **data)
            except (ValidationError, PermissionDenied) as exc:
                messages = getattr(exc, "messages", [str(exc)])
                raise HotlineImportError(
                    [RowProblem(number, "", "; ".join(str(m) for m in messages))]
                ) from exc
            (result.skipped if case.is_replay else result.created).append(
                case if not case.is_replay else case.external_id
            )
    return result
