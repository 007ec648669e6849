"""Opening a roster workbook safely and reading its rows with openpyxl's read-only mode.

Before openpyxl sees the file it is checked to be a zip of sensible unpacked size (an .xlsx is
a zip; a small file can unpack to gigabytes). Formulas are read as their text (not their
cached result) so that they are refused rather than imported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO

from django.utils.translation import gettext as _

from gongzhi.core.workbooks import WorkbookRefused, check_xlsx, open_workbook
from gongzhi.org.io import limits
from gongzhi.org.io.problems import FileRefused, ImportRejected, ProblemList
from gongzhi.org.io.roster_columns import COLUMNS, Column, column_for

MAX_ZIP_MEMBERS = 10_000
HEADER_ROW = 1

Progress = Callable[[str, int, int | None], None]


def _size(fileobj: BinaryIO) -> int:
    fileobj.seek(0, 2)
    size = fileobj.tell()
    fileobj.seek(0)
    return size


def check_workbook_file(fileobj: BinaryIO) -> None:
    """Refuse what is not a plausible .xlsx before parsing it."""
    size = _size(fileobj)
    if size > limits.ROSTER_MAX_BYTES:
        raise FileRefused(
            _("The file is larger than %(limit)d MB; split the roster into smaller files.")
            % {"limit": limits.ROSTER_MAX_BYTES // limits.MB}
        )
    try:
        check_xlsx(
            fileobj,
            max_unpacked_bytes=limits.ROSTER_MAX_UNPACKED_BYTES,
            max_entries=MAX_ZIP_MEMBERS,
        )
    except WorkbookRefused as exc:
        raise FileRefused(str(exc)) from exc


def _header_columns(header: tuple, problems: ProblemList) -> dict[int, Column]:
    columns: dict[int, Column] = {}
    seen: dict[str, int] = {}
    for index, cell in enumerate(header):
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        column = column_for(cell)
        label = str(cell).strip()
        if column is None:
            problems.add(HEADER_ROW, label, _("Unknown column: use the headers of the template."))
        elif column.key in seen:
            problems.add(HEADER_ROW, label, _("This column appears twice."))
        else:
            seen[column.key] = index
            columns[index] = column
    for column in COLUMNS:
        if column.required and column.key not in seen:
            problems.add(HEADER_ROW, column.header, _("This required column is missing."))
    return columns


def iter_roster_rows(
    fileobj: BinaryIO,
    *,
    problems: ProblemList,
    progress: Progress | None = None,
    every: int = 1000,
    max_rows: int | None = None,
) -> Iterator[tuple[int, dict[str, object]]]:
    """Yield (row number as Excel shows it, {column key: raw value}) for each non-empty row.

    Header problems raise ``ImportRejected`` at once; an unreadable file or one with data
    below row ``max_rows + 1`` raises ``FileRefused``.
    """
    max_rows = limits.ROSTER_MAX_ROWS if max_rows is None else max_rows
    check_workbook_file(fileobj)
    try:
        workbook = open_workbook(
            fileobj,
            max_unpacked_bytes=limits.ROSTER_MAX_UNPACKED_BYTES,
            max_entries=MAX_ZIP_MEMBERS,
            data_only=False,
        )
    except WorkbookRefused as exc:
        raise FileRefused(str(exc)) from exc
    try:
        if not workbook.worksheets:
            raise FileRefused(_("The workbook has no sheet."))
        sheet = workbook.worksheets[0]
        total = sheet.max_row if isinstance(sheet.max_row, int) else None
        rows = sheet.iter_rows(max_col=limits.ROSTER_MAX_COLUMNS, values_only=True)
        try:
            header = next(rows, None)
            if header is None:
                raise FileRefused(_("The first sheet is empty."))
            columns = _header_columns(header, problems)
            if problems:
                raise ImportRejected(problems)
            for number, values in enumerate(rows, start=HEADER_ROW + 1):
                if progress is not None and number % every == 0:
                    progress("read", number, total)
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                    continue
                if number > max_rows + HEADER_ROW:
                    raise FileRefused(
                        _(
                            "The sheet has more than %(limit)d rows; split the roster into "
                            "smaller files."
                        )
                        % {"limit": max_rows}
                    )
                raw = {col.key: values[i] for i, col in columns.items() if i < len(values)}
                stray = [
                    i for i, v in enumerate(values) if i not in columns and v not in (None, "")
                ]
                if stray:
                    raw["__stray__"] = stray
                yield number, raw
        except (FileRefused, ImportRejected):
            raise
        except Exception as exc:  # a sheet damaged past the header: report, don't crash
            raise FileRefused(_("The file is damaged: its rows cannot be read.")) from exc
    finally:
        workbook.close()
