"""One safe-open step for every workbook import: a zip bomb is refused before parsing."""

import io
import zipfile

import pytest

from gongzhi.cases.services.hotline import HotlineImportError, _open_rows
from gongzhi.core.workbooks import WorkbookRefused, open_workbook
from gongzhi.enforcement.services.ledger_import import LedgerImportError, _read_rows
from gongzhi.org.io.problems import FileRefused
from gongzhi.org.io.roster_read import check_workbook_file


def zip_bomb(unpacked_mb=80) -> bytes:
    """A small .xlsx-shaped zip whose shared strings unpack to ``unpacked_mb`` MB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            chunk = b"0" * (1024 * 1024)
            for _ in range(unpacked_mb):
                member.write(chunk)
    return out.getvalue()


def many_entries(n=20_000) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(n):
            archive.writestr(f"xl/x{i}.xml", "")
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb():
    data = zip_bomb()
    assert len(data) < 1024 * 1024  # small on disk
    return data


def test_the_core_opener_refuses_a_zip_bomb(bomb):
    with pytest.raises(WorkbookRefused, match="unpacks"):
        open_workbook(bomb, max_unpacked_bytes=50 * 1024 * 1024)


def test_the_core_opener_refuses_too_many_entries():
    with pytest.raises(WorkbookRefused, match="unpacks"):
        open_workbook(many_entries(), max_unpacked_bytes=50 * 1024 * 1024, max_entries=10_000)


def test_the_hotline_import_refuses_a_zip_bomb(bomb):
    with pytest.raises(HotlineImportError) as caught:
        _open_rows(io.BytesIO(bomb))
    assert "unpacks" in str(caught.value)


def test_the_ledger_import_refuses_a_zip_bomb(bomb):
    with pytest.raises(LedgerImportError) as caught:
        _read_rows(io.BytesIO(bomb))
    assert "unpacks" in str(caught.value)


def test_the_roster_import_refuses_a_zip_bomb(bomb, monkeypatch):
    from gongzhi.org.io import limits

    monkeypatch.setattr(limits, "ROSTER_MAX_UNPACKED_BYTES", 50 * 1024 * 1024)
    with pytest.raises(FileRefused, match="unpacks"):
        check_workbook_file(io.BytesIO(bomb))


def test_a_real_workbook_still_opens():
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["工单号", "内容"])
    out = io.BytesIO()
    book.save(out)
    opened = open_workbook(out.getvalue(), max_unpacked_bytes=10 * 1024 * 1024)
    assert next(opened.worksheets[0].iter_rows(values_only=True)) == ("工单号", "内容")


def test_something_that_is_not_a_workbook_is_refused():
    with pytest.raises(WorkbookRefused, match="not an Excel"):
        open_workbook(b"hello, world", max_unpacked_bytes=1024)
