"""The OpenAPI 3.1 document of the Open311 endpoints, served at /open311/v2/openapi.json.

Written from the GeoReport v2 specification: plural ``/requests/{id}``, form fields as form
fields, every answer in JSON and XML, errors as an array of {code, description}.
"""

from django.http import JsonResponse

from gongzhi.open311.openapi_schemas import (
    POST_REQUEST_FORM,
    POST_UPDATE_FORM,
    SCHEMAS,
    with_media,
)

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
                            "application/x-www-form-urlencoded": {"schema": POST_REQUEST_FORM},
                            "multipart/form-data": {"schema": with_media(POST_REQUEST_FORM)},
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
                            "application/x-www-form-urlencoded": {"schema": POST_UPDATE_FORM},
                            "multipart/form-data": {"schema": with_media(POST_UPDATE_FORM)},
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
