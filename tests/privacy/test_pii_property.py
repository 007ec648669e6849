"""Property: whatever personal data a resident or a member of staff types into a report, no
public rendering of it (Open311 JSON and XML, the updates feed, the public page, the public API
and feed) shows it, while the ordinary numbers of the text (dates, amounts, references, counts)
survive."""

import datetime as dt
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongzhi.cases.models import Case, CaseEvent
from gongzhi.cases.services import case_comment
from tests.privacy.conftest import public_renderings

SURNAMES = "王李张刘陈杨赵黄周吴徐孙"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛"
FILLER = ["电梯坏了", "楼道里堆满杂物", "请尽快处理", "麻烦联系", "已经好几天", "谢谢", "物业不管"]
COMPOUNDS = ["观河华府", "易家桥新村", "幸福家苑"]
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def digits(n, first="0123456789"):
    return st.tuples(
        st.sampled_from(first), st.text("0123456789", min_size=n - 1, max_size=n - 1)
    ).map("".join)


@st.composite
def mobiles(draw):
    number = "1" + draw(st.sampled_from("3456789")) + draw(digits(9))
    a, b, c = number[:3], number[3:7], number[7:]
    form = draw(
        st.sampled_from(
            ["{a}{b}{c}", "{a} {b} {c}", "{a}-{b}-{c}", "+86{a}{b}{c}", "+86 {a} {b} {c}"]
        )
    )
    return form.format(a=a, b=b, c=c), [number]


@st.composite
def landlines(draw):
    area = draw(st.sampled_from(["0513", "025", "010", "0512"]))
    local = draw(digits(8, "2345678"))
    form = draw(st.sampled_from(["{a}-{n}", "{a} {n}", "({a}){n}", "{a}-{h} {t}"]))
    text = form.format(a=area, n=local, h=local[:4], t=local[4:])
    return text, [area + local]


def id_check(body: str) -> str:
    total = sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


@st.composite
def id_numbers(draw):
    region = draw(digits(6, "123456"))
    born = draw(st.dates(dt.date(1940, 1, 1), dt.date(2010, 12, 31)))
    seq = draw(digits(3))
    if draw(st.booleans()):
        body = f"{region}{born:%Y%m%d}{seq}"
        number = body + id_check(body)
        if draw(st.booleans()) and number[-1] == "X":
            number = number[:-1] + "x"
    else:
        number = f"{region}{born:%y%m%d}{seq}"
    return number, [number]


def luhn_complete(body: str) -> str:
    total = 0
    for i, d in enumerate(reversed(body)):
        n = int(d)
        if i % 2 == 0:
            n *= 2
            n -= 9 if n > 9 else 0
        total += n
    return body + str((10 - total % 10) % 10)


@st.composite
def bank_cards(draw):
    length = draw(st.sampled_from([16, 19]))
    number = luhn_complete("62" + draw(digits(length - 3)))
    grouped = " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    return (grouped if draw(st.booleans()) else number), [number]


@st.composite
def emails(draw):
    local = draw(st.text("abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=8))
    local += draw(st.text("0123456789", max_size=3))
    domain = draw(st.sampled_from(["qq.com", "163.com", "example.cn", "mail.com.cn"]))
    return f"{local}@{domain}", [f"{local}@{domain}"]


@st.composite
def doors(draw):
    """A door-level address; the secret is the part below the building."""
    compound = draw(st.sampled_from(COMPOUNDS))
    building = draw(st.integers(1, 30))
    unit = draw(st.integers(1, 6))
    room = f"{draw(st.integers(1, 18))}0{draw(st.integers(1, 4))}"
    form = draw(st.integers(0, 4))
    if form == 0:
        return f"{compound}{building}-{unit}-{room}", [f"-{unit}-{room}"]
    if form == 1:
        return f"{compound}{building}栋{unit}单元{room}室", [f"{unit}单元{room}", f"{room}室"]
    if form == 2:
        return f"{compound}{building}号楼{unit}单元{room}", [f"{unit}单元{room}"]
    if form == 3:
        return f"{compound}{building}幢{room}室", [f"{room}室"]
    return f"人民路{building}号{room}室", [f"{room}室"]


@st.composite
def names(draw):
    return draw(st.sampled_from(SURNAMES)) + draw(st.text(GIVEN, min_size=1, max_size=2))


@st.composite
def ordinary_numbers(draw):
    day = draw(st.dates(dt.date(2024, 1, 1), dt.date(2026, 11, 30)))
    return draw(
        st.sampled_from(
            [
                f"{day:%Y-%m-%d}",
                f"{day.month}月{day.day}日",
                f"{draw(st.integers(10, 9999))}元",
                f"XS-{day:%Y%m%d}-{draw(st.integers(1, 9999)):04d}",
                f"{draw(st.integers(2, 500))}户",
                f"{draw(st.integers(2, 40))}辆车",
            ]
        )
    )


PII = st.one_of(mobiles(), landlines(), id_numbers(), bank_cards(), emails(), doors())


@dataclass
class Story:
    text: str
    note: str
    address: str
    name: str
    secrets: list[str]
    ordinary: list[str]


@st.composite
def stories(draw):
    name = draw(names())
    items = draw(st.lists(PII, min_size=1, max_size=4))
    ordinary = draw(st.lists(ordinary_numbers(), min_size=1, max_size=3))
    parts = [f"我是{name}"]
    for text, _secret in items:
        parts += [draw(st.sampled_from(FILLER)), text]
    parts += ordinary
    parts = draw(st.permutations(parts))
    address, address_secrets = draw(doors())
    note_pii, note_secrets = draw(PII)
    return Story(
        text="，".join(parts),
        note=f"已联系{name}，{note_pii}，{ordinary[0]}",
        address=address,
        name=name,
        secrets=[
            name,
            address,
            *address_secrets,
            note_pii,
            *note_secrets,
            *(secret for text, found in items for secret in (text, *found)),
        ],
        ordinary=ordinary,
    )


@pytest.fixture
def public_case(world, report):
    case = report(is_public=True, reporter_name="王芳")
    note = case_comment(case=case, actor=world["users"]["dispatcher"], text="已联系", public=True)
    return case, note


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(story=stories())
def test_no_public_rendering_shows_personal_data(public_case, story):
    case, note = public_case
    Case.objects.filter(pk=case.pk).update(
        description=story.text, reporter_name=story.name, address=story.address
    )
    CaseEvent.objects.filter(pk=note.pk).update(note=story.note)
    pages = public_renderings(case.reference)
    for surface, text in pages.items():
        for secret in story.secrets:
            assert secret not in text, (surface, secret, story)
    for surface in ("open311_json", "open311_xml", "public_page", "public_api"):
        for number in story.ordinary:
            assert number in pages[surface], (surface, number, story)
