"""Benchmarks of the hot paths, each measured as a ratio to the bare cost of the same work.

Run them with ``make bench`` (or ``python -m bench [module ...]`` from the repository root).
Every module here whose name does not start with ``_`` and that defines ``run()`` is a
benchmark: ``run()`` sets up its own data in the throwaway database the harness created and
yields lines such as ``routing.locate_many vs bare STRtree bulk query: 1.30x cost``. Both sides
of a ratio are measured in the same run on the same machine, so the ratios travel between
machines far better than the absolute times do.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

# Rows of the summary table ``python -m bench`` prints at the end: one per hot path.
RESULTS: list[dict] = []


def record(path: str, *, queries, small: float | None, large: float | None = None) -> None:
    """Add a row to the summary table: ``small`` and ``large`` are the path's cost against its
    bare baseline with the small (1,000 cases) and the large (1,000,000) table, or None."""
    RESULTS.append({"path": path, "queries": queries, "small": small, "large": large})


def median(values) -> float:
    return statistics.median(values)


def _calibrate(fn: Callable[[], object], min_time: float) -> int:
    start = time.perf_counter()
    fn()
    once = max(time.perf_counter() - start, 1e-9)
    return max(1, int(min_time / once))


def _round(fn: Callable[[], object], number: int) -> float:
    start = time.perf_counter()
    for _ in range(number):
        fn()
    return (time.perf_counter() - start) / number


def measure(fn: Callable[[], object], *, repeat: int = 5, min_time: float = 0.1) -> float:
    """Seconds per call of ``fn``: the best of ``repeat`` rounds of about ``min_time`` each."""
    number = _calibrate(fn, min_time)
    return min(_round(fn, number) for _ in range(repeat))


def compare(
    subject: Callable[[], object],
    baseline: Callable[[], object],
    *,
    repeat: int = 7,
    min_time: float = 0.1,
) -> tuple[float, float]:
    """Seconds per call of ``subject`` and of ``baseline``, best of rounds taken in turn.

    Alternating the rounds exposes both sides to the same background load, so a busy
    machine slows both instead of skewing the ratio.
    """
    numbers = _calibrate(subject, min_time), _calibrate(baseline, min_time)
    best = [float("inf"), float("inf")]
    for _ in range(repeat):
        for side, (fn, number) in enumerate(zip((subject, baseline), numbers, strict=True)):
            best[side] = min(best[side], _round(fn, number))
    return best[0], best[1]


def ratio(subject: str, baseline: str, cost: float, base_cost: float) -> str:
    """One result line: how much ``subject`` costs per unit of work against ``baseline``."""
    factor = cost / base_cost
    line = f"{subject} vs {baseline}: {factor:.3g}x cost"
    if factor < 1:
        line += f" ({1 / factor:.3g}x faster)"
    return line


def required_defaults(model, columns: str, *, true: str, false: str, empty_json: str):
    """(column, SQL literal of the model's default) for every required column of ``model``
    missing from ``columns``, so that a bulk fill written against an older schema keeps up."""
    listed = {c.strip() for c in columns.split(",")}
    extra = []
    for field in model._meta.concrete_fields:
        if field.column in listed or field.null or field.primary_key:
            continue
        value = field.get_default()
        if isinstance(value, bool):
            literal = true if value else false
        elif isinstance(value, int):
            literal = str(value)
        elif isinstance(value, str):
            literal = "'" + value.replace("'", "''") + "'"
        elif value == {}:
            literal = empty_json
        else:
            raise ValueError(f"bench fill: give {model._meta.db_table}.{field.column} a value")
        extra.append((field.column, literal))
    return extra
