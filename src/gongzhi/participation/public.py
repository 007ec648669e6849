"""What the public sees of demands, tasks, services, councils and board posts.

Every public page and the public parts of the API build their answers here, and everything
about people passes through the one scrubber (``gongzhi.core.scrub``): names are masked unless
the person chose to be public, and free text has phone and ID numbers, e-mail addresses,
door-level addresses and the names of the people on record masked.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from gongzhi.core.scrub import public_name, scrub_text


def _name(person) -> str:
    if person is None:
        return ""
    return public_name(person.name, is_public=person.public_name)


def _names(*people) -> list[str]:
    return [p.name for p in people if p is not None and p.name and not p.public_name]


def _date(value):
    return timezone.localtime(value).date().isoformat() if value else None


def demand(d, *, detail: bool = False) -> dict:
    names = _names(d.raised_by_person)
    out = {
        "id": d.pk,
        "title": scrub_text(d.title, names=names),
        "node": d.node.name,
        "node_code": d.node.code,
        "state": d.state,
        "state_label": str(d.get_state_display()),
        "progress": d.progress_percent,
        "supports": d.support_count,
        "raised_by": _name(d.raised_by_person) or str(d.get_source_display()),
        "raised_on": _date(d.created_at),
        "done_on": _date(d.done_at),
        "url": reverse("participation:demand_public", args=[d.pk]),
        "labels": [label.name for label in d.labels.all()],
    }
    if detail:
        out.update(
            {
                "text": scrub_text(d.text, names=names),
                "answer": scrub_text(d.decision_note, names=names),
                "completion_note": scrub_text(d.completion_note, names=names),
                "task_id": d.task_id,
                "merged_into": d.merged_into_id,
                "case_reference": d.case.reference if d.case_id else None,
                "progress_notes": [
                    {
                        "percent": p.percent,
                        "note": scrub_text(p.note, names=names),
                        "on": _date(p.created_at),
                    }
                    for p in d.progress_notes.all()
                ],
                "photos": [
                    {
                        "stage": p.stage,
                        "url": reverse("participation:demand_photo", args=[p.pk, "full"]),
                        "thumb": reverse("participation:demand_photo", args=[p.pk, "thumb"]),
                    }
                    for p in d.photos.all()
                    if p.stage != "before"  # residents' own photos are for staff only
                ],
            }
        )
    return out


def task(t, *, detail: bool = False) -> dict:
    names = _names(t.responsible)
    out = {
        "id": t.pk,
        "title": scrub_text(t.title, names=names),
        "node": t.node.name,
        "node_code": t.node.code,
        "owner": t.owner_name,
        "responsible": _name(t.responsible),
        "source": t.source,
        "source_label": str(t.get_source_display()),
        "due_on": _date(t.due_at),
        "due_days": t.due_days,
        "progress": t.progress_percent,
        "state": t.state,
        "state_label": str(t.get_state_display()),
        "url": reverse("participation:task_public", args=[t.pk]),
        "labels": [label.name for label in t.labels.all()],
    }
    if detail:
        out.update(
            {
                "description": scrub_text(t.description, names=names),
                "cancel_reason": scrub_text(t.cancel_reason, names=names),
                "done_on": _date(t.done_at),
                "progress_notes": [
                    {
                        "percent": p.percent,
                        "note": scrub_text(p.note, names=names),
                        "on": _date(p.created_at),
                    }
                    for p in t.progress_notes.all()
                ],
                "photos": [
                    {
                        "url": reverse("participation:task_photo", args=[p.pk, "full"]),
                        "thumb": reverse("participation:task_photo", args=[p.pk, "thumb"]),
                    }
                    for p in t.photos.all()
                ],
            }
        )
    return out


def service(s) -> dict:
    return {
        "id": s.pk,
        "title": s.title,
        "provider": s.provider_name,
        "node": s.node.name,
        "node_code": s.node.code,
        "description": scrub_text(s.description),
        "audience": s.audience,
        "audience_label": str(s.get_audience_display()),
        "how_to_request": scrub_text(s.how_to_request),
        "availability": s.availability,
        "labels": [label.name for label in s.labels.all()],
    }


def post(p) -> dict:
    names = _names(p.author_person, p.deed_person)
    return {
        "id": p.pk,
        "board": p.board,
        "board_label": str(p.get_board_display()),
        "node": p.node.name,
        "node_code": p.node.code,
        "caption": scrub_text(p.caption, names=names),
        "posted_on": _date(p.created_at),
        "image": reverse("participation:post_image", args=[p.pk]),
        "width": p.width,
        "height": p.height,
        "case_reference": p.case.reference if p.case_id else None,
    }


def council(c) -> dict:
    """A council's public face; the names of those present are masked in its minutes."""
    names = _names(*(a.person for a in c.attendances.all()))
    return {
        "id": c.pk,
        "title": c.title,
        "kind": c.kind,
        "kind_label": str(c.get_kind_display()),
        "node": c.node.name,
        "node_code": c.node.code,
        "starts_at": timezone.localtime(c.starts_at).isoformat(),
        "place": c.place,
        "state": c.state,
        "state_label": str(c.get_state_display()),
        "minutes": scrub_text(c.minutes, names=names),
        "resolutions": [
            {
                "text": scrub_text(r.text, names=names),
                "outcome": r.outcome,
                "task_id": r.task_id,
                "done": r.is_done,
            }
            for r in c.resolutions.all()
        ],
    }
