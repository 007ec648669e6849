"""Fixtures for the privacy tests: the cases app's small world, Open311 keys, signed-in clients,
and the renderings of one case on every public surface."""

import html
import json

from django.test import Client

from tests.cases.conftest import GRID1_POINT, categories, report, world  # noqa: F401
from tests.casesui.conftest import as_user  # noqa: F401 - fixtures shared by name
from tests.open311.conftest import keys, post_report  # noqa: F401


def public_renderings(reference: str) -> dict[str, str]:
    """The case as an anonymous client sees it on each public surface, as text."""
    client = Client()
    answers = {
        "open311_json": client.get(
            f"/open311/v2/requests/{reference}.json", {"extensions": "true"}
        ),
        "open311_xml": client.get(f"/open311/v2/requests/{reference}.xml", {"extensions": "true"}),
        "open311_updates": client.get("/open311/v2/servicerequestupdates.json"),
        "public_page": client.get(f"/report/cases/{reference}/"),
        "public_api": client.get(f"/api/public/cases/{reference}"),
        "public_feed": client.get("/api/public/cases"),
    }
    out = {}
    for name, response in answers.items():
        assert response.status_code == 200, (name, response.status_code, response.content[:300])
        text = response.content.decode()
        if response["Content-Type"].startswith("application/json"):
            # As the client reads it: escapes (\u5f20) must not hide what is there.
            text = json.dumps(json.loads(text), ensure_ascii=False)
        else:
            text = html.unescape(text)
        out[name] = text
    return out


def open311_row(reference: str, **params) -> dict:
    answer = Client().get(f"/open311/v2/requests/{reference}.json", params)
    assert answer.status_code == 200, answer.content[:300]
    return json.loads(answer.content)[0]
