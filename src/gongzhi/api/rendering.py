"""The API's JSON renderer: ``gongzhi.core.jsonout`` with django-ninja's encoder for what orjson
leaves to it (datetimes in Django's format, pydantic models, URLs, addresses)."""

from __future__ import annotations

from typing import Any

from ninja.renderers import BaseRenderer
from ninja.responses import NinjaJSONEncoder

from gongzhi.core import jsonout

_default = NinjaJSONEncoder().default


def dumps(data: Any) -> bytes:
    """``data`` as the API writes it."""
    return jsonout.dumps(data, _default)


class Renderer(BaseRenderer):
    media_type = "application/json"

    def render(self, request, data: Any, *, response_status: int) -> bytes:
        return dumps(data)
