"""Public pages: demands and what became of them, the task list, the service catalogue,
the boards and councils' minutes. Everything about people goes through ``participation.public``
(the scrubber)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongzhi.org.choices import Level
from gongzhi.org.models import Node
from gongzhi.participation import public, selectors
from gongzhi.participation.choices import Board, DemandState, PostState, TaskState
from gongzhi.participation.models import BoardPost, DemandPhoto, TaskPhoto
from gongzhi.participation.views.common import month_options, serve_file

PAGE_SIZE = 30


def _filters(request):
    node = None
    code = (request.GET.get("node") or "").strip()[:64]
    if code:
        node = Node.objects.filter(code=code).first()
    month = selectors.parse_month(request.GET.get("month"))
    label = request.GET.get("programme") or None
    if label and not label.isdigit():
        label = None
    return node, month, label


def _nodes():
    return Node.objects.filter(level__in=[Level.COMMUNITY, Level.GRID]).order_by("path")


def _labels():
    from gongzhi.volunteering.models import Label

    return Label.objects.all()


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _base(request, node, month, label):
    return {
        "nodes": _nodes(),
        "labels": _labels(),
        "months": month_options(),
        "node": node,
        "month": request.GET.get("month", ""),
        "programme": label or "",
    }


@require_GET
def demands(request):
    node, month, label = _filters(request)
    state = request.GET.get("state") or None
    if state not in (None, "open", *DemandState.values):
        state = None
    page = _page(
        request, selectors.public_demands(node=node, state=state, month=month, label=label)
    )
    context = _base(request, node, month, label)
    my_supports = selectors.supported_ids(request.user, page.object_list)
    context.update(
        {
            "page": page,
            "items": [public.demand(d) for d in page.object_list],
            "supported": my_supports,
            "totals": selectors.demand_totals(node=node, month=month),
            "state": state or "",
            "states": DemandState.choices,
        }
    )
    return render(request, "participation/public/demands.html", context)


@require_GET
def demand_detail(request, pk):
    demand = selectors.demand_page(pk)
    if demand is None:
        raise Http404
    supported = bool(selectors.supported_ids(request.user, [demand]))
    return render(
        request,
        "participation/public/demand_detail.html",
        {"item": public.demand(demand, detail=True), "demand": demand, "supported": supported},
    )


@require_GET
def tasks(request):
    node, month, label = _filters(request)
    state = request.GET.get("state") or None
    if state not in (None, "open", *TaskState.values):
        state = None
    page = _page(request, selectors.public_tasks(node=node, state=state, label=label, month=month))
    context = _base(request, node, month, label)
    context.update(
        {
            "page": page,
            "items": [public.task(t) for t in page.object_list],
            "totals": selectors.task_totals(node=node),
            "state": state or "",
            "states": TaskState.choices,
        }
    )
    return render(request, "participation/public/tasks.html", context)


@require_GET
def task_detail(request, pk):
    task = selectors.task_page(pk)
    if task is None:
        raise Http404
    return render(
        request, "participation/public/task_detail.html", {"item": public.task(task, detail=True)}
    )


@require_GET
def services(request):
    node, _month, label = _filters(request)
    page = _page(request, selectors.public_services(node=node, label=label))
    context = _base(request, node, None, label)
    context.update({"page": page, "items": [(s, public.service(s)) for s in page.object_list]})
    return render(request, "participation/public/services.html", context)


@require_GET
def service_detail(request, pk):
    entry = selectors.public_services().filter(pk=pk).first()
    if entry is None:
        raise Http404
    return render(
        request,
        "participation/public/service_detail.html",
        {"entry": entry, "item": public.service(entry)},
    )


@require_GET
def boards(request):
    node, month, label = _filters(request)
    board = request.GET.get("board") or None
    if board not in (None, *Board.values):
        board = None
    page = _page(request, selectors.public_posts(board=board, node=node, month=month, label=label))
    context = _base(request, node, month, label)
    context.update(
        {
            "page": page,
            "items": [public.post(p) for p in page.object_list],
            "board": board or "",
            "boards": Board.choices,
        }
    )
    return render(request, "participation/public/boards.html", context)


@require_GET
def post_detail(request, pk):
    post = selectors.public_posts().filter(pk=pk).first()
    if post is None:
        raise Http404
    return render(request, "participation/public/post_detail.html", {"item": public.post(post)})


@require_GET
def post_image(request, pk):
    """The redacted rendition of an approved post; the original is never served here."""
    post = BoardPost.objects.filter(pk=pk, state=PostState.APPROVED).first()
    if post is None or not post.public_image:
        raise Http404
    return serve_file(post.public_image, private=False)


@require_GET
def demand_photo(request, pk, size):
    """Progress and after photos of a demand (the resident's own photos are for staff)."""
    photo = DemandPhoto.objects.filter(pk=pk).exclude(stage="before").first()
    if photo is None or size not in ("full", "thumb"):
        raise Http404
    return serve_file(photo.image if size == "full" else photo.thumbnail, private=False)


@require_GET
def task_photo(request, pk, size):
    photo = TaskPhoto.objects.filter(pk=pk).first()
    if photo is None or size not in ("full", "thumb"):
        raise Http404
    return serve_file(photo.image if size == "full" else photo.thumbnail, private=False)


@require_GET
def councils(request):
    node, month, _label = _filters(request)
    page = _page(request, selectors.public_councils(node=node, month=month))
    context = _base(request, node, month, None)
    context.update({"page": page, "items": [public.council(c) for c in page.object_list]})
    return render(request, "participation/public/councils.html", context)
