"""The stored basemap as PNG tiles, for maps that take an ordinary tile URL (the staff case
map): the same data and colours as ``portal/basemap.js``, drawn with Pillow at twice the size
and scaled down (smooth edges). Beyond the deepest stored zoom the deepest tile is cut and
enlarged, so streets stay sharp at every zoom."""

from __future__ import annotations

import io
import json

from PIL import Image, ImageDraw

SIZE = 256
SCALE = 2
LAND = (242, 239, 233)
FILL = {"water": (170, 211, 223), "green": (216, 232, 200), "building": (217, 208, 201)}
OUTLINE = {"building": (194, 181, 169)}
LINES = {
    "river": ((170, 211, 223), 3, None),
    "path": ((255, 255, 255), 1.2, None),
    "minor": ((255, 255, 255), 3, (210, 203, 194)),
    "major": ((252, 214, 164), 5, (217, 168, 107)),
}


def _points(flat, factor, ox, oy):
    k = SCALE * factor
    return [((flat[i] - ox) * k, (flat[i + 1] - oy) * k) for i in range(0, len(flat) - 1, 2)]


def render(doc: dict | None, *, factor: int = 1, ox: float = 0, oy: float = 0) -> bytes:
    """A PNG of one tile's document; ``factor``/``ox``/``oy`` cut and enlarge a part of it."""
    image = Image.new("RGB", (SIZE * SCALE, SIZE * SCALE), LAND)
    draw = ImageDraw.Draw(image)
    doc = doc or {}
    for kind, rings in doc.get("a", []):
        for index, ring in enumerate(rings):
            points = _points(ring, factor, ox, oy)
            if len(points) < 3:
                continue
            # Holes (inner rings) are drawn in the land colour.
            fill = FILL.get(kind, (221, 221, 221)) if index == 0 else LAND
            draw.polygon(points, fill=fill, outline=OUTLINE.get(kind) if index == 0 else None)
    width_scale = SCALE * max(0.6, min(2.0, float(factor)))
    for casing_pass in (True, False):
        for kind, line in doc.get("l", []):
            colour, width, casing = LINES.get(kind, (None, 0, None))
            if colour is None or (casing_pass and casing is None):
                continue
            points = _points(line, factor, ox, oy)
            if len(points) < 2:
                continue
            w = (width + (1.5 if casing_pass else 0)) * width_scale
            draw.line(
                points,
                fill=casing if casing_pass else colour,
                width=max(1, round(w)),
                joint="curve",
            )
    image = image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.quantize(colors=64).save(out, "PNG", optimize=True)
    return out.getvalue()


def render_tile(z: int, x: int, y: int) -> bytes | None:
    """The PNG for z/x/y, or None when there is no stored basemap at all."""
    from gongzhi.portal.selectors import basemap_extent, basemap_tile

    extent = basemap_extent()
    if extent is None:
        return None
    deepest = extent["maxZoom"]
    if z <= deepest:
        data = basemap_tile(z, x, y)
        return render(json.loads(data) if data else None)
    factor = 2 ** (z - deepest)
    data = basemap_tile(deepest, x // factor, y // factor)
    ox = (x % factor) * SIZE / factor
    oy = (y % factor) * SIZE / factor
    return render(json.loads(data) if data else None, factor=factor, ox=ox, oy=oy)
