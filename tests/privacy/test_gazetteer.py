"""The gazetteer's normalisation and matching, on a few hand-made places (no database)."""

import pytest

from gongzhi.org.gazetteer import Gazetteer, chinese_number, normalise

ROWS = [
    (1, "0001", "district", "崇川区"),
    (2, "00010001", "street", "崇川经济开发区"),
    (3, "000100010001", "community", "新胜社区"),
    (4, "0001000100010001", "grid", "第一网格"),
    (5, "0001000100010002", "grid", "第二网格"),
    (6, "00010001000100010001", "building", "观河华府3幢"),
    (7, "00010001000100020001", "building", "观河华府13幢"),
    (8, "00010001000100020002", "building", "5号楼"),
]


@pytest.fixture
def gazetteer():
    return Gazetteer.build(ROWS)


@pytest.mark.parametrize(
    ("text", "number"), [("一", 1), ("十", 10), ("十三", 13), ("二十", 20), ("一百零五", 105)]
)
def test_chinese_numbers(text, number):
    assert chinese_number(text) == number


def test_normalise_unifies_the_usual_forms():
    assert normalise("观河华府 ３ 栋") == "观河华府3幢"
    assert normalise("观河华府十三号楼") == "观河华府13幢"
    assert normalise("第三网格") == "第3网格"


@pytest.mark.parametrize(
    "address",
    [
        "崇川区新胜社区观河华府3幢",
        "新胜观河华府3栋",
        "观河华府小区3号楼",
        "观河华府三幢2单元502室",
        "观河华府3号",
        "观河华府３幢",
    ],
)
def test_building_forms(gazetteer, address):
    match = gazetteer.find(address)
    assert (match.place.id, match.how) == (6, "building")


def test_building_thirteen_is_not_building_three(gazetteer):
    assert gazetteer.find("观河华府13幢").place.id == 7


def test_a_building_without_compound_inside_the_named_area(gazetteer):
    assert gazetteer.find("新胜社区5号楼").place.id == 8


def test_compound_alone_goes_to_the_lowest_common_place(gazetteer):
    match = gazetteer.find("观河华府")
    assert (match.place.id, match.how) == (3, "compound")


def test_grid_names_count_only_inside_a_named_community(gazetteer):
    assert gazetteer.find("第二网格") is None
    assert gazetteer.find("新胜社区第二网格").place.id == 5


def test_within_limits_the_search(gazetteer):
    assert gazetteer.find("观河华府3幢", within="00010001000100020001") is None
    assert gazetteer.find("观河华府3幢", within="0001000100010002").how == "compound"
    assert gazetteer.find("人民路100号") is None
