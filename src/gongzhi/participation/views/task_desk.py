"""The task list for staff, and the requests made from the service catalogue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongzhi.org.access import get_for
from gongzhi.org.models import Party
from gongzhi.participation import selectors, services
from gongzhi.participation.choices import TASK_OPEN, TaskState
from gongzhi.participation.models import Resolution, ServiceRequest, Task
from gongzhi.participation.permissions import MANAGE, VIEW, may, may_progress_task
from gongzhi.participation.views.common import errors_of, node_from
from gongzhi.participation.views.desk import party_from, require_any, run_action


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
                owner_party=party_from(request),
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
    run_action(request, lambda: _task_action(request, task, action))
    nxt = request.POST.get("next", "")
    if nxt.startswith("/") and not nxt.startswith("//"):
        return redirect(nxt)
    return redirect("participation:task_manage", pk=task.pk)


@login_required
@require_GET
def service_requests(request):
    require_any(request.user, VIEW)
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
    run_action(
        request,
        lambda: (
            func(request=item, actor=request.user, **{field: request.POST.get(field, "")}),
            message,
        ),
    )
    return redirect("participation:service_requests")
