"""The Excel ledger of a drive (openpyxl), for the organisation's own accounts: every movement,
the summary per item kind and the pledges with their receipt numbers."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from gongzhi.charity.models import Drive, Movement, Pledge
from gongzhi.charity.selectors import drive_figures


def _safe(value):
    """Text that a spreadsheet would read as a formula is written as plain text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _sheet(book, title, header, rows, *, first=False):
    sheet = book.active if first else book.create_sheet()
    sheet.title = title
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_safe(v) for v in row])
    sheet.freeze_panes = "A2"
    return sheet


def drive_ledger_xlsx(drive: Drive) -> bytes:
    book = Workbook()
    figures = drive_figures(drive)
    _sheet(
        book,
        _("Summary"),
        [
            _("Item kind"),
            _("Goal"),
            _("Received"),
            _("On its way"),
            _("Delivered"),
            _("Written off"),
            _("Transferred"),
            _("On hand"),
        ],
        [
            [
                r.name,
                r.goal,
                r.received,
                r.on_its_way,
                r.delivered,
                r.written_off,
                r.transferred,
                r.on_hand,
            ]
            for r in figures.items
        ],
        first=True,
    )
    movements = (
        Movement.objects.filter(drive=drive)
        .select_related("place", "item_kind", "pledge", "delivery", "created_by")
        .order_by("id")
    )
    _sheet(
        book,
        _("Movements"),
        [
            _("No."),
            _("Time"),
            _("Place"),
            _("Item kind"),
            _("Kind"),
            _("Quantity"),
            _("Pledge"),
            _("Delivery"),
            _("Reason"),
            _("By"),
        ],
        [
            [
                m.pk,
                timezone.localtime(m.created_at).strftime("%Y-%m-%d %H:%M"),
                m.place.name,
                m.item_kind.name,
                m.get_kind_display(),
                m.quantity,
                m.pledge_id or "",
                m.delivery_id or "",
                m.reason,
                m.created_by.get_username() if m.created_by else "",
            ]
            for m in movements
        ],
    )
    pledges = (
        Pledge.objects.filter(drive=drive)
        .prefetch_related("items__item_kind")
        .select_related("acknowledgement")
        .order_by("pledged_at", "id")
    )
    _sheet(
        book,
        _("Pledges"),
        [
            _("No."),
            _("Donor"),
            _("Anonymous"),
            _("Goods"),
            _("Cash (recorded)"),
            _("Cash received by"),
            _("Receipt number"),
            _("State"),
            _("Acknowledgement"),
        ],
        [
            [
                p.pk,
                p.donor_name,
                _("yes") if p.is_anonymous else "",
                "、".join(f"{i.item_kind.name}×{i.quantity}" for i in p.items.all()),
                float(p.cash_amount) if p.cash_amount is not None else "",
                p.cash_received_by,
                p.cash_receipt_number,
                p.get_state_display(),
                getattr(getattr(p, "acknowledgement", None), "number", ""),
            ]
            for p in pledges
        ],
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
