import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pypdf import PdfReader

from gongzhi.volunteering.certificate_pdf import render_certificate
from gongzhi.volunteering.choices import CheckMethod
from gongzhi.volunteering.models import Certificate
from gongzhi.volunteering.services import (
    attendance_check_in,
    attendance_check_out,
    certificate_issue,
    signup_create,
)


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def served(make_activity, make_person, now):
    """A volunteer with two past activities: 2 hours and 1.5 hours."""
    person = make_person("赵志愿", id_number="32060219900101123X")
    for title, minutes, days_ago in (("政策宣讲进楼道", 120, 20), ("关爱独居老人", 90, 10)):
        start = now - timedelta(days=days_ago)
        activity = make_activity(
            title=title,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            signup_opens_at=start - timedelta(days=3),
            signup_closes_at=start,
        )
        signup_create(activity=activity, person=person, at=start - timedelta(days=1))
        attendance_check_in(activity=activity, person=person, method=CheckMethod.MANUAL, at=start)
        attendance_check_out(
            activity=activity,
            person=person,
            method=CheckMethod.MANUAL,
            at=start + timedelta(minutes=minutes),
        )
    return person


def period(now):
    today = timezone.localdate(now)
    return {"period_start": today - timedelta(days=30), "period_end": today}


def test_certificate_pdf_shows_every_element(served, now, small_tree):
    certificate = certificate_issue(person=served, actor=served.user, **period(now))
    text = pdf_text(render_certificate(certificate.snapshot))
    year = timezone.localdate(now).year
    assert certificate.number == f"T-S-C-{year}-00001"
    for expected in (
        "志愿服务记录证明",
        f"编号：T-S-C-{year}-00001",
        "赵志愿",
        "320***********123X",
        "累计志愿服务时间 3.50 小时",
        "政策宣讲进楼道",
        "关爱独居老人",
        "2.00",
        "1.50",
        "出具单位：测试街道测试社区",
        "出具日期：",
        "免费",
    ):
        assert expected in text, expected
    assert "19900101123X" not in text


def test_same_request_gives_the_same_certificate(served, now):
    first = certificate_issue(person=served, **period(now))
    again = certificate_issue(person=served, **period(now))
    assert again.pk == first.pk and again.number == first.number
    assert render_certificate(again.snapshot) == render_certificate(first.snapshot)
    assert Certificate.objects.count() == 1


def test_new_period_takes_the_next_number(served, now):
    first = certificate_issue(person=served, **period(now))
    other = certificate_issue(
        person=served,
        period_start=timezone.localdate(now) - timedelta(days=15),
        period_end=timezone.localdate(now),
    )
    assert other.sequence == first.sequence + 1
    assert "关爱独居老人" in pdf_text(render_certificate(other.snapshot))
    assert "政策宣讲进楼道" not in pdf_text(render_certificate(other.snapshot))


def test_later_service_does_not_change_an_issued_certificate(served, now, make_activity):
    first = certificate_issue(person=served, **period(now))
    snapshot = dict(first.snapshot)
    served.name = "改名了"
    served.save(update_fields=["name"])
    assert certificate_issue(person=served, **period(now)).snapshot == snapshot


def test_period_without_service_is_refused(served):
    with pytest.raises(ValidationError, match="no recorded volunteer service"):
        certificate_issue(person=served, period_start=date(2020, 1, 1), period_end=date(2020, 2, 1))


def test_period_in_the_future_or_reversed_is_refused(served, now):
    today = timezone.localdate(now)
    with pytest.raises(ValidationError) as info:
        certificate_issue(person=served, period_start=today, period_end=today + timedelta(days=1))
    assert "period_end" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        certificate_issue(person=served, period_start=today, period_end=today - timedelta(days=1))
    assert "period_end" in info.value.message_dict


def test_nobody_requests_someone_elses_certificate(served, make_person, now):
    with pytest.raises(PermissionDenied):
        certificate_issue(person=served, actor=make_person("别人").user, **period(now))


def test_numbers_restart_each_year_per_issuer(served, now):
    today = timezone.localdate(now)
    this_year = certificate_issue(person=served, **period(now))
    next_year = certificate_issue(
        person=served,
        period_start=today - timedelta(days=15),
        period_end=today,
        today=today.replace(year=today.year + 1),
    )
    assert this_year.sequence == next_year.sequence == 1
    assert next_year.number == f"T-S-C-{today.year + 1}-00001"
