"""The ledger as an Excel workbook (openpyxl): the rows on one sheet, the totals on another."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from gongzhi.enforcement.ledger import COLUMNS, LEDGER_SHEET, SUMMARY_SHEET

DATE_KEYS = {"found_on", "self_demolition_deadline", "demolished_on", "last_revisit_on"}
AREA_KEYS = {"area_found", "area_removed"}


def ledger_workbook(rows: list[dict], totals: dict, filters: list[tuple[str, str]]) -> bytes:
    """The workbook's bytes: sheet 违建台账 with ``COLUMNS``, sheet 汇总 with the totals."""
    book = Workbook()
    sheet = book.active
    sheet.title = LEDGER_SHEET
    sheet.append([c.header for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for c, column in enumerate(COLUMNS, start=1):
            value = row.get(column.key)
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str) and value.startswith("="):
                # Text that looks like a formula stays text: nothing typed into a record may
                # run in the reader's spreadsheet.
                cell.data_type = "s"
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.key in DATE_KEYS:
            for cell in sheet[letter][1:]:
                cell.number_format = "yyyy-mm-dd"
        if column.key in AREA_KEYS:
            for cell in sheet[letter][1:]:
                cell.number_format = "0.00"
    sheet.freeze_panes = "A2"
    summary = book.create_sheet(SUMMARY_SHEET)
    summary.append(["项目", "数值"])
    summary.append(["违建数量(处)", totals["count"]])
    summary.append(["发现面积(㎡)", totals["area_found"]])
    summary.append(["已拆除(处)", totals.get("demolished", 0)])
    summary.append(["拆除面积(㎡)", totals["area_removed"]])
    for label, value in filters:
        summary.append([label, value])
    summary.column_dimensions["A"].width = 18
    summary.column_dimensions["B"].width = 30
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
