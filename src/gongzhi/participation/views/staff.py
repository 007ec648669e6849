"""Staff pages (desktop first) and the grid worker's phone page. Each action is a POST to
``…/<pk>/<action>/`` that calls one service; a refused action comes back as a message naming
the field, and nothing is written (``desk.run_action``). Councils are ``council_desk.py``, the demand
queue ``demand_desk.py``, tasks and service requests ``task_desk.py``, board moderation
``board_desk.py``.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from gongzhi.participation import selectors
from gongzhi.participation.choices import CouncilState, PostState
from gongzhi.participation.permissions import MANAGE, VIEW
from gongzhi.participation.views.common import month_options
from gongzhi.participation.views.desk import require_any


@login_required
@require_GET
def staff_home(request):
    require_any(request.user, VIEW)
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
@require_GET
def worker_home(request):
    """The grid worker's phone page: today's councils and the open tasks of their grids."""
    require_any(request.user, VIEW)
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
