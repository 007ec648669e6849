"""``python -m bench [module ...]``: set Django up on a throwaway database and run benchmarks.

The database is SQLite in a temporary directory, or, when ``DATABASE_URL`` is set, a test
database created next to the one it names (``test_<name>``, as the test suite does) and dropped
afterwards. Nothing touches the data of a running installation.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import platform
import sys
import tempfile
import time


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


def main(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="gongzhi-bench-") as data_dir:
        os.environ["GONGZHI_DATA_DIR"] = data_dir
        run(argv)


def run(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongzhi.settings")
    os.environ.setdefault("DEBUG", "1")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

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
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main(sys.argv[1:])
