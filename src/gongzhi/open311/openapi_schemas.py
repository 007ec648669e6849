"""The component schemas and form bodies of the Open311 OpenAPI document, written from the
GeoReport v2 specification and FixMyStreet's servicerequestupdates extension."""

from gongzhi.cases.choices import State
from gongzhi.open311.statuses import UPDATE_STATUSES

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
        "media_url": {
            "type": "string",
            "maxLength": 500,
            "description": "an http(s) link to a photo: stored as sent, never fetched",
        },
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
        "media_url": {
            "type": "string",
            "description": "not taken on updates: send the photo itself as multipart media",
        },
    },
}


MEDIA_FILES = {
    "type": "array",
    "items": {"type": "string", "format": "binary"},
    "maxItems": 9,
    "description": "photos (JPEG, PNG or WebP); checked by content, EXIF removed",
}


def with_media(form: dict) -> dict:
    """The same form sent as multipart/form-data, which may also carry photos in ``media``."""
    return {**form, "properties": {**form["properties"], "media": MEDIA_FILES}}
