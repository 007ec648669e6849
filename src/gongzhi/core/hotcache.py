"""Per-process caches of rows that change rarely (categories, policies, the org tree around a
grid, API keys), so that the hot paths do not read them on every request.

A :class:`Memo` keeps values for at most ``GONGZHI_CACHE_SECONDS`` seconds (default 5). A write
to a watched model (:func:`watch`: saved or deleted through the ORM, in the admin, a service or
the demo) clears every memo of the process that made it, at once and again when its
transaction commits, so that process sees its own change on its very next read. Other
processes see it when their entries expire: within ``GONGZHI_CACHE_SECONDS``. Writes that
bypass the model's signals (``QuerySet.update``, ``bulk_create``, raw SQL) are also seen within
that bound, or at once after :func:`invalidate`.

The same bound applies to the stamps that guard bigger per-process structures (the
point→grid index, the working-time calendar): :class:`StampCheck` reads its stamp at most
once per ``GONGZHI_CACHE_SECONDS`` and at once after a local :func:`invalidate`.

Cached values are shared by the threads of a process: they must be treated as read-only.
Model instances are handed out as shallow copies (:func:`fresh`) so that a caller's
assignments never leak into another request.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Hashable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save

DEFAULT_SECONDS = 5.0
# A memo holding more entries than this starts over (hostile input cannot grow it without end).
MAX_ENTRIES = 20_000

clock: Callable[[], float] = time.monotonic  # tests move time forward by replacing it

_memos: list[Memo] = []
_checks: list[StampCheck] = []
_MISSING = object()


def ttl() -> float:
    """How long a cached value may be used: ``GONGZHI_CACHE_SECONDS`` (0 turns caching off)."""
    return float(getattr(settings, "GONGZHI_CACHE_SECONDS", DEFAULT_SECONDS))


class Memo:
    """Values by key, each built once per ``ttl()`` seconds in this process."""

    def __init__(self, name: str):
        self.name = name
        self._values: dict[Hashable, tuple[float, Any]] = {}
        self._generation = 0
        _memos.append(self)

    def get(self, key: Hashable, build: Callable[[], Any], *, cache_none: bool = True):
        now = clock()
        hit = self._values.get(key)
        if hit is not None and now - hit[0] < ttl():
            return hit[1]
        generation = self._generation
        value = build()
        if (value is not None or cache_none) and generation == self._generation:
            # Not stored when an invalidation ran while it was built: it may be older.
            if len(self._values) >= MAX_ENTRIES:
                self._values = {}
            self._values[key] = (now, value)
        return value

    def clear(self) -> None:
        self._generation += 1
        self._values = {}


class StampCheck:
    """When to read a stamp again: at most once per ``ttl()`` seconds, or at once after a
    local :func:`invalidate`."""

    def __init__(self):
        self._checked_at: float | None = None
        _checks.append(self)

    def due(self) -> bool:
        checked = self._checked_at
        return checked is None or clock() - checked >= ttl()

    def checked(self, at: float | None = None) -> None:
        self._checked_at = clock() if at is None else at

    def expire(self) -> None:
        self._checked_at = None


def clear_process_caches() -> None:
    """Drop every cached value of this process and check every stamp on its next use."""
    for memo in _memos:
        memo.clear()
    for check in _checks:
        check.expire()


def invalidate() -> None:
    """Drop every cached value of this process, now and again when the transaction commits
    (a read between the write and its commit could otherwise cache the old rows)."""
    clear_process_caches()
    transaction.on_commit(clear_process_caches)


def _on_write(sender, **kwargs) -> None:
    invalidate()


def watch(*models) -> None:
    """Clear this process's caches whenever one of ``models`` is saved or deleted."""
    for model in models:
        post_save.connect(_on_write, sender=model, dispatch_uid=f"hotcache-{model._meta.label}")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"hotcache-{model._meta.label}")


def fresh(instance):
    """A shallow copy of a cached model instance that a caller may assign to freely (its
    related objects and prefetched lists are those of the cache: read them, never change)."""
    if instance is None:
        return None
    clone = copy.copy(instance)
    clone._state = copy.copy(instance._state)
    clone._state.fields_cache = dict(instance._state.fields_cache)
    prefetched = getattr(instance, "_prefetched_objects_cache", _MISSING)
    if prefetched is not _MISSING:
        clone._prefetched_objects_cache = dict(prefetched)
    return clone
