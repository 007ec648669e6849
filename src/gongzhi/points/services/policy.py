"""Community policy kept by staff (rules, caps, expiry) and the good-deed approval flow."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.transaction import atomic
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.org.access import can
from gongzhi.org.choices import Level
from gongzhi.points.choices import GoodDeedState, Reason
from gongzhi.points.models import GoodDeed, PointsPolicy, PointsRule
from gongzhi.points.permissions import MANAGE
from gongzhi.points.selectors import community_of
from gongzhi.points.services.awards import points_award

RULE_FIELDS = ("points_per_unit", "daily_cap", "monthly_cap", "is_active")


def _require_community(node) -> None:
    if node is None or node.level != Level.COMMUNITY:
        raise ValidationError({"community": _("Points rules belong to a community.")})


def _require_manage(actor, community) -> None:
    if actor is not None and not can(actor, MANAGE, community):
        raise PermissionDenied(_("You may not manage points here."))


def _cap(value, field: str):
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError({field: _("A cap is a whole number of points, 0 or more.")})
    return value


def rule_set(
    *,
    community,
    reason: str,
    points_per_unit: int,
    daily_cap: int | None = None,
    monthly_cap: int | None = None,
    is_active: bool = True,
    actor=None,
) -> PointsRule:
    """Create or change the community's rule for ``reason``; audited with old and new values."""
    _require_community(community)
    _require_manage(actor, community)
    if reason not in Reason.values:
        raise ValidationError({"reason": _("Unknown reason for points: %(r)s") % {"r": reason}})
    if isinstance(points_per_unit, bool) or not isinstance(points_per_unit, int):
        raise ValidationError({"points_per_unit": _("Points per unit must be a whole number.")})
    if not 0 <= points_per_unit <= 100_000:
        raise ValidationError({"points_per_unit": _("Points per unit must be 0 to 100000.")})
    new = {
        "points_per_unit": points_per_unit,
        "daily_cap": _cap(daily_cap, "daily_cap"),
        "monthly_cap": _cap(monthly_cap, "monthly_cap"),
        "is_active": bool(is_active),
    }
    with atomic():
        rule = (
            PointsRule.objects.select_for_update()
            .filter(community=community, reason=reason)
            .first()
        )
        if rule is None:
            rule = PointsRule.objects.create(community=community, reason=reason, **new)
            log_action("points.rule.created", actor=actor, obj=rule, new={"reason": reason, **new})
            return rule
        old = {field: getattr(rule, field) for field in RULE_FIELDS}
        if old == new:
            return rule
        for field, value in new.items():
            setattr(rule, field, value)
        rule.save(update_fields=[*RULE_FIELDS, "updated_at"])
        log_action("points.rule.changed", actor=actor, obj=rule, old=old, new=new)
    return rule


def policy_set(*, community, expire_yearly: bool, actor=None) -> PointsPolicy:
    """Turn the community's yearly expiry of unspent points on or off."""
    _require_community(community)
    _require_manage(actor, community)
    with atomic():
        policy, _created = PointsPolicy.objects.select_for_update().get_or_create(
            community=community
        )
        old = {"expire_yearly": policy.expire_yearly}
        policy.expire_yearly = bool(expire_yearly)
        policy.save(update_fields=["expire_yearly", "updated_at"])
        log_action(
            "points.policy.changed",
            actor=actor,
            obj=policy,
            old=old,
            new={"expire_yearly": policy.expire_yearly},
        )
    return policy


def good_deed_propose(*, person, description: str, occurred_on: dt.date, actor) -> GoodDeed:
    """A resident proposes their own good deed, or staff propose one for a person they manage."""
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("Describe the good deed.")})
    if len(description) > 2000:
        raise ValidationError({"description": _("Keep the description under 2000 characters.")})
    if occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("The date cannot be in the future.")})
    own = getattr(actor, "pk", None) is not None and person.user_id == actor.pk
    community = community_of(person.node)
    if not own and actor is not None and (community is None or not can(actor, MANAGE, community)):
        raise PermissionDenied(_("You may propose good deeds only for yourself."))
    with atomic():
        deed = GoodDeed.objects.create(
            person=person, description=description, occurred_on=occurred_on, proposed_by=actor
        )
        log_action(
            "points.good_deed.proposed",
            actor=actor,
            obj=deed,
            new={"person": person.pk, "occurred_on": occurred_on},
        )
    return deed


def _decide(deed: GoodDeed, actor, state: str, note: str) -> GoodDeed:
    """Lock the deed, check it is still open and the actor may decide, and record the decision."""
    community = community_of(deed.person.node)
    if community is None or not can(actor, MANAGE, community):
        raise PermissionDenied(_("You may not decide on good deeds here."))
    deed = GoodDeed.objects.select_for_update().select_related("person").get(pk=deed.pk)
    if deed.state != GoodDeedState.PROPOSED:
        raise ValidationError(_("This good deed has already been decided."))
    deed.state = state
    deed.decided_by = actor
    deed.decided_at = timezone.now()
    deed.decision_note = (note or "").strip()[:500]
    return deed


def good_deed_approve(*, deed: GoodDeed, actor, note: str = ""):
    """Approve a proposed good deed and award the community's good-deed points (capped as the
    rule says). Returns the award transaction, or None when the rule gives nothing."""
    with atomic():
        deed = _decide(deed, actor, GoodDeedState.APPROVED, note)
        occurred = timezone.make_aware(dt.datetime.combine(deed.occurred_on, dt.time(12)))
        txn = points_award(
            person=deed.person,
            reason=Reason.GOOD_DEED,
            quantity=1,
            source=deed,
            idempotency_key=f"points.good_deed:{deed.pk}",
            actor=actor,
            occurred_at=min(occurred, timezone.now()),
        )
        deed.transaction = txn
        deed.save(
            update_fields=["state", "decided_by", "decided_at", "decision_note", "transaction"]
        )
        log_action(
            "points.good_deed.approved",
            actor=actor,
            obj=deed,
            new={"state": deed.state, "transaction": txn.pk if txn else None},
        )
    return txn


def good_deed_reject(*, deed: GoodDeed, actor, note: str) -> GoodDeed:
    """Reject a proposed good deed, saying why."""
    if not (note or "").strip():
        raise ValidationError({"note": _("Say why the good deed is not approved.")})
    with atomic():
        deed = _decide(deed, actor, GoodDeedState.REJECTED, note)
        deed.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
        log_action("points.good_deed.rejected", actor=actor, obj=deed, new={"note": note})
    return deed
