"""Reading each roster row into a checked ``RosterRow``, and the checks across rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from gongzhi.org.choices import Gender
from gongzhi.org.io import roster_values as values
from gongzhi.org.io.problems import ProblemList
from gongzhi.org.io.roster_columns import BY_KEY, COLUMNS, DEFAULTS


@dataclass(slots=True)
class RosterRow:
    """One valid-looking row: where the household is, and the person's fields."""

    number: int
    building_code: str
    unit: str
    person: dict = field(default_factory=dict)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _agree_with_id(number: int, parsed: dict, problems: ProblemList) -> bool:
    """The birth date and sex columns must agree with the ID number; fill them when empty."""
    id_info = parsed.get("id_number")
    if id_info is None:
        return True
    ok = True
    birth = parsed.get("birth_date")
    if birth is None:
        parsed["birth_date"] = id_info.birth_date
    elif birth != id_info.birth_date:
        problems.add(
            number,
            BY_KEY["birth_date"].header,
            _("Does not match the birth date in the ID number (%(date)s).")
            % {"date": id_info.birth_date.isoformat()},
        )
        ok = False
    gender = parsed.get("gender")
    if gender is None:
        parsed["gender"] = id_info.gender
    elif gender != id_info.gender:
        problems.add(
            number,
            BY_KEY["gender"].header,
            _("Does not match the ID number, which is that of a %(gender)s person.")
            % {"gender": Gender(id_info.gender).label},
        )
        ok = False
    parsed["id_number"] = id_info.value
    return ok


def parse_row(number: int, raw: dict, problems: ProblemList) -> RosterRow | None:
    """Read every cell of one row; None when any cell is bad (each problem is reported)."""
    parsed: dict = {}
    ok = True
    for index in raw.pop("__stray__", []):
        problems.add(
            number,
            _("column %(letter)s") % {"letter": get_column_letter(index + 1)},
            _("There is a value in a column without a header."),
        )
        ok = False
    for column in COLUMNS:
        value = raw.get(column.key)
        try:
            value = values.check_cell_type(value)
            if _blank(value):
                if column.required:
                    problems.add(number, column.header, _("This cell must be filled in."))
                    ok = False
                continue
            parsed[column.key] = column.read(value)
        except ValueError as exc:
            problems.add(number, column.header, str(exc))
            ok = False
    ok = _agree_with_id(number, parsed, problems) and ok
    if not ok:
        return None
    building_code = parsed.pop("building_code")
    unit = parsed.pop("unit")
    return RosterRow(number, building_code, unit, {**DEFAULTS, **parsed})


@dataclass
class FileDuplicates:
    """Finds the same ID number, or the same name in the same household, twice in a file."""

    id_rows: dict[str, int] = field(default_factory=dict)
    name_rows: dict[tuple[str, str, str], int] = field(default_factory=dict)

    def check(self, row: RosterRow, problems: ProblemList) -> bool:
        ok = True
        id_number = row.person.get("id_number")
        if id_number:
            first = self.id_rows.setdefault(id_number, row.number)
            if first != row.number:
                problems.add(
                    row.number,
                    BY_KEY["id_number"].header,
                    _("The same ID number is already on row %(row)d.") % {"row": first},
                )
                ok = False
        key = (row.building_code, row.unit, row.person["name"])
        first = self.name_rows.setdefault(key, row.number)
        if first != row.number:
            problems.add(
                row.number,
                BY_KEY["name"].header,
                _("The same person (name, building and unit) is already on row %(row)d.")
                % {"row": first},
            )
            ok = False
        return ok
