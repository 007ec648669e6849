"""The API app's background work: the webhook safety net, run by the scheduler."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from gongzhi.core.jobs import register_job


def _sweep() -> str:
    from gongzhi.api.webhooks.tasks import sweep

    return f"{sweep()} deliveries attempted"


def register() -> None:
    register_job(
        "api.deliver_webhooks",
        _sweep,
        every=dt.timedelta(minutes=5),
        description=_("Send webhook deliveries that are due for a retry"),
    )
