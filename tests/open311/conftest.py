import pytest

from gongzhi.api.keys import apikey_create
from tests.cases.conftest import GRID1_POINT, categories, report, world  # noqa: F401, F811

REPORTER_PERMS = ["cases.report", "cases.view", "cases.comment", "org.view_node"]


@pytest.fixture
def keys(world):  # noqa: F811
    """A reporting app's key on the community, a department's key acting for the property
    company, and a key that may only read."""
    _k, reporter = apikey_create(name="app", node=world["community"], permissions=REPORTER_PERMS)
    _k, department = apikey_create(
        name="property-system",
        node=world["community"],
        party=world["property_co"],
        permissions=["cases.report", "cases.view", "cases.handle", "cases.comment"],
    )
    _k, reader = apikey_create(name="reader", node=world["community"], permissions=["cases.view"])
    return {"reporter": reporter, "department": department, "reader": reader}


@pytest.fixture
def post_report(client, keys):
    """POST a lift report to /open311/v2/requests.<fmt> (overrides by keyword)."""

    def post(fmt="json", headers=None, **overrides):
        data = {
            "api_key": keys["reporter"],
            "service_code": "property-lift",
            "lat": str(GRID1_POINT["lat"]),
            "long": str(GRID1_POINT["lon"]),
            "description": "3幢电梯停在5楼不动了",
            "attribute[floor]": "5",
            **overrides,
        }
        data = {k: v for k, v in data.items() if v is not None}
        return client.post(f"/open311/v2/requests.{fmt}", data, **(headers or {}))

    return post
