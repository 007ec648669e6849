"""Writes of briefings: generate (or regenerate) a draft, edit its narrative, approve (freeze)
and publish. Only the insights app's own table is written; every change is audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.insights.briefing.builder import build
from gongzhi.insights.briefing.evidence import record_ids
from gongzhi.insights.models import Briefing, BriefingState
from gongzhi.insights.permissions import APPROVE_BRIEFING, EDIT_BRIEFING
from gongzhi.org.access import can

NARRATIVE_MAX = 4000
MAX_SLOTS = 20


def _require(actor, permission, node):
    if not (getattr(actor, "is_superuser", False) or can(actor, permission, node)):
        raise PermissionDenied(
            _("You may not do this to the briefings of %(node)s.") % {"node": node}
        )


def _locked(node, period):
    return Briefing.objects.select_for_update().filter(node=node, period=period.key).first()


def briefing_generate(*, node, period, actor, now=None) -> Briefing:
    """Build the month's briefing from the records into a draft (keeping staff's paragraphs).
    An approved briefing is frozen and is not overwritten; compare it with ``briefing_diff``."""
    _require(actor, EDIT_BRIEFING, node)
    content = build(node, period, now=now)
    with transaction.atomic():
        briefing = _locked(node, period)
        if briefing is not None and briefing.is_frozen:
            raise ValidationError(
                {"state": _("This briefing was approved and is frozen; it cannot be rebuilt.")}
            )
        created = briefing is None
        if created:
            briefing = Briefing(node=node, period=period.key, created_by=actor)
        briefing.content = content
        briefing.version = 1 if created else briefing.version + 1
        briefing.save()
        log_action(
            "insights.briefing.generated",
            actor=actor,
            obj=briefing,
            data={"node": node.code, "period": period.key, "as_of": content["as_of"]},
        )
    return briefing


def _clean_narrative(briefing, narrative: dict) -> dict:
    slots = {"intro", "closing"} | {f"after:{s['key']}" for s in briefing.content["sections"]}
    cleaned = {}
    for slot, text in (narrative or {}).items():
        if slot not in slots:
            raise ValidationError({"narrative": _("Unknown paragraph: %(slot)s.") % {"slot": slot}})
        text = str(text or "").replace("\r\n", "\n").strip()
        if len(text) > NARRATIVE_MAX:
            raise ValidationError(
                {slot: _("At most %(n)d characters, please.") % {"n": NARRATIVE_MAX}}
            )
        if text:
            cleaned[slot] = text
    if len(cleaned) > MAX_SLOTS:
        raise ValidationError({"narrative": _("Too many paragraphs.")})
    return cleaned


def briefing_edit(*, briefing, actor, narrative: dict, expected_version: int | None = None):
    """Replace the staff's narrative paragraphs of a draft (the numbers are never edited)."""
    _require(actor, EDIT_BRIEFING, briefing.node)
    with transaction.atomic():
        locked = Briefing.objects.select_for_update().get(pk=briefing.pk)
        if locked.is_frozen:
            raise ValidationError({"state": _("An approved briefing cannot be edited.")})
        if expected_version is not None and locked.version != expected_version:
            raise ValidationError(
                {"version": _("Someone changed this briefing meanwhile; reload and try again.")}
            )
        cleaned = _clean_narrative(locked, narrative)
        old = locked.narrative
        locked.narrative = cleaned
        locked.version += 1
        locked.save(update_fields=["narrative", "version", "updated_at"])
        log_action(
            "insights.briefing.edited",
            actor=actor,
            obj=locked,
            old={"narrative": old},
            new={"narrative": cleaned},
        )
    return locked


def briefing_approve(*, briefing, actor, now=None) -> Briefing:
    """Freeze the draft: its content, every number and the records behind them, as of now."""
    _require(actor, APPROVE_BRIEFING, briefing.node)
    with transaction.atomic():
        locked = Briefing.objects.select_for_update().select_related("node").get(pk=briefing.pk)
        if locked.is_frozen:
            raise ValidationError({"state": _("This briefing was approved already.")})
        from gongzhi.insights.briefing.builder import bound_numbers
        from gongzhi.insights.periods import parse_period

        period = parse_period(locked.period)
        locked.numbers = bound_numbers(locked.content)
        locked.record_ids = record_ids(locked.node, period)
        locked.as_of = timezone.datetime.fromisoformat(locked.content["as_of"])
        locked.state = BriefingState.APPROVED
        locked.approved_by = actor
        locked.approved_at = now or timezone.now()
        locked.version += 1
        locked.save()
        log_action(
            "insights.briefing.approved",
            actor=actor,
            obj=locked,
            new={"state": locked.state, "as_of": locked.content["as_of"]},
        )
    return locked


def briefing_publish(*, briefing, actor) -> Briefing:
    """Mark an approved briefing published (shown to the public as frozen)."""
    _require(actor, APPROVE_BRIEFING, briefing.node)
    with transaction.atomic():
        locked = Briefing.objects.select_for_update().get(pk=briefing.pk)
        if locked.state != BriefingState.APPROVED:
            raise ValidationError({"state": _("Only an approved briefing can be published.")})
        locked.state = BriefingState.PUBLISHED
        locked.published_at = timezone.now()
        locked.version += 1
        locked.save(update_fields=["state", "published_at", "version", "updated_at"])
        log_action(
            "insights.briefing.published", actor=actor, obj=locked, new={"state": locked.state}
        )
    return locked
