"""The error shape every JSON API of the platform answers with (the platform API, the domain
apps' routers, the public API): in ``core`` so that the domain apps' routers need not import
``api``."""

from ninja import Schema


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    """Every 4xx answer of the platform API has this shape; ``code`` tells conflicts apart
    (``state``: the case moved on, ``version``: someone changed it since ``expected_version``)."""

    detail: str
    errors: list[FieldError] = []
    code: str | None = None


def error_responses(*statuses: int) -> dict:
    """``response=`` entries documenting the error shape for each status."""
    return {status: ErrorOut for status in statuses}
