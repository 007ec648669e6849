"""Signing up for activities, the waiting list and its promotion in order.

Every change takes the activity's row lock first (``select_for_update``; on SQLite the
IMMEDIATE transaction serialises writers), then counts the confirmed places. So two people
signing up at the same moment for the last place cannot both get it, and promotion from the
waiting list happens exactly once per freed place, in the order people signed up.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.volunteering.choices import ActivityState, Audience, SignupState
from gongzhi.volunteering.models import Activity, Attendance, Signup, TeamMembership
from gongzhi.volunteering.permissions import can_lead


def _acting_for(actor, person, activity) -> None:
    """A user signs themselves up; a leader may sign others up."""
    if actor is None:
        return
    if person.user_id is not None and person.user_id == actor.pk:
        return
    if not can_lead(actor, activity):
        raise PermissionDenied(_("You may only sign yourself up."))


def audience_problem(activity: Activity, person) -> str | None:
    """Why ``person`` is not in the activity's audience, or None."""
    if activity.audience == Audience.RESIDENTS:
        if not (person.is_resident and person.node.path.startswith(activity.node.path)):
            return _("This activity is for residents of %(area)s.") % {"area": activity.node}
    elif activity.audience == Audience.TEAM_MEMBERS:
        if not TeamMembership.objects.filter(team_id=activity.team_id, person=person).exists():
            return _("This activity is for members of %(team)s.") % {"team": activity.team}
    elif activity.audience == Audience.PARTY_MEMBERS and not person.party_member_kind:
        return _("This activity is for party members.")
    return None


def signup_problem(activity: Activity, person, now) -> str | None:
    """Why ``person`` cannot sign up for ``activity`` now, or None."""
    if activity.state != ActivityState.PUBLISHED:
        return _("This activity is not open for sign-up.")
    if now < activity.signup_opens_at:
        return _("Sign-up opens at %(time)s.") % {
            "time": timezone.localtime(activity.signup_opens_at).strftime("%Y-%m-%d %H:%M")
        }
    if now >= activity.signup_closes_at:
        return _("Sign-up has closed.")
    return audience_problem(activity, person)


def signup_create(*, activity: Activity, person, actor=None, at=None) -> Signup:
    """Sign ``person`` up: a confirmed place while places are free, else the waiting list."""
    now = at or timezone.now()
    with transaction.atomic():
        activity = (
            Activity.objects.select_for_update(of=("self",))
            .select_related("node", "team")
            .get(pk=activity.pk)
        )
        _acting_for(actor, person, activity)
        problem = signup_problem(activity, person, now)
        if problem:
            raise ValidationError(problem)
        signup = Signup.objects.filter(activity=activity, person=person).first()
        if signup is not None and signup.state != SignupState.CANCELLED:
            raise ValidationError(_("You are already signed up for this activity."))
        confirmed = Signup.objects.filter(activity=activity, state=SignupState.CONFIRMED).count()
        state = SignupState.CONFIRMED if confirmed < activity.capacity else SignupState.WAITLISTED
        if signup is None:
            signup = Signup.objects.create(
                activity=activity, person=person, state=state, signed_up_at=now, changed_at=now
            )
        else:
            # Signing up again after cancelling goes to the back of the queue.
            signup.state, signup.signed_up_at, signup.changed_at = state, now, now
            signup.save(update_fields=["state", "signed_up_at", "changed_at"])
        log_action(
            "volunteering.signup.created",
            actor=actor,
            obj=signup,
            new={"state": state, "activity": activity.pk, "person": person.pk},
        )
    return signup


def fill_places(*, activity: Activity, actor=None, at=None) -> list[Signup]:
    """Promote people from the waiting list, first come first served, while places are free.

    Call it inside a transaction that holds the activity's row lock.
    """
    now = at or timezone.now()
    confirmed = Signup.objects.filter(activity=activity, state=SignupState.CONFIRMED).count()
    free = activity.capacity - confirmed
    if free <= 0:
        return []
    waiting = list(
        Signup.objects.select_for_update(of=("self",))
        .filter(activity=activity, state=SignupState.WAITLISTED)
        .order_by("signed_up_at", "id")[:free]
    )
    for signup in waiting:
        signup.state, signup.changed_at = SignupState.CONFIRMED, now
        signup.save(update_fields=["state", "changed_at"])
        log_action(
            "volunteering.signup.promoted",
            actor=actor,
            obj=signup,
            old={"state": SignupState.WAITLISTED},
            new={"state": SignupState.CONFIRMED},
        )
    return waiting


def signup_cancel(*, signup: Signup, actor=None, at=None) -> Signup:
    """Give up a place or leave the waiting list; a freed place goes to the next in line."""
    now = at or timezone.now()
    with transaction.atomic():
        activity = (
            Activity.objects.select_for_update(of=("self",))
            .select_related("team")
            .get(pk=signup.activity_id)
        )
        signup = (
            Signup.objects.select_for_update(of=("self",))
            .select_related("person")
            .get(pk=signup.pk)
        )
        _acting_for(actor, signup.person, activity)
        if signup.state == SignupState.CANCELLED:
            raise ValidationError(_("This sign-up is already cancelled."))
        if activity.state == ActivityState.PUBLISHED and now >= activity.starts_at:
            raise ValidationError(_("The activity has started; ask the leader instead."))
        if activity.state == ActivityState.FINISHED:
            raise ValidationError(_("The activity is over."))
        if Attendance.objects.filter(activity=activity, person=signup.person).exists():
            raise ValidationError(_("You have already checked in; ask the leader instead."))
        old = signup.state
        signup.state, signup.changed_at = SignupState.CANCELLED, now
        signup.save(update_fields=["state", "changed_at"])
        log_action(
            "volunteering.signup.cancelled",
            actor=actor,
            obj=signup,
            old={"state": old},
            new={"state": SignupState.CANCELLED},
        )
        if old == SignupState.CONFIRMED and activity.state == ActivityState.PUBLISHED:
            fill_places(activity=activity, actor=actor, at=now)
    return signup
