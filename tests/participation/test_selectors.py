import datetime as dt

from django.utils import timezone

from gongzhi.participation import selectors
from gongzhi.participation import services as svc
from gongzhi.participation.models import CompliancePolicy


def test_monthly_compliance_says_who_met_with_attendance_and_resolutions(
    tree, staff, resident, forces
):
    from gongzhi.org.choices import Level

    now = timezone.localtime()
    council = svc.council_create(
        node=tree["grid1"],
        title="本月议事会",
        starts_at=now - dt.timedelta(minutes=5),
        place="议事厅",
        actor=staff,
    )
    svc.council_invite_forces(council=council, actor=staff)
    svc.council_invite_person(council=council, person=resident, actor=staff)
    svc.council_mark_held(council=council, actor=staff)
    svc.attendance_record(council=council, person=resident, method="manual", actor=staff)
    svc.resolution_add(council=council, text_="记录在案", actor=staff)
    resolution = svc.resolution_add(council=council, text_="装衣架", actor=staff)
    svc.resolution_to_task(resolution=resolution, due_days=3, owner_name="物业", actor=staff)
    report = selectors.monthly_compliance(node=tree["community"], year=now.year, month=now.month)
    rows = {row.node.code: row for row in report.rows}
    assert set(rows) == {"T-S-C-G1", "T-S-C-G2"}
    assert rows["T-S-C-G1"].held and not rows["T-S-C-G2"].held
    assert rows["T-S-C-G1"].attendance_rate == 1 / 4  # resident of 3 parties + 1 person
    assert (rows["T-S-C-G1"].resolutions_done, rows["T-S-C-G1"].resolutions_open) == (1, 1)
    assert report.rate == 0.5
    CompliancePolicy.objects.create(level=Level.GRID, monthly_required=False)
    assert (
        selectors.monthly_compliance(
            node=tree["community"], year=now.year, month=now.month
        ).required
        == 0
    )


def test_board_month_counts(tree, staff, resident, photo):
    for board in ("praise", "praise", "exposure"):
        post = svc.post_create(
            board=board, node=resident.node, caption="x", photo=photo(), actor=resident.user
        )
        svc.post_approve(post=post, actor=staff)
    svc.post_create(
        board="praise", node=resident.node, caption="待审", photo=photo(), actor=resident.user
    )
    month = timezone.localtime().strftime("%Y-%m")
    counts = selectors.board_month_counts(node=tree["community"])
    assert counts == {("praise", month): 2, ("exposure", month): 1}
