"""Participation's background work, run by the scheduler (``gongzhi serve``)."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from gongzhi.core.jobs import register_job


def _escalate() -> str:
    from gongzhi.participation.services import escalate_overdue_tasks

    return f"{len(escalate_overdue_tasks())} overdue tasks escalated"


def register() -> None:
    register_job(
        "participation.escalate_tasks",
        _escalate,
        every=dt.timedelta(minutes=5),
        description=_("Mark overdue tasks on the task list and escalate them"),
    )
