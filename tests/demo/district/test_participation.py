"""The participation demo on top of the demo district: 新胜社区's councils, demands, tasks,
services and boards as the seed article tells them."""

from django.urls import reverse
from django.utils import timezone

from gongzhi.org.models import Node
from gongzhi.participation import selectors
from gongzhi.participation.choices import DemandState, PostState
from gongzhi.participation.models import BoardPost, Council, Demand, ServiceEntry, Task

XINSHENG = "320602-kaifaqu-xinsheng"


def test_the_72_microgrid_groups_met_most_months_but_not_all(demo_db):
    community = Node.objects.get(code=XINSHENG)
    last = timezone.localdate().replace(day=1) - timezone.timedelta(days=1)
    report = selectors.monthly_compliance(node=community, year=last.year, month=last.month)
    assert report.required == 72 + 6
    assert 0.8 < report.rate < 1
    assert report.attendance_rate is not None
    assert report.resolutions_done + report.resolutions_open > 0


def test_fifty_demands_done_some_open_and_200_photos_some_pending(demo_db):
    assert Demand.objects.filter(state=DemandState.DONE).count() >= 50
    assert Demand.objects.exclude(state=DemandState.DONE).exists()
    assert BoardPost.objects.count() >= 200
    assert BoardPost.objects.filter(state=PostState.PENDING).exists()
    assert ServiceEntry.objects.exists() and Task.objects.exists()
    assert (
        Council.objects.filter(state="notice_sent").exists()
        or Council.objects.filter(state="planned").exists()
    )


def test_demo_pages_render_with_demo_data(demo_db, client, django_assert_max_num_queries):
    for name in ("demands", "tasks", "boards", "services", "councils"):
        with django_assert_max_num_queries(15):
            assert client.get(reverse(f"participation:{name}")).status_code == 200, name
    client.login(username="shequ", password=demo_db["password"])
    assert client.get(reverse("participation:compliance")).status_code == 200
