"""Case photos, served to those who may see the case (photos are not public files)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from gongzhi.cases.selectors import photo_for


@login_required
@require_GET
def photo(request, pk, size):
    """The photo (``full``) or its thumbnail (``thumb``) as JPEG."""
    if size not in ("full", "thumb"):
        raise Http404
    item = photo_for(request.user, pk)
    field = item.image if size == "full" else item.thumbnail
    try:
        handle = field.storage.open(field.name, "rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=86400"
    return response
