"""The volunteer service certificate (志愿服务记录证明) as a PDF, drawn from its snapshot.

The wording follows the certificate form of the national rules on volunteer-service records
and certificates (《志愿服务记录与证明出具办法》); it is an official Chinese document, so its
fixed text is Chinese whatever language the site is shown in. The PDF is built only from the
stored snapshot and with reportlab's invariant mode (no creation time, fixed document id), so
the same certificate always gives the same bytes. reportlab's built-in CID font STSong-Light
draws the Chinese text; no font file is needed.
"""

from __future__ import annotations

import io
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

_BODY = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=20, wordWrap="CJK")
_TITLE = ParagraphStyle("title", parent=_BODY, fontSize=22, leading=30, alignment=TA_CENTER)
_RIGHT = ParagraphStyle("right", parent=_BODY, alignment=TA_RIGHT)
_CELL = ParagraphStyle("cell", parent=_BODY, fontSize=10, leading=14)
_SMALL = ParagraphStyle("small", parent=_BODY, fontSize=9, leading=13, textColor=colors.grey)


def cn_date(iso: str) -> str:
    """2025-03-08 → 2025年3月8日."""
    day = date.fromisoformat(iso)
    return f"{day.year}年{day.month}月{day.day}日"


def _p(text: str, style=_BODY) -> Paragraph:
    return Paragraph(escape(text), style)


def certificate_lines(snapshot: dict) -> dict[str, str]:
    """The sentences printed on the certificate (also used by tests and the HTML preview)."""
    return {
        "title": "志愿服务记录证明",
        "number": f"编号：{snapshot['number']}",
        "body": (
            f"兹证明 {snapshot['name']}（身份证件号码：{snapshot['id_number_masked'] or '未登记'}）"
            f"于 {cn_date(snapshot['period_start'])} 至 {cn_date(snapshot['period_end'])} 期间"
            f"在{snapshot['issuer']}参加志愿服务 {len(snapshot['activities'])} 次，"
            f"累计志愿服务时间 {snapshot['total_hours']} 小时。"
        ),
        "table_intro": "具体志愿服务信息如下：",
        "closing": "特此证明。",
        "issuer": f"出具单位：{snapshot['issuer']}",
        "date": f"出具日期：{cn_date(snapshot['issued_on'])}",
        "free": "本证明依据《志愿服务记录与证明出具办法》免费出具，可凭证明编号向出具单位核验。",
    }


def render_certificate(snapshot: dict) -> bytes:
    """The certificate PDF for a stored snapshot; the same snapshot gives the same bytes."""
    lines = certificate_lines(snapshot)
    rows = [
        [
            _p("序号", _CELL),
            _p("服务日期", _CELL),
            _p("服务内容", _CELL),
            _p("服务时长（小时）", _CELL),
        ]
    ]
    for index, item in enumerate(snapshot["activities"], start=1):
        content = f"{item['title']}（{item['team']}）"
        rows.append(
            [
                _p(str(index), _CELL),
                _p(item["date"], _CELL),
                _p(content, _CELL),
                _p(item["hours"], _CELL),
            ]
        )
    rows.append(
        [_p("", _CELL), _p("", _CELL), _p("合计", _CELL), _p(snapshot["total_hours"], _CELL)]
    )
    table = Table(rows, colWidths=[14 * mm, 28 * mm, 100 * mm, 32 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        invariant=1,
        title=f"志愿服务记录证明 {snapshot['number']}",
        author=snapshot["issuer"],
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
    )
    document.build(
        [
            _p(lines["title"], _TITLE),
            Spacer(1, 4 * mm),
            _p(lines["number"], _RIGHT),
            Spacer(1, 6 * mm),
            _p(lines["body"]),
            Spacer(1, 3 * mm),
            _p(lines["table_intro"]),
            table,
            Spacer(1, 6 * mm),
            _p(lines["closing"]),
            Spacer(1, 10 * mm),
            _p(lines["issuer"], _RIGHT),
            _p(lines["date"], _RIGHT),
            Spacer(1, 10 * mm),
            _p(lines["free"], _SMALL),
        ]
    )
    return buffer.getvalue()
