"""Storing already-cleaned photos (``participation.images``), and removing them again when
the transaction that stored them fails (Django has no on-rollback hook)."""

from __future__ import annotations

import contextvars
from contextlib import contextmanager

from django.core.files.base import ContentFile

from gongzhi.participation.services.common import user_or_none

_WRITTEN: contextvars.ContextVar = contextvars.ContextVar("participation_written", default=None)


@contextmanager
def files_guard():
    """Wrap a service's transaction: files written inside are deleted if the block fails."""
    written: list = []
    token = _WRITTEN.set(written)
    try:
        yield
    except BaseException:
        for field in written:
            field.storage.delete(field.name)
        raise
    finally:
        _WRITTEN.reset(token)


def save_file(field, content: bytes, name: str = "p.jpg") -> None:
    field.save(name, ContentFile(content), save=False)
    written = _WRITTEN.get()
    if written is not None:
        written.append(field)


def store(model, cleaned, *, actor, **owner) -> list:
    """One ``model`` row per cleaned photo, with its thumbnail."""
    rows = []
    for photo in cleaned:
        row = model(
            width=photo.width, height=photo.height, uploaded_by=user_or_none(actor), **owner
        )
        save_file(row.image, photo.content)
        save_file(row.thumbnail, photo.thumbnail, "t.jpg")
        row.save()
        rows.append(row)
    return rows
