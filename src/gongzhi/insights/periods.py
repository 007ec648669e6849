"""Periods are calendar months in the platform's time zone (Asia/Shanghai by default)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class Period:
    """One calendar month; ``start`` and ``end`` bound it as a half-open window."""

    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def key(self) -> str:
        return str(self)

    @property
    def start(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime(self.year, self.month, 1))

    @property
    def end(self) -> dt.datetime:
        return self.shift(1).start

    def shift(self, months: int) -> Period:
        index = self.year * 12 + self.month - 1 + months
        return Period(index // 12, index % 12 + 1)

    def previous(self) -> Period:
        return self.shift(-1)

    def last_year(self) -> Period:
        return self.shift(-12)

    def label(self) -> str:
        return _("%(year)d-%(month)02d") % {"year": self.year, "month": self.month}

    def as_of(self, now=None) -> dt.datetime:
        """The moment the figures of this period are taken at: its end, or now while it runs."""
        now = now or timezone.now()
        return min(self.end, now)


def current_period(now=None) -> Period:
    local = timezone.localtime(now or timezone.now())
    return Period(local.year, local.month)


def parse_period(value, *, field: str = "period", now=None) -> Period:
    """``YYYY-MM`` → Period; a malformed or future month is a ``ValidationError`` on ``field``."""
    match = PERIOD_RE.match(str(value or "").strip())
    if not match:
        raise ValidationError({field: _("Give the month as YYYY-MM, e.g. 2026-03.")})
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12 or year < 2000:
        raise ValidationError({field: _("%(value)s is not a month.") % {"value": value}})
    period = Period(year, month)
    if period > current_period(now):
        raise ValidationError(
            {field: _("%(value)s lies in the future; no figures exist yet.") % {"value": value}}
        )
    return period


def months_back(period: Period, count: int) -> list[Period]:
    """``count`` months ending with ``period``, oldest first."""
    return [period.shift(-i) for i in range(count - 1, -1, -1)]
