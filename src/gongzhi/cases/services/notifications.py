"""Notifications: in the site at once (same transaction), by e-mail after the commit."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.cases.choices import Action, Step
from gongzhi.cases.models import Notification

logger = logging.getLogger(__name__)

# The words shown for each verb (kept here so that e-mail and the site say the same).
VERB_TEXT = {
    "case_moved": gettext_lazy("Case %(ref)s: %(what)s"),
    "case_assigned": gettext_lazy("Case %(ref)s was dispatched to you"),
    "case_returned": gettext_lazy("Case %(ref)s was returned for re-dispatch"),
    "case_resolved": gettext_lazy("Case %(ref)s is resolved and waits for verification"),
    "case_rework": gettext_lazy("Case %(ref)s needs rework"),
    "rating_requested": gettext_lazy("Case %(ref)s is closed: please tell us how it went"),
    "case_overdue": gettext_lazy("Case %(ref)s is overdue at %(step)s (level %(level)s)"),
    "park_review_due": gettext_lazy("Parked case %(ref)s is due for review (%(review_on)s)"),
    "revisit_due": gettext_lazy("Case %(ref)s is due for its revisit (%(due_on)s)"),
}


def notification_text(verb: str, data: dict) -> str:
    """The sentence for a notification, in the active language."""
    template = VERB_TEXT.get(verb)
    if template is None:
        return verb
    data = dict(data)
    if data.get("action") in Action.values:
        data["what"] = Action(data["action"]).label
    if data.get("step") in Step.values:
        data["step"] = Step(data["step"]).label
    try:
        return str(template) % data
    except (KeyError, TypeError, ValueError):
        return verb


def _send_emails(messages: list[tuple[str, str, str]]) -> None:
    for address, subject, body in messages:
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        except Exception:  # the case has moved already; a mail failure must not undo that
            logger.exception("could not send a case notification to %s", address)


def notify(*, users=(), verb: str, case=None, data: dict | None = None, emails=()) -> list:
    """Notify ``users`` in the site and by e-mail (to them and to ``emails``) about ``case``.

    Rows are written in the caller's transaction; e-mail goes out only after it commits.
    Duplicate users are notified once.
    """
    data = dict(data or {})
    if case is not None:
        data.setdefault("ref", case.reference)
    seen, recipients = set(), []
    for user in users:
        if user is not None and user.pk not in seen and user.is_active:
            seen.add(user.pk)
            recipients.append(user)
    rows = Notification.objects.bulk_create(
        [Notification(user=u, verb=verb, case=case, data=data) for u in recipients]
    )
    _forget([u.pk for u in recipients])
    text = notification_text(verb, data)
    addresses = {u.email for u in recipients if u.email} | {e for e in emails if e}
    if addresses:
        body = text
        if case is not None:
            body += "\n\n" + _("Case reference: %(ref)s") % {"ref": case.reference}
        messages = [(address, text, body) for address in sorted(addresses)]
        transaction.on_commit(lambda: _send_emails(messages))
    return rows


def notification_mark_read(*, user, ids=None) -> int:
    """Mark the user's notifications read (all of them when ``ids`` is None)."""
    from django.utils import timezone

    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    changed = qs.update(read_at=timezone.now())
    _forget([user.pk])
    return changed


def _forget(user_ids) -> None:
    """Drop the cached unread counts now and again once the writing transaction commits (so
    that a request reading in between cannot keep the old count)."""
    from gongzhi.cases.selectors.notifications import forget_unread

    if not user_ids:
        return
    forget_unread(user_ids)
    transaction.on_commit(lambda: forget_unread(user_ids))
