"""Helpers shared by the import and export management commands."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from gongzhi.org.io.problems import ProblemList


def user_by_name(username: str | None):
    """The user the command acts as (for the audit trail and the area checks), or None."""
    if not username:
        return None
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist as exc:
        raise CommandError(_("No user named %(name)s.") % {"name": username}) from exc


def problem_lines(problems: ProblemList, *, position_label: str) -> list[str]:
    """One line per problem: position, field, reference, message; sorted by position."""
    lines = []
    for problem in sorted(problems, key=lambda p: p.position):
        where = position_label % {"n": problem.position} if problem.position else _("File")
        ref = f" [{problem.ref}]" if problem.ref else ""
        lines.append(f"{where}{ref} · {problem.field}: {problem.message}")
    if problems.omitted:
        lines.append(_("… and %(n)d more problems.") % {"n": problems.omitted})
    return lines


class StderrProgress:
    """Prints how far a long import has got, one line every so many rows."""

    def __init__(self, stream):
        self.stream = stream

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        if phase == "read":
            text = _("read %(done)d rows") % {"done": done}
            if total:
                text += f" ({min(100, 100 * done // total)}%)"
        else:
            text = _("written %(done)d of %(total)d rows") % {"done": done, "total": total}
            text += f" ({100 * done // total}%)"
        self.stream.write(text + "\n")
        self.stream.flush()
