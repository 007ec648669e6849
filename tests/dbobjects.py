"""Test databases are built from the models, not by running the migrations.

``make test`` passes ``--no-migrations`` to pytest-django: running the 89 migrations cost about
a minute of CPU per test worker and database, nearly all of it Django re-rendering model states,
before the first test could start. ``makemigrations --check`` (in ``.ci/run``) keeps the models
and the migrations the same, and ``.ci/run`` applies the migrations to fresh SQLite and
PostgreSQL databases.

What the migrations add beyond the models is installed here, after every table exists, by the
very functions those migrations run: the database triggers (append-only audit entries and
ledger rows, balanced entries — PostgreSQL only) and the calendar's stamp row.
"""

from __future__ import annotations

import importlib

from django.apps import apps
from django.db import connections
from django.db.models.signals import post_migrate

# (migration module, function) — each takes (apps, schema_editor) and may run again.
DATABASE_OBJECTS = [
    ("gongzhi.core.migrations.0002_audit_append_only_trigger", "create_trigger"),
    ("gongzhi.points.migrations.0002_ledger_triggers", "create_triggers"),
    ("gongzhi.worktime.migrations.0002_clock_stamp_row", "create_stamp"),
]


class _Executor:
    """The part of a schema editor those functions use: its connection and ``execute``."""

    def __init__(self, connection):
        self.connection = connection

    def execute(self, sql, params=None):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)


def install(using: str = "default") -> None:
    editor = _Executor(connections[using])
    for module, name in DATABASE_OBJECTS:
        getattr(importlib.import_module(module), name)(apps, editor)


def _after_migrate(sender, using="default", **kwargs):
    # Sent once per app after all tables exist (and again after a flush); once is enough.
    if sender.label == "core":
        install(using)


def connect() -> None:
    post_migrate.connect(_after_migrate, dispatch_uid="tests.dbobjects")
