import pytest

from gongzhi.api.keys import apikey_create
from gongzhi.org.roles import Role
from gongzhi.org.services import role_assign


@pytest.fixture
def key_headers(small_tree):
    _key, plain = apikey_create(
        name="grid1", node=small_tree["grid1"], permissions=["org.view_node"]
    )
    return {"HTTP_X_API_KEY": plain}


def test_api_requires_authentication(client, small_tree):
    response = client.get("/api/nodes")
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "errors"}


def test_key_scoped_to_grid_reads_its_subtree_only(client, small_tree, key_headers):
    ok = client.get(f"/api/nodes?parent={small_tree['grid1'].code}", **key_headers)
    assert ok.status_code == 200
    assert [n["code"] for n in ok.json()] == [small_tree["b1"].code]
    assert ok.json()[0]["parent_code"] == small_tree["grid1"].code
    refused = client.get(f"/api/nodes/{small_tree['grid2'].code}", **key_headers)
    assert refused.status_code == 403
    assert refused.json()["detail"]


def test_session_user_reads_nodes(client, small_tree, make_user):
    staff = make_user()
    role_assign(user=staff, role=Role.STAFF, node=small_tree["district"])
    client.force_login(staff)
    response = client.get(f"/api/nodes/{small_tree['community'].code}")
    assert response.status_code == 200
    body = response.json()
    assert body["boundary"]["type"] == "Polygon"
    assert body["bbox"] == pytest.approx([120, 32, 120.2, 32.2])


def test_unknown_node_and_bad_query_answer_in_error_shape(client, small_tree, key_headers):
    missing = client.get("/api/nodes/NOPE", **key_headers)
    assert missing.status_code == 404 and missing.json()["detail"]
    bad = client.get("/api/nodes?limit=abc", **key_headers)
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "limit"


def test_docs_and_schema_are_served(client):
    assert client.get("/api/openapi.json").status_code == 200
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()
    assert b"/static/ninja/swagger-ui-bundle.js" in docs.content
