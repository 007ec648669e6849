import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongzhi.org.io import limits
from gongzhi.org.models import Node, Person
from gongzhi.org.roles import Role
from gongzhi.org.services import role_assign
from tests.conftest import square
from tests.io.builders import collection, feature, make_id, person_row, roster

IMPORT_URL = "/org/import/"


@pytest.fixture
def user_with_role(small_tree, make_user, client):
    def login(role, node="grid1"):
        user = make_user()
        if role is not None:
            role_assign(user=user, role=role, node=small_tree[node])
        client.force_login(user)
        return user

    return login


def _upload(client, name, content, **extra):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content), **extra})


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.STAFF, 200),
        (Role.ADMIN, 200),
        (Role.GRID_WORKER, 403),
        (Role.SUPERVISOR, 403),
        (None, 403),
    ],
)
def test_import_page_allowed_only_with_import_permission(user_with_role, client, role, status):
    user_with_role(role)
    assert client.get(IMPORT_URL).status_code == status
    assert client.get(reverse("org:roster_template")).status_code == status


def test_import_page_asks_anonymous_users_to_log_in(client, db):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_refused_role_cannot_post_a_roster(user_with_role, client):
    user_with_role(Role.GRID_WORKER)
    response = _upload(client, "r.xlsx", roster([person_row()]).getvalue())
    assert response.status_code == 403
    assert not Person.objects.exists()


def test_staff_uploads_roster_and_sees_summary(user_with_role, client):
    user_with_role(Role.STAFF)
    response = _upload(client, "r.xlsx", roster([person_row()]).getvalue())
    assert response.status_code == 200
    assert b'id="import-summary"' in response.content
    assert Person.objects.get().name == "张三"


def test_building_outside_uploaders_subtree_is_reported_as_bad_row(user_with_role, client):
    user_with_role(Role.STAFF, node="grid1")
    rows = [
        person_row(),
        person_row(building="T-S-C-G2-B2", name="李四", 身份证号=make_id(seq="003")),
    ]
    response = _upload(client, "r.xlsx", roster(rows).getvalue())
    assert response.status_code == 422
    problems = response.context["problems"]
    assert [(p.position, p.field) for p in problems] == [(3, "楼栋编码")]
    assert "T-S-C-G2-B2" in response.content.decode()
    assert not Person.objects.exists()


def test_geojson_upload_is_checked_against_the_users_area(user_with_role, client):
    user_with_role(Role.STAFF, node="grid1")
    inside = feature("G1-B9", "building", "T-S-C-G1", square(120.02, 32.02, 0.01))
    outside = feature("G2-B9", "building", "T-S-C-G2", square(120.12, 32.02, 0.01))
    response = _upload(client, "t.geojson", json.dumps(collection(inside, outside)).encode())
    assert response.status_code == 422
    assert [(p.position, p.field) for p in response.context["problems"]] == [(2, "parent_code")]
    response = _upload(client, "t.geojson", json.dumps(collection(inside)).encode())
    assert response.status_code == 200
    assert Node.objects.filter(code="G1-B9").exists()


def test_dry_run_from_the_page_writes_nothing(user_with_role, client):
    user_with_role(Role.STAFF)
    response = _upload(client, "r.xlsx", roster([person_row()]).getvalue(), dry_run="on")
    assert response.status_code == 200 and response.context["summary"].dry_run
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("r.xls", b"\xd0\xcf\x11\xe0", ".xlsx"),
        ("r.csv", b"a,b\n", ".geojson"),
        ("r.xlsx", b"not a zip", ".xlsx"),
        ("t.geojson", b"{broken", "JSON"),
    ],
)
def test_wrong_file_types_give_clear_errors(user_with_role, client, name, content, expected):
    user_with_role(Role.STAFF)
    response = _upload(client, name, content)
    assert response.status_code == 422
    assert expected in response.content.decode()


def test_oversized_upload_is_refused_before_reading(user_with_role, client, monkeypatch):
    user_with_role(Role.STAFF)
    monkeypatch.setattr(limits, "UPLOAD_MAX_BYTES", 1000)
    response = _upload(client, "r.xlsx", roster([person_row()]).getvalue())
    assert response.status_code == 413
    assert not Person.objects.exists()


def test_export_view_follows_view_permission(user_with_role, client):
    user_with_role(Role.GRID_WORKER, node="grid2")
    response = client.get(reverse("org:export_geojson"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    data = json.loads(b"".join(response.streaming_content))
    assert [f["properties"]["code"] for f in data["features"]] == ["T-S-C-G2", "T-S-C-G2-B2"]
    assert client.get(reverse("org:export_geojson"), {"root": "T-S-C-G1"}).status_code == 404
    assert client.get(reverse("org:export_geojson"), {"root": "NOPE"}).status_code == 404
    assert client.get(reverse("org:export_geojson"), {"root": "T-S-C-G2-B2"}).status_code == 200


def test_export_view_refuses_users_without_view_permission(user_with_role, client):
    user_with_role(None)
    assert client.get(reverse("org:export_geojson")).status_code == 403


def test_upload_needs_csrf_token_and_size_is_checked_first(user_with_role, monkeypatch):
    from django.test import Client

    user = user_with_role(Role.STAFF)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    content = roster([person_row()]).getvalue()
    assert _upload(client, "r.xlsx", content).status_code == 403
    monkeypatch.setattr(limits, "UPLOAD_MAX_BYTES", 1000)
    assert _upload(client, "r.xlsx", content).status_code == 413
    assert not Person.objects.exists()


def test_web_page_takes_fewer_rows_than_the_command_line(user_with_role, client, monkeypatch):
    user_with_role(Role.STAFF)
    monkeypatch.setattr(limits, "WEB_ROSTER_MAX_ROWS", 1)
    rows = [person_row(), person_row(name="李四", 身份证号=make_id(seq="003"))]
    response = _upload(client, "r.xlsx", roster(rows).getvalue())
    assert response.status_code == 422
    assert "split the roster" in response.context["refused"]
    assert not Person.objects.exists()
