"""Fixture builders that go through the services once per test process, then are replayed.

Most tests start from the same small world (a tree of nodes, categories, a user per role), and
building it through the services costs a few hundred queries a test. ``Replayed(build)`` runs
``build`` as written the first time (validation, audit entries, stamps), keeps the rows it
inserted, and in later tests inserts the same rows again, one statement per table, and returns
a deep copy of the first result. The rows keep their ids, so a result that holds model
instances stays true; audit entries (which nothing points at) get fresh ids. A table is
replayed into only when it holds just the rows it held when the build was recorded (the same
ids), so that keys, paths and unique names come out as the build made them.

It falls back to running ``build`` whenever the rows could not be replayed as they were
written: the build updated or deleted a row it did not insert (other than the boundary stamp,
which a replay bumps as the build did), wrote a table without an integer key, a table it wrote
holds other rows in this test than when it was recorded, or the arguments are other rows than
the recorded ones.

Sequences are left alone: a PostgreSQL sequence is not rolled back with a test's transaction,
and SQLite's follows the largest id inserted, so a replayed id stays below any new one. A test
that resets sequences (``reset_sequences = True``) must not use a replayed builder.
"""

from __future__ import annotations

import copy
import dataclasses
import re

from django.apps import apps
from django.db import connection
from django.db.models import AutoField, BigAutoField, IntegerField, Model, SmallAutoField

from gongzhi.core.models import AuditEntry
from gongzhi.org.models import BoundaryStamp
from gongzhi.org.services import bump_boundary_version

_WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
_FRESH_IDS = (AuditEntry,)
_INTEGER_KEYS = (AutoField, BigAutoField, SmallAutoField, IntegerField)


class _Unreplayable(Exception):
    pass


class _Writes:
    """An execute wrapper noting the tables a build inserts into, updates and deletes from."""

    def __init__(self):
        self.inserted: list[str] = []
        self.changed: set[str] = set()

    def __call__(self, execute, sql, params, many, context):
        match = _WRITE.match(sql)
        if match:
            verb, table = match.group(1).split()[0].upper(), match.group(2)
            if verb == "INSERT":
                if table not in self.inserted:
                    self.inserted.append(table)
            else:
                self.changed.add(table)
        return execute(sql, params, many, context)


def _models_by_table() -> dict[str, type[Model]]:
    return {m._meta.db_table: m for m in apps.get_models(include_auto_created=True)}


def _ids() -> dict[type[Model], frozenset]:
    """Every table's ids (the tables of a test are small)."""
    return {
        model: frozenset(model._base_manager.values_list("pk", flat=True))
        for model in _models_by_table().values()
        if isinstance(model._meta.pk, _INTEGER_KEYS)
    }


def _signature(value):
    """The rows an argument stands for: model instances by label and id, nested in dicts,
    lists and dataclasses; anything else by its value."""
    if isinstance(value, Model):
        return (value._meta.label, value.pk)
    if isinstance(value, dict):
        return tuple(sorted((k, _signature(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_signature(v) for v in value)
    if dataclasses.is_dataclass(value):
        return _signature(dataclasses.asdict(value))
    return value


@dataclasses.dataclass
class _Recording:
    rows: list[tuple[type[Model], frozenset, list[Model]]]  # model, ids before, new rows
    bumps_boundaries: bool
    result: object


class Replayed:
    def __init__(self, build):
        self.build = build
        self._recordings: dict[object, _Recording | None] = {}

    def __call__(self, *args, **kwargs):
        key = (_signature(args), _signature(kwargs))
        if key not in self._recordings:
            return self._record(key, args, kwargs)
        recording = self._recordings[key]
        if recording is None or not _replay(recording):
            return self.build(*args, **kwargs)
        return copy.deepcopy(recording.result)

    def _record(self, key, args, kwargs):
        before = _ids()
        writes = _Writes()
        with connection.execute_wrapper(writes):
            result = self.build(*args, **kwargs)
        try:
            self._recordings[key] = _recorded(writes, before, result)
        except _Unreplayable:
            self._recordings[key] = None
        return result


def _recorded(writes: _Writes, before, result) -> _Recording:
    by_table = _models_by_table()
    stamp = BoundaryStamp._meta.db_table
    # Updates only of rows the build inserted: a table it changed held nothing before.
    for table in writes.changed - {stamp}:
        model = by_table.get(table)
        if table not in writes.inserted or model not in before or before[model]:
            raise _Unreplayable()
    rows = []
    for table in writes.inserted:
        model = by_table.get(table)
        if table == stamp:
            continue
        if model is None or model not in before:
            raise _Unreplayable()
        found = list(model._base_manager.exclude(pk__in=before[model]).order_by("pk"))
        rows.append((model, before[model], found))
    bumps = stamp in writes.changed or stamp in writes.inserted
    return _Recording(rows=rows, bumps_boundaries=bumps, result=copy.deepcopy(result))


def _replay(recording: _Recording) -> bool:
    for model, ids_before, _rows in recording.rows:
        if model in _FRESH_IDS:
            continue
        if frozenset(model._base_manager.values_list("pk", flat=True)) != ids_before:
            return False
    for model, _ids_before, rows in recording.rows:
        copies = copy.deepcopy(rows)
        if model in _FRESH_IDS:
            for row in copies:
                row.pk = None
        model._base_manager.bulk_create(copies)
    if recording.bumps_boundaries:
        bump_boundary_version()
    return True
