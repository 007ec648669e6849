"""The database settings chosen by the environment (``_database_config`` reads ``os.environ``
each time it is called)."""

import pytest

from gongzhi import settings as project_settings

PG = "postgres://u@db.example:5432/gongzhi"


@pytest.fixture
def env(monkeypatch):
    for name in ("DATABASE_PARALLEL_WORKERS", "DATABASE_PREPARE", "DATABASE_POOL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", PG)
    return monkeypatch


def test_postgresql_runs_without_parallel_workers_by_default(env):
    options = project_settings._database_config()["OPTIONS"]
    assert options["options"] == "-c max_parallel_workers_per_gather=0"
    assert "server_side_binding" not in options
    assert "prepare_threshold" not in options


def test_parallel_workers_and_prepared_statements_are_chosen_by_the_environment(env):
    env.setenv("DATABASE_PARALLEL_WORKERS", "2")
    env.setenv("DATABASE_PREPARE", "5")
    options = project_settings._database_config()["OPTIONS"]
    assert options["options"] == "-c max_parallel_workers_per_gather=2"
    assert options["server_side_binding"] is True
    assert options["prepare_threshold"] == 5


def test_sqlite_gets_none_of_the_postgresql_options(env):
    env.delenv("DATABASE_URL")
    env.setenv("DATABASE_PREPARE", "5")
    options = project_settings._database_config()["OPTIONS"]
    assert "options" not in options and "server_side_binding" not in options
    assert options["transaction_mode"] == "IMMEDIATE"
