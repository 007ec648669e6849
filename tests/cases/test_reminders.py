"""Parked cases due for review and due revisits remind the people nearest them, once."""

import datetime as dt

from django.utils import timezone

from gongzhi.cases.choices import State
from gongzhi.cases.models import Notification, Revisit
from gongzhi.cases.services.reminders import remind_due_revisits, remind_parked_reviews

from .helpers import drive


def test_a_parked_case_due_for_review_reminds_once(world, report):
    case = drive(world, report(), State.PARKED)
    review_on = case.parked_review_on
    assert remind_parked_reviews(today=review_on - dt.timedelta(days=1)) == 0
    assert remind_parked_reviews(today=review_on) == 1
    assert remind_parked_reviews(today=review_on + dt.timedelta(days=3)) == 0
    reminded = Notification.objects.filter(verb="park_review_due", case=case)
    assert reminded.exists()
    assert all(n.data["review_on"] == review_on.isoformat() for n in reminded)


def test_a_due_revisit_reminds_once_and_not_after_it_is_done(world, report):
    case = drive(world, report(category=world["building"], answers={}), State.CLOSED)
    revisit = Revisit.objects.get(case=case)
    assert remind_due_revisits(today=revisit.due_on - dt.timedelta(days=1)) == 0
    assert remind_due_revisits(today=revisit.due_on) == 1
    assert remind_due_revisits(today=revisit.due_on) == 0
    assert Notification.objects.filter(verb="revisit_due", case=case).exists()
    Revisit.objects.filter(pk=revisit.pk).update(done_at=timezone.now())
    Notification.objects.filter(verb="revisit_due").delete()
    assert remind_due_revisits(today=revisit.due_on) == 0
