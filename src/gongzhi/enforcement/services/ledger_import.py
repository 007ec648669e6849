"""Importing an existing ledger (台账) from Excel: every row is checked first; a single bad row
and nothing is written, with a report naming each row, column and problem."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.core.workbooks import WorkbookRefused, open_workbook
from gongzhi.enforcement import permissions as perms
from gongzhi.enforcement import validate as v
from gongzhi.enforcement.choices import DocumentKind, RecordState
from gongzhi.enforcement.deadlines import authority_deadline, lapse_of
from gongzhi.enforcement.ledger import (
    COLUMNS,
    FOUND_BY_WORDS,
    GONE_STATES,
    METHOD_WORDS,
    OUTCOME_WORDS,
    STATE_WORDS,
    STRUCTURE_WORDS,
    reverse_words,
)
from gongzhi.enforcement.models import IllegalStructure, StructureRevisit
from gongzhi.enforcement.services.common import (
    authority_for,
    is_allowed,
    record_reference,
    start_step,
)
from gongzhi.org.models import Node

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# What the file may unpack to (checked before parsing: gongzhi.core.workbooks).
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
REQUIRED = ("grid_code", "address", "structure_type", "found_by", "found_on", "area_found", "state")


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet's row number (the header is row 1)
    column: str  # the column's header
    message: str

    def __str__(self):
        return _("Row %(row)d, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class LedgerImportError(Exception):
    """The file was refused; ``errors`` name every bad row, column and problem."""

    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(str(e) for e in errors[:5]))
        self.errors = errors


@dataclass
class ImportResult:
    records: list = field(default_factory=list)


HEADERS = {c.key: c.header for c in COLUMNS}
_BY_HEADER = {}
for _c in COLUMNS:
    _BY_HEADER[_c.header] = _c.key
    _BY_HEADER[_c.key] = _c.key
WORDS = {
    "structure_type": reverse_words(STRUCTURE_WORDS),
    "found_by": reverse_words(FOUND_BY_WORDS),
    "state": reverse_words(STATE_WORDS),
    "demolition_method": reverse_words(METHOD_WORDS),
    "last_revisit_outcome": reverse_words(OUTCOME_WORDS),
}


def _read_rows(upload) -> tuple[list[str | None], list[tuple]]:
    data = upload.read(MAX_BYTES + 1) if hasattr(upload, "read") else bytes(upload)
    if len(data) > MAX_BYTES:
        raise LedgerImportError(
            [RowError(0, "", _("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES >> 20})]
        )
    try:
        book = open_workbook(data, max_unpacked_bytes=MAX_UNPACKED_BYTES)
    except WorkbookRefused as exc:
        raise LedgerImportError([RowError(0, "", str(exc))]) from exc
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise LedgerImportError([RowError(1, "", _("The sheet is empty."))])
        body = []
        for values in rows:
            if len(body) >= MAX_ROWS:
                raise LedgerImportError(
                    [RowError(0, "", _("At most %(n)d rows at a time.") % {"n": MAX_ROWS})]
                )
            body.append(values)
    finally:
        book.close()
    keys = [_BY_HEADER.get(str(h).strip()) if h is not None else None for h in header]
    return keys, body


def _date(value, field):
    if isinstance(value, dt.datetime):  # Excel dates come back as midnight datetimes
        value = value.date()
    return v.date(value, field, not_after_today=True, required=False)


def _word(value, field):
    text = "" if value is None else str(value).strip()
    if not text:
        return ""
    code = WORDS[field].get(text)
    if code is None:
        raise ValidationError(
            {field: _("%(value)s is not one of the listed words.") % {"value": text[:40]}}
        )
    return code


def _float(value, field):
    if value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError({field: _("Enter a number.")}) from exc


def _clean_row(raw: dict, actor, nodes: dict[str, Node], seen: set[str]) -> dict:
    """One row's record fields; raises ``ValidationError`` keyed by column key."""
    errors: dict[str, list[str]] = {}

    def take(key, fn):
        try:
            return fn()
        except ValidationError as exc:
            messages = exc.message_dict.get(key) if hasattr(exc, "error_dict") else None
            errors.setdefault(key, []).extend(messages or exc.messages)
            return None

    for key in REQUIRED:
        value = raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            errors.setdefault(key, []).append(_("This field is required."))
    if errors:
        raise ValidationError(errors)
    row: dict = {}
    row["reference"] = take(
        "reference", lambda: v.text(raw.get("reference"), "reference", max_length=40)
    )
    code = str(raw.get("grid_code")).strip()
    node = nodes.get(code)
    if node is None:
        errors.setdefault("grid_code", []).append(
            _("No grid has the code %(code)s.") % {"code": code[:64]}
        )
    elif not is_allowed(actor, perms.IMPORT, node):
        errors.setdefault("grid_code", []).append(
            _("You may not import records for %(node)s.") % {"node": node}
        )
    elif authority_for(node) is None:
        errors.setdefault("grid_code", []).append(
            _("No enforcement authority serves %(node)s yet.") % {"node": node}
        )
    row["node"] = node
    row["address"] = take("address", lambda: v.text(raw.get("address"), "address", max_length=200))
    row["party_name"] = take(
        "party_name", lambda: v.text(raw.get("party_name"), "party_name", max_length=100)
    )
    row["party_address"] = take(
        "party_address", lambda: v.text(raw.get("party_address"), "party_address", max_length=200)
    )
    for key in WORDS:
        row[key] = take(key, lambda key=key: _word(raw.get(key), key))
    row["found_on"] = take("found_on", lambda: _date(raw.get("found_on"), "found_on"))
    row["area_found"] = take("area_found", lambda: v.area(raw.get("area_found"), "area_found"))
    row["area_removed"] = take(
        "area_removed", lambda: v.area(raw.get("area_removed"), "area_removed", required=False)
    )
    for key in ("self_demolition_deadline", "demolished_on", "last_revisit_on"):
        row[key] = take(key, lambda key=key: _date(raw.get(key), key))
    for key in ("stop_order_number", "demolition_order_number"):
        row[key] = take(key, lambda key=key: v.text(raw.get(key), key, max_length=60))
    row["note"] = take("note", lambda: v.text(raw.get("note"), "note"))
    row["lat"] = take("lat", lambda: _float(raw.get("lat"), "lat"))
    row["lon"] = take("lon", lambda: _float(raw.get("lon"), "lon"))
    if errors:
        raise ValidationError(errors)
    _check_consistency(row, errors, seen)
    if errors:
        raise ValidationError(errors)
    return row


def _check_consistency(row: dict, errors: dict, seen: set[str]) -> None:
    def add(key, message):
        errors.setdefault(key, []).append(message)

    reference = row["reference"]
    if reference:
        if reference in seen:
            add("reference", _("This reference appears twice in the file."))
        elif IllegalStructure.objects.filter(reference=reference).exists():
            add("reference", _("A record with this reference exists already."))
        seen.add(reference)
    if (row["lat"] is None) != (row["lon"] is None):
        add("lat", _("Give both latitude and longitude, or neither."))
    elif row["lat"] is not None and not (-90 <= row["lat"] <= 90 and -180 <= row["lon"] <= 180):
        add("lat", _("This is not a place on earth."))
    gone = row["state"] in GONE_STATES
    if gone:
        for key in ("demolition_method", "demolished_on", "area_removed"):
            if not row[key]:
                add(key, _("Required for a demolished structure."))
    else:
        for key in ("demolition_method", "demolished_on", "area_removed", "last_revisit_on"):
            if row[key]:
                add(key, _("Only a demolished structure has this."))
    if row["demolished_on"] and row["found_on"] and row["demolished_on"] < row["found_on"]:
        add("demolished_on", _("The structure cannot be gone before it was found."))
    if bool(row["last_revisit_on"]) != bool(row["last_revisit_outcome"]):
        add("last_revisit_outcome", _("Give the date and the result of the revisit together."))
    if (
        row["last_revisit_on"]
        and row["demolished_on"]
        and row["last_revisit_on"] < row["demolished_on"]
    ):
        add("last_revisit_on", _("A revisit cannot come before the demolition."))


def _build(row: dict, actor, now) -> IllegalStructure:
    node = row["node"]
    authority = authority_for(node)
    found_at = timezone.make_aware(dt.datetime.combine(row["found_on"], dt.time(12, 0)))
    legacy = {
        kind: number
        for kind, number in (
            (DocumentKind.STOP_ORDER, row["stop_order_number"]),
            (DocumentKind.DEMOLITION_ORDER, row["demolition_order_number"]),
        )
        if number
    }
    record = IllegalStructure(
        reference=row["reference"] or record_reference(authority, found_at),
        authority=authority,
        node=node,
        lat=row["lat"],
        lon=row["lon"],
        address=row["address"],
        party_name=row["party_name"],
        party_address=row["party_address"],
        structure_type=row["structure_type"],
        found_by=row["found_by"],
        area_found=row["area_found"],
        found_at=found_at,
        state=row["state"],
        self_demolition_deadline=row["self_demolition_deadline"],
        demolished_on=row["demolished_on"],
        demolition_method=row["demolition_method"],
        area_removed=row["area_removed"],
        last_revisit_on=row["last_revisit_on"],
        last_revisit_outcome=row["last_revisit_outcome"],
        legacy_numbers=legacy,
        note=row["note"],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if row["state"] in {RecordState.CLOSED, RecordState.RELAPSED, RecordState.DISMISSED}:
        record.closed_at = now
    if row["self_demolition_deadline"] and row["state"] in {
        RecordState.DEMOLITION_ORDER_SERVED,
        RecordState.REMINDED,
        RecordState.FORCED_NOTICE_SERVED,
    }:
        record.forced_deadline_at = authority_deadline(
            authority, "forced", lapse_of(row["self_demolition_deadline"]), node=node
        )
    record.save()
    if row["state"] == RecordState.DEMOLISHED:
        # The revisits still ahead of the last one the old ledger recorded.
        after = row["last_revisit_on"] or row["demolished_on"]
        days = sorted({int(n) for n in authority.revisit_days or [] if int(n) > 0})
        due = [row["demolished_on"] + dt.timedelta(days=n) for n in days]
        StructureRevisit.objects.bulk_create(
            [
                StructureRevisit(record=record, seq=i, due_on=day)
                for i, day in enumerate(due, start=1)
                if day > after
            ]
        )
    start_step(record, now)
    record.save(update_fields=["step_seq", "step_started_at", "step_deadline_at", "was_overdue"])
    return record


def ledger_import(*, upload, actor) -> ImportResult:
    """Import the ledger in ``upload`` (an .xlsx file, the export's format: headers in Chinese
    or as column keys). All rows are checked before anything is written; any bad row raises
    ``LedgerImportError`` naming row, column and problem, and nothing is stored."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Log in to import a ledger."))
    keys, body = _read_rows(upload)
    missing = [HEADERS[k] for k in REQUIRED if k not in keys]
    if missing:
        raise LedgerImportError(
            [RowError(1, header, _("This column is missing.")) for header in missing]
        )
    codes = set()
    index = {k: i for i, k in enumerate(keys) if k is not None}
    raws = []
    for number, values in enumerate(body, start=2):
        raw = {k: values[i] if i < len(values) else None for k, i in index.items()}
        if all(value in (None, "") for value in raw.values()):
            continue  # blank rows at the end of a sheet
        raws.append((number, raw))
        if raw.get("grid_code") is not None:
            codes.add(str(raw["grid_code"]).strip())
    nodes = {n.code: n for n in Node.objects.filter(code__in=codes)}
    errors: list[RowError] = []
    rows = []
    seen: set[str] = set()
    for number, raw in raws:
        try:
            rows.append(_clean_row(raw, actor, nodes, seen))
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                for message in messages:
                    errors.append(RowError(number, HEADERS.get(key, key), message))
    if errors:
        raise LedgerImportError(errors)
    if not rows:
        raise LedgerImportError([RowError(2, "", _("The sheet has no records."))])
    now = timezone.now()
    with transaction.atomic():
        records = []
        for row in rows:
            if not is_allowed(actor, perms.IMPORT, row["node"]):
                raise PermissionDenied(_("You may not import records here."))
            record = _build(row, actor, now)
            log_action(
                "enforcement.structure.imported",
                actor=actor,
                obj=record,
                new={"state": record.state, "node": record.node.code},
                data={"reference": record.reference},
            )
            records.append(record)
        log_action("enforcement.ledger.imported", actor=actor, data={"records": len(records)})
    return ImportResult(records=records)
