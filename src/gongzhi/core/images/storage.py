"""Writing files so that they share the fate of the transaction they were written in.

Files are not transactional and Django has no on-rollback hook. ``save_file`` writes the file at
once (so the rest of the service, and a test, can read it) and registers a marker with
``transaction.on_commit``. Django keeps that marker until the outermost transaction commits, and
drops it when the transaction — or the savepoint the file was written in — rolls back. The
marker carries a finaliser: dropped without having run, it removes the file. So a photo written
by a service that itself succeeded is still removed when an outer transaction (a view wrapped in
``ATOMIC_REQUESTS``, a bulk import, a caller's ``atomic()``) rolls back later.

Outside any transaction the write is final, like an autocommitted row. Whatever escapes anyway
(a process killed between the write and the commit) is found by ``remove_orphaned_media``.
"""

from __future__ import annotations

import logging
import weakref
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.files.base import ContentFile
from django.db import DEFAULT_DB_ALIAS, transaction

log = logging.getLogger(__name__)

_GUARDED: ContextVar[list | None] = ContextVar("gongzhi_guarded_files", default=None)


class _Written:
    """What one write left behind, and whether its transaction committed."""

    __slots__ = ("committed", "files")

    def __init__(self, storage, name):
        self.committed = False
        self.files = [(storage, name)]


class _CommitMarker:
    """The ``on_commit`` callback; when Django drops it unrun, the finaliser deletes the file."""

    __slots__ = ("__weakref__", "written")

    def __init__(self, written: _Written):
        self.written = written

    def __call__(self):
        self.written.committed = True


def _remove_unless_committed(written: _Written) -> None:
    if written.committed:
        return
    for storage, name in written.files:
        try:
            storage.delete(name)
        except Exception:  # a file that cannot be removed is left to the orphan sweep
            log.warning("could not remove %s after a rollback", name, exc_info=True)


def _tie_to_transaction(storage, name: str, using: str) -> None:
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        return  # autocommit: the write is final
    written = _Written(storage, name)
    marker = _CommitMarker(written)
    finaliser = weakref.finalize(marker, _remove_unless_committed, written)
    finaliser.atexit = False  # at exit the orphan sweep is the safer cleaner
    transaction.on_commit(marker, using=using)


def save_file(field_file, name: str, content: bytes, *, using: str = DEFAULT_DB_ALIAS) -> str:
    """Save ``content`` into ``field_file`` (not the row) and tie the file to the transaction.

    Returns the stored name. Call it inside the service's transaction, after every check.
    """
    field_file.save(name, ContentFile(content), save=False)
    _tie_to_transaction(field_file.storage, field_file.name, using)
    guarded = _GUARDED.get(None)
    if guarded is not None:
        guarded.append((field_file.storage, field_file.name))
    return field_file.name


def store_photo(
    instance, processed, *, image_field: str = "image", thumbnail_field: str | None = "thumbnail"
):
    """Write a ``ProcessedPhoto`` into a model instance's file fields (the row is not saved).

    Fills ``width``/``height``/``size`` when the model has them.
    """
    save_file(getattr(instance, image_field), "photo.jpg", processed.content)
    if thumbnail_field:
        save_file(getattr(instance, thumbnail_field), "thumb.jpg", processed.thumbnail)
    fields = {field.name for field in instance._meta.concrete_fields}
    for attr, value in (
        ("width", processed.width),
        ("height", processed.height),
        ("size", processed.size),
    ):
        if attr in fields:
            setattr(instance, attr, value)
    return instance


def delete_after_commit(storage, name: str, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Remove a file once the transaction that stopped referencing it has committed."""
    if not name:
        return

    def remove():
        try:
            storage.delete(name)
        except Exception:
            log.warning("could not remove %s", name, exc_info=True)

    transaction.on_commit(remove, using=using)


@contextmanager
def files_guard():
    """Remove the files written inside the block when the block raises.

    Inside a transaction ``save_file`` already does this on rollback; the guard also covers
    files written outside any transaction by a block that then fails.
    """
    written: list = []
    token = _GUARDED.set(written)
    try:
        yield
    except BaseException:
        for storage, name in written:
            try:
                storage.delete(name)
            except Exception:
                log.warning("could not remove %s", name, exc_info=True)
        raise
    finally:
        _GUARDED.reset(token)
