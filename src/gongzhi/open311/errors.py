"""An Open311 error: answered in the spec's shape with its HTTP status."""

from __future__ import annotations

from django.core.exceptions import ValidationError

# Our services name fields as the cases app does; a client sent GeoReport v2 parameters, so
# errors speak of those (GeoReport v2, "POST Service Request" arguments).
FIELD_PARAMS = {
    "category": "service_code",
    "lat": "lat",
    "lon": "long",
    "location": "lat/long",
    "address": "address_string",
    "reporter_name": "first_name/last_name",
    "reporter_phone": "phone",
    "reporter_email": "email",
    "idempotency_key": "Idempotency-Key",
    "text": "description",
    "note": "description",
}


class Open311Error(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = description


def param_name(field: str) -> str:
    if field.startswith("answers."):
        return f"attribute[{field.removeprefix('answers.')}]"
    return FIELD_PARAMS.get(field, field)


def validation_text(exc: ValidationError) -> str:
    """One line naming each parameter and its problem, in GeoReport v2's parameter names."""
    if hasattr(exc, "error_dict"):
        return "; ".join(
            f"{param_name(field)}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items()
        )
    return " ".join(exc.messages)
