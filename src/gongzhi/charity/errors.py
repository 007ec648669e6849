"""Errors of the charity services that callers may want to tell apart."""

from django.core.exceptions import ValidationError


class NotEnoughStock(ValidationError):
    """An allocation, write-off or transfer asked for more than is on hand."""
