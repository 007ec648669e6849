"""Importing a household roster: check every row, then write all of them in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.org import services
from gongzhi.org.io.problems import FileRefused, ImportRejected, ProblemList
from gongzhi.org.io.roster_db_checks import RosterTargets, check_against_database
from gongzhi.org.io.roster_read import Progress, iter_roster_rows
from gongzhi.org.io.roster_rows import FileDuplicates, RosterRow, parse_row


@dataclass
class RosterImportSummary:
    """What a roster import did (or, for a dry run, would do)."""

    rows: int = 0
    people_created: int = 0
    households_created: int = 0
    households_reused: int = 0
    dry_run: bool = False


def read_rows(fileobj: BinaryIO, problems: ProblemList, **read_options) -> list[RosterRow]:
    """Every row of the workbook, checked on its own and against the other rows.

    ``read_options`` go to ``iter_roster_rows`` (progress, every, max_rows).
    """
    rows: list[RosterRow] = []
    duplicates = FileDuplicates()
    for number, raw in iter_roster_rows(fileobj, problems=problems, **read_options):
        row = parse_row(number, raw, problems)
        if row is not None and duplicates.check(row, problems):
            rows.append(row)
    return rows


def _count(rows: list[RosterRow], targets: RosterTargets) -> RosterImportSummary:
    keys = {(targets.buildings[r.building_code].pk, r.unit) for r in rows}
    existing = {key for key in keys if key in targets.households}
    return RosterImportSummary(
        rows=len(rows),
        people_created=len(rows),
        households_created=len(keys) - len(existing),
        households_reused=len(existing),
    )


def _write(rows, targets: RosterTargets, problems, actor, progress, every: int) -> None:
    households = dict(targets.households)
    for index, row in enumerate(rows, start=1):
        building = targets.buildings[row.building_code]
        key = (building.pk, row.unit)
        try:
            household = households.get(key)
            if household is None:
                household = services.household_create(building=building, unit=row.unit, actor=actor)
                households[key] = household
            services.person_create(household=household, actor=actor, **row.person)
        except ValidationError as exc:
            # The database changed since the checks (someone added the same household).
            problems.add(row.number, "", " ".join(exc.messages))
            raise ImportRejected(problems) from exc
        if progress is not None and (index % every == 0 or index == len(rows)):
            progress("write", index, len(rows))


def import_roster(
    *,
    fileobj: BinaryIO,
    actor=None,
    scoped: bool = False,
    dry_run: bool = False,
    source: str = "",
    progress: Progress | None = None,
    every: int = 1000,
    max_rows: int | None = None,
) -> RosterImportSummary:
    """Check every row of the roster in ``fileobj`` and create its households and people.

    Raises ``FileRefused`` for an unreadable file and ``ImportRejected`` (nothing written)
    when any row is bad. With ``scoped``, each row's building must lie in an area where
    ``actor`` holds ``org.import``. A dry run checks everything and writes nothing.
    ``progress(phase, done, total)`` is called every ``every`` rows while reading and writing;
    ``max_rows`` lowers the row limit (the web page takes fewer rows than the command line).
    """
    problems = ProblemList()
    rows = read_rows(fileobj, problems, progress=progress, every=every, max_rows=max_rows)
    if not rows and not problems:
        raise FileRefused(_("The roster has no rows below its headers."))
    # The checks against the database run inside the transaction that writes, so that what
    # they saw is what the writes meet.
    with transaction.atomic():
        targets = check_against_database(rows, problems, user=actor if scoped else None)
        if problems:
            raise ImportRejected(problems)
        summary = _count(rows, targets)
        if dry_run:
            summary.dry_run = True
            transaction.set_rollback(True)
            return summary
        _write(rows, targets, problems, actor, progress, every)
        log_action(
            "org.roster.imported",
            actor=actor,
            data={
                "source": source,
                "rows": summary.rows,
                "people_created": summary.people_created,
                "households_created": summary.households_created,
                "households_reused": summary.households_reused,
            },
        )
    return summary
