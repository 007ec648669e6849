"""Demands: raise, support (附议, once each), assess, progress, done — one service each.

submitted → accepted into the task list │ answered as a case │ merged │ declined (with a reason
shown to the resident) → in progress (notes and percent) → done (a completion note and an after
photo). The resident who raised it is notified of every step.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.participation import images
from gongzhi.participation import notifications as notes
from gongzhi.participation.choices import (
    DEMAND_OPEN,
    DEMAND_TRANSITIONS,
    DemandSource,
    DemandState,
    TaskSource,
)
from gongzhi.participation.models import Demand, DemandPhoto, DemandProgress, DemandSupport
from gongzhi.participation.permissions import MANAGE, PROGRESS, RAISE_FOR_OTHERS, may, person_of
from gongzhi.participation.services.common import (
    guard,
    lock,
    percent,
    require,
    text,
    user_or_none,
)
from gongzhi.participation.services.photos import files_guard, store


def _move(demand: Demand, target: str, *, actor, fields: dict, data=None) -> Demand:
    guard(DEMAND_TRANSITIONS, demand.state, target, labels=DemandState)
    old = demand.state
    demand.state = target
    for name, value in fields.items():
        setattr(demand, name, value)
    demand.save(update_fields=["state", *fields])
    log_action(
        f"participation.demand.{target}",
        actor=actor,
        obj=demand,
        old={"state": old},
        new={"state": target, "progress": demand.progress_percent},
        data=data,
    )
    notes.send(
        users=[demand.raised_by],
        verb="demand_moved",
        data={"title": demand.title, "what": str(DemandState(target).label), "demand": demand.pk},
    )
    return demand


def _coordinate(value, field, low, high):
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise ValidationError({field: _("Enter a number.")})
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError({field: _("Enter a number.")}) from exc
    if number != number or not low <= number <= high:
        raise ValidationError({field: _("This place is outside the map.")})
    return number


def demand_raise(
    *,
    title: str,
    text_: str,
    node,
    actor,
    council=None,
    lat=None,
    lon=None,
    photos=(),
    labels=(),
) -> Demand:
    """Raise a demand on ``node``: a signed-in resident for their own area (their building or
    anything above it), a grid worker or staff for anywhere they serve, or a council."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Log in to raise a demand."))
    if node is None:
        raise ValidationError({"node": _("Choose the area the demand is for.")})
    title = text(title, field="title", max_length=60, label=_("Give the demand a short title."))
    body = text(text_, field="text", max_length=4000, label=_("Say what is asked for."))
    lat = _coordinate(lat, "lat", -90, 90)
    lon = _coordinate(lon, "lon", -180, 180)
    if (lat is None) != (lon is None):
        raise ValidationError({"lat": _("Give both latitude and longitude.")})
    person = person_of(actor)
    if council is not None:
        require(actor, MANAGE, council.node)
        source = DemandSource.COUNCIL
    elif may(actor, RAISE_FOR_OTHERS, node):
        source = DemandSource.GRID_WORKER
    elif person is not None and person.node.path.startswith(node.path):
        source = DemandSource.RESIDENT
    else:
        raise ValidationError({"node": _("You can raise demands only for the area you live in.")})
    cleaned = images.clean_many(photos)
    with files_guard(), transaction.atomic():
        demand = Demand.objects.create(
            title=title,
            text=body,
            node=node,
            source=source,
            raised_by=actor,
            raised_by_person=person,
            council=council,
            lat=lat,
            lon=lon,
        )
        if labels:
            demand.labels.set(labels)
        store(DemandPhoto, cleaned, actor=actor, demand=demand, stage="before")
        log_action(
            "participation.demand.submitted",
            actor=actor,
            obj=demand,
            new={"state": demand.state, "node": node.code},
            data={"source": source, "photos": len(cleaned)},
        )
    return demand


def demand_support(*, demand: Demand, actor) -> Demand:
    """Support (附议) an open demand: once per login; a second time is refused."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Log in to support a demand."))
    try:
        with transaction.atomic():
            demand = lock(Demand, demand.pk, "node")
            if demand.state not in DEMAND_OPEN:
                raise ValidationError(
                    {
                        "demand": _("This demand is %(state)s and takes no more support.")
                        % {"state": demand.get_state_display()}
                    }
                )
            if demand.raised_by_id == actor.pk:
                raise ValidationError({"demand": _("You raised this demand yourself.")})
            if DemandSupport.objects.filter(demand=demand, user=actor).exists():
                raise ValidationError({"demand": _("You have already supported this demand.")})
            DemandSupport.objects.create(demand=demand, user=actor, person=person_of(actor))
            Demand.objects.filter(pk=demand.pk).update(support_count=F("support_count") + 1)
            demand.refresh_from_db(fields=["support_count"])
            log_action(
                "participation.demand.supported",
                actor=actor,
                obj=demand,
                data={"supports": demand.support_count},
            )
    except IntegrityError as exc:
        raise ValidationError({"demand": _("You have already supported this demand.")}) from exc
    return demand


def demand_accept(
    *,
    demand: Demand,
    actor=None,
    note: str = "",
    owner_party=None,
    owner_name: str = "",
    due_days=10,
    responsible=None,
) -> Demand:
    """Accept the demand into the task list: a task is created for it and linked."""
    from gongzhi.participation.services.tasks import task_create

    note = text(note, field="note", max_length=2000, required=False)
    with transaction.atomic():
        demand = lock(Demand, demand.pk, "node")
        require(actor, MANAGE, demand.node)
        guard(DEMAND_TRANSITIONS, demand.state, DemandState.ACCEPTED, labels=DemandState)
        task = task_create(
            title=demand.title,
            description=demand.text,
            node=demand.node,
            due_days=due_days,
            source=TaskSource.DEMAND,
            owner_party=owner_party,
            owner_name=owner_name,
            responsible=responsible,
            labels=list(demand.labels.all()),
            actor=actor,
        )
        return _move(
            demand,
            DemandState.ACCEPTED,
            actor=actor,
            fields={"task": task, "decision_note": note, "assessed_at": timezone.now()},
            data={"task": task.pk},
        )


def demand_answer_as_case(*, demand: Demand, category, actor=None, note: str = "") -> Demand:
    """Answer the demand as a case in the case loop (intake, channel "council" when a council
    raised it, else "staff")."""
    from gongzhi.cases.choices import Channel
    from gongzhi.cases.services import case_report

    note = text(note, field="note", max_length=2000, required=False)
    with transaction.atomic():
        demand = lock(Demand, demand.pk, "node")
        require(actor, MANAGE, demand.node)
        guard(DEMAND_TRANSITIONS, demand.state, DemandState.ANSWERED_AS_CASE, labels=DemandState)
        case = case_report(
            category=category,
            description=f"{demand.title}\n{demand.text}",
            channel=Channel.COUNCIL if demand.council_id else Channel.STAFF,
            actor=actor,
            lat=demand.lat,
            lon=demand.lon,
            node=demand.node,
            reporter_user=demand.raised_by,
            reporter_person=demand.raised_by_person,
            idempotency_key=f"participation.demand:{demand.pk}",
        )
        return _move(
            demand,
            DemandState.ANSWERED_AS_CASE,
            actor=actor,
            fields={"case": case, "decision_note": note, "assessed_at": timezone.now()},
            data={"case": case.reference},
        )


def demand_merge(*, demand: Demand, into: Demand, actor=None, note: str = "") -> Demand:
    """Merge a demand into another one of the same community that is still open."""
    note = text(note, field="note", max_length=2000, required=False)
    if into is None or into.pk == demand.pk:
        raise ValidationError({"into": _("Choose another demand to merge into.")})
    with transaction.atomic():
        demand = lock(Demand, demand.pk, "node")
        require(actor, MANAGE, demand.node)
        target = lock(Demand, into.pk, "node")
        if not target.node.path.startswith(demand.node.path[:12]):
            raise ValidationError({"into": _("That demand belongs to another community.")})
        if target.state not in DEMAND_OPEN:
            raise ValidationError({"into": _("That demand is not open any more.")})
        return _move(
            demand,
            DemandState.MERGED,
            actor=actor,
            fields={"merged_into": target, "decision_note": note, "assessed_at": timezone.now()},
            data={"into": target.pk},
        )


def demand_decline(*, demand: Demand, reason: str, actor=None) -> Demand:
    """Decline the demand; the reason is shown to the resident."""
    reason = text(
        reason, field="reason", max_length=2000, label=_("Say why the demand is declined.")
    )
    with transaction.atomic():
        demand = lock(Demand, demand.pk, "node")
        require(actor, MANAGE, demand.node)
        return _move(
            demand,
            DemandState.DECLINED,
            actor=actor,
            fields={"decision_note": reason, "assessed_at": timezone.now()},
            data={"reason": reason},
        )


def demand_progress(*, demand: Demand, percent_done, note: str, photos=(), actor=None) -> Demand:
    """A progress note with its percent (and photos) on an accepted demand."""
    value = percent(percent_done)
    if value >= 100:
        raise ValidationError({"percent": _("To finish the demand, mark it done instead.")})
    note = text(note, field="note", max_length=2000, label=_("Say what was done."))
    cleaned = images.clean_many(photos)
    with files_guard(), transaction.atomic():
        demand = lock(Demand, demand.pk, "node")
        require(actor, PROGRESS, demand.node)
        guard(DEMAND_TRANSITIONS, demand.state, DemandState.IN_PROGRESS, labels=DemandState)
        DemandProgress.objects.create(
            demand=demand, percent=value, note=note, author=user_or_none(actor)
        )
        store(DemandPhoto, cleaned, actor=actor, demand=demand, stage="progress")
        demand.progress_percent = value
        return _move(
            demand,
            DemandState.IN_PROGRESS,
            actor=actor,
            fields={"progress_percent": value},
            data={"note": note},
        )


def _complete(demand: Demand, *, note: str, cleaned, actor) -> Demand:
    if not cleaned:
        raise ValidationError({"photos": _("Add an after photo to show it is done.")})
    guard(DEMAND_TRANSITIONS, demand.state, DemandState.DONE, labels=DemandState)
    DemandProgress.objects.create(demand=demand, percent=100, note=note, author=user_or_none(actor))
    store(DemandPhoto, cleaned, actor=actor, demand=demand, stage="after")
    demand.progress_percent = 100
    return _move(
        demand,
        DemandState.DONE,
        actor=actor,
        fields={"progress_percent": 100, "completion_note": note, "done_at": timezone.now()},
        data={"note": note},
    )


def demand_complete(*, demand: Demand, note: str, photos=(), actor=None) -> Demand:
    """The demand is done: a completion note and at least one after photo are required."""
    note = text(note, field="note", max_length=2000, label=_("Say how the demand was met."))
    cleaned = images.clean_many(photos)
    with files_guard(), transaction.atomic():
        demand = lock(Demand, demand.pk, "node")
        require(actor, PROGRESS, demand.node)
        return _complete(demand, note=note, cleaned=cleaned, actor=actor)


def complete_with_task(*, demand: Demand, note: str, cleaned, actor) -> Demand:
    """Called by ``task_complete`` inside its transaction for the demands its task carries."""
    demand = lock(Demand, demand.pk, "node")
    return _complete(demand, note=note, cleaned=cleaned, actor=actor)
