import datetime as dt
import itertools
from contextlib import contextmanager
from unittest import mock

import pytest
from django.utils import timezone

from gongzhi.cases.choices import Action, Channel, State
from gongzhi.cases.models import Case, CaseEvent, Rating, Supervision
from tests.cases.conftest import categories, report, world  # noqa: F401

_refs = itertools.count(1)


def local(year, month, day, hour=10, minute=0):
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


@contextmanager
def frozen_at(moment):
    """Services and auto_now fields see ``moment`` as now."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def set_time(obj, **fields):
    """Rewrite auto_now_add timestamps of a row made in a test (hand-made history)."""
    type(obj).objects.filter(pk=obj.pk).update(**fields)


class History:
    """Hand-made case histories: cases and their timeline events at chosen times, written
    straight to the tables (what the services would have written)."""

    def __init__(self, category):
        self.category = category

    def case(self, node, reported_at, *, category=None, state=State.REPORTED, deadline=None):
        case = Case.objects.create(
            reference=f"T-{next(_refs):06d}",
            category=category or self.category,
            description="测试",
            node=node,
            channel=Channel.STAFF,
            reported_at=reported_at,
            state=state,
        )
        self.event(case, Action.REPORT, reported_at, to_state=State.REPORTED, deadline=deadline)
        return case

    def event(self, case, action, when, *, to_state="", deadline=None, **data):
        if deadline is not None:
            data["deadline_ts"] = int(deadline.timestamp())
        elif to_state:
            data["deadline_ts"] = None
        event = CaseEvent.objects.create(case=case, action=action, to_state=to_state, data=data)
        set_time(event, created_at=when)
        if to_state:
            Case.objects.filter(pk=case.pk).update(state=to_state)
        return event

    def close(self, case, when, *, on_time=True):
        return self.event(case, Action.VERIFY_PASS, when, to_state=State.CLOSED, on_time=on_time)

    def rate(self, case, when, *, contacted=True, solved=True, satisfied=True, seq=1):
        rating = Rating.objects.create(
            case=case,
            closing_seq=seq,
            contacted=contacted,
            solved=solved,
            satisfied=satisfied,
            channel="phone",
        )
        set_time(rating, created_at=when)
        return rating

    def escalate(self, case, when, *, level=1, seq=1):
        sup = Supervision.objects.create(
            case=case, step="handle", step_seq=seq, level=level, node=case.node, deadline_at=when
        )
        set_time(sup, created_at=when)
        return sup


@pytest.fixture
def history(categories):  # noqa: F811
    return History(categories["lift"])
