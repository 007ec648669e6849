import pytest

from gongzhi.core.masking import mask_address, mask_id_number, mask_name, mask_phone


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("13812341234", "138****1234"),
        ("138-1234-1234", "138****1234"),
        ("", ""),
        (None, ""),
        ("110", "*10"),
    ],
)
def test_mask_phone(raw, masked):
    assert mask_phone(raw) == masked


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("320602199001011234", "320***********1234"),
        ("32060219900101123X", "320***********123X"),
        ("", ""),
    ],
)
def test_mask_id_number(raw, masked):
    assert mask_id_number(raw) == masked


@pytest.mark.parametrize(
    ("raw", "masked"),
    [("张三", "张*"), ("张小明", "张*明"), ("欧阳娜娜", "欧**娜"), ("李", "李"), ("", "")],
)
def test_mask_name(raw, masked):
    assert mask_name(raw) == masked


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("观河华府3幢2单元502室", "观河华府3幢"),
        ("易家桥新村12栋301", "易家桥新村12栋"),
        ("新胜路88号楼1单元", "新胜路88号楼"),
        ("幸福家苑5单元201室", "幸福家苑"),
    ],
)
def test_mask_address(raw, masked):
    assert mask_address(raw) == masked
