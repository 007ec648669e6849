"""The briefing as PDF (reportlab, built-in CJK font STSong-Light) and as Word (python-docx),
both with the 12-month charts and the month's photos as pictures."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import translation
from django.utils.translation import gettext as _

from gongzhi.insights.briefing.builder import BRIEFING_LANGUAGE, plain_text
from gongzhi.insights.briefing.photos import photo_bytes
from gongzhi.insights.charts import png_trend
from gongzhi.insights.registry import KPIS, RATE

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "STSong-Light"


def _charts(view):
    for code, points in (view.content.get("trend") or {}).items():
        kpi = KPIS.get(code)
        if kpi is None:
            continue
        yield str(kpi.name), png_trend(points, percent=kpi.kind == RATE)


def _photos(view):
    """(caption, bytes, width ÷ height) of each of the briefing's photos still in storage."""
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError

    for photo in view.photos():
        data = photo_bytes(photo)
        if data is None:
            continue
        try:
            with PILImage.open(io.BytesIO(data)) as image:
                width, height = image.size
                kind = image.format
        except (UnidentifiedImageError, OSError, PILImage.DecompressionBombError):
            continue
        if width and height and kind in ("JPEG", "PNG"):  # what both documents can embed
            caption = " · ".join(p for p in (photo["caption"], photo["where"]) if p)
            yield caption, data, width / height


def _footer(view) -> str:
    return _("Figures as of %(as_of)s; state: %(state)s.") % {
        "as_of": (view.content.get("as_of") or "")[:16].replace("T", " "),
        "state": view.state,
    }


def briefing_pdf_bytes(view) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    body = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=19, wordWrap="CJK")
    head = ParagraphStyle("head", parent=body, fontSize=14, leading=22, spaceBefore=8)
    title = ParagraphStyle("title", parent=body, fontSize=18, leading=28, alignment=1)
    note = ParagraphStyle("note", parent=body, textColor="#2c5282")
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, title=view.content["title"]
    )
    flow = [Paragraph(escape(view.content["title"]), title), Spacer(1, 6 * mm)]
    with translation.override(BRIEFING_LANGUAGE):
        for block in view.blocks():
            if block["title"]:
                flow.append(Paragraph(escape(block["title"]), head))
            for paragraph in block["paragraphs"]:
                flow.append(Paragraph(escape(plain_text(paragraph)), body))
            if block["note"]:
                for line in block["note"].split("\n"):
                    flow.append(Paragraph(escape(line), note))
        for name, png in _charts(view):
            flow += [Spacer(1, 4 * mm), Paragraph(escape(name), head)]
            flow.append(Image(io.BytesIO(png), width=160 * mm, height=58 * mm))
        photos = list(_photos(view))
        if photos:
            flow.append(Paragraph(escape(_("Photos of the month")), head))
        for caption, data, aspect in photos:
            width = 80 * mm if aspect >= 1 else 60 * mm * aspect
            flow += [Image(io.BytesIO(data), width=width, height=width / aspect)]
            flow.append(Paragraph(escape(caption), body))
        flow += [Spacer(1, 6 * mm), Paragraph(escape(_footer(view)), body)]
    doc.build(flow)
    return out.getvalue()


def briefing_docx_bytes(view) -> bytes:
    from docx import Document
    from docx.shared import Cm

    document = Document()
    document.core_properties.title = view.content["title"]
    document.add_heading(view.content["title"], level=0)
    with translation.override(BRIEFING_LANGUAGE):
        for block in view.blocks():
            if block["title"]:
                document.add_heading(block["title"], level=1)
            for paragraph in block["paragraphs"]:
                document.add_paragraph(plain_text(paragraph))
            if block["note"]:
                for line in block["note"].split("\n"):
                    document.add_paragraph(line)
        for name, png in _charts(view):
            document.add_heading(name, level=2)
            document.add_picture(io.BytesIO(png), width=Cm(16))
        photos = list(_photos(view))
        if photos:
            document.add_heading(_("Photos of the month"), level=1)
        for caption, data, aspect in photos:
            document.add_picture(io.BytesIO(data), width=Cm(8) if aspect >= 1 else Cm(6 * aspect))
            document.add_paragraph(caption)
        document.add_paragraph(_footer(view))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
