"""Concurrent calendar writers queue on the clock stamp: nothing doubled, nothing lost."""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from gongzhi.worktime.choices import DayKind
from gongzhi.worktime.models import CalendarDay
from gongzhi.worktime.published import published_days
from gongzhi.worktime.services import calendar_day_add, seed_calendar


def run_together(target, count=2):
    barrier = threading.Barrier(count, timeout=30)
    results = []

    def work():
        try:
            barrier.wait()
            results.append(target())
        except Exception as exc:  # noqa: BLE001 - the test inspects what each thread got
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_seeds_at_once_record_each_day_once():
    results = run_together(lambda: seed_calendar(years=[2026]))
    expected = len(published_days([2026]))
    assert sorted(results) == [0, expected]
    assert CalendarDay.objects.count() == expected


@pytest.mark.django_db(transaction=True)
def test_two_staff_adding_the_same_date_get_one_day_and_one_clear_error():
    results = run_together(
        lambda: calendar_day_add(date=date(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦")
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert CalendarDay.objects.count() == 1
