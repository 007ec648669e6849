"""Refuse NUL characters at the door of the machine interfaces.

No text the platform stores may hold NUL (U+0000): PostgreSQL refuses it outright, so a NUL
smuggled into a query parameter, a path or a body would otherwise surface as a server error
deep inside a query. The API and Open311 answer 400 in their own error shapes instead.
"""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from django.http import JsonResponse
from django.utils.translation import gettext as _

PREFIXES = ("/api/", "/open311/")


def _has_nul(request) -> bool:
    if "\x00" in request.path_info:
        return True
    if b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", "")):
        return True
    multipart = request.content_type.startswith("multipart/")  # photos hold NUL bytes
    if request.method in ("POST", "PUT", "PATCH") and not multipart:
        body = request.body
        if b"\x00" in body or b"\\u0000" in body:
            return True
        if b"%00" in body and b"\x00" in unquote_to_bytes(body):
            return True
    return False


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(PREFIXES) and _has_nul(request):
            message = _("The request contains a NUL character, which no field may hold.")
            if request.path_info.startswith("/open311/"):
                from gongzhi.open311.render import error

                fmt = "xml" if request.path_info.endswith(".xml") else "json"
                return error(fmt, 400, message)
            return JsonResponse({"detail": message, "errors": []}, status=400)
        return self.get_response(request)
