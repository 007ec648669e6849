"""Excel export of the cockpit's tables and of the records behind a figure (openpyxl)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _safe(value):
    # A cell starting with = + - @ would be run as a formula by a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def workbook(sheets: list[tuple[str, list[str], list[list]]]) -> bytes:
    """One sheet per (title, header, rows)."""
    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append([str(h) for h in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_safe(v) for v in row])
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def cockpit_sheets(data: dict) -> list:
    period = data["period"]
    kpi_rows = [
        [
            r["kpi"].code,
            str(r["kpi"].name),
            r["raw"],
            r["value"],
            r["previous"],
            r["last_year"],
            str(r["kpi"].unit),
        ]
        for r in data["rows"]
    ]
    sheets = [
        (
            _("KPIs"),
            [
                _("code"),
                _("indicator"),
                _("value"),
                period.key,
                data["previous"].key,
                data["last_year"].key,
                _("unit"),
            ],
            kpi_rows,
        )
    ]
    if data["ranking"]:
        sheets.append(
            (
                _("Child nodes"),
                [_("node"), *[str(k.name) for k in data["rank_codes"]]],
                [[r["node"].name, *[c["value"] for c in r["cells"]]] for r in data["ranking"]],
            )
        )
    if data.get("by_category"):
        header = [_("category"), *[str(k.name) for k in data["split_codes"]]]
        sheets.append(
            (_("By category"), header, [[c["name"], *c["values"]] for c in data["by_category"]])
        )
        header = [_("force"), *[str(k.name) for k in data["split_codes"]]]
        sheets.append(
            (_("By force"), header, [[str(c["name"]), *c["values"]] for c in data["by_force"]])
        )
    return sheets


def records_sheet(kpi, columns, rows) -> list:
    return [
        (
            kpi.code,
            [str(label) for _key, label in columns],
            [[row.get(key) for key, _label in columns] for row in rows],
        )
    ]
