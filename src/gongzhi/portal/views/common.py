"""Helpers the portal's views share: pagination, public caching."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.cache import patch_cache_control, patch_vary_headers

PAGE_SIZE = 20


def paginate(request, items, per_page: int = PAGE_SIZE):
    """The requested page and the query string without ``page`` (for the page links)."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def public_cache(request, response, seconds: int = 60):
    """Let browsers and proxies keep an anonymous answer briefly; never a signed-in one."""
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=seconds)
    patch_vary_headers(response, ["Cookie"])
    return response
