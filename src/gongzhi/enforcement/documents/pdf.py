"""PDF rendering of a document snapshot with reportlab's built-in CJK font (no font files).

Rendering is deterministic (``invariant``): the same snapshot gives the same bytes.
"""

from __future__ import annotations

import io
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from gongzhi.enforcement.documents.wording import body, chinese_date, party_lines

FONT = "STSong-Light"


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    base = ParagraphStyle("base", fontName=FONT, fontSize=12, leading=20, wordWrap="CJK")
    return {
        "authority": ParagraphStyle(
            "authority", parent=base, fontSize=18, leading=26, alignment=TA_CENTER
        ),
        "title": ParagraphStyle("title", parent=base, fontSize=20, leading=30, alignment=TA_CENTER),
        "number": ParagraphStyle("number", parent=base, alignment=TA_RIGHT),
        "line": base,
        "para": ParagraphStyle("para", parent=base, firstLineIndent=24),
        "basis": ParagraphStyle("basis", parent=base, firstLineIndent=24),
        "sign": ParagraphStyle("sign", parent=base, alignment=TA_RIGHT),
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=14),
    }


def _p(text: str, style) -> Paragraph:
    # Everything printed comes from data people typed: escape it for reportlab's mini-markup.
    return Paragraph(escape(text), style)


def render_pdf(snapshot: dict) -> bytes:
    """The document as PDF bytes."""
    styles = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=25 * mm,
        bottomMargin=20 * mm,
        title=f"{snapshot['title']} {snapshot['number']}",
        author=snapshot["authority"]["name"],
        invariant=1,
    )
    story = [
        _p(snapshot["authority"]["name"], styles["authority"]),
        _p(snapshot["title"], styles["title"]),
        _p(snapshot["number"], styles["number"]),
        Spacer(1, 6 * mm),
    ]
    story += [_p(line, styles["line"]) for line in party_lines(snapshot)]
    story.append(Spacer(1, 4 * mm))
    story += [_p(text, styles[role]) for role, text in body(snapshot)]
    story.append(Spacer(1, 12 * mm))
    story.append(_p(snapshot["authority"]["name"] + "(印章)", styles["sign"]))
    story.append(_p(chinese_date(snapshot["issued_on"]), styles["sign"]))
    authority = snapshot["authority"]
    contact = "  ".join(
        part
        for part in (
            f"地址:{authority['address']}" if authority.get("address") else "",
            f"联系电话:{authority['phone']}" if authority.get("phone") else "",
        )
        if part
    )
    story.append(Spacer(1, 10 * mm))
    if contact:
        story.append(_p(contact, styles["small"]))
    story.append(_p(f"案卷编号:{snapshot['record']}", styles["small"]))
    doc.build(story)
    return buffer.getvalue()
