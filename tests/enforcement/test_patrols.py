"""Patrols: the route from GPS points or drawn, grids covered, findings opening cases and
records, and the coverage per grid and week."""

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongzhi.cases.models import Case
from gongzhi.enforcement.models import IllegalStructure, Patrol
from gongzhi.enforcement.selectors.coverage import coverage
from gongzhi.enforcement.services import (
    patrol_add_points,
    patrol_end,
    patrol_report_finding,
    patrol_set_grids,
    patrol_set_route,
    patrol_start,
)
from tests.enforcement.conftest import GRID1, GRID2, jpeg


def _codes(patrol):
    return sorted(patrol.grids.values_list("code", flat=True))


def test_start_in_the_workers_own_grid_once(world):
    worker = world["users"]["grid_worker"]
    patrol = patrol_start(actor=worker)
    assert patrol.node == world["grid1"]
    assert patrol_start(actor=worker) == patrol  # a double tap
    with pytest.raises(PermissionDenied):
        patrol_start(actor=world["users"]["staff"])


def test_gps_points_build_the_route_and_the_grids(world):
    worker = world["users"]["grid_worker"]
    patrol = patrol_start(actor=worker)
    patrol = patrol_add_points(
        patrol=patrol,
        actor=worker,
        points=[
            {"lon": 120.05, "lat": 32.05, "accuracy": 8},
            {"lon": 120.06, "lat": 32.05, "accuracy": 500},  # too vague: dropped
            [120.07, 32.06],
        ],
    )
    assert patrol.point_count == 2
    assert _codes(patrol) == [world["grid1"].code]
    # Walking on into grid 2: the segment crosses the boundary.
    patrol = patrol_add_points(patrol=patrol, actor=worker, points=[[120.15, 32.06]])
    assert _codes(patrol) == [world["grid1"].code, world["grid2"].code]
    assert patrol.route["type"] == "LineString" and len(patrol.route["coordinates"]) == 3


def test_points_are_checked_and_only_the_inspector_adds_them(world):
    worker = world["users"]["grid_worker"]
    patrol = patrol_start(actor=worker)
    for bad in ([[200, 10]], [["a", "b"]], "nope", [[120.0, float("nan")]]):
        with pytest.raises(ValidationError):
            patrol_add_points(patrol=patrol, actor=worker, points=bad)
    with pytest.raises(PermissionDenied):
        patrol_add_points(patrol=patrol, actor=world["users"]["officer"], points=[[120.05, 32.05]])
    patrol_end(patrol=patrol, actor=worker, notes="无异常")
    with pytest.raises(ValidationError):
        patrol_add_points(patrol=patrol, actor=worker, points=[[120.05, 32.05]])


def test_a_drawn_route_replaces_the_points(world):
    worker = world["users"]["grid_worker"]
    patrol = patrol_start(actor=worker)
    patrol_add_points(patrol=patrol, actor=worker, points=[[120.05, 32.05]])
    patrol = patrol_set_route(
        patrol=patrol,
        actor=worker,
        route={"type": "LineString", "coordinates": [[120.12, 32.02], [120.18, 32.02]]},
    )
    assert _codes(patrol) == [world["grid2"].code]
    with pytest.raises(ValidationError):
        patrol_set_route(patrol=patrol, actor=worker, route={"type": "Polygon", "coordinates": []})


def test_grids_can_be_corrected_within_the_workers_area(world):
    worker = world["users"]["grid_worker"]
    patrol = patrol_start(actor=worker)
    with pytest.raises(ValidationError):
        patrol_set_grids(patrol=patrol, actor=worker, grids=[world["grid2"]])
    with pytest.raises(ValidationError):
        patrol_set_grids(patrol=patrol, actor=worker, grids=[world["community"]])
    patrol = patrol_set_grids(patrol=patrol, actor=worker, grids=[world["grid1"]])
    assert patrol.grids_edited
    patrol = patrol_add_points(patrol=patrol, actor=worker, points=[[120.15, 32.05]])
    assert _codes(patrol) == [world["grid1"].code]  # hand-edited grids stay


def test_an_illegal_structure_finding_opens_the_case_and_the_record(world):
    worker = world["users"]["grid_worker"]
    patrol = patrol_start(actor=worker)
    finding = patrol_report_finding(
        patrol=patrol,
        actor=worker,
        description="5幢楼顶新加建一层",
        photos=[jpeg()],
        structure_type="extra_floor",
        area="36",
        address="测试社区5幢楼顶",
        **GRID1,
    )
    case = finding.case
    assert case.channel == "patrol" and case.category.code == "construction-illegal-building"
    assert case.state == "reported" and case.photos.count() == 1
    assert case.answers.get(question__code="structure_type").value == "加层"
    record = finding.record
    assert record.patrol == patrol and record.case == case and record.found_by == "patrol"
    assert record.node == world["grid1"]


def test_other_findings_open_only_a_case(world):
    from gongzhi.cases.models import Category

    worker = world["users"]["grid_worker"]
    patrol = patrol_start(actor=worker)
    noise = Category.objects.get(code="noise-home")
    finding = patrol_report_finding(
        patrol=patrol, actor=worker, category=noise, description="夜间噪音", **GRID1
    )
    assert finding.record is None and finding.case.category == noise


def test_a_structure_finding_needs_its_photo_and_area(world):
    worker = world["users"]["grid_worker"]
    patrol = patrol_start(actor=worker)
    with pytest.raises(ValidationError) as excinfo:
        patrol_report_finding(
            patrol=patrol, actor=worker, description="x", structure_type="shed", **GRID1
        )
    assert "area" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        patrol_report_finding(
            patrol=patrol, actor=worker, description="x", structure_type="shed", area="3", **GRID1
        )
    assert "photos" in excinfo.value.message_dict
    assert not Case.objects.exists() and not IllegalStructure.objects.exists()


def _patrol(worker, grids, days_ago):
    started = timezone.now() - dt.timedelta(days=days_ago)
    patrol = Patrol.objects.create(
        inspector=worker, node=grids[0], started_at=started, ended_at=started
    )
    patrol.grids.set(grids)
    return patrol


def test_coverage_per_grid_and_week(world):
    worker = world["users"]["grid_worker"]
    today = timezone.localdate()
    _patrol(worker, [world["grid1"]], 0)
    _patrol(worker, [world["grid1"], world["grid2"]], 0)
    _patrol(worker, [world["grid2"]], 14)
    starts, rows = coverage(world["users"]["officer"], weeks=4, today=today)
    assert len(starts) == 4 and starts[-1] == today - dt.timedelta(days=today.weekday())
    counts = {row.grid.code: row.counts for row in rows}
    assert counts[world["grid1"].code][-1] == 2
    assert counts[world["grid2"].code][-1] == 1
    assert counts[world["grid2"].code][-3] == 1 and counts[world["grid2"].code][-2] == 0
    # A grid worker sees only their own grid.
    _starts, mine = coverage(worker, weeks=4, today=today)
    assert [row.grid.code for row in mine] == [world["grid1"].code]


def test_coverage_query_count_is_flat(world, django_assert_max_num_queries):
    worker = world["users"]["grid_worker"]
    officer = world["users"]["officer"]
    _patrol(worker, [world["grid1"]], 1)
    coverage(officer, weeks=8)  # warm the scope cache
    with django_assert_max_num_queries(3):
        coverage(officer, weeks=8)
    for n in range(10):
        _patrol(worker, [world["grid1"], world["grid2"]], n)
    with django_assert_max_num_queries(3):
        coverage(officer, weeks=8)


def test_points_endpoint(world, client):
    worker = world["users"]["grid_worker"]
    patrol = patrol_start(actor=worker)
    client.force_login(worker)
    url = f"/enforcement/patrols/{patrol.pk}/points/"
    response = client.post(
        url, json.dumps({"points": [GRID1 | {"accuracy": 5}]}), content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["grids"][0]["code"] == world["grid1"].code
    assert client.post(url, "not json", content_type="application/json").status_code == 400
    bad = client.post(url, json.dumps({"points": [[999, 0]]}), content_type="application/json")
    assert bad.status_code == 400 and "points" in bad.json()["errors"]
    client.force_login(world["users"]["other_grid_worker"])
    assert (
        client.post(
            url, json.dumps({"points": [GRID2]}), content_type="application/json"
        ).status_code
        == 404
    )


def test_patrol_photos_are_stored_without_metadata_and_shown_to_those_who_may_see(world, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    worker = world["users"]["grid_worker"]
    patrol = patrol_start(actor=worker)
    client.force_login(worker)
    upload = SimpleUploadedFile("p.jpg", jpeg(), content_type="image/jpeg")
    assert (
        client.post(f"/enforcement/patrols/{patrol.pk}/photos/", {"photos": upload}).status_code
        == 302
    )
    photo = patrol.photos.get()
    response = client.get(f"/enforcement/patrols/{patrol.pk}/photos/{photo.pk}.jpg")
    assert response.status_code == 200
    b"".join(response.streaming_content)
    client.force_login(world["users"]["other_grid_worker"])
    assert client.get(f"/enforcement/patrols/{patrol.pk}/photos/{photo.pk}.jpg").status_code == 404
