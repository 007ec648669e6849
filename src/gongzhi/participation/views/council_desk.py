"""Councils for staff: planning, the council's page and its actions, monthly compliance."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongzhi.org.access import get_for
from gongzhi.org.models import Person
from gongzhi.participation import codes, selectors, services
from gongzhi.participation.choices import CouncilKind
from gongzhi.participation.models import AgendaItem, Council, Invitation, Resolution
from gongzhi.participation.permissions import ATTENDANCE, MANAGE, VIEW, may
from gongzhi.participation.views.common import errors_of, month_options, node_from
from gongzhi.participation.views.desk import (
    category_from,
    int_from,
    leaf_categories,
    parties_for,
    party_from,
    person_from,
    require_any,
    run_action,
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
            "parties": parties_for(council.node) if manage else [],
            "categories": leaf_categories() if manage else [],
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
        person = person_from(request, council.node)
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
        item = AgendaItem.objects.filter(pk=int_from(post.get("item")), council=council).first()
        if item is None:
            raise ValidationError({"item": _("Choose an agenda item of this council.")})
        return services.agenda_discussion_set(
            item=item, discussion=post.get("discussion", ""), actor=user
        ), _("Discussion recorded.")
    if action == "resolution":
        item = AgendaItem.objects.filter(pk=int_from(post.get("item")), council=council).first()
        return services.resolution_add(
            council=council, text_=post.get("text", ""), agenda_item=item, actor=user
        ), _("Resolution recorded.")
    if action in ("to_task", "to_case"):
        resolution = Resolution.objects.filter(
            pk=int_from(post.get("resolution")), council=council
        ).first()
        if resolution is None:
            raise ValidationError({"resolution": _("Choose a resolution of this council.")})
        if action == "to_task":
            return services.resolution_to_task(
                resolution=resolution,
                due_days=post.get("due_days", ""),
                owner_party=party_from(request),
                owner_name=post.get("owner_name", ""),
                responsible=person_from(request, council.node, "responsible"),
                title=post.get("title", ""),
                actor=user,
            ), _("The resolution is on the task list.")
        return services.resolution_to_case(
            resolution=resolution, category=category_from(request), actor=user
        ), _("The resolution is now a case.")
    if action == "attend":
        person = person_from(request, council.node)
        if person is None:
            raise ValidationError({"person": _("Choose a person from the list.")})
        (_att, created) = services.attendance_record(
            council=council, person=person, method="manual", actor=user
        )
        return _att, (_("Attendance recorded.") if created else _("Already recorded as present."))
    if action == "party_present":
        invitation = Invitation.objects.filter(
            pk=int_from(post.get("invitation")), council=council
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


@login_required
@require_POST
def council_act(request, pk, action):
    council = get_for(request.user, Council, pk=pk)
    run_action(request, lambda: _council_action(request, council, action))
    nxt = request.POST.get("next", "")
    if nxt.startswith("/") and not nxt.startswith("//"):
        return redirect(nxt)
    return redirect("participation:council_detail", pk=council.pk)


@login_required
@require_GET
def compliance(request):
    require_any(request.user, VIEW)
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
