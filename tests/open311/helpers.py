import json

import jsonschema

from tests.open311.schemas import ERRORS, check_xml


def both(client, path: str, schema, kind: str, status: int = 200, **params):
    """GET ``path``.json and ``path``.xml; validate the JSON against ``schema`` and the XML's
    elements against the JSON answer; return the JSON answer."""
    answer = client.get(f"/open311/v2/{path}.json", params)
    assert answer.status_code == status, answer.content[:500]
    assert answer["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(answer.content)
    jsonschema.validate(data, schema)
    xml = client.get(f"/open311/v2/{path}.xml", params)
    assert xml.status_code == status
    assert xml["Content-Type"] == "text/xml; charset=utf-8"
    check_xml(xml.content, kind, data)
    return data


def error_of(response, status: int) -> str:
    """The description of a spec-shaped error answer (JSON or XML) with ``status``."""
    assert response.status_code == status, (response.status_code, response.content[:300])
    if response["Content-Type"].startswith("text/xml"):
        root = check_xml(response.content, "errors")
        assert root[0].find("code").text == str(status)
        return root[0].find("description").text
    data = json.loads(response.content)
    jsonschema.validate(data, ERRORS)
    assert data[0]["code"] == status
    return data[0]["description"]
