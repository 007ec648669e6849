"""The charity demo on top of the demo district: drives, pledges, a delivery with volunteers,
an assistance file, the points-store transfer — and a ledger that reconciles."""

import datetime as dt

from django.core.management import call_command
from django.urls import reverse

from gongzhi.charity.choices import DeliveryState, DriveState, PledgeState
from gongzhi.charity.models import AssistanceFile, Delivery, Drive, Organisation, Pledge
from gongzhi.charity.reconcile import reconcile
from gongzhi.points.models import Goods


def test_yushu_drive_with_goals_pledges_and_a_delivery_by_volunteers(demo_db):
    drive = Drive.objects.get(title="玉树助学")
    assert drive.starts_on == dt.date(2026, 7, 22) and drive.state == DriveState.REPORTED
    goals = {g.item_kind.name: g.quantity for g in drive.goals.select_related("item_kind")}
    assert goals == {"笔记本": 200, "书包": 100, "文具": 50}
    pledges = Pledge.objects.filter(drive=drive)
    assert 35 <= pledges.count() <= 45
    assert pledges.filter(is_anonymous=True).exists()
    assert pledges.filter(state=PledgeState.RECEIVED, acknowledgement__isnull=False).count() >= 30
    delivery = Delivery.objects.get(drive=drive)
    assert delivery.state == DeliveryState.DONE and delivery.volunteers.count() >= 2
    hours = delivery.activity.attendances.filter(hours__gt=0)
    assert set(hours.values_list("person_id", flat=True)) == set(
        delivery.volunteers.values_list("pk", flat=True)
    )


def test_organisations_and_the_assistance_file(demo_db):
    names = set(Organisation.objects.values_list("name", flat=True))
    assert "石榴籽爱心公社" in names and len(names) >= 3
    file = AssistanceFile.objects.get(pseudonym="小娜")
    assert file.public_name == "小娜" and file.consent_on is not None
    days = sorted(file.visits.values_list("visited_on", flat=True))
    assert (days[-1] - days[0]).days >= 5 * 365 - 30


def test_summer_care_leftovers_went_to_the_points_store(demo_db):
    assert Drive.objects.filter(title="暑托班爱心礼包").exists()
    assert Goods.objects.get(name="保温水杯").stock == 20


def test_the_demo_ledger_reconciles(demo_db, capsys):
    assert reconcile().ok
    call_command("charity_reconcile")
    assert "nothing disagrees" in capsys.readouterr().out


def test_public_pages_of_the_demo_hide_donors_and_the_child(demo_db, client):
    drive = Drive.objects.get(title="玉树助学")
    body = client.get(reverse("charity:drive_public", args=[drive.pk])).content.decode()
    assert "称多县拉布乡寄宿制小学" in body
    for pledge in Pledge.objects.filter(drive=drive, state=PledgeState.RECEIVED)[:10]:
        assert pledge.donor_name not in body
    community = drive.node
    body = client.get(reverse("charity:community_public", args=[community.pk])).content.decode()
    assert "小娜" in body and "阿依努尔" not in body
