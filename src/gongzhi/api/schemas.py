"""Shared API schemas: the error shape lives in ``core.errors_schema`` (the domain apps'
routers use it too)."""

from gongzhi.core.errors_schema import ErrorOut, FieldError, error_responses

__all__ = ["ErrorOut", "FieldError", "error_responses"]
