"""Drives: creation, goals, and the guarded state changes draft → open → closed → reported."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.charity.choices import DRIVE_TRANSITIONS, DriveState
from gongzhi.charity.models import Drive, DriveGoal, ItemKind
from gongzhi.charity.permissions import MANAGE, can_on_drive, is_organisation_staff
from gongzhi.charity.services.common import cash_amount, clean_text, whole_quantity
from gongzhi.core.audit import log_action
from gongzhi.org.access import can


def _goals(goals) -> list[tuple[ItemKind, int]]:
    """``goals`` as [(item_kind, quantity)], each quantity whole and positive, kinds unique."""
    cleaned: list[tuple[ItemKind, int]] = []
    seen: set[int] = set()
    for item_kind, quantity in goals or []:
        if item_kind.pk in seen:
            raise ValidationError({"goals": _("%(item)s is listed twice.") % {"item": item_kind}})
        seen.add(item_kind.pk)
        label = _("Goal for %(item)s") % {"item": item_kind.name}
        cleaned.append((item_kind, whole_quantity(quantity, "goals", label)))
    return cleaned


def drive_create(
    *,
    node,
    title: str,
    purpose: str,
    starts_on: date,
    ends_on: date,
    actor=None,
    organisation=None,
    beneficiary_description: str = "",
    location: str = "",
    cash_goal=None,
    goals=(),
) -> Drive:
    """A new drive in draft, with its goals per item kind and an optional recorded cash goal."""
    if actor is not None and not (
        can(actor, MANAGE, node)
        or (organisation is not None and is_organisation_staff(actor, organisation.pk))
    ):
        raise PermissionDenied(_("You may not organise a drive here."))
    errors = {}
    try:
        title = clean_text(title, "title", 120, required=True, label=_("Title"))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        purpose = clean_text(purpose, "purpose", 4000, required=True, label=_("Purpose"))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not isinstance(starts_on, date) or not isinstance(ends_on, date):
        errors["starts_on"] = [_("Start and end dates are required.")]
    elif ends_on < starts_on:
        errors["ends_on"] = [_("The drive must end on or after its start date.")]
    if cash_goal not in (None, ""):
        try:
            cash_goal = cash_amount(cash_goal, "cash_goal", _("Cash goal"))
        except ValidationError as exc:
            errors.update(exc.message_dict)
    else:
        cash_goal = None
    try:
        cleaned_goals = _goals(goals)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        drive = Drive.objects.create(
            node=node,
            organisation=organisation,
            title=title,
            purpose=purpose,
            beneficiary_description=clean_text(beneficiary_description, "beneficiary", 2000),
            starts_on=starts_on,
            ends_on=ends_on,
            location=clean_text(location, "location", 200),
            cash_goal=cash_goal,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        DriveGoal.objects.bulk_create(
            [DriveGoal(drive=drive, item_kind=k, quantity=q) for k, q in cleaned_goals]
        )
        log_action(
            "charity.drive.created",
            actor=actor,
            obj=drive,
            new={
                "title": title,
                "cash_goal": cash_goal,
                "goals": {k.name: q for k, q in cleaned_goals},
            },
        )
    return drive


def drive_set_goal(*, drive: Drive, item_kind: ItemKind, quantity, actor=None) -> DriveGoal:
    """Set (or change) a drive's goal for one item kind while it is a draft or open."""
    if actor is not None and not can_on_drive(actor, MANAGE, drive):
        raise PermissionDenied(_("You may not change this drive."))
    quantity = whole_quantity(quantity, "quantity", _("Goal for %(item)s") % {"item": item_kind})
    with transaction.atomic():
        drive = Drive.objects.select_for_update(no_key=True).get(pk=drive.pk)
        if drive.state not in (DriveState.DRAFT, DriveState.OPEN):
            raise ValidationError({"state": _("Goals can only change while a drive is open.")})
        goal = DriveGoal.objects.filter(drive=drive, item_kind=item_kind).first()
        old = goal.quantity if goal else None
        if goal is None:
            goal = DriveGoal.objects.create(drive=drive, item_kind=item_kind, quantity=quantity)
        else:
            goal.quantity = quantity
            goal.save(update_fields=["quantity"])
        log_action(
            "charity.drive.goal_set",
            actor=actor,
            obj=drive,
            old={item_kind.name: old},
            new={item_kind.name: quantity},
        )
    return goal


_ACTIONS = {
    DriveState.OPEN: "charity.drive.opened",
    DriveState.CLOSED: "charity.drive.closed",
    DriveState.REPORTED: "charity.drive.reported",
}


def drive_transition(*, drive: Drive, to: str, actor=None, report: str = "") -> Drive:
    """Move a drive along draft → open → closed → reported; anything else is refused with a
    message saying where it stands (closing a closed drive, reopening…)."""
    if to not in DriveState.values:
        raise ValidationError({"state": _("Unknown drive state.")})
    if actor is not None and not can_on_drive(actor, MANAGE, drive):
        raise PermissionDenied(_("You may not change this drive."))
    report = clean_text(
        report, "report", 8000, required=to == DriveState.REPORTED, label=_("Report")
    )
    with transaction.atomic():
        drive = Drive.objects.select_for_update(no_key=True).get(pk=drive.pk)
        if to not in DRIVE_TRANSITIONS[drive.state]:
            raise ValidationError(
                {
                    "state": _("This drive is %(state)s; it cannot become %(to)s.")
                    % {"state": drive.get_state_display(), "to": DriveState(to).label}
                }
            )
        if to == DriveState.OPEN and not drive.goals.exists() and drive.cash_goal is None:
            raise ValidationError({"goals": _("Give the drive at least one goal before opening.")})
        old = drive.state
        drive.state = to
        fields = ["state"]
        if to == DriveState.REPORTED:
            drive.report = report
            fields.append("report")
        drive.save(update_fields=fields)
        log_action(_ACTIONS[to], actor=actor, obj=drive, old={"state": old}, new={"state": to})
    return drive


def drive_open(*, drive, actor=None):
    return drive_transition(drive=drive, to=DriveState.OPEN, actor=actor)


def drive_close(*, drive, actor=None):
    return drive_transition(drive=drive, to=DriveState.CLOSED, actor=actor)


def drive_report(*, drive, report: str, actor=None):
    return drive_transition(drive=drive, to=DriveState.REPORTED, actor=actor, report=report)
