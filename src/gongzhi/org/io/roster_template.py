"""The empty roster workbook people fill in: the headers, drop-down lists, and a sheet that
explains every column."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from gongzhi.org.io import limits
from gongzhi.org.io.roster_columns import COLUMNS

PREPARED_ROWS = 2000
REQUIRED_FILL = PatternFill("solid", fgColor="FDE2E1")
TEXT_COLUMNS = {"building_code", "unit", "phone", "id_number"}
CHOICES = {
    "gender": "男,女",
    "party_member_kind": "在职党员,离退休党员,流动党员,退伍军人党员",
    "is_volunteer": "是,否",
    "is_resident": "是,否",
}


def _roster_sheet(sheet) -> None:
    sheet.title = "名册"
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        if column.required:
            cell.fill = REQUIRED_FILL
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = max(12, len(column.example) + 4)
        span = f"{letter}2:{letter}{PREPARED_ROWS + 1}"
        if column.key in TEXT_COLUMNS:
            # A text column, so that Excel keeps leading zeros and all 18 digits of an ID.
            sheet.column_dimensions[letter].number_format = "@"
        if column.key in CHOICES:
            validation = DataValidation(type="list", formula1=f'"{CHOICES[column.key]}"')
            validation.add(span)
            sheet.add_data_validation(validation)


def _help_sheet(sheet) -> None:
    sheet.title = "说明"
    sheet.append([_("Column"), _("Required"), _("What to enter"), _("Example")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        sheet.append(
            [column.header, _("yes") if column.required else "", str(column.help), column.example]
        )
    sheet.append([])
    notes = [
        _("Fill in the first sheet, one person per row; keep its header row as it is."),
        _("Rows with the same building code and unit become one household."),
        _(
            "A cell may not start with =, +, - or @: such cells are refused, because a "
            "spreadsheet could run them as formulas."
        ),
        _(
            "Nothing is imported while any row is wrong; the report names the row, the column "
            "and the problem."
        ),
        _("At most %(rows)d rows and %(size)d MB per file.")
        % {"rows": limits.ROSTER_MAX_ROWS, "size": limits.ROSTER_MAX_BYTES // limits.MB},
    ]
    for note in notes:
        sheet.append([note])
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 8
    sheet.column_dimensions["C"].width = 70
    sheet.column_dimensions["D"].width = 20


def roster_template_bytes() -> bytes:
    """The template workbook as .xlsx bytes."""
    workbook = Workbook()
    _roster_sheet(workbook.active)
    _help_sheet(workbook.create_sheet())
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
