"""Every audit entry is also an event other parts may react to.

A part subscribes to action-code prefixes from its ``AppConfig.ready()``; ``log_action`` calls the
matching handlers inside the same transaction, right after the entry is written. Handlers must be
quick and may only write their own rows (an outbox): work that talks to the outside world is done
after commit by the task worker. Because the handler's rows commit or roll back with the change,
nothing is announced that did not happen, and nothing that happened goes unannounced.
"""

from __future__ import annotations

from collections.abc import Callable

Handler = Callable[..., None]

_handlers: list[tuple[str, Handler]] = []


def subscribe(prefix: str, handler: Handler) -> None:
    """Call ``handler(entry=..., obj=...)`` for every audit entry whose action starts with prefix."""
    if (prefix, handler) not in _handlers:
        _handlers.append((prefix, handler))


def publish(entry, obj) -> None:
    for prefix, handler in _handlers:
        if entry.action.startswith(prefix):
            handler(entry=entry, obj=obj)
