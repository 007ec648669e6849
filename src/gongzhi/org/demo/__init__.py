"""The demo district: 崇川区 with the streets and communities of the seed article, 新胜社区's
72 microgrids, its residents, the six forces' parties, the party tree and demo logins.

``build_demo()`` is deterministic and idempotent. Other apps add their own demo data with
``register_demo_builder`` (see ``registry.py``); this module imports no models, so it is safe
to import from an ``AppConfig``.
"""

from gongzhi.org.demo.registry import (
    demo_builders,
    register_demo_builder,
    unregister_demo_builder,
)


def build_demo(stdout=None, **kwargs) -> dict:
    """Build the demo district (see ``gongzhi.org.demo.build.build_demo``)."""
    from gongzhi.org.demo.build import build_demo as build

    return build(stdout=stdout, **kwargs)


__all__ = ["build_demo", "demo_builders", "register_demo_builder", "unregister_demo_builder"]
