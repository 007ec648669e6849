"""Extra demo builders: other apps add their own demo data after the org demo.

An app registers from its ``AppConfig.ready()``::

    from gongzhi.org.demo import register_demo_builder

    def ready(self):
        from gongzhi.cases.demo import build_case_demo
        register_demo_builder("cases", build_case_demo, order=20)

A builder is called as ``builder(run)`` with a :class:`~gongzhi.org.demo.run.DemoRun`, inside
the demo's single transaction, after the org demo; builders run by ``(order, key)``. A builder
must be idempotent (skip what already exists) and deterministic, like the org demo itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoBuilder:
    key: str
    func: Callable
    order: int


_BUILDERS: dict[str, DemoBuilder] = {}


def register_demo_builder(key: str, func: Callable, *, order: int = 100) -> None:
    """Register (or replace) the demo builder named ``key``."""
    _BUILDERS[key] = DemoBuilder(key=key, func=func, order=order)


def unregister_demo_builder(key: str) -> None:
    _BUILDERS.pop(key, None)


def demo_builders() -> list[DemoBuilder]:
    """Registered builders in the order they run."""
    return sorted(_BUILDERS.values(), key=lambda b: (b.order, b.key))
