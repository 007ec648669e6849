"""JSON Schemas of GeoReport v2 answers, written from the specification (wiki.open311.org
GeoReport_v2 and FixMyStreet's "Open311 FMS - Complete Spec"), independently of the server's
own OpenAPI document, and checkers of the XML element structure the spec names."""

from xml.etree import ElementTree as ET

# W3C datetime in Asia/Shanghai: the spec asks for an offset; ours is always +08:00.
W3C = {"type": "string", "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+08:00$"}
STR = {"type": "string"}
NULLABLE_STR = {"type": ["string", "null"]}

ERRORS = {
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "required": ["code", "description"],
        "additionalProperties": False,
        "properties": {
            "code": {"type": "integer"},
            "description": {"type": "string", "minLength": 1},
        },
    },
}

DISCOVERY = {
    "type": "object",
    "required": ["changeset", "contact", "key_service", "endpoints"],
    "properties": {
        "changeset": W3C,
        "contact": STR,
        "key_service": STR,
        "endpoints": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["specification", "url", "changeset", "type", "formats"],
                "properties": {
                    "specification": {"const": "http://wiki.open311.org/GeoReport_v2"},
                    "url": {"type": "string", "pattern": "^https?://"},
                    "changeset": W3C,
                    "type": {"enum": ["production", "test"]},
                    "formats": {
                        "type": "array",
                        "items": {"enum": ["text/xml", "application/json"]},
                    },
                },
            },
        },
    },
}

SERVICES = {
    "type": "array",
    "items": {
        "type": "object",
        "required": [
            "service_code",
            "service_name",
            "description",
            "metadata",
            "type",
            "keywords",
            "group",
        ],
        "properties": {
            "service_code": {"type": "string", "minLength": 1},
            "service_name": {"type": "string", "minLength": 1},
            "description": STR,
            "metadata": {"type": "boolean"},
            "type": {"enum": ["realtime", "batch", "blackbox"]},
            "keywords": STR,
            "group": STR,
        },
    },
}

SERVICE_DEFINITION = {
    "type": "object",
    "required": ["service_code", "attributes"],
    "properties": {
        "service_code": STR,
        "attributes": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["variable", "code", "datatype", "required", "order", "description"],
                "properties": {
                    "variable": {"type": "boolean"},
                    "code": STR,
                    "datatype": {
                        "enum": [
                            "string",
                            "number",
                            "datetime",
                            "text",
                            "singlevaluelist",
                            "multivaluelist",
                        ]
                    },
                    "required": {"type": "boolean"},
                    "datatype_description": NULLABLE_STR,
                    "order": {"type": "integer"},
                    "description": STR,
                    "values": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["key", "name"],
                            "properties": {"key": STR, "name": STR},
                        },
                    },
                },
            },
        },
    },
}

POSTED = {
    "type": "array",
    "minItems": 1,
    "maxItems": 1,
    "items": {
        "type": "object",
        "anyOf": [{"required": ["service_request_id"]}, {"required": ["token"]}],
        "properties": {
            "service_request_id": STR,
            "token": STR,
            "service_notice": STR,
            "account_id": NULLABLE_STR,
        },
    },
}

REQUEST = {
    "type": "object",
    "required": [
        "service_request_id",
        "status",
        "service_name",
        "service_code",
        "requested_datetime",
        "updated_datetime",
        "address",
        "lat",
        "long",
    ],
    "properties": {
        "service_request_id": STR,
        "status": {"enum": ["open", "closed"]},
        "status_notes": NULLABLE_STR,
        "service_name": STR,
        "service_code": STR,
        "description": STR,
        "agency_responsible": STR,
        "service_notice": STR,
        "requested_datetime": W3C,
        "updated_datetime": W3C,
        "expected_datetime": {"anyOf": [W3C, {"type": "null"}]},
        "address": STR,
        "address_id": STR,
        "zipcode": STR,
        "lat": {"type": ["number", "null"], "minimum": -90, "maximum": 90},
        "long": {"type": ["number", "null"], "minimum": -180, "maximum": 180},
        "media_url": STR,
    },
}
REQUESTS = {"type": "array", "items": REQUEST}

TOKENS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["service_request_id", "token"],
        "properties": {"service_request_id": STR, "token": STR},
    },
}

FMS_STATUSES = [
    "OPEN",
    "INVESTIGATING",
    "IN_PROGRESS",
    "ACTION_SCHEDULED",
    "NO_FURTHER_ACTION",
    "NOT_COUNCILS_RESPONSIBILITY",
    "DUPLICATE",
    "INTERNAL_REFERRAL",
    "FIXED",
    "CLOSED",
]
UPDATES = {
    "type": "array",
    "items": {
        "type": "object",
        "required": [
            "update_id",
            "service_request_id",
            "status",
            "updated_datetime",
            "description",
            "media_url",
        ],
        "properties": {
            "update_id": STR,
            "service_request_id": STR,
            "status": {"enum": FMS_STATUSES},
            "updated_datetime": W3C,
            "description": STR,
            "media_url": STR,
        },
    },
}

# XML: the root element and the element of each item, as the spec names them.
XML_NAMES = {
    "errors": ("errors", "error"),
    "discovery": ("discovery", None),
    "services": ("services", "service"),
    "service_definition": ("service_definition", None),
    "service_requests": ("service_requests", "request"),
    "service_request_updates": ("service_request_updates", "request_update"),
}
# Inside an item, a list is a wrapper element whose children carry these names.
XML_LIST_ITEMS = {
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
    "notes": "note",
}


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _same(element: ET.Element, value, path: str) -> None:
    """``element`` carries ``value`` (the JSON answer of the same request)."""
    if isinstance(value, dict):
        tags = [child.tag for child in element]
        assert tags == list(value), f"{path}: elements {tags}, expected {list(value)}"
        for child, (key, item) in zip(element, value.items(), strict=True):
            _same(child, item, f"{path}/{key}")
    elif isinstance(value, list):
        name = XML_LIST_ITEMS.get(element.tag, "item")
        assert [c.tag for c in element] == [name] * len(value), f"{path}: items named {name}"
        for child, item in zip(element, value, strict=True):
            _same(child, item, f"{path}/{name}")
    elif isinstance(value, float):
        assert float(element.text) == value, path
    else:
        assert (element.text or "") == _text(value), f"{path}: {element.text!r} != {value!r}"


def check_xml(body: bytes, kind: str, json_answer=None) -> ET.Element:
    """Parse an XML answer, check the spec's element names, and (given the JSON answer to the
    same request) that it carries the same data element for element."""
    assert body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(body)
    root_name, item_name = XML_NAMES[kind]
    assert root.tag == root_name
    if item_name is not None:
        assert all(child.tag == item_name for child in root), [c.tag for c in root]
    if json_answer is not None:
        if item_name is None:
            _same(root, json_answer, root_name)
        else:
            assert len(root) == len(json_answer)
            for child, item in zip(root, json_answer, strict=True):
                _same(child, item, f"{root_name}/{item_name}")
    return root
