"""``python -m bench [module ...]``: set Django up on a throwaway database and run benchmarks.

Every benchmark runs on SQLite in a temporary directory and, when ``DATABASE_URL`` is set, once
more on PostgreSQL, in a test database created next to the one it names (``test_<name>``, as
the test suite does) and dropped afterwards. Nothing touches the data of a running
installation. Each database's run is a process of its own; at the end one table sums up every
hot path: its queries and its cost against its bare baseline with 1,000 and 1,000,000 cases.

``BENCH_DATABASES=sqlite`` (or ``postgresql``) runs one database only; ``BENCH_SIZES=1000``
skips the million-case table (``BENCH_SIZES=1000,1000000`` is the default).
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def machine_line() -> str:
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} logical CPUs, {platform.system()} {platform.release()}"


def discover(selected: list[str]) -> list:
    import bench

    names = [m.name for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_")]
    unknown = set(selected) - set(names)
    if unknown:
        sys.exit(f"Unknown benchmark(s): {', '.join(sorted(unknown))}. Known: {', '.join(names)}")
    modules = [importlib.import_module(f"bench.{name}") for name in selected or names]
    return [module for module in modules if callable(getattr(module, "run", None))]


def _databases() -> list[str]:
    chosen = os.environ.get("BENCH_DATABASES")
    if chosen:
        return [d.strip() for d in chosen.split(",") if d.strip()]
    return ["sqlite", *(["postgresql"] if os.environ.get("DATABASE_URL") else [])]


def _cell(value) -> str:
    return "—" if value is None else f"{value:.3g}x"


def summary(rows: list[dict]) -> list[str]:
    """The one table: path, queries, cost against the bare baseline at 1k and at 1M cases."""
    header = ("database", "path", "queries", "ratio at 1k", "ratio at 1M", "1M/1k speed")
    body = []
    for row in rows:
        small, large = row["small"], row["large"]
        speed = f"{small / large:.2f}" if small and large else "—"
        queries = row["queries"]
        body.append(
            (row["database"], row["path"], "—" if queries is None else str(queries))
            + (_cell(small), _cell(large), speed)
        )
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(header, widths, strict=True))]
    lines.append("-|-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in body]
    return lines


def main(argv: list[str]) -> None:
    if os.environ.get("BENCH_RESULTS"):  # one database's run, started below
        with tempfile.TemporaryDirectory(prefix="gongzhi-bench-") as data_dir:
            os.environ["GONGZHI_DATA_DIR"] = data_dir
            run(argv)
        return
    rows = []
    with tempfile.TemporaryDirectory(prefix="gongzhi-bench-results-") as out_dir:
        for database in _databases():
            results = Path(out_dir) / f"{database}.json"
            env = dict(os.environ, BENCH_RESULTS=str(results))
            if database == "sqlite":
                env.pop("DATABASE_URL", None)
            elif not env.get("DATABASE_URL"):
                sys.exit("BENCH_DATABASES names postgresql but DATABASE_URL is not set.")
            done = subprocess.run([sys.executable, "-m", "bench", *argv], env=env, check=False)
            if done.returncode:
                sys.exit(done.returncode)
            rows += [dict(row, database=database) for row in json.loads(results.read_text())]
    print("== summary: cost against the bare baseline measured in the same run")
    for line in summary(rows):
        print(line)


def run(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongzhi.settings")
    os.environ.setdefault("DEBUG", "1")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    try:
        from gongzhi.core import hotcache
    except ImportError:  # measuring a version from before the caches
        hotcache = None

    # DEBUG lets the settings load without a secret; measure without the per-query logging
    # that DEBUG adds, as production runs.
    settings.DEBUG = False
    modules = discover(argv)
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        import numpy
        import shapely

        print(f"machine: {machine_line()}")
        print(
            f"python {platform.python_version()}, django {django.get_version()}, "
            f"shapely {shapely.__version__} (GEOS {shapely.geos_version_string}), "
            f"numpy {numpy.__version__}, database {connection.vendor}"
        )
        for module in modules:
            name = module.__name__.removeprefix("bench.")
            print(f"== {name}")
            start = time.perf_counter()
            for line in module.run():
                print(line, flush=True)
            print(f"   ({time.perf_counter() - start:.1f} s)")
            call_command("flush", interactive=False, verbosity=0)
            if hotcache is not None:
                hotcache.clear_process_caches()  # the rows they held are gone
    finally:
        teardown_databases(old_config, verbosity=0)
        from bench import RESULTS

        Path(os.environ["BENCH_RESULTS"]).write_text(json.dumps(RESULTS))


if __name__ == "__main__":
    main(sys.argv[1:])
