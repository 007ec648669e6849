"""Creating, changing, publishing and cancelling activities."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.volunteering.choices import ACTIVITY_TRANSITIONS, ActivityState, Audience, SignupState
from gongzhi.volunteering.models import Activity
from gongzhi.volunteering.permissions import can_lead, can_lead_team
from gongzhi.volunteering.services.signups import fill_places

MAX_CAPACITY = 10_000
EDITABLE = {
    "title",
    "description",
    "node",
    "venue",
    "location",
    "lat",
    "lon",
    "starts_at",
    "ends_at",
    "capacity",
    "signup_opens_at",
    "signup_closes_at",
    "audience",
}


def _validate(fields: dict, team) -> None:
    """Check an activity's fields together; raise one ``ValidationError`` naming each field."""
    errors: dict[str, str] = {}
    for name in ("starts_at", "ends_at", "signup_opens_at", "signup_closes_at"):
        value = fields.get(name)
        if value is None:
            errors[name] = _("This time is required.")
        elif timezone.is_naive(value):
            errors[name] = _("This time has no time zone.")
    times_ok = not errors
    if not (fields.get("title") or "").strip():
        errors["title"] = _("An activity needs a title.")
    if times_ok and fields["ends_at"] <= fields["starts_at"]:
        errors["ends_at"] = _("The activity must end after it starts.")
    if times_ok and fields["signup_closes_at"] <= fields["signup_opens_at"]:
        errors["signup_closes_at"] = _("Sign-up must close after it opens.")
    elif times_ok and fields["signup_closes_at"] > fields["ends_at"]:
        errors["signup_closes_at"] = _("Sign-up must close before the activity ends.")
    capacity = fields.get("capacity")
    if not isinstance(capacity, int) or isinstance(capacity, bool) or capacity < 1:
        errors["capacity"] = _("The number of places must be a whole number of at least 1.")
    elif capacity > MAX_CAPACITY:
        errors["capacity"] = _("At most %(n)d places.") % {"n": MAX_CAPACITY}
    venue = fields.get("venue")
    if venue is None and not (fields.get("location") or "").strip():
        errors["location"] = _("Choose a venue or describe where the activity takes place.")
    if (
        venue is not None
        and venue.capacity
        and isinstance(capacity, int)
        and capacity > venue.capacity
    ):
        errors["capacity"] = _("%(venue)s holds at most %(n)d people.") % {
            "venue": venue,
            "n": venue.capacity,
        }
    if fields.get("audience") not in Audience.values:
        errors["audience"] = _("Choose who may sign up.")
    node = fields.get("node")
    if node is None or not node.path.startswith(team.node.path):
        errors["node"] = _("The activity must take place in the area its team serves.")
    lat, lon = fields.get("lat"), fields.get("lon")
    if (lat is None) != (lon is None):
        errors["lat"] = _("Give both latitude and longitude, or neither.")
    elif lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        errors["lat"] = _("The coordinates are out of range.")
    if errors:
        raise ValidationError(errors)


def activity_create(*, team, actor=None, labels=(), **fields) -> Activity:
    """Create a draft activity for ``team``; ``node`` defaults to the team's node."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValidationError(
            _("Unknown activity fields: %(f)s") % {"f": ", ".join(sorted(unknown))}
        )
    if actor is not None and not can_lead_team(actor, team):
        raise PermissionDenied(_("You may not organise activities for this team."))
    fields.setdefault("node", team.node)
    fields.setdefault("audience", Audience.EVERYONE)
    fields.setdefault("description", "")
    fields.setdefault("location", "")
    _validate(fields, team)
    with transaction.atomic():
        activity = Activity(team=team, state=ActivityState.DRAFT, **fields)
        if actor is not None and actor.is_authenticated:
            activity.created_by = actor
        activity.save()
        activity.labels.set(labels)
        log_action(
            "volunteering.activity.created",
            actor=actor,
            obj=activity,
            new={
                "title": activity.title,
                "team": team.pk,
                "starts_at": activity.starts_at,
                "ends_at": activity.ends_at,
                "capacity": activity.capacity,
            },
        )
    return activity


def activity_update(*, activity: Activity, actor=None, labels=None, **changes) -> Activity:
    """Change a draft or published activity; more places promote people from the waiting list."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValidationError(
            _("Unknown activity fields: %(f)s") % {"f": ", ".join(sorted(unknown))}
        )
    if actor is not None and not can_lead(actor, activity):
        raise PermissionDenied(_("You may not change this activity."))
    with transaction.atomic():
        activity = (
            Activity.objects.select_for_update(of=("self",))
            .select_related("team")
            .get(pk=activity.pk)
        )
        if activity.state not in (ActivityState.DRAFT, ActivityState.PUBLISHED):
            raise ValidationError(_("A cancelled or finished activity cannot be changed."))
        merged = {name: getattr(activity, name) for name in EDITABLE} | changes
        _validate(merged, activity.team)
        confirmed = activity.signups.filter(state=SignupState.CONFIRMED).count()
        if merged["capacity"] < confirmed:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(n)d people already have a place; the activity needs at least as many."
                    )
                    % {"n": confirmed}
                }
            )
        old = {name: getattr(activity, name) for name in changes}
        for name, value in changes.items():
            setattr(activity, name, value)
        activity.save(update_fields=list(changes) or None)
        if labels is not None:
            activity.labels.set(labels)
        log_action(
            "volunteering.activity.updated",
            actor=actor,
            obj=activity,
            old={k: str(v) if hasattr(v, "pk") else v for k, v in old.items()},
            new={k: str(v) if hasattr(v, "pk") else v for k, v in changes.items()},
        )
        if "capacity" in changes:
            fill_places(activity=activity, actor=actor)
    return activity


def _transition(activity: Activity, target: str, actor, reason: str = "") -> Activity:
    with transaction.atomic():
        activity = Activity.objects.select_for_update(of=("self",)).get(pk=activity.pk)
        if target not in ACTIVITY_TRANSITIONS[activity.state]:
            raise ValidationError(
                _("A %(state)s activity cannot become %(target)s.")
                % {"state": activity.get_state_display(), "target": ActivityState(target).label}
            )
        if target == ActivityState.CANCELLED and activity.attendances.exists():
            raise ValidationError(
                _("Volunteers have already checked in; file a report instead of cancelling.")
            )
        old = activity.state
        activity.state = target
        fields = ["state"]
        if reason:
            activity.cancel_reason = reason
            fields.append("cancel_reason")
        activity.save(update_fields=fields)
        log_action(
            f"volunteering.activity.{target}",
            actor=actor,
            obj=activity,
            old={"state": old},
            new={"state": target},
            data={"reason": reason} if reason else None,
        )
    return activity


def activity_publish(*, activity: Activity, actor=None) -> Activity:
    """Put a draft activity on the public calendar, open for sign-up in its window."""
    if actor is not None and not can_lead(actor, activity):
        raise PermissionDenied(_("You may not publish this activity."))
    return _transition(activity, ActivityState.PUBLISHED, actor)


def activity_cancel(*, activity: Activity, reason: str, actor=None) -> Activity:
    """Call an activity off, with a reason the people signed up will read."""
    if actor is not None and not can_lead(actor, activity):
        raise PermissionDenied(_("You may not cancel this activity."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the activity is cancelled.")})
    if len(reason) > 300:
        raise ValidationError({"reason": _("The reason is too long (at most 300 characters).")})
    return _transition(activity, ActivityState.CANCELLED, actor, reason)
