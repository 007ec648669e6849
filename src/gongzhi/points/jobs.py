"""The points app's background work, run by the scheduler."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.core.jobs import register_job


def _expire() -> str:
    from gongzhi.points.services import points_expire

    booked = points_expire(year=timezone.localdate().year - 1)
    return f"{len(booked)} accounts expired"


def _release() -> str:
    from gongzhi.points.services.release import orders_release_uncollected

    return f"{orders_release_uncollected()} uncollected orders released"


def register() -> None:
    register_job(
        "points.expire",
        _expire,
        every=dt.timedelta(days=1),
        description=_("Expire last year's unspent points where the policy says so"),
    )
    register_job(
        "points.release_uncollected_orders",
        _release,
        every=dt.timedelta(hours=1),
        description=_("Cancel store orders nobody collected in time"),
    )
