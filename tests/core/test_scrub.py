"""The scrubber: personal data typed into free text never survives; ordinary numbers do."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongzhi.core.scrub import public_address, public_name, round_coordinate, scrub_text

PII = [
    "13812345678",
    "138 1234 5678",
    "138-1234-5678",
    "+86 138 1234 5678",
    "+8613812345678",
    "0086-13812345678",
    "１３８１２３４５６７８",
    "0513-85123456",
    "(0513) 8512 3456",
    "0513 85123456",
    "320602199001011234",
    "32060219900101123X",
    "32060219900101123x",
    "320602900101123",
    "6222021234567890123",
    "6222 0212 3456 7890",
    "6222-0212-3456-7890-123",
    "zhang.san@example.com",
    "li_si+tag@mail.nt.gov.cn",
]
DOORS = [
    ("观河华府5-2-301", "301"),
    ("观河华府5－2－301", "301"),
    ("5栋2单元301室", "301"),
    ("5号楼2单元301", "301"),
    ("观河华府3幢502室", "502"),
    ("12号301室", "301"),
    ("五栋二单元三零一室", "三零一"),
    ("2单元1102室", "1102"),
]
ORDINARY = [
    "2026-07-22",
    "2026年7月22日",
    "1,234.50元",
    "GZ-20261203-0001",
    "72个微网格",
    "约300平方米",
    "12345热线",
    "观河华府3幢",
    "上午9:30",
]


@pytest.mark.parametrize("pii", PII)
def test_numbers_and_addresses_in_text_are_masked(pii):
    text = f"楼道里堆满杂物，请联系{pii}处理，谢谢"
    scrubbed = scrub_text(text)
    assert pii not in scrubbed
    assert scrubbed.startswith("楼道里堆满杂物") and scrubbed.endswith("处理，谢谢")


@pytest.mark.parametrize(("door", "secret"), DOORS)
def test_door_addresses_stop_at_the_building(door, secret):
    scrubbed = scrub_text(f"我住{door}，门口漏水")
    assert secret not in scrubbed
    assert "门口漏水" in scrubbed


def test_building_survives_the_door_cut():
    assert scrub_text("5栋2单元301室").startswith("5栋")
    assert scrub_text("观河华府5-2-301").startswith("观河华府5-")


@pytest.mark.parametrize("ordinary", ORDINARY)
def test_ordinary_numbers_survive(ordinary):
    assert ordinary in scrub_text(f"说明：{ordinary}。")


def test_landline_after_a_keyword_without_area_code():
    assert "85123456" not in scrub_text("物业电话：85123456")
    assert "85123456" not in scrub_text("座机 8512-3456")


def test_named_people_are_masked_longest_first():
    scrubbed = scrub_text("王小明和王小说邻居欧阳娜娜吵架", names=["王小明", "欧阳娜娜", "", "李"])
    assert "王小明" not in scrubbed and "欧阳娜娜" not in scrubbed
    assert "王*明" in scrubbed and "欧**娜" in scrubbed


def test_public_address_stops_at_the_building_and_is_scrubbed():
    assert public_address("观河华府3幢2单元502室") == "观河华府3幢"
    assert "301" not in public_address("观河华府5-2-301")
    assert public_address("") == ""


def test_public_name_respects_the_choice_to_be_public():
    assert public_name("张小明") == "张*明"
    assert public_name("张小明", is_public=True) == "张小明"
    assert public_name(None) == ""


def test_round_coordinate():
    assert round_coordinate(32.0123456789012, 3) == 32.012
    assert round_coordinate(32.0123456789012, None) is None
    assert round_coordinate(None) is None


_filler = st.text(
    alphabet=st.sampled_from(list("的楼道垃圾路灯坏了请尽快处理谢谢小区门口，。 ")), max_size=12
)


@settings(max_examples=300, deadline=None)
@given(before=_filler, pii=st.sampled_from(PII + [d for d, _ in DOORS]), after=_filler)
def test_pii_never_survives_whatever_surrounds_it(before, pii, after):
    scrubbed = scrub_text(before + pii + after)
    assert pii not in scrubbed


_mobile = st.builds(
    lambda head, rest, sep: sep.join([head, rest[:4], rest[4:]]),
    st.sampled_from(["138", "139", "150", "177", "186", "199"]),
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    st.sampled_from(["", " ", "-"]),
)


@settings(max_examples=200, deadline=None)
@given(before=_filler, phone=_mobile, after=_filler)
def test_generated_mobile_numbers_never_survive(before, phone, after):
    scrubbed = scrub_text(before + phone + after)
    digits = phone.replace(" ", "").replace("-", "")
    assert phone not in scrubbed and digits not in scrubbed.replace(" ", "").replace("-", "")


@settings(max_examples=200, deadline=None)
@given(
    year=st.integers(2000, 2030),
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    amount=st.integers(0, 99999),
    count=st.integers(0, 999),
)
def test_generated_ordinary_numbers_survive(year, month, day, amount, count):
    text = f"{year}-{month:02d}-{day:02d} 收到{amount}元，共{count}件，GZ-{year}{month:02d}{day:02d}-0007"
    assert scrub_text(text) == text
