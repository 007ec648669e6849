"""The case loop's background work, run by the scheduler (``gongzhi.core.jobs``)."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from gongzhi.core.jobs import register_job


def _escalate() -> str:
    from gongzhi.cases.services.escalation import escalate_overdue

    return f"{len(escalate_overdue())} new supervisions"


def _parked() -> str:
    from gongzhi.cases.services.reminders import remind_parked_reviews

    return f"{remind_parked_reviews()} parked cases due for review"


def _revisits() -> str:
    from gongzhi.cases.services.reminders import remind_due_revisits

    return f"{remind_due_revisits()} revisits due"


def register() -> None:
    register_job(
        "cases.escalate_overdue",
        _escalate,
        every=dt.timedelta(minutes=5),
        description=_("Escalate overdue case steps (督办)"),
    )
    register_job(
        "cases.remind_parked_reviews",
        _parked,
        every=dt.timedelta(hours=1),
        description=_("Remind dispatchers of parked cases due for review"),
    )
    register_job(
        "cases.remind_due_revisits",
        _revisits,
        every=dt.timedelta(hours=1),
        description=_("Remind grid workers of revisits that are due"),
    )
