import datetime as dt

import pytest

from gongzhi.org.io import roster_values as values
from gongzhi.org.io.idnumber import parse_id_number
from tests.io.builders import make_id


def test_valid_id_number_gives_birth_date_and_sex():
    info = parse_id_number(make_id("19850615", "003"))
    assert (info.birth_date, info.gender) == (dt.date(1985, 6, 15), "m")
    assert parse_id_number(make_id("19850615", "004")).gender == "f"


def test_lower_case_x_check_character_is_accepted():
    number = next(
        make_id(seq=f"{n:03d}") for n in range(1000) if make_id(seq=f"{n:03d}")[-1] == "X"
    )
    assert parse_id_number(number.lower()).value == number


@pytest.mark.parametrize(
    "number",
    [
        "32060219900131001",  # 17 characters
        "3206021990013100AB",  # letters
        "320602199002300014",  # 30 February
        make_id()[:-1] + ("0" if make_id()[-1] != "0" else "1"),  # wrong check digit
        make_id("21990131"),  # born in the future
    ],
)
def test_bad_id_numbers_are_refused(number):
    with pytest.raises(ValueError):
        parse_id_number(number)


def test_id_number_typed_as_a_number_is_refused():
    with pytest.raises(ValueError, match="text"):
        values.id_number(320602199001310010)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        (13812345678, "13812345678"),
        ("0513-85123456", "0513-85123456"),
        ("051385123456", "051385123456"),
        ("010-12345678-801", "010-12345678-801"),
    ],
)
def test_phone_numbers_accepted(raw, expected):
    assert values.phone(raw) == expected


@pytest.mark.parametrize("raw", ["1381234567", "23812345678", "12345", "+8613812345678", "电话"])
def test_phone_numbers_refused(raw):
    with pytest.raises(ValueError):
        values.phone(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "1990-01-31",
        "1990/1/31",
        "1990.01.31",
        "1990年1月31日",
        "19900131",
        dt.datetime(1990, 1, 31),
    ],
)
def test_date_formats(raw):
    assert values.date(raw) == dt.date(1990, 1, 31)


@pytest.mark.parametrize("raw", ["31/01/1990", "1990-02-30", "1899-12-31", "2999-01-01", 3.5])
def test_bad_dates_refused(raw):
    with pytest.raises(ValueError):
        values.date(raw)


@pytest.mark.parametrize("raw", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\t=1", " =1"])
def test_formula_like_text_is_refused(raw):
    with pytest.raises(ValueError, match="formula"):
        values.plain_text(raw, max_length=50)


def test_over_long_and_markup_text_is_refused():
    with pytest.raises(ValueError, match="50"):
        values.plain_text("张" * 51, max_length=50)
    with pytest.raises(ValueError):
        values.plain_text("<script>alert(1)</script>", max_length=50)
    with pytest.raises(ValueError):
        values.plain_text("a\x07b", max_length=50)


def test_choices():
    assert values.gender("女") == "f" and values.gender("M") == "m"
    assert values.party_member_kind("离退休党员") == "retired"
    assert values.party_member_kind("群众") == ""
    assert values.yes_no("是") is True and values.yes_no(False) is False
    for read, raw in [
        (values.gender, "未知"),
        (values.party_member_kind, "党员"),
        (values.yes_no, "也许"),
    ]:
        with pytest.raises(ValueError):
            read(raw)


def test_formula_objects_are_refused():
    class ArrayFormula:
        pass

    with pytest.raises(ValueError, match="formula"):
        values.check_cell_type(ArrayFormula())
