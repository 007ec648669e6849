"""Participation's notification sentences and the one call that sends them.

Notifications go through the cases app's mechanism (``cases.services.notifications.notify``: in
the site at once, e-mail after the commit); the verbs used here are added to its table of
sentences once at start-up.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

VERB_TEXT = {
    "demand_moved": _("Your demand “%(title)s”: %(what)s"),
    "service_request_moved": _("Your service request “%(title)s”: %(what)s"),
    "task_overdue": _("Task “%(title)s” is overdue (level %(level)s)"),
    "council_notice": _("You are invited to the council “%(title)s” on %(when)s"),
    "post_moderated": _("Your board post: %(what)s"),
}


def register_verbs() -> None:
    from gongzhi.cases.services import notifications

    for verb, text in VERB_TEXT.items():
        notifications.VERB_TEXT.setdefault(verb, text)


def send(*, users, verb: str, data: dict) -> None:
    """Notify ``users`` (in the caller's transaction; e-mail after commit)."""
    from gongzhi.cases.services.notifications import notify

    notify(users=[u for u in users if u is not None], verb=verb, data=data)
