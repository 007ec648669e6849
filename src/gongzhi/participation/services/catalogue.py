"""The service catalogue and residents' requests for its services."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.participation import notifications as notes
from gongzhi.participation.choices import REQUEST_TRANSITIONS, Audience, RequestState
from gongzhi.participation.models import ServiceEntry, ServiceRequest
from gongzhi.participation.permissions import MANAGE, person_of
from gongzhi.participation.services.common import guard, lock, require, text


def service_entry_create(
    *,
    node,
    title: str,
    provider_party=None,
    provider_partner=None,
    provider_team=None,
    description: str = "",
    audience: str = Audience.EVERYONE,
    how_to_request: str = "",
    availability: str = "",
    labels=(),
    actor=None,
) -> ServiceEntry:
    """Add what one provider offers on ``node`` to the catalogue."""
    require(actor, MANAGE, node)
    providers = [p for p in (provider_party, provider_partner, provider_team) if p is not None]
    if len(providers) != 1:
        raise ValidationError({"provider": _("Choose exactly one provider.")})
    if audience not in Audience.values:
        raise ValidationError({"audience": _("Choose from the list.")})
    entry = ServiceEntry(
        node=node,
        provider_party=provider_party,
        provider_partner=provider_partner,
        provider_team=provider_team,
        provider_name=providers[0].name[:100],
        title=text(title, field="title", max_length=100),
        description=text(description, field="description", max_length=4000, required=False),
        audience=audience,
        how_to_request=text(how_to_request, field="how_to_request", max_length=200, required=False),
        availability=text(availability, field="availability", max_length=100, required=False),
    )
    with transaction.atomic():
        entry.save()
        if labels:
            entry.labels.set(labels)
        log_action(
            "participation.service.created",
            actor=actor,
            obj=entry,
            new={"title": entry.title, "provider": entry.provider_name},
        )
    return entry


def service_request_create(*, entry: ServiceEntry, actor, note: str = "") -> ServiceRequest:
    """A signed-in resident asks for a service that is on offer."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Log in to request a service."))
    note = text(note, field="note", max_length=2000, required=False)
    with transaction.atomic():
        entry = lock(ServiceEntry, entry.pk, "node")
        if not entry.is_active:
            raise ValidationError({"entry": _("This service is not offered any more.")})
        request = ServiceRequest.objects.create(
            entry=entry, user=actor, person=person_of(actor), note=note
        )
        log_action(
            "participation.service_request.requested",
            actor=actor,
            obj=request,
            data={"entry": entry.pk},
        )
    return request


def _move(request: ServiceRequest, target: str, *, actor, answer: str) -> ServiceRequest:
    with transaction.atomic():
        request = lock(ServiceRequest, request.pk, "entry__node")
        require(actor, MANAGE, request.entry.node)
        guard(REQUEST_TRANSITIONS, request.state, target, labels=RequestState)
        old = request.state
        request.state = target
        request.answer = answer or request.answer
        fields = ["state", "answer"]
        if target == RequestState.DONE:
            request.done_at = timezone.now()
            fields.append("done_at")
        request.save(update_fields=fields)
        log_action(
            f"participation.service_request.{target}",
            actor=actor,
            obj=request,
            old={"state": old},
            new={"state": target},
            data={"answer": answer},
        )
        notes.send(
            users=[request.user],
            verb="service_request_moved",
            data={"title": request.entry.title, "what": str(RequestState(target).label)},
        )
    return request


def service_request_accept(*, request: ServiceRequest, actor=None, answer: str = ""):
    answer = text(answer, field="answer", max_length=2000, required=False)
    return _move(request, RequestState.ACCEPTED, actor=actor, answer=answer)


def service_request_done(*, request: ServiceRequest, actor=None, answer: str = ""):
    answer = text(answer, field="answer", max_length=2000, required=False)
    return _move(request, RequestState.DONE, actor=actor, answer=answer)


def service_request_decline(*, request: ServiceRequest, reason: str, actor=None):
    reason = text(
        reason, field="reason", max_length=2000, label=_("Say why the request is declined.")
    )
    return _move(request, RequestState.DECLINED, actor=actor, answer=reason)
