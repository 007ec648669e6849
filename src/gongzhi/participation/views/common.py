"""What the participation views share: running a service and showing its errors, photos."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from gongzhi.org.models import Node


def errors_of(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {field: list(msgs) for field, msgs in exc.message_dict.items()}
    return {"__all__": list(exc.messages)}


def attempt(request, func, *, success: str = "", **kwargs):
    """Call the service ``func``; on ``ValidationError`` return ``(None, errors)``."""
    try:
        result = func(**kwargs)
    except ValidationError as exc:
        errors = errors_of(exc)
        for field, msgs in errors.items():
            for msg in msgs:
                messages.error(request, msg if field in ("__all__", "state") else f"{msg}")
        return None, errors
    if success:
        messages.success(request, success)
    return result, {}


def node_from(request, name: str = "node", *, required: bool = True):
    """A node by its code in POST/GET; ``ValidationError`` naming the field otherwise."""
    code = (request.POST.get(name) or request.GET.get(name) or "").strip()
    if not code:
        if required:
            raise ValidationError({name: _("Choose the area.")})
        return None
    node = Node.objects.filter(code=code[:64]).first()
    if node is None:
        raise ValidationError({name: _("No area has this code.")})
    return node


def serve_file(field, *, private: bool) -> FileResponse:
    if not field:
        raise Http404
    try:
        handle = field.storage.open(field.name, "rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600" if private else "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def month_options(count: int = 12) -> list[str]:
    from django.utils import timezone

    today = timezone.localdate()
    months = []
    year, month = today.year, today.month
    for _i in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months
