import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongzhi.charity.choices import DriveState
from gongzhi.charity.services import (
    drive_close,
    drive_create,
    drive_open,
    drive_report,
    drive_set_goal,
    organisation_staff_add,
)
from gongzhi.core.models import AuditEntry


def test_drive_goes_draft_open_closed_reported_with_audit(drive, staff):
    drive = drive_close(drive=drive, actor=staff)
    drive = drive_report(drive=drive, report="共收到笔记本200本。", actor=staff)
    assert drive.state == DriveState.REPORTED
    actions = list(
        AuditEntry.objects.filter(object_id=str(drive.pk), action__startswith="charity.drive.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "charity.drive.created",
        "charity.drive.opened",
        "charity.drive.closed",
        "charity.drive.reported",
    ]


def test_closing_a_drive_twice_is_refused_by_name(drive, staff):
    drive_close(drive=drive, actor=staff)
    with pytest.raises(ValidationError) as caught:
        drive_close(drive=drive, actor=staff)
    assert "state" in caught.value.message_dict
    assert "closed" in caught.value.message_dict["state"][0]


def test_report_needs_text(drive, staff):
    drive_close(drive=drive, actor=staff)
    with pytest.raises(ValidationError) as caught:
        drive_report(drive=drive, report="  ", actor=staff)
    assert "report" in caught.value.message_dict


@pytest.mark.parametrize("bad", [-1, 0, 2.5, "3.5", "abc", True, "１２"])
def test_goal_must_be_a_whole_positive_number(drive, kinds, staff, bad):
    with pytest.raises(ValidationError) as caught:
        drive_set_goal(drive=drive, item_kind=kinds["bag"], quantity=bad, actor=staff)
    assert "书包" in caught.value.message_dict["quantity"][0]


def test_cash_goal_with_three_decimals_is_refused_and_nothing_written(community, kinds):
    from gongzhi.charity.models import Drive

    with pytest.raises(ValidationError) as caught:
        drive_create(
            node=community,
            title="暑托礼物",
            purpose="给暑托班孩子的礼物",
            starts_on=dt.date(2026, 7, 1),
            ends_on=dt.date(2026, 8, 1),
            cash_goal="100.123",
            goals=[(kinds["bag"], 10)],
        )
    assert "cash_goal" in caught.value.message_dict
    assert not Drive.objects.filter(title="暑托礼物").exists()


def test_ends_before_start_is_refused(community):
    with pytest.raises(ValidationError) as caught:
        drive_create(
            node=community,
            title="x",
            purpose="y",
            starts_on=dt.date(2026, 7, 2),
            ends_on=dt.date(2026, 7, 1),
        )
    assert "ends_on" in caught.value.message_dict


def test_opening_without_goal_is_refused(community):
    drive = drive_create(
        node=community,
        title="x",
        purpose="y",
        starts_on=dt.date(2026, 7, 1),
        ends_on=dt.date(2026, 7, 1),
    )
    with pytest.raises(ValidationError):
        drive_open(drive=drive)


def test_organisation_staff_act_on_their_own_drive_only(drive, make_user, organisation, community):
    member = make_user("member")
    outsider = make_user("outsider")
    organisation_staff_add(organisation=organisation, user=member)
    drive_close(drive=drive, actor=member)
    with pytest.raises(PermissionDenied):
        drive_report(drive=drive, report="x", actor=outsider)
    from gongzhi.charity.models import Drive

    assert list(Drive.objects.visible_to(member)) == [drive]
    assert list(Drive.objects.visible_to(outsider)) == []


def test_a_drive_is_listed_once_whatever_the_size_of_its_organisations_staff(
    drive, make_user, organisation, staff
):
    from gongzhi.charity.models import Drive, Pledge
    from gongzhi.charity.services import pledge_create
    from gongzhi.org.access import get_for

    for n in range(3):
        organisation_staff_add(organisation=organisation, user=make_user(f"member{n}"))
    pledge = pledge_create(drive=drive, donor_name="某", cash="10")
    assert Drive.objects.visible_to(staff).count() == 1
    assert get_for(staff, Pledge, pk=pledge.pk) == pledge
