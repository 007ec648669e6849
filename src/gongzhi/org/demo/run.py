"""What one demo build carries between its steps: output, created counts, the login table."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    where: str
    password: str


@dataclass
class DemoRun:
    """Handed to every demo builder: say what you do, count what you create, add logins.

    ``created`` counts only what this run created, so a second run reports zeros.
    """

    password: str
    stdout: TextIO | None = None
    created: Counter = field(default_factory=Counter)
    logins: list[DemoLogin] = field(default_factory=list)
    nodes: dict = field(default_factory=dict)  # code → Node, for every node of the demo
    extra: dict = field(default_factory=dict)  # builders may leave results for later builders

    def node(self, code: str):
        """A demo node by code (see ``gongzhi.org.demo.places`` for the well-known ones)."""
        if code not in self.nodes:
            from gongzhi.org.models import Node

            self.nodes[code] = Node.objects.get(code=code)
        return self.nodes[code]

    def say(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message + "\n")

    def count(self, label: str, n: int = 1) -> None:
        if n:
            self.created[label] += n

    def add_login(self, username: str, role: str, where: str, password: str | None = None):
        self.logins.append(DemoLogin(username, role, where, password or self.password))


def _width(text: str) -> int:
    """Terminal columns: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def login_table(logins: list[DemoLogin], headers=("username", "role", "where", "password")):
    """The logins as an aligned plain-text table."""
    rows = [tuple(headers)] + [(x.username, x.role, x.where, x.password) for x in logins]
    widths = [max(_width(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
