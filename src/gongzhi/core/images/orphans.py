"""Finding media files that no row references any more.

Every ``FileField`` of every installed model is asked for the names it holds; a file under
``MEDIA_ROOT`` that none of them names, and that is older than a grace period (so a file whose
transaction has not committed yet is never taken), is an orphan. Apps whose rows themselves
expire (uploads nobody used) register a cleaner that runs first, so the files of the rows it
removes become orphans in the same sweep.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

DEFAULT_MIN_AGE_SECONDS = 3600

# name -> callable(delete: bool) -> int (rows that expired, removed only when delete is true)
_EXPIRY_CLEANERS: dict[str, Callable[[bool], int]] = {}


def register_expiry_cleaner(name: str, cleaner: Callable[[bool], int]) -> None:
    """Let an app remove its expired rows before the sweep (call from ``AppConfig.ready``)."""
    _EXPIRY_CLEANERS[name] = cleaner


def run_expiry_cleaners(*, delete: bool) -> dict[str, int]:
    return {name: cleaner(delete) for name, cleaner in sorted(_EXPIRY_CLEANERS.items())}


def file_fields() -> Iterator[tuple[type[models.Model], models.FileField]]:
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                yield model, field


def referenced_names() -> set[str]:
    """Every file name any row holds, normalised to forward slashes."""
    names: set[str] = set()
    for model, field in file_fields():
        values = (
            model._base_manager.exclude(**{field.attname: ""})
            .exclude(**{f"{field.attname}__isnull": True})
            .values_list(field.attname, flat=True)
        )
        names.update(str(value).replace("\\", "/") for value in values.iterator())
    return names


@dataclass(frozen=True)
class Orphan:
    name: str
    size: int


def find_orphans(*, min_age_seconds: int = DEFAULT_MIN_AGE_SECONDS, now: float | None = None):
    """Files under ``MEDIA_ROOT`` no row references, older than ``min_age_seconds``."""
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    now = time.time() if now is None else now
    referenced = referenced_names()
    found = []
    for directory, _dirs, files in os.walk(root):
        for filename in files:
            path = Path(directory) / filename
            name = path.relative_to(root).as_posix()
            if name in referenced:
                continue
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            if now - stat.st_mtime < min_age_seconds:
                continue
            found.append(Orphan(name=name, size=stat.st_size))
    return sorted(found, key=lambda orphan: orphan.name)


def remove_empty_directories() -> int:
    root = Path(settings.MEDIA_ROOT)
    removed = 0
    if not root.is_dir():
        return 0
    for directory, dirs, files in os.walk(root, topdown=False):
        path = Path(directory)
        if path != root and not dirs and not files:
            try:
                path.rmdir()
                removed += 1
            except OSError:
                pass
    return removed


def sweep(*, delete: bool, min_age_seconds: int = DEFAULT_MIN_AGE_SECONDS) -> dict:
    """Expired rows first, then the orphaned files; removed only when ``delete`` is true.

    Safe to run twice, and twice at once: a file another run removed first is skipped.
    """
    from django.core.files.storage import default_storage

    expired = run_expiry_cleaners(delete=delete)
    found = find_orphans(min_age_seconds=min_age_seconds)
    if delete:
        for orphan in found:
            default_storage.delete(orphan.name)
        remove_empty_directories()
    return {"expired": expired, "orphans": found, "bytes": sum(o.size for o in found)}


def sweep_job() -> str:
    """The daily background run (``core.remove_orphaned_media``)."""
    result = sweep(delete=True)
    expired = sum(result["expired"].values())
    return f"{len(result['orphans'])} orphaned files removed, {expired} expired rows"
