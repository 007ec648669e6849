"""Staff pages (desktop first): councils from planning to closing, monthly compliance, the
demand queue, the task list, the service catalogue's requests and board moderation.

Each action is a POST to ``…/<pk>/<action>/`` that calls one service; a refused action comes
back as a message naming the field, and nothing is written.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongzhi.org.access import get_for
from gongzhi.org.models import Party, Person
from gongzhi.participation import codes, selectors, services
from gongzhi.participation.choices import (
    DEMAND_OPEN,
    TASK_OPEN,
    CouncilKind,
    CouncilState,
    DemandState,
    PostState,
    TaskState,
)
from gongzhi.participation.models import (
    AgendaItem,
    BoardPost,
    Council,
    Demand,
    Invitation,
    Resolution,
    ServiceRequest,
    Task,
)
from gongzhi.participation.permissions import (
    ATTENDANCE,
    MANAGE,
    MODERATE,
    VIEW,
    may,
    may_progress_task,
)
from gongzhi.participation.views.common import errors_of, month_options, node_from


def _require_any(user, permission):
    from gongzhi.org.access import user_scope

    scope = user_scope(user)
    if not (scope.is_global or scope.paths_for(permission)):
        raise Http404


def _category(request):
    from gongzhi.cases.models import Category

    code = (request.POST.get("category") or "").strip()
    category = Category.objects.filter(code=code[:40], is_group=False, is_active=True).first()
    if category is None:
        raise ValidationError({"category": _("Choose a category from the list.")})
    return category


def _categories():
    from gongzhi.cases.models import Category

    return Category.objects.filter(is_group=False, is_active=True).order_by("code")


def _party(request, name="owner_party"):
    value = (request.POST.get(name) or "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise ValidationError({name: _("Choose a party from the list.")})
    party = Party.objects.filter(pk=int(value), is_active=True).first()
    if party is None:
        raise ValidationError({name: _("Choose a party from the list.")})
    return party


def _person(request, node, name="person"):
    value = (request.POST.get(name) or "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise ValidationError({name: _("Choose a person from the list.")})
    person = Person.objects.filter(pk=int(value)).select_related("node").first()
    if person is None or not person.node.path.startswith(node.path[:12]):
        raise ValidationError({name: _("This person belongs to another community.")})
    return person


def _parties_for(node):
    from gongzhi.org.selectors import parties_serving

    return sorted(
        {b.party for f in parties_serving(node) for b in f.bindings},
        key=lambda p: (p.force, p.name),
    )


# --- councils -------------------------------------------------------------------------------


@login_required
@require_GET
def staff_home(request):
    _require_any(request.user, VIEW)
    month = selectors.parse_month(request.GET.get("month"))
    state = request.GET.get("state") or None
    if state not in (None, *CouncilState.values):
        state = None
    qs = selectors.councils_for(request.user, state=state, month=month)
    page = Paginator(qs, 40).get_page(request.GET.get("page"))
    return render(
        request,
        "participation/staff/councils.html",
        {
            "page": page,
            "months": month_options(),
            "month": request.GET.get("month", ""),
            "state": state or "",
            "states": CouncilState.choices,
            "may_plan": bool(list(selectors.nodes_for_choice(request.user, MANAGE)[:1])),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_new(request):
    nodes = selectors.nodes_for_choice(request.user, MANAGE)
    if not nodes.exists():
        raise Http404
    errors, values = {}, request.POST if request.method == "POST" else {}
    if request.method == "POST":
        try:
            node = node_from(request)
            starts = parse_datetime(request.POST.get("starts_at", "") or "")
            if starts is not None and timezone.is_naive(starts):
                starts = timezone.make_aware(starts)
            council = services.council_create(
                node=node,
                kind=request.POST.get("kind", CouncilKind.MONTHLY),
                title=request.POST.get("title", ""),
                starts_at=starts,
                place=request.POST.get("place", ""),
                actor=request.user,
            )
        except ValidationError as exc:
            errors = errors_of(exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The council is planned."))
            return redirect("participation:council_detail", pk=council.pk)
    return render(
        request,
        "participation/staff/council_form.html",
        {"nodes": nodes, "kinds": CouncilKind.choices, "errors": errors, "values": values},
        status=400 if errors else 200,
    )


@login_required
@require_GET
def council_detail(request, pk):
    council = get_for(request.user, Council, pk=pk)
    council = selectors.council_detail(council)
    manage = may(request.user, MANAGE, council.node)
    url = request.build_absolute_uri(
        reverse("participation:attend", args=[codes.qr_token(council.pk)])
    )
    return render(
        request,
        "participation/staff/council_detail.html",
        {
            "council": council,
            "manage": manage,
            "may_attendance": may(request.user, ATTENDANCE, council.node),
            "qr_svg": codes.qr_svg(url),
            "qr_url": url,
            "parties": _parties_for(council.node) if manage else [],
            "categories": _categories() if manage else [],
            "people": Person.objects.filter(node__path__startswith=council.node.path).order_by(
                "name"
            )[:500]
            if manage or may(request.user, ATTENDANCE, council.node)
            else [],
        },
    )


def _council_action(request, council, action):
    user = request.user
    post = request.POST
    if action == "notice":
        return services.council_send_notice(council=council, actor=user), _("Notice sent.")
    if action == "invite_forces":
        n = services.council_invite_forces(council=council, actor=user)
        return n, _("%(n)d parties invited.") % {"n": n}
    if action == "invite_person":
        person = _person(request, council.node)
        if person is None:
            raise ValidationError({"person": _("Choose a person from the list.")})
        return services.council_invite_person(council=council, person=person, actor=user), _(
            "Invited."
        )
    if action == "agenda":
        return services.agenda_item_add(
            council=council,
            title=post.get("title", ""),
            description=post.get("description", ""),
            actor=user,
        ), _("Agenda item added.")
    if action == "held":
        return services.council_mark_held(council=council, actor=user), _("Marked as held.")
    if action == "discussion":
        item = AgendaItem.objects.filter(pk=_int(post.get("item")), council=council).first()
        if item is None:
            raise ValidationError({"item": _("Choose an agenda item of this council.")})
        return services.agenda_discussion_set(
            item=item, discussion=post.get("discussion", ""), actor=user
        ), _("Discussion recorded.")
    if action == "resolution":
        item = AgendaItem.objects.filter(pk=_int(post.get("item")), council=council).first()
        return services.resolution_add(
            council=council, text_=post.get("text", ""), agenda_item=item, actor=user
        ), _("Resolution recorded.")
    if action in ("to_task", "to_case"):
        resolution = Resolution.objects.filter(
            pk=_int(post.get("resolution")), council=council
        ).first()
        if resolution is None:
            raise ValidationError({"resolution": _("Choose a resolution of this council.")})
        if action == "to_task":
            return services.resolution_to_task(
                resolution=resolution,
                due_days=post.get("due_days", ""),
                owner_party=_party(request),
                owner_name=post.get("owner_name", ""),
                responsible=_person(request, council.node, "responsible"),
                title=post.get("title", ""),
                actor=user,
            ), _("The resolution is on the task list.")
        return services.resolution_to_case(
            resolution=resolution, category=_category(request), actor=user
        ), _("The resolution is now a case.")
    if action == "attend":
        person = _person(request, council.node)
        if person is None:
            raise ValidationError({"person": _("Choose a person from the list.")})
        (_att, created) = services.attendance_record(
            council=council, person=person, method="manual", actor=user
        )
        return _att, (_("Attendance recorded.") if created else _("Already recorded as present."))
    if action == "party_present":
        invitation = Invitation.objects.filter(
            pk=_int(post.get("invitation")), council=council
        ).first()
        if invitation is None:
            raise ValidationError({"invitation": _("Choose an invitation of this council.")})
        return services.invitation_mark_present(
            invitation=invitation, present=post.get("present") != "0", actor=user
        ), _("Saved.")
    if action == "minutes":
        return services.council_publish_minutes(
            council=council, minutes=post.get("minutes", ""), actor=user
        ), _("The minutes are published.")
    if action == "close":
        return services.council_close(council=council, actor=user), _("The council is closed.")
    if action == "cancel":
        return services.council_cancel(
            council=council, reason=post.get("reason", ""), actor=user
        ), _("The council is cancelled.")
    raise Http404


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _run(request, func):
    try:
        _result, message = func()
    except ValidationError as exc:
        for msgs in errors_of(exc).values():
            for msg in msgs:
                messages.error(request, msg)
        return False
    except PermissionDenied:
        messages.error(request, _("You may not do this here."))
        return False
    messages.success(request, message)
    return True


@login_required
@require_POST
def council_act(request, pk, action):
    council = get_for(request.user, Council, pk=pk)
    _run(request, lambda: _council_action(request, council, action))
    nxt = request.POST.get("next", "")
    if nxt.startswith("/") and not nxt.startswith("//"):
        return redirect(nxt)
    return redirect("participation:council_detail", pk=council.pk)


@login_required
@require_GET
def compliance(request):
    _require_any(request.user, VIEW)
    nodes = selectors.nodes_for_choice(request.user, VIEW).filter(level="community")
    code = request.GET.get("node") or ""
    node = nodes.filter(code=code[:64]).first() or nodes.first()
    if node is None:
        raise Http404
    # By default the last full month: the current one is still under way.
    last = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    month = selectors.parse_month(request.GET.get("month")) or (last.year, last.month)
    report = selectors.monthly_compliance(node=node, year=month[0], month=month[1])
    return render(
        request,
        "participation/staff/compliance.html",
        {
            "report": report,
            "nodes": nodes,
            "node": node,
            "months": month_options(),
            "month": f"{month[0]:04d}-{month[1]:02d}",
        },
    )


# --- demands ---------------------------------------------------------------------------------


@login_required
@require_GET
def staff_demands(request):
    _require_any(request.user, VIEW)
    state = request.GET.get("state") or "open"
    if state not in ("open", *DemandState.values):
        state = "open"
    page = Paginator(selectors.staff_demands(request.user, state=state), 40).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "participation/staff/demands.html",
        {"page": page, "state": state, "states": DemandState.choices},
    )


@login_required
@require_GET
def demand_manage(request, pk):
    demand = get_for(request.user, Demand.objects.select_related("node", "raised_by_person"), pk=pk)
    return render(
        request,
        "participation/staff/demand_manage.html",
        {
            "demand": demand,
            "manage": may(request.user, MANAGE, demand.node),
            "progress": may(request.user, "participation.progress", demand.node),
            "parties": _parties_for(demand.node),
            "categories": _categories(),
            "open_demands": Demand.objects.filter(
                state__in=DEMAND_OPEN, node__path__startswith=demand.node.path[:12]
            ).exclude(pk=demand.pk)[:100],
            "photos": list(demand.photos.all()),
        },
    )


def _demand_action(request, demand, action):
    user, post = request.user, request.POST
    if action == "accept":
        return services.demand_accept(
            demand=demand,
            actor=user,
            note=post.get("note", ""),
            owner_party=_party(request),
            owner_name=post.get("owner_name", ""),
            due_days=post.get("due_days", ""),
        ), _("Accepted into the task list.")
    if action == "case":
        return services.demand_answer_as_case(
            demand=demand, category=_category(request), actor=user, note=post.get("note", "")
        ), _("Answered as a case.")
    if action == "merge":
        into = Demand.objects.filter(pk=_int(post.get("into"))).first()
        return services.demand_merge(
            demand=demand, into=into, actor=user, note=post.get("note", "")
        ), _("Merged.")
    if action == "decline":
        return services.demand_decline(demand=demand, reason=post.get("reason", ""), actor=user), _(
            "Declined."
        )
    if action == "progress":
        return services.demand_progress(
            demand=demand,
            percent_done=post.get("percent", ""),
            note=post.get("note", ""),
            photos=request.FILES.getlist("photos"),
            actor=user,
        ), _("Progress recorded.")
    if action == "complete":
        return services.demand_complete(
            demand=demand,
            note=post.get("note", ""),
            photos=request.FILES.getlist("photos"),
            actor=user,
        ), _("The demand is done.")
    raise Http404


@login_required
@require_POST
def demand_act(request, pk, action):
    demand = get_for(request.user, Demand, pk=pk)
    _run(request, lambda: _demand_action(request, demand, action))
    return redirect("participation:demand_manage", pk=demand.pk)


@login_required
@require_GET
def demand_staff_photo(request, pk, size):
    from gongzhi.participation.models import DemandPhoto
    from gongzhi.participation.views.common import serve_file

    photo = DemandPhoto.objects.filter(pk=pk).select_related("demand__node").first()
    if photo is None or size not in ("full", "thumb"):
        raise Http404
    get_for(request.user, Demand, pk=photo.demand_id)
    return serve_file(photo.image if size == "full" else photo.thumbnail, private=True)


# --- tasks -----------------------------------------------------------------------------------


@login_required
@require_GET
def staff_tasks(request):
    state = request.GET.get("state") or "open"
    if state not in ("open", *TaskState.values):
        state = "open"
    page = Paginator(selectors.tasks_for(request.user, state=state), 40).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "participation/staff/tasks.html",
        {"page": page, "state": state, "states": TaskState.choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def task_new(request):
    nodes = selectors.nodes_for_choice(request.user, MANAGE)
    if not nodes.exists():
        raise Http404
    errors, values = {}, request.POST if request.method == "POST" else {}
    if request.method == "POST":
        try:
            node = node_from(request)
            task = services.task_create(
                title=request.POST.get("title", ""),
                description=request.POST.get("description", ""),
                node=node,
                due_days=request.POST.get("due_days", ""),
                owner_party=_party(request),
                owner_name=request.POST.get("owner_name", ""),
                actor=request.user,
            )
        except ValidationError as exc:
            errors = errors_of(exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The task is on the list."))
            return redirect("participation:task_manage", pk=task.pk)
    parties = Party.objects.filter(is_active=True).order_by("force", "name")[:200]
    return render(
        request,
        "participation/staff/task_form.html",
        {"nodes": nodes, "parties": parties, "errors": errors, "values": values},
        status=400 if errors else 200,
    )


@login_required
@require_GET
def task_manage(request, pk):
    task = get_for(
        request.user,
        Task.objects.select_related("node", "responsible", "owner_party").prefetch_related(
            "progress_notes", "photos", "escalations"
        ),
        pk=pk,
    )
    resolution = Resolution.objects.filter(task=task).select_related("council").first()
    return render(
        request,
        "participation/staff/task_manage.html",
        {
            "task": task,
            "resolution": resolution,
            "manage": may(request.user, MANAGE, task.node),
            "progress": may_progress_task(request.user, task) and task.state in TASK_OPEN,
        },
    )


def _task_action(request, task, action):
    user, post = request.user, request.POST
    if action == "progress":
        return services.task_progress(
            task=task,
            percent_done=post.get("percent", ""),
            note=post.get("note", ""),
            photos=request.FILES.getlist("photos"),
            actor=user,
        ), _("Progress recorded.")
    if action == "complete":
        return services.task_complete(
            task=task, note=post.get("note", ""), photos=request.FILES.getlist("photos"), actor=user
        ), _("The task is done.")
    if action == "cancel":
        return services.task_cancel(task=task, reason=post.get("reason", ""), actor=user), _(
            "The task is cancelled."
        )
    raise Http404


@login_required
@require_POST
def task_act(request, pk, action):
    task = get_for(request.user, Task, pk=pk)
    _run(request, lambda: _task_action(request, task, action))
    nxt = request.POST.get("next", "")
    if nxt.startswith("/") and not nxt.startswith("//"):
        return redirect(nxt)
    return redirect("participation:task_manage", pk=task.pk)


# --- service requests ------------------------------------------------------------------------


@login_required
@require_GET
def service_requests(request):
    _require_any(request.user, VIEW)
    qs = (
        ServiceRequest.objects.visible_to(request.user)
        .select_related("entry", "entry__node", "person")
        .order_by("state", "-created_at")
    )
    page = Paginator(qs, 40).get_page(request.GET.get("page"))
    return render(request, "participation/staff/service_requests.html", {"page": page})


@login_required
@require_POST
def service_request_act(request, pk, action):
    item = get_for(request.user, ServiceRequest, pk=pk)
    funcs = {
        "accept": (services.service_request_accept, "answer", _("Accepted.")),
        "done": (services.service_request_done, "answer", _("Done.")),
        "decline": (services.service_request_decline, "reason", _("Declined.")),
    }
    if action not in funcs:
        raise Http404
    func, field, message = funcs[action]
    _run(
        request,
        lambda: (
            func(request=item, actor=request.user, **{field: request.POST.get(field, "")}),
            message,
        ),
    )
    return redirect("participation:service_requests")


# --- board moderation ------------------------------------------------------------------------


@login_required
@require_GET
def moderation(request):
    _require_any(request.user, MODERATE)
    page = Paginator(selectors.pending_posts(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "participation/staff/moderation.html", {"page": page})


def _moderated_post(user, pk, queryset=None):
    """A post the user moderates; its author without the permission gets 404 like anyone."""
    post = get_for(user, queryset if queryset is not None else BoardPost, MODERATE, pk=pk)
    if not may(user, MODERATE, post.node):
        raise Http404
    return post


@login_required
@require_GET
def post_moderate(request, pk):
    post = _moderated_post(
        request.user, pk, BoardPost.objects.select_related("node", "author_person", "case")
    )
    return render(
        request,
        "participation/staff/post_moderate.html",
        {
            "post": post,
            "categories": _categories(),
            "people": Person.objects.filter(node__path__startswith=post.node.path[:12]).order_by(
                "name"
            )[:300],
        },
    )


@login_required
@require_GET
def post_original(request, pk):
    """The unredacted photo, for the post's moderators only (it still has no EXIF)."""
    from gongzhi.participation.views.common import serve_file

    post = _moderated_post(request.user, pk)
    return serve_file(post.original, private=True)


def _post_action(request, post, action):
    user, data = request.user, request.POST
    if action == "approve":
        from gongzhi.participation.images import parse_boxes

        return services.post_approve(
            post=post, blur_boxes=parse_boxes(data.get("blur_boxes", "")), actor=user
        ), _("Approved: the post is public.")
    if action == "reject":
        return services.post_reject(post=post, reason=data.get("reason", ""), actor=user), _(
            "Rejected."
        )
    if action == "hide":
        return services.post_hide(post=post, reason=data.get("reason", ""), actor=user), _(
            "Hidden."
        )
    if action == "to_case":
        return services.post_to_case(post=post, category=_category(request), actor=user), _(
            "The post is now a case."
        )
    if action == "praise":
        return services.post_award_praise(
            post=post, person=_person(request, post.node), actor=user
        ), _("Good-deed points awarded.")
    raise Http404


@login_required
@require_POST
def post_act(request, pk, action):
    post = _moderated_post(request.user, pk)
    ok = _run(request, lambda: _post_action(request, post, action))
    if ok and action in ("approve", "reject"):
        return redirect("participation:moderation")
    return redirect("participation:post_moderate", pk=post.pk)


# --- phone pages for grid workers --------------------------------------------------------------


@login_required
@require_GET
def worker_home(request):
    """The grid worker's phone page: today's councils and the open tasks of their grids."""
    _require_any(request.user, VIEW)
    now = timezone.now()
    councils = (
        selectors.councils_for(request.user)
        .filter(
            starts_at__gte=now - dt.timedelta(days=2),
            starts_at__lte=now + dt.timedelta(days=14),
            state__in=[CouncilState.PLANNED, CouncilState.NOTICE_SENT, CouncilState.HELD],
        )
        .order_by("starts_at")[:20]
    )
    tasks = selectors.tasks_for(request.user, state="open").order_by("due_at")[:30]
    return render(
        request,
        "participation/phone/worker_home.html",
        {"councils": councils, "tasks": tasks, "posts_pending": PostState.PENDING},
    )
