"""Shared API schemas."""

from ninja import Schema


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    """Every 4xx answer of the platform API has this shape."""

    detail: str
    errors: list[FieldError] = []
