"""What an import found wrong: one ``Problem`` per bad field, gathered in a ``ProblemList``."""

from __future__ import annotations

from dataclasses import dataclass, field

# Enough to fix a file by; a file bad on every row would otherwise make a report of megabytes.
MAX_LISTED_PROBLEMS = 500


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an import file.

    ``position`` is the 1-based feature number (GeoJSON) or the row number as Excel shows it
    (roster); 0 means the file as a whole. ``field`` is the property or column header,
    ``ref`` the feature's code or the row's name when known, ``message`` the translated text.
    """

    position: int
    field: str
    message: str
    ref: str = ""


@dataclass
class ProblemList:
    """Problems in the order found, keeping the first ``limit`` and counting the rest."""

    limit: int = MAX_LISTED_PROBLEMS
    items: list[Problem] = field(default_factory=list)
    total: int = 0
    bad_positions: set[int] = field(default_factory=set)

    def add(self, position: int, field_name: str, message: str, ref: str = "") -> None:
        self.total += 1
        self.bad_positions.add(position)
        if len(self.items) < self.limit:
            self.items.append(Problem(position, field_name, str(message), ref))

    def __bool__(self) -> bool:
        return self.total > 0

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return self.total

    @property
    def omitted(self) -> int:
        return self.total - len(self.items)


class FileRefused(Exception):
    """The file as a whole cannot be read: too large, wrong type, not parseable."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = str(message)


class ImportRejected(Exception):
    """Validation found problems; nothing was written."""

    def __init__(self, problems: ProblemList):
        super().__init__(f"{problems.total} problem(s)")
        self.problems = problems
