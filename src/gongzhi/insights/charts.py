"""Charts drawn on the server: SVG for the pages (no script, no CDN, scales to a phone) and PNG
(Pillow) for the PDF and Word exports. Labels in the PNGs are digits only, so no CJK font is
needed there; the exports print the names beside the chart.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw

BLUE = "#2b6cb0"
GREY = "#a0aec0"
RED = "#c53030"


def _scale(values):
    top = max([v for v in values if v is not None] or [0])
    return top if top > 0 else 1


def svg_trend(points: list[dict], *, label: str, percent: bool = False) -> str:
    """A 12-month column chart: ``points`` = [{"period": "YYYY-MM", "value": v}, …]."""
    width, height, pad = 360, 140, 22
    values = [p["value"] for p in points]
    top = _scale(values)
    step = (width - 2 * pad) / max(len(points), 1)
    bars = []
    for i, p in enumerate(points):
        v = p["value"]
        x = pad + i * step
        if v is None:
            bars.append(f'<text x="{x + step / 2:.1f}" y="{height - pad - 2}" class="na">–</text>')
            continue
        h = (height - 2 * pad) * (v / top)
        text = f"{v * 100:.0f}%" if percent else f"{v:g}"
        bars.append(
            f'<rect x="{x + 2:.1f}" y="{height - pad - h:.1f}" width="{step - 4:.1f}" '
            f'height="{h:.1f}" fill="{BLUE}"><title>{escape(p["period"])}: {escape(text)}</title>'
            f"</rect>"
        )
        bars.append(
            f'<text x="{x + step / 2:.1f}" y="{height - pad - h - 3:.1f}" class="v">{escape(text)}'
            "</text>"
        )
    months = "".join(
        f'<text x="{pad + i * step + step / 2:.1f}" y="{height - 6}" class="m">'
        f"{escape(p['period'][5:])}</text>"
        for i, p in enumerate(points)
    )
    return (
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" '
        f'class="chart" xmlns="http://www.w3.org/2000/svg">'
        "<style>.v,.m,.na{font-size:9px;text-anchor:middle;fill:#4a5568}</style>"
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
        f'stroke="{GREY}"/>{"".join(bars)}{months}</svg>'
    )


def svg_ranking(rows: list[tuple[str, float | None, str]], *, percent=True) -> str:
    """Horizontal bars, one per child node: (name, value, link)."""
    width, row_h = 360, 22
    height = row_h * max(len(rows), 1) + 6
    top = 1 if percent else _scale([v for _, v, _ in rows])
    out = []
    for i, (name, value, link) in enumerate(rows):
        y = 3 + i * row_h
        w = 0 if value is None else 200 * value / top
        text = "—" if value is None else (f"{value * 100:.1f}%" if percent else f"{value:g}")
        colour = RED if value is not None and percent and value < 0.8 else BLUE
        bar = (
            f'<rect x="110" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" fill="{colour}"/>'
            f'<text x="{114 + w:.1f}" y="{y + row_h - 7}" class="v">{escape(text)}</text>'
        )
        label = f'<text x="105" y="{y + row_h - 7}" class="n">{escape(name[:8])}</text>'
        out.append(f'<a href="{escape(link)}">{label}{bar}</a>' if link else label + bar)
    return (
        f'<svg viewBox="0 0 {width} {height}" class="chart" xmlns="http://www.w3.org/2000/svg">'
        "<style>.v{font-size:10px;fill:#2d3748}.n{font-size:11px;text-anchor:end;fill:#2d3748}"
        f"</style>{''.join(out)}</svg>"
    )


def _rings(geometry):
    if not geometry:
        return []
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry.get("type") == "MultiPolygon":
        return [poly[0] for poly in geometry["coordinates"]]
    return []


def svg_map(areas: list[dict], *, percent: bool) -> str:
    """Child nodes' outlines coloured by a value: [{"name", "boundary", "value", "link"}]."""
    rings = [(a, r) for a in areas for r in _rings(a.get("boundary"))]
    if not rings:
        return ""
    xs = [x for _, r in rings for x, _y in r]
    ys = [y for _, r in rings for _x, y in r]
    minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
    span = max(maxx - minx, maxy - miny) or 1
    size = 300
    values = [a["value"] for a in areas if a["value"] is not None]
    top = 1 if percent else (max(values) if values else 1) or 1
    shapes = []
    for area, ring in rings:
        pts = " ".join(
            f"{(x - minx) / span * size:.1f},{(maxy - y) / span * size:.1f}" for x, y in ring
        )
        value = area["value"]
        if value is None:
            fill = "#edf2f7"
        else:
            share = max(0.0, min(1.0, value / top))
            fill = f"rgb({int(235 - 190 * share)},{int(244 - 136 * share)},{int(255 - 79 * share)})"
        text = "—" if value is None else (f"{value * 100:.1f}%" if percent else f"{value:g}")
        shape = (
            f'<polygon points="{pts}" fill="{fill}" stroke="#4a5568" stroke-width="0.8">'
            f"<title>{escape(area['name'])}: {escape(text)}</title></polygon>"
        )
        shapes.append(
            f'<a href="{escape(area["link"])}">{shape}</a>' if area.get("link") else shape
        )
    height = (maxy - miny) / span * size
    return (
        f'<svg viewBox="-2 -2 {size + 4} {height + 4:.1f}" class="chart map" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(shapes)}</svg>'
    )


def png_trend(points: list[dict], *, percent: bool = False) -> bytes:
    """The 12-month column chart as a PNG for the exports."""
    width, height, pad = 720, 260, 30
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    values = [p["value"] for p in points]
    top = _scale(values)
    step = (width - 2 * pad) / max(len(points), 1)
    draw.line([(pad, height - pad), (width - pad, height - pad)], fill=GREY, width=2)
    for i, p in enumerate(points):
        x = pad + i * step
        draw.text((x + step / 2 - 6, height - pad + 6), p["period"][5:], fill="#4a5568")
        if p["value"] is None:
            continue
        h = (height - 2 * pad) * (p["value"] / top)
        draw.rectangle([x + 4, height - pad - h, x + step - 4, height - pad], fill=BLUE)
        text = f"{p['value'] * 100:.0f}%" if percent else f"{p['value']:g}"
        draw.text((x + 6, height - pad - h - 14), text, fill="#2d3748")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
