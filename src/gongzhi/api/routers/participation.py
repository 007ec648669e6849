"""Participation: councils, demands (raise, support), tasks (record progress), the service
catalogue and board posts (post a photo). Each write calls the participation app's service.

Reads of demands, tasks, services and board posts answer the public shape (``participation.
public``, through the scrubber), since that is what the platform publishes anyway; councils
are staff data and are read through the access chokepoint. Photos are multipart uploads.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import File, Form, Path, Query, Router, Schema, Status
from ninja.files import UploadedFile

from gongzhi.api.schemas import error_responses
from gongzhi.org.access import get_for
from gongzhi.org.models import Node
from gongzhi.participation import public, selectors, services
from gongzhi.participation.choices import Board, CouncilState, DemandState, TaskState
from gongzhi.participation.models import Council, Demand, Task

router = Router(tags=["participation"])
READ = error_responses(400, 401, 403, 404)
WRITE = error_responses(400, 401, 403, 404)


class PhotoOut(Schema):
    url: str
    thumb: str


class NoteOut(Schema):
    percent: int
    note: str
    on: str | None


class DemandOut(Schema):
    id: int
    title: str
    node: str
    node_code: str
    state: DemandState
    state_label: str
    progress: int
    supports: int
    raised_by: str
    raised_on: str | None
    done_on: str | None
    url: str
    labels: list[str]


class DemandDetailOut(DemandOut):
    text: str
    answer: str
    completion_note: str
    task_id: int | None
    merged_into: int | None
    case_reference: str | None
    progress_notes: list[NoteOut]
    photos: list[PhotoOut]


class DemandPage(Schema):
    count: int
    done: int
    page: int
    items: list[DemandOut]


class DemandIn(Schema):
    title: str
    text: str
    node: str
    lat: float | None = None
    lon: float | None = None


class TaskOut(Schema):
    id: int
    title: str
    node: str
    node_code: str
    owner: str
    responsible: str
    source: str
    source_label: str
    due_on: str | None
    due_days: int
    progress: int
    state: TaskState
    state_label: str
    url: str
    labels: list[str]


class TaskDetailOut(TaskOut):
    description: str
    cancel_reason: str
    done_on: str | None
    progress_notes: list[NoteOut]
    photos: list[PhotoOut]


class TaskPage(Schema):
    count: int
    page: int
    items: list[TaskOut]


class ProgressIn(Schema):
    percent: int
    note: str


class ServiceOut(Schema):
    id: int
    title: str
    provider: str
    node: str
    node_code: str
    description: str
    audience: str
    audience_label: str
    how_to_request: str
    availability: str
    labels: list[str]


class ServicePage(Schema):
    count: int
    page: int
    items: list[ServiceOut]


class PostOut(Schema):
    id: int
    board: Board
    board_label: str
    node: str
    node_code: str
    caption: str
    posted_on: str | None
    image: str
    width: int
    height: int
    case_reference: str | None


class PostPage(Schema):
    count: int
    page: int
    items: list[PostOut]


class PostIn(Schema):
    board: Board
    node: str
    caption: str


class PostAccepted(Schema):
    id: int
    state: str
    detail: str


class ResolutionOut(Schema):
    text: str
    outcome: str
    task_id: int | None
    done: bool


class CouncilOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    node: str
    node_code: str
    starts_at: str
    place: str
    state: CouncilState
    state_label: str
    minutes: str
    resolutions: list[ResolutionOut]


class CouncilPage(Schema):
    count: int
    page: int
    items: list[CouncilOut]


def _node(code: str | None, field: str = "node"):
    if not code:
        return None
    node = Node.objects.filter(code=code).first()
    if node is None:
        raise ValidationError({field: _("No node with this code.")})
    return node


def _month(value: str | None):
    if not value:
        return None
    month = selectors.parse_month(value)
    if month is None:
        raise ValidationError({"month": _("Give the month as YYYY-MM.")})
    return month


def _slice(qs, page: int, page_size: int):
    offset = (page - 1) * page_size
    return qs[offset : offset + page_size]


PAGE = Query(1, ge=1, le=100_000)
# Ids beyond a 32-bit integer cannot exist; bounding them keeps the database from overflowing.
ID = Path(..., ge=1, le=2_147_483_647)
PAGE_SIZE = Query(50, ge=1, le=200)


@router.get("/councils", response={200: CouncilPage, **READ})
def list_councils(
    request,
    node: str | None = Query(None, max_length=64),
    state: CouncilState | None = None,
    month: str | None = Query(None, max_length=7, description="YYYY-MM"),
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
):
    """Councils the caller may see, newest first."""
    qs = selectors.councils_for(
        request.user, node=_node(node), state=state, month=_month(month)
    ).prefetch_related("resolutions__task", "resolutions__case", "attendances__person")
    items = [public.council(c) for c in _slice(qs, page, page_size)]
    return {"count": qs.count(), "page": page, "items": items}


@router.get("/councils/{council_id}", response={200: CouncilOut, **READ})
def get_council(request, council_id: int = ID):
    council = get_for(request.user, Council, pk=council_id)
    return public.council(selectors.council_detail(council))


@router.get("/demands", response={200: DemandPage, **READ})
def list_demands(
    request,
    node: str | None = Query(None, max_length=64),
    state: str | None = Query(None, max_length=20, description="a state, or open"),
    month: str | None = Query(None, max_length=7, description="YYYY-MM"),
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
):
    """Demands and what became of them (public data, scrubbed), newest first."""
    if state not in (None, "open", *DemandState.values):
        raise ValidationError({"state": _("Unknown state.")})
    node_obj, month_val = _node(node), _month(month)
    qs = selectors.public_demands(node=node_obj, state=state, month=month_val)
    totals = selectors.demand_totals(node=node_obj, month=month_val)
    items = [public.demand(d) for d in _slice(qs, page, page_size)]
    return {"count": qs.count(), "done": totals["done"], "page": page, "items": items}


@router.get("/demands/{demand_id}", response={200: DemandDetailOut, **READ})
def get_demand(request, demand_id: int = ID):
    demand = selectors.demand_page(demand_id)
    if demand is None:
        raise Http404
    return public.demand(demand, detail=True)


@router.post("/demands", response={201: DemandDetailOut, **WRITE})
def raise_demand(request, payload: DemandIn):
    """Raise a demand: a resident for their own area, a grid worker or staff where they serve."""
    node = _node(payload.node)
    if node is None:
        raise ValidationError({"node": _("Choose the area the demand is for.")})
    demand = services.demand_raise(
        title=payload.title,
        text_=payload.text,
        node=node,
        actor=request.user,
        lat=payload.lat,
        lon=payload.lon,
    )
    return Status(201, public.demand(selectors.demand_page(demand.pk), detail=True))


@router.post("/demands/{demand_id}/support", response={200: DemandDetailOut, **WRITE})
def support_demand(request, demand_id: int = ID):
    """Support (附议) a demand, once per account; a second time answers 400."""
    demand = Demand.objects.filter(pk=demand_id).first()
    if demand is None:
        raise Http404
    services.demand_support(demand=demand, actor=request.user)
    return public.demand(selectors.demand_page(demand.pk), detail=True)


@router.get("/tasks", response={200: TaskPage, **READ})
def list_tasks(
    request,
    node: str | None = Query(None, max_length=64),
    state: str | None = Query(None, max_length=20, description="a state, or open"),
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
):
    """The task list: owner, due date, progress and state of every task."""
    if state not in (None, "open", *TaskState.values):
        raise ValidationError({"state": _("Unknown state.")})
    qs = selectors.public_tasks(node=_node(node), state=state)
    items = [public.task(t) for t in _slice(qs, page, page_size)]
    return {"count": qs.count(), "page": page, "items": items}


@router.get("/tasks/{task_id}", response={200: TaskDetailOut, **READ})
def get_task(request, task_id: int = ID):
    task = selectors.task_page(task_id)
    if task is None:
        raise Http404
    return public.task(task, detail=True)


@router.post("/tasks/{task_id}/progress", response={200: TaskDetailOut, **WRITE})
def record_progress(
    request,
    payload: Form[ProgressIn],
    task_id: int = ID,
    photos: File[list[UploadedFile]] | None = None,
):
    """Record a task's progress (percent below 100, a note, evidence photos as ``photos``)."""
    task = get_for(request.user, Task, pk=task_id)
    services.task_progress(
        task=task,
        percent_done=payload.percent,
        note=payload.note,
        # Read from the request itself: every file sent as ``photos`` counts.
        photos=request.FILES.getlist("photos"),
        actor=request.user,
    )
    return public.task(selectors.task_page(task.pk), detail=True)


@router.get("/services", response={200: ServicePage, **READ})
def list_services(
    request,
    node: str | None = Query(None, max_length=64),
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
):
    """The service catalogue: what each party offers."""
    qs = selectors.public_services(node=_node(node))
    items = [public.service(s) for s in _slice(qs, page, page_size)]
    return {"count": qs.count(), "page": page, "items": items}


@router.get("/services/{service_id}", response={200: ServiceOut, **READ})
def get_service(request, service_id: int = ID):
    entry = selectors.public_services().filter(pk=service_id).first()
    if entry is None:
        raise Http404
    return public.service(entry)


@router.get("/boards/posts", response={200: PostPage, **READ})
def list_posts(
    request,
    board: Board | None = None,
    node: str | None = Query(None, max_length=64),
    month: str | None = Query(None, max_length=7, description="YYYY-MM"),
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
):
    """Approved board posts; ``image`` is the redacted rendition."""
    qs = selectors.public_posts(board=board, node=_node(node), month=_month(month))
    items = [public.post(p) for p in _slice(qs, page, page_size)]
    return {"count": qs.count(), "page": page, "items": items}


@router.get("/boards/posts/{post_id}", response={200: PostOut, **READ})
def get_post(request, post_id: int = ID):
    post = selectors.public_posts().filter(pk=post_id).first()
    if post is None:
        raise Http404
    return public.post(post)


@router.post("/boards/posts", response={202: PostAccepted, **WRITE})
def create_post(request, payload: Form[PostIn], photo: File[UploadedFile]):
    """Post one photo with a caption; it is public only once a moderator approves it (202)."""
    node = _node(payload.node)
    post = services.post_create(
        board=payload.board, node=node, caption=payload.caption, photo=photo, actor=request.user
    )
    return Status(
        202,
        {"id": post.pk, "state": post.state, "detail": _("Waiting for moderation.")},
    )


def task_payload(task) -> dict:
    """A task event's object for webhooks."""
    return {
        "title": task.title,
        "state": task.state,
        "progress": task.progress_percent,
        "node": task.node.code,
        "owner": task.owner_name,
        "due_at": task.due_at.isoformat(),
    }


def demand_payload(demand) -> dict:
    """A demand event's object for webhooks (no resident data)."""
    return {
        "state": demand.state,
        "progress": demand.progress_percent,
        "node": demand.node.code,
        "supports": demand.support_count,
        "task_id": demand.task_id,
    }


def register_payloads(builders: dict) -> None:
    builders["participation.task"] = task_payload
    builders["participation.demand"] = demand_payload
