"""Small builders for import tests: ID numbers, roster workbooks, GeoJSON collections."""

from io import BytesIO

from openpyxl import Workbook

from gongzhi.org.io.idnumber import check_digit

HEADERS = ["楼栋编码", "单元房号", "姓名", "性别", "出生日期", "手机号", "身份证号", "与户主关系"]


def make_id(birth: str = "19900131", seq: str = "001", region: str = "320602") -> str:
    """A valid 18-character ID number; an odd last sequence digit makes a man."""
    first17 = region + birth + seq
    return first17 + check_digit(first17)


def person_row(building="T-S-C-G1-B1", unit="1单元101室", name="张三", **overrides):
    row = {
        "楼栋编码": building,
        "单元房号": unit,
        "姓名": name,
        "性别": "男",
        "出生日期": "1990-01-31",
        "手机号": "13812345678",
        "身份证号": make_id(),
        "与户主关系": "户主",
    }
    row.update(overrides)
    return row


def roster(rows, headers=None, *, blank_rows_before=()) -> BytesIO:
    """An .xlsx with ``headers`` (default: the keys of the first row) and one row per dict.

    Row indexes in ``blank_rows_before`` get an empty row written before them.
    """
    headers = headers or (list(rows[0]) if rows else HEADERS)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for index, row in enumerate(rows):
        if index in blank_rows_before:
            sheet.append([])
        sheet.append([row.get(h) for h in headers])
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "roster.xlsx"
    return buffer


def feature(code, level, parent_code, geometry=None, name=None, **props):
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "level": level,
            "code": code,
            "name": name or code,
            "parent_code": parent_code,
            **props,
        },
    }


def collection(*features):
    return {"type": "FeatureCollection", "features": list(features)}
