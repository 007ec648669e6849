"""The charity app in the portal: the open drives of a place with their goal against what
has been received, each linking to the drive's own transparency page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy

from gongzhi.charity.choices import DriveState
from gongzhi.charity.selectors import drive_progress, public_drives
from gongzhi.core.scrub import scrub_text
from gongzhi.portal.sections import Section, register_section

DRIVES = 4


def block(request, node) -> dict | None:
    drives = list(
        public_drives(node).filter(state=DriveState.OPEN).order_by("-starts_on", "-id")[:DRIVES]
    )
    progress = drive_progress(d.pk for d in drives)
    rows = []
    for d in drives:
        goal, received = progress[d.pk]
        rows.append(
            {
                "title": scrub_text(d.title),
                "goal": goal,
                "received": received,
                "percent": min(100, round(100 * received / goal)) if goal else 0,
                "ends_on": d.ends_on,
                "url": reverse("charity:drive_public", args=[d.pk]),
            }
        )
    return {"drives": rows, "more_url": reverse("charity:public_index")}


register_section(
    Section(
        key="charity",
        app="gongzhi.charity",
        title=gettext_lazy("Donation drives"),
        order=50,
        template="portal/sections/charity.html",
        block=block,
    )
)
