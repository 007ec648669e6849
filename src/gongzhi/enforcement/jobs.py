"""The enforcement procedure's background work, run by the scheduler."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from gongzhi.core.jobs import register_job


def _escalate() -> str:
    from gongzhi.enforcement.services.escalation import escalate_enforcement

    return f"{len(escalate_enforcement())} overdue steps escalated"


def register() -> None:
    register_job(
        "enforcement.escalate",
        _escalate,
        every=dt.timedelta(minutes=5),
        description=_("Escalate overdue illegal-structure procedure steps"),
    )
