"""Answers in the two formats GeoReport v2 defines: JSON arrays and XML with the spec's names."""

from __future__ import annotations

import re
from datetime import datetime
from xml.etree import ElementTree as ET

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise

from gongzhi.core import jsonout

FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}

# In XML a list value becomes a wrapper element holding one child per item, named here.
LIST_ITEM_NAMES = {
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "notes": "note",
}


# Characters XML 1.0 cannot carry at all; a report's text may hold them (pasted from anywhere).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def w3c(value: datetime | None) -> str | None:
    """2026-11-29T10:05:00+08:00 — W3C datetime in the site's zone, with its offset."""
    if value is None:
        return None
    # The site's zone (TIME_ZONE; no request activates another); not localtime(), which looks
    # the active zone up again for each of the three datetimes of every row of a page.
    return value.astimezone(timezone.get_default_timezone()).isoformat(timespec="seconds")


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return w3c(value)
    return "" if value is None else _NOT_XML.sub("\ufffd", str(value))


def _append(parent: ET.Element, name: str, value) -> None:
    element = ET.SubElement(parent, name)
    if isinstance(value, dict):
        for key, child in value.items():
            _append(element, key, child)
    elif isinstance(value, list):
        item_name = LIST_ITEM_NAMES.get(name, "item")
        for child in value:
            _append(element, item_name, child)
    else:
        element.text = _text(value)


def to_xml(root_name: str, item_name: str | None, payload) -> bytes:
    root = ET.Element(root_name)
    if item_name is None:
        for key, value in payload.items():
            _append(root, key, value)
    else:
        for item in payload:
            _append(root, item_name, item)
    # The FixMyStreet spec ("Encoding") asks for the declaration with encoding="UTF-8".
    body = ET.tostring(root, encoding="unicode").encode("utf-8")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _json_default(value):
    if isinstance(value, datetime):
        return w3c(value)
    if isinstance(value, Promise):  # a lazily translated label
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def respond(
    fmt: str, root_name: str, item_name: str | None, payload, status: int = 200
) -> HttpResponse:
    """``payload`` is a list of dicts (or a dict when ``item_name`` is None, as for discovery)."""
    if fmt == "xml":
        body = to_xml(root_name, item_name, payload)
    else:
        body = jsonout.dumps(payload, _json_default)
    return HttpResponse(body, status=status, content_type=FORMATS.get(fmt, FORMATS["json"]))


def error(fmt: str, status: int, description: str, code: int | None = None) -> HttpResponse:
    """The spec's error shape: [{"code": 400, "description": "..."}] / <errors><error>…"""
    return respond(
        fmt, "errors", "error", [{"code": code or status, "description": description}], status
    )
