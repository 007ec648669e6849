"""The one safe way to open an uploaded Excel workbook (.xlsx) for every import.

An .xlsx is a zip: a file of a few kilobytes can unpack to gigabytes of shared strings, which
openpyxl would load whole. Before openpyxl sees a file, ``open_workbook`` checks that it is a zip
holding a workbook, with at most ``max_entries`` members whose declared unpacked sizes add up to
at most ``max_unpacked_bytes``. Python's zipfile never inflates a member beyond its declared
size (a member that lies fails its CRC), so the sum bounds what parsing can read.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from typing import BinaryIO

from django.utils.translation import gettext as _

OLE_MAGIC = b"\xd0\xcf\x11\xe0"
ZIP_MAGIC = b"PK\x03\x04"
MAX_ENTRIES = 10_000
MB = 1024 * 1024


class WorkbookRefused(ValueError):
    """The upload is not a workbook that may be opened; ``str()`` says why, for the user."""


def _seekable(upload) -> BinaryIO:
    if isinstance(upload, bytes | bytearray):
        return io.BytesIO(upload)
    if hasattr(upload, "seek"):
        upload.seek(0)
        return upload
    return io.BytesIO(upload.read())


def check_xlsx(
    fileobj: BinaryIO, *, max_unpacked_bytes: int, max_entries: int = MAX_ENTRIES
) -> None:
    """Refuse what is not a plausible, bounded .xlsx (the file is left at its start)."""
    head = fileobj.read(4)
    fileobj.seek(0)
    if head == OLE_MAGIC:
        raise WorkbookRefused(
            _(
                "This is an old Excel (.xls) file or a password-protected workbook. Save it as "
                "an unprotected Excel workbook (.xlsx) and upload that."
            )
        )
    if head != ZIP_MAGIC:
        raise WorkbookRefused(_("The file is not an Excel workbook (.xlsx)."))
    try:
        with zipfile.ZipFile(fileobj) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise WorkbookRefused(_("The file is damaged: it cannot be opened as a workbook.")) from exc
    finally:
        fileobj.seek(0)
    if len(members) > max_entries or sum(m.file_size for m in members) > max_unpacked_bytes:
        raise WorkbookRefused(
            _("The workbook unpacks to far more data than this import takes (at most %(mb)d MB).")
            % {"mb": max_unpacked_bytes // MB}
        )
    if "xl/workbook.xml" not in {m.filename for m in members}:
        raise WorkbookRefused(_("The file is not an Excel workbook (.xlsx)."))


def open_workbook(
    upload,
    *,
    max_unpacked_bytes: int,
    max_entries: int = MAX_ENTRIES,
    data_only: bool = True,
):
    """A read-only openpyxl workbook of ``upload`` (bytes or a file), checked first."""
    from openpyxl import load_workbook

    fileobj = _seekable(upload)
    check_xlsx(fileobj, max_unpacked_bytes=max_unpacked_bytes, max_entries=max_entries)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about harmless styling quirks
            return load_workbook(fileobj, read_only=True, data_only=data_only, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on damaged files; all mean one thing
        raise WorkbookRefused(_("The file is damaged: it cannot be opened as a workbook.")) from exc
