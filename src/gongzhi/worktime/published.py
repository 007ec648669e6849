"""The published national holiday schedule, as the ``chinese-calendar`` package ships it.

The State Council publishes each year's holidays and make-up workdays (调休) late in the year
before; the package carries them up to its last release. Years it does not know are absent
here: staff enter those days in the calendar pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import chinese_calendar

from gongzhi.worktime.choices import DayKind

# Fuller names than the package's short ones (清明 → 清明节…), as calendars print them.
_NAMES = {
    chinese_calendar.Holiday.tomb_sweeping_day.value: "清明节",
    chinese_calendar.Holiday.dragon_boat_festival.value: "端午节",
    chinese_calendar.Holiday.mid_autumn_festival.value: "中秋节",
}


@dataclass(frozen=True)
class PublishedDay:
    date: date
    kind: str
    name: str


def _chinese_name(english: str) -> str:
    if english in _NAMES:
        return _NAMES[english]
    for holiday in chinese_calendar.Holiday:
        if holiday.value == english:
            return holiday.chinese
    return english


def published_years() -> set[int]:
    """The years the installed package has a schedule for."""
    return {day.year for day in chinese_calendar.holidays}


def published_days(years) -> list[PublishedDay]:
    """Every holiday and make-up workday of ``years`` in the published schedule, by date."""
    wanted = set(years)
    days = [
        PublishedDay(day, DayKind.HOLIDAY, _chinese_name(name))
        for day, name in chinese_calendar.holidays.items()
        if day.year in wanted
    ]
    days += [
        PublishedDay(day, DayKind.MAKEUP_WORKDAY, _chinese_name(name))
        for day, name in chinese_calendar.workdays.items()
        if day.year in wanted
    ]
    return sorted(days, key=lambda d: d.date)
