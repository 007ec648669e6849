"""How figures are written: rates as percentages, sums with at most two decimals, nothing as —."""

from __future__ import annotations

from gongzhi.insights.registry import RATE


def display(kpi, value) -> str:
    if value is None:
        return "—"
    if kpi is not None and kpi.kind == RATE:
        return f"{value * 100:.1f}%"
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text or "0"
    return str(value)


def delta_display(kpi, delta) -> str:
    """A change, without its sign (the prose says more or fewer): rates in percentage points."""
    if delta is None:
        return "—"
    delta = abs(delta)
    if kpi is not None and kpi.kind == RATE:
        return f"{delta * 100:.1f}"
    return display(None, round(delta, 2) if isinstance(delta, float) else delta)
