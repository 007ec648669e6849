"""The columns of a household roster (住户花名册): headers, what each holds, how it is read.

The first row of the first sheet holds the headers, in any order. Headers are matched after
removing spaces and a trailing '*'; the English keys are accepted as well. A header that is
not listed here is refused, so that a misspelt column is never silently dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gongzhi.org.io import roster_values as values
from gongzhi.org.models import Household, Person


def _max(model, field_name: str) -> int:
    return model._meta.get_field(field_name).max_length


@dataclass(frozen=True)
class Column:
    """One roster column: its header, key, whether it must be filled, and how it is read."""

    key: str
    header: str
    required: bool
    read: Callable
    help: str
    example: str
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column(
        "building_code",
        "楼栋编码",
        True,
        lambda v: values.plain_text(v, max_length=64),
        _("Code of a building node in the tree (as shown on the building's page)."),
        "XS-G01-B03",
        ("楼栋代码",),
    ),
    Column(
        "unit",
        "单元房号",
        True,
        lambda v: values.plain_text(v, max_length=_max(Household, "unit")),
        _("Unit and room; rows with the same building and unit form one household."),
        "2单元502室",
        ("房号", "门牌号"),
    ),
    Column(
        "name",
        "姓名",
        True,
        lambda v: values.plain_text(v, max_length=_max(Person, "name")),
        _("Full name."),
        "张三",
    ),
    Column("gender", "性别", False, values.gender, _("男 or 女."), "男"),
    Column(
        "birth_date",
        "出生日期",
        False,
        values.date,
        _("A date cell, or text such as 1990-01-31; must agree with the ID number."),
        "1990-01-31",
        ("出生年月日",),
    ),
    Column(
        "phone",
        "手机号",
        False,
        values.phone,
        _("11-digit mobile number, or landline with area code (0513-85123456)."),
        "13812345678",
        ("手机号码", "联系电话", "电话"),
    ),
    Column(
        "id_number",
        "身份证号",
        False,
        values.id_number,
        _("18-character resident ID number, typed as text; checked and unique."),
        "320602199001310010",
        ("身份证号码", "公民身份号码"),
    ),
    Column(
        "relation",
        "与户主关系",
        False,
        lambda v: values.plain_text(v, max_length=_max(Person, "relation")),
        _("For example 户主, 配偶, 子, 女, 父亲, 母亲."),
        "户主",
    ),
    Column(
        "party_member_kind",
        "党员类别",
        False,
        values.party_member_kind,
        _("在职党员, 离退休党员, 流动党员 or 退伍军人党员; empty when not a party member."),
        "在职党员",
    ),
    Column(
        "is_volunteer", "是否志愿者", False, values.yes_no, _("是 or 否; empty means 否."), "否"
    ),
    Column(
        "is_resident",
        "是否常住",
        False,
        values.yes_no,
        _("是 or 否: whether the person lives here; empty means 是."),
        "是",
    ),
)
BY_KEY = {column.key: column for column in COLUMNS}
DEFAULTS = {"is_volunteer": False, "is_resident": True}


def _normalise(header: str) -> str:
    return "".join(header.split()).rstrip("*＊").lower()


_LOOKUP: dict[str, Column] = {}
for _column in COLUMNS:
    for _name in (_column.header, _column.key, *_column.aliases):
        _LOOKUP[_normalise(_name)] = _column


def column_for(header) -> Column | None:
    """The column a header names, or None."""
    if not isinstance(header, str):
        return None
    return _LOOKUP.get(_normalise(header))
