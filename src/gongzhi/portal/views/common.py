"""Helpers the portal's views share."""

from __future__ import annotations

from django.core.paginator import Paginator

PAGE_SIZE = 20


def paginate(request, items, per_page: int = PAGE_SIZE):
    """The requested page and the query string without ``page`` (for the page links)."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
