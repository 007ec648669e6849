"""Writing files (photos, PDFs) inside a service so that a failed service leaves none behind."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.files.base import ContentFile

_WRITTEN: ContextVar[list | None] = ContextVar("gongzhi_enforcement_files", default=None)


def save_file(field_file, name: str, content: bytes) -> None:
    """Save ``content`` into ``field_file`` (not the model row); remembered by ``files_guard``."""
    field_file.save(name, ContentFile(content), save=False)
    written = _WRITTEN.get(None)
    if written is not None:
        written.append((field_file.storage, field_file.name))


@contextmanager
def files_guard():
    """Remove the files written inside the block when the block fails (Django has no
    on-rollback hook, so the service wraps its transaction in this)."""
    written: list = []
    token = _WRITTEN.set(written)
    try:
        yield
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise
    finally:
        _WRITTEN.reset(token)
