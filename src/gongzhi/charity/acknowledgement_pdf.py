"""The donor acknowledgement (捐赠证书) as a PDF, drawn from its stored snapshot.

Like the volunteer service certificate, it is a Chinese document whatever language the site is
shown in; reportlab's built-in CID font STSong-Light draws the text (no font file needed), and
invariant mode makes the same snapshot give the same bytes. The number and check code let
anyone verify it on the public page.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from gongzhi.volunteering.certificate_pdf import FONT, cn_date

_BODY = ParagraphStyle("ack-body", fontName=FONT, fontSize=12, leading=20, wordWrap="CJK")
_TITLE = ParagraphStyle("ack-title", parent=_BODY, fontSize=22, leading=30, alignment=TA_CENTER)
_RIGHT = ParagraphStyle("ack-right", parent=_BODY, alignment=TA_RIGHT)
_CELL = ParagraphStyle("ack-cell", parent=_BODY, fontSize=10, leading=14)
_SMALL = ParagraphStyle("ack-small", parent=_BODY, fontSize=9, leading=13, textColor=colors.grey)


def _p(text: str, style=_BODY) -> Paragraph:
    return Paragraph(escape(text), style)


def acknowledgement_lines(snapshot: dict, check_code: str, verify_url: str = "") -> dict:
    """The sentences printed on the acknowledgement (also used by tests)."""
    gifts = "、".join(f"{i['name']}{i['quantity']}{i['unit']}" for i in snapshot["items"])
    cash = snapshot.get("cash_amount")
    parts = [p for p in (gifts, f"善款人民币{cash}元" if cash else "") if p]
    body = (
        f"感谢 {snapshot['donor']} 为“{snapshot['drive']}”捐赠{'，'.join(parts)}。"
        "您的爱心将用于活动所述受助对象，物资去向可在公开页面查询。"
    )
    lines = {
        "title": "捐赠证书",
        "number": f"编号：{snapshot['number']}　校验码：{check_code}",
        "body": body,
        "issuer": f"出具单位：{snapshot['issuer']}",
        "date": f"出具日期：{cn_date(snapshot['issued_on'])}",
        "verify": "凭编号与校验码可在社区公开页面核验本证书。"
        + (f" {verify_url}" if verify_url else ""),
    }
    if cash and snapshot.get("cash_receipt_number"):
        lines["cash"] = (
            f"善款由{snapshot.get('cash_received_by') or '受托单位'}收取，"
            f"收据号 {snapshot['cash_receipt_number']}；本平台不经手资金。"
        )
    return lines


def render_acknowledgement(snapshot: dict, check_code: str, verify_url: str = "") -> bytes:
    lines = acknowledgement_lines(snapshot, check_code, verify_url)
    rows = [[_p("物资", _CELL), _p("数量", _CELL), _p("单位", _CELL)]]
    for item in snapshot["items"]:
        rows.append(
            [_p(item["name"], _CELL), _p(str(item["quantity"]), _CELL), _p(item["unit"], _CELL)]
        )
    flow = [
        _p(lines["title"], _TITLE),
        Spacer(1, 4 * mm),
        _p(lines["number"], _RIGHT),
        Spacer(1, 6 * mm),
        _p(lines["body"]),
        Spacer(1, 4 * mm),
    ]
    if snapshot["items"]:
        table = Table(rows, colWidths=[90 * mm, 40 * mm, 40 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ]
            )
        )
        flow += [table, Spacer(1, 4 * mm)]
    if "cash" in lines:
        flow.append(_p(lines["cash"]))
    flow += [
        Spacer(1, 10 * mm),
        _p(lines["issuer"], _RIGHT),
        _p(lines["date"], _RIGHT),
        Spacer(1, 10 * mm),
        _p(lines["verify"], _SMALL),
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        invariant=1,
        title=f"捐赠证书 {snapshot['number']}",
        author=snapshot["issuer"],
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
    ).build(flow)
    return buffer.getvalue()
