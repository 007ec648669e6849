"""The OpenAPI 3.1 document of the Open311 endpoints, served at /open311/v2/openapi.json.

Written from the GeoReport v2 specification: plural ``/requests/{id}``, form fields as form
fields, every answer in JSON and XML, errors as an array of {code, description}.
"""

from django.http import JsonResponse

from gongzhi.cases.choices import State
from gongzhi.open311.statuses import UPDATE_STATUSES

FORMAT = {
    "name": "format",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "enum": ["json", "xml"]},
}


def _q(name, description, schema=None, required=False):
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": schema or {"type": "string"},
    }


def _content(schema_ref):
    return {
        "application/json": {"schema": schema_ref},
        "text/xml": {"schema": {"type": "string"}},
    }


def _ok(description, schema_ref, status="200"):
    return {status: {"description": description, "content": _content(schema_ref)}}


ERROR = {"$ref": "#/components/schemas/Errors"}
ERRORS = {
    "400": {"description": "Bad request", "content": _content(ERROR)},
    "409": {
        "description": "The request is not in a state that allows this update",
        "content": _content(ERROR),
    },
    "403": {"description": "api_key missing or not valid", "content": _content(ERROR)},
    "404": {"description": "Not found", "content": _content(ERROR)},
}


def _array(ref):
    return {"type": "array", "items": {"$ref": f"#/components/schemas/{ref}"}}


NULLABLE_STR = {"type": ["string", "null"]}
NULLABLE_NUM = {"type": ["number", "null"]}

SCHEMAS = {
    "Errors": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["code", "description"],
            "properties": {"code": {"type": "integer"}, "description": {"type": "string"}},
        },
    },
    "Discovery": {
        "type": "object",
        "required": ["changeset", "endpoints"],
        "properties": {
            "changeset": {"type": "string"},
            "contact": {"type": "string"},
            "key_service": {"type": "string"},
            "endpoints": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["specification", "url", "type", "formats"],
                    "properties": {
                        "specification": {"type": "string"},
                        "url": {"type": "string"},
                        "changeset": {"type": "string"},
                        "type": {"type": "string", "enum": ["production", "test"]},
                        "formats": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
        },
    },
    "Service": {
        "type": "object",
        "required": ["service_code", "service_name", "metadata", "type"],
        "properties": {
            "service_code": {"type": "string"},
            "service_name": {"type": "string"},
            "description": {"type": "string"},
            "metadata": {"type": "boolean"},
            "type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
            "keywords": {"type": "string"},
            "group": {"type": "string"},
        },
    },
    "ServiceDefinition": {
        "type": "object",
        "required": ["service_code", "attributes"],
        "properties": {
            "service_code": {"type": "string"},
            "attributes": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": [
                        "variable",
                        "code",
                        "datatype",
                        "required",
                        "order",
                        "description",
                    ],
                    "properties": {
                        "variable": {"type": "boolean"},
                        "code": {"type": "string"},
                        "datatype": {
                            "type": "string",
                            "enum": [
                                "string",
                                "number",
                                "datetime",
                                "text",
                                "singlevaluelist",
                                "multivaluelist",
                            ],
                        },
                        "required": {"type": "boolean"},
                        "datatype_description": {"type": "string"},
                        "order": {"type": "integer"},
                        "description": {"type": "string"},
                        "values": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["key", "name"],
                                "properties": {
                                    "key": {"type": "string"},
                                    "name": {"type": "string"},
                                },
                            },
                        },
                    },
                },
            },
        },
    },
    "RequestCreated": {
        "type": "object",
        "required": ["service_request_id"],
        "properties": {
            "service_request_id": {"type": "string"},
            "token": {"type": "string"},
            "service_notice": {"type": "string"},
            "account_id": {"type": "string"},
        },
    },
    "Token": {
        "type": "object",
        "required": ["service_request_id", "token"],
        "properties": {"service_request_id": {"type": "string"}, "token": {"type": "string"}},
    },
    "ServiceRequest": {
        "type": "object",
        "required": ["service_request_id", "status", "service_code", "requested_datetime"],
        "properties": {
            "service_request_id": {"type": "string"},
            "status": {"type": "string", "enum": ["open", "closed"]},
            "status_notes": {"type": "string"},
            "service_name": {"type": "string"},
            "service_code": {"type": "string"},
            "description": {"type": "string"},
            "agency_responsible": {"type": "string"},
            "service_notice": {"type": "string"},
            "requested_datetime": {"type": "string", "format": "date-time"},
            "updated_datetime": {"type": "string", "format": "date-time"},
            "expected_datetime": NULLABLE_STR,
            "address": {"type": "string"},
            "address_id": {"type": "string"},
            "zipcode": {"type": "string"},
            "lat": NULLABLE_NUM,
            "long": NULLABLE_NUM,
            "media_url": {"type": "string"},
            "external_status_code": {"type": "string", "enum": list(State.values)},
            "extended_status": {"type": "string", "enum": UPDATE_STATUSES},
            "attributes": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["code", "value"],
                    "properties": {"code": {"type": "string"}, "value": {}},
                },
            },
            "notes": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["datetime", "description"],
                    "properties": {
                        "datetime": {"type": "string", "format": "date-time"},
                        "status": {"type": "string"},
                        "description": {"type": "string"},
                    },
                },
            },
        },
    },
    "RequestUpdate": {
        "type": "object",
        "required": ["update_id", "service_request_id", "status", "updated_datetime"],
        "properties": {
            "update_id": {"type": "string"},
            "service_request_id": {"type": "string"},
            "status": {"type": "string", "enum": UPDATE_STATUSES},
            "external_status_code": {"type": "string", "enum": list(State.values)},
            "updated_datetime": {"type": "string", "format": "date-time"},
            "description": {"type": "string"},
            "media_url": {"type": "string"},
        },
    },
}

POST_REQUEST_FORM = {
    "type": "object",
    "required": ["api_key", "service_code"],
    "properties": {
        "api_key": {"type": "string"},
        "jurisdiction_id": {"type": "string"},
        "service_code": {"type": "string"},
        "lat": {"type": "number", "minimum": -90, "maximum": 90},
        "long": {"type": "number", "minimum": -180, "maximum": 180},
        "address_string": {"type": "string", "maxLength": 200},
        "address_id": {"type": "string"},
        "email": {"type": "string"},
        "device_id": {"type": "string"},
        "account_id": {"type": "string"},
        "first_name": {"type": "string"},
        "last_name": {"type": "string"},
        "phone": {"type": "string"},
        "description": {"type": "string", "maxLength": 4000},
        "media_url": {"type": "string"},
        "external_id": {
            "type": "string",
            "description": "The client's own id (deduplicates retries)",
        },
        "crs": {"type": "string", "enum": ["wgs84", "gcj02", "bd09"]},
    },
    "additionalProperties": {
        "type": "string",
        "description": "attribute[CODE] and attribute[CODE][]",
    },
}

POST_UPDATE_FORM = {
    "type": "object",
    "required": ["api_key", "service_request_id", "status"],
    "properties": {
        "api_key": {"type": "string"},
        "service_request_id": {"type": "string"},
        "status": {
            "type": "string",
            "enum": UPDATE_STATUSES,
            "description": "IN_PROGRESS starts handling, FIXED or CLOSED resolves; OPEN (or the "
            "request's present status) with a description adds a public note",
        },
        "description": {"type": "string", "maxLength": 2000},
        "jurisdiction_id": {"type": "string"},
        "update_id": {"type": "string"},
        "updated_datetime": {"type": "string"},
        "media_url": {"type": "string"},
    },
}

PATH_ID = {"type": "string", "minLength": 1, "maxLength": 60, "pattern": "^[^/]+$"}
IDEMPOTENCY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "A retry with the same key answers the request taken in the first time",
    "schema": {"type": "string", "maxLength": 100},
}

WINDOW = [
    _q("start_date", "W3C datetime; window at most 90 days", {"type": "string"}),
    _q("end_date", "W3C datetime", {"type": "string"}),
]
JURISDICTION = _q("jurisdiction_id", "Accepted and ignored: one jurisdiction per server")


def spec(server_url: str = "/open311/v2") -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "gongzhi Open311 GeoReport v2",
            "version": "v2",
            "description": "GeoReport v2 with page/page_size, extensions=true and FixMyStreet's "
            "servicerequestupdates. Dates carry +08:00.",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/discovery.{format}": {
                "get": {
                    "operationId": "discovery",
                    "parameters": [FORMAT],
                    "responses": {
                        **_ok("Discovery", {"$ref": "#/components/schemas/Discovery"}),
                        "400": ERRORS["400"],
                        "404": ERRORS["404"],
                    },
                }
            },
            "/services.{format}": {
                "get": {
                    "operationId": "services",
                    "parameters": [FORMAT, JURISDICTION],
                    "responses": {
                        **_ok("Services", _array("Service")),
                        "400": ERRORS["400"],
                        "404": ERRORS["404"],
                    },
                }
            },
            "/services/{service_code}.{format}": {
                "get": {
                    "operationId": "serviceDefinition",
                    "parameters": [
                        {
                            "name": "service_code",
                            "in": "path",
                            "required": True,
                            "schema": PATH_ID,
                        },
                        FORMAT,
                        JURISDICTION,
                    ],
                    "responses": {
                        **_ok(
                            "Service definition", {"$ref": "#/components/schemas/ServiceDefinition"}
                        ),
                        "400": ERRORS["400"],
                        "404": ERRORS["404"],
                    },
                }
            },
            "/requests.{format}": {
                "get": {
                    "operationId": "getRequests",
                    "parameters": [
                        FORMAT,
                        JURISDICTION,
                        _q("api_key", "Optional: a key sees its scope in full"),
                        _q("service_request_id", "Comma-separated ids; other filters are ignored"),
                        _q("service_code", "Comma-separated service codes"),
                        *WINDOW,
                        _q("status", "open, closed or both comma-separated"),
                        _q("page", "1-based page", {"type": "integer", "minimum": 1}),
                        _q(
                            "page_size",
                            "At most 1000 (the default)",
                            {"type": "integer", "minimum": 1},
                        ),
                        _q(
                            "extensions",
                            "true adds attributes and notes",
                            {"type": "string", "enum": ["true", "false"]},
                        ),
                    ],
                    "responses": {
                        **_ok("Requests", _array("ServiceRequest")),
                        "400": ERRORS["400"],
                        "403": ERRORS["403"],
                        "404": ERRORS["404"],
                    },
                },
                "post": {
                    "operationId": "postRequest",
                    "parameters": [FORMAT, IDEMPOTENCY],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/x-www-form-urlencoded": {"schema": POST_REQUEST_FORM}
                        },
                    },
                    "responses": {
                        **_ok("Created", _array("RequestCreated"), "201"),
                        **_ok("A retry of an existing request", _array("RequestCreated")),
                        "400": ERRORS["400"],
                        "403": ERRORS["403"],
                        "404": ERRORS["404"],
                    },
                },
            },
            "/requests/{service_request_id}.{format}": {
                "get": {
                    "operationId": "getRequest",
                    "parameters": [
                        {
                            "name": "service_request_id",
                            "in": "path",
                            "required": True,
                            "schema": PATH_ID,
                        },
                        FORMAT,
                        JURISDICTION,
                        _q("api_key", "Optional"),
                        _q(
                            "extensions",
                            "true adds attributes and notes",
                            {"type": "string", "enum": ["true", "false"]},
                        ),
                    ],
                    "responses": {
                        **_ok("One request", _array("ServiceRequest")),
                        "400": ERRORS["400"],
                        "403": ERRORS["403"],
                        "404": ERRORS["404"],
                    },
                }
            },
            "/tokens/{token_id}.{format}": {
                "get": {
                    "operationId": "getToken",
                    "parameters": [
                        {
                            "name": "token_id",
                            "in": "path",
                            "required": True,
                            "schema": PATH_ID,
                        },
                        FORMAT,
                        JURISDICTION,
                    ],
                    "responses": {
                        **_ok("Token", _array("Token")),
                        "400": ERRORS["400"],
                        "403": ERRORS["403"],
                        "404": ERRORS["404"],
                    },
                }
            },
            "/servicerequestupdates.{format}": {
                "get": {
                    "operationId": "getUpdates",
                    "parameters": [FORMAT, JURISDICTION, _q("api_key", "Optional"), *WINDOW],
                    "responses": {
                        **_ok("Updates", _array("RequestUpdate")),
                        "400": ERRORS["400"],
                        "403": ERRORS["403"],
                        "404": ERRORS["404"],
                    },
                },
                "post": {
                    "operationId": "postUpdate",
                    "parameters": [FORMAT],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/x-www-form-urlencoded": {"schema": POST_UPDATE_FORM}
                        },
                    },
                    "responses": {
                        **_ok("Update recorded", _array("RequestUpdate"), "201"),
                        **_ok("A repeat of an update already recorded", _array("RequestUpdate")),
                        **ERRORS,
                    },
                },
            },
        },
        "components": {"schemas": SCHEMAS},
    }


def document(request):
    return JsonResponse(spec())
