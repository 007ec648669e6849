"""Staff pages for organisers and the charity officer: drives, pledges, stock, deliveries."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.charity import selectors, services
from gongzhi.charity.acknowledgement_pdf import render_acknowledgement
from gongzhi.charity.choices import DriveState, PledgeState
from gongzhi.charity.exports import drive_ledger_xlsx
from gongzhi.charity.forms import DeliveryForm, DriveForm, PledgeForm
from gongzhi.charity.models import ItemKind, Pledge, StoragePlace
from gongzhi.charity.permissions import DELIVER, MANAGE, RECEIVE, VIEW_ASSISTANCE, can_on_drive
from gongzhi.charity.views.common import add_form_errors, drive_for, refuse
from gongzhi.org.access import get_for, user_scope
from gongzhi.org.choices import Level
from gongzhi.org.models import Node


@login_required
def index(request):
    """The charity worker's start page: drives, deliveries to carry, assistance files."""
    scope = user_scope(request.user)
    return render(
        request,
        "charity/staff_index.html",
        {
            "drives": selectors.drives_for(request.user).order_by("-starts_on", "-id")[:50],
            "my_deliveries": selectors.my_open_deliveries(request.user),
            "can_see_files": scope.is_global
            or bool(scope.paths_for(VIEW_ASSISTANCE))
            or selectors.files_for(request.user).exists(),
            "communities": communities_for(request.user, MANAGE),
        },
    )


def communities_for(user, permission):
    """The communities (at most 50) where ``user`` holds ``permission``."""
    scope = user_scope(user)
    nodes = Node.objects.filter(level=Level.COMMUNITY).order_by("path")
    if scope.is_global:
        return list(nodes[:50])
    return [n for n in nodes if scope.allows(permission, n.path)][:50]


def _parse_goals(text: str) -> list[tuple[ItemKind, str]]:
    goals = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) < 2:
            raise ValidationError(
                {"goals": _("Line %(n)d: give an item kind and a quantity.") % {"n": number}}
            )
        unit = parts[2] if len(parts) > 2 else "件"
        kind = services.item_kind_get_or_create(name=parts[0], unit=unit)
        goals.append((kind, parts[1]))
    return goals


@login_required
def drive_new(request):
    communities = communities_for(request.user, MANAGE)
    if not communities:
        raise PermissionDenied
    form = DriveForm(request.POST or None)
    node_id = request.POST.get("node") or str(communities[0].pk)
    if request.method == "POST" and form.is_valid():
        node = next((c for c in communities if str(c.pk) == node_id), None)
        try:
            if node is None:
                raise ValidationError({"title": _("Choose a community you work in.")})
            data = form.cleaned_data
            drive = services.drive_create(
                node=node,
                actor=request.user,
                title=data["title"],
                purpose=data["purpose"],
                beneficiary_description=data["beneficiary_description"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                location=data["location"],
                cash_goal=data["cash_goal"] or None,
                goals=_parse_goals(data["goals"]),
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Drive created as a draft."))
            return redirect("charity:drive_staff", drive.pk)
    return render(
        request,
        "charity/drive_form.html",
        {"form": form, "communities": communities, "node_id": node_id},
    )


def _places(drive):
    """Places that may hold the drive's goods: in its subtree or on a node above it."""
    path = drive.node.path
    above = [path[:i] for i in range(4, len(path) + 1, 4)]
    return StoragePlace.objects.filter(
        Q(node__path__startswith=path) | Q(node__path__in=above)
    ).order_by("name")


@login_required
def drive_staff(request, pk: int):
    """A drive's staff page: figures, pledges, stock per place, deliveries and the actions."""
    drive = drive_for(request, pk)
    user = request.user
    figures = selectors.drive_figures(drive)
    pledges = selectors.pledges_for(user).filter(drive=drive).order_by("-pledged_at", "-id")[:200]
    goal_kinds = [row for row in figures.items if row.goal]
    return render(
        request,
        "charity/drive_staff.html",
        {
            "drive": drive,
            "figures": figures,
            "pledges": pledges,
            "stock": selectors.stock_for(user, drive),
            "deliveries": selectors.deliveries_for(user)
            .filter(drive=drive)
            .order_by("-scheduled_on"),
            "places": _places(drive),
            "goal_kinds": goal_kinds,
            "pledge_form": PledgeForm(),
            "delivery_form": DeliveryForm(),
            "can_manage": can_on_drive(user, MANAGE, drive),
            "can_receive": can_on_drive(user, RECEIVE, drive),
            "can_deliver": can_on_drive(user, DELIVER, drive),
            "next_states": _next_states(drive),
            "store_goods": _store_goods(drive) if can_on_drive(user, RECEIVE, drive) else [],
        },
    )


def _next_states(drive):
    from gongzhi.charity.choices import DRIVE_TRANSITIONS

    return [(s, DriveState(s).label) for s in sorted(DRIVE_TRANSITIONS[drive.state])]


@login_required
@require_POST
def drive_transition(request, pk: int):
    drive = drive_for(request, pk, MANAGE)
    try:
        services.drive_transition(
            drive=drive,
            to=request.POST.get("to", ""),
            actor=request.user,
            report=request.POST.get("report", ""),
        )
    except (ValidationError, PermissionDenied) as exc:
        return refuse(request, exc, "charity:drive_staff", drive.pk)
    messages.success(request, _("The drive's state was changed."))
    return redirect("charity:drive_staff", drive.pk)


def _quantities(request, prefix: str) -> list[tuple[ItemKind, str]]:
    """Item quantities posted as ``<prefix><item kind id>``; empty fields are skipped."""
    wanted = {}
    for key, value in request.POST.items():
        if key.startswith(prefix) and key[len(prefix) :].isdigit() and value.strip():
            wanted[int(key[len(prefix) :])] = value
    kinds = ItemKind.objects.in_bulk(list(wanted))
    return [(kinds[k], v) for k, v in wanted.items() if k in kinds]


@login_required
@require_POST
def pledge_add(request, pk: int):
    drive = drive_for(request, pk, RECEIVE)
    form = PledgeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("charity:drive_staff", drive.pk)
    data = form.cleaned_data
    try:
        services.pledge_create(
            drive=drive,
            actor=request.user,
            donor_name=data["donor_name"],
            donor_phone=data["donor_phone"],
            is_anonymous=data["is_anonymous"],
            cash=data["cash_amount"] or None,
            cash_received_by=data["cash_received_by"],
            cash_receipt_number=data["cash_receipt_number"],
            note=data["note"],
            items=_quantities(request, "qty_"),
        )
    except (ValidationError, PermissionDenied) as exc:
        return refuse(request, exc, "charity:drive_staff", drive.pk)
    messages.success(request, _("Pledge recorded."))
    return redirect("charity:drive_staff", drive.pk)


@login_required
@require_POST
def pledge_receive(request, pk: int):
    pledge = get_for(request.user, Pledge.objects.select_related("drive", "drive__node"), pk=pk)
    drive = pledge.drive
    place = None
    if request.POST.get("place"):
        place = _places(drive).filter(pk=request.POST["place"]).first()
        if place is None:
            messages.error(request, _("Choose a storage place of this drive's community."))
            return redirect("charity:drive_staff", drive.pk)
    try:
        services.pledge_receive(
            pledge=pledge,
            place=place,
            actor=request.user,
            cash_receipt_number=request.POST.get("cash_receipt_number") or None,
        )
    except (ValidationError, PermissionDenied) as exc:
        return refuse(request, exc, "charity:drive_staff", drive.pk)
    messages.success(request, _("Goods received; the acknowledgement is ready."))
    return redirect("charity:drive_staff", drive.pk)


@login_required
def acknowledgement_pdf(request, pk: int):
    pledge = get_for(request.user, Pledge.objects.select_related("acknowledgement"), pk=pk)
    if pledge.state != PledgeState.RECEIVED:
        from django.http import Http404

        raise Http404
    ack = pledge.acknowledgement
    from django.urls import reverse

    url = request.build_absolute_uri(reverse("charity:verify"))
    response = HttpResponse(
        render_acknowledgement(ack.snapshot, ack.check_code, url), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="acknowledgement-{ack.number}.pdf"'
    return response


@login_required
@require_POST
def delivery_add(request, pk: int):
    drive = drive_for(request, pk, DELIVER)
    form = DeliveryForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("charity:drive_staff", drive.pk)
    place = _places(drive).filter(pk=request.POST.get("place") or 0).first()
    if place is None:
        messages.error(request, _("Choose a storage place of this drive's community."))
        return redirect("charity:drive_staff", drive.pk)
    data = form.cleaned_data
    try:
        delivery = services.delivery_create(
            drive=drive,
            place=place,
            actor=request.user,
            beneficiary_kind=data["beneficiary_kind"],
            recipient_name=data["recipient_name"],
            public_name_consent=data["public_name_consent"],
            public_category=data["public_category"],
            node=drive.node,
            scheduled_on=data["scheduled_on"],
            items=_quantities(request, "dqty_"),
        )
    except (ValidationError, PermissionDenied) as exc:
        return refuse(request, exc, "charity:drive_staff", drive.pk)
    messages.success(request, _("Delivery planned; the goods are set aside."))
    return redirect("charity:delivery_phone", delivery.pk)


@login_required
@require_POST
def write_off(request, pk: int):
    drive = drive_for(request, pk, RECEIVE)
    place = _places(drive).filter(pk=request.POST.get("place") or 0).first()
    kind = ItemKind.objects.filter(pk=request.POST.get("item_kind") or 0).first()
    try:
        if place is None or kind is None:
            raise ValidationError({"place": _("Choose the place and the item kind.")})
        services.stock_write_off(
            drive=drive,
            place=place,
            item_kind=kind,
            quantity=request.POST.get("quantity", ""),
            reason=request.POST.get("reason", ""),
            actor=request.user,
        )
    except (ValidationError, PermissionDenied) as exc:
        return refuse(request, exc, "charity:drive_staff", drive.pk)
    messages.success(request, _("Written off."))
    return redirect("charity:drive_staff", drive.pk)


def _store_goods(drive):
    """Goods on the shelves of the points store of the drive's community."""
    from gongzhi.points.models import Goods

    path = drive.node.path
    above = [path[:i] for i in range(4, len(path) + 1, 4)]
    return Goods.objects.filter(community__path__in=above).order_by("name")


@login_required
@require_POST
def transfer_to_store(request, pk: int):
    """Hand goods of the drive to the community's points store (爱心积分超市)."""
    drive = drive_for(request, pk, RECEIVE)
    place = _places(drive).filter(pk=request.POST.get("place") or 0).first()
    kind = ItemKind.objects.filter(pk=request.POST.get("item_kind") or 0).first()
    goods = _store_goods(drive).filter(pk=request.POST.get("goods") or 0).first()
    try:
        if place is None or kind is None or goods is None:
            raise ValidationError({"goods": _("Choose the place, the item kind and the goods.")})
        services.stock_transfer_to_points_store(
            drive=drive,
            place=place,
            item_kind=kind,
            goods=goods,
            quantity=request.POST.get("quantity", ""),
            actor=request.user,
        )
    except (ValidationError, PermissionDenied) as exc:
        return refuse(request, exc, "charity:drive_staff", drive.pk)
    messages.success(request, _("Handed to the points store."))
    return redirect("charity:drive_staff", drive.pk)


@login_required
def ledger_xlsx(request, pk: int):
    drive = drive_for(request, pk, RECEIVE)
    response = HttpResponse(
        drive_ledger_xlsx(drive),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="drive-{drive.pk}-ledger.xlsx"'
    return response
