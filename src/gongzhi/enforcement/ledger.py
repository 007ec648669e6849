"""The ledger's file format (台账): its columns and the words it uses for codes.

The Excel ledger is an exchange format between bureaus and their existing spreadsheets, so
its headers and words are fixed Chinese text whatever language the screen speaks: a file
exported in English must import in Chinese and the other way round. Import also accepts the
English column keys and the codes.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongzhi.enforcement.categories import STRUCTURE_ANSWER
from gongzhi.enforcement.choices import DemolitionMethod, FoundBy, RecordState, RevisitOutcome


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int = 14
    imported: bool = True


COLUMNS = (
    Column("reference", "编号", 20),
    Column("street", "街道", 14, imported=False),
    Column("community", "社区", 14, imported=False),
    Column("grid", "网格", 12, imported=False),
    Column("grid_code", "网格编码", 30),
    Column("address", "违建地址", 30),
    Column("party_name", "当事人", 12),
    Column("party_address", "当事人地址", 26),
    Column("structure_type", "违建类型", 12),
    Column("found_by", "发现方式", 12),
    Column("found_on", "发现日期", 12),
    Column("area_found", "测量面积(㎡)", 12),
    Column("state", "状态", 14),
    Column("stop_order_number", "责令停止通知书文号", 26),
    Column("demolition_order_number", "限期拆除决定书文号", 26),
    Column("self_demolition_deadline", "自行拆除期限", 14),
    Column("demolition_method", "拆除方式", 12),
    Column("demolished_on", "拆除日期", 12),
    Column("area_removed", "拆除面积(㎡)", 12),
    Column("last_revisit_on", "最近回访日期", 14),
    Column("last_revisit_outcome", "最近回访结果", 14),
    Column("lat", "纬度", 11),
    Column("lon", "经度", 11),
    Column("note", "备注", 30),
)

STRUCTURE_WORDS = dict(STRUCTURE_ANSWER)
FOUND_BY_WORDS = {
    FoundBy.PATROL: "巡查发现",
    FoundBy.RESIDENT: "群众举报",
    FoundBy.MONITORING: "监控发现",
    FoundBy.OTHER: "其他",
}
STATE_WORDS = {
    RecordState.FOUND: "已发现",
    RecordState.INVESTIGATED: "已调查",
    RecordState.STOP_ORDER_SERVED: "已责令停止",
    RecordState.DEMOLITION_ORDER_SERVED: "已下达限拆决定",
    RecordState.REMINDED: "已催告",
    RecordState.FORCED_NOTICE_SERVED: "已公告强拆",
    RecordState.DEMOLISHED: "已拆除",
    RecordState.CLOSED: "已销号",
    RecordState.RELAPSED: "已反弹",
    RecordState.DISMISSED: "不予立案",
}
METHOD_WORDS = {DemolitionMethod.SELF: "自行拆除", DemolitionMethod.FORCED: "强制拆除"}
OUTCOME_WORDS = {RevisitOutcome.HOLDS: "未反弹", RevisitOutcome.RELAPSED: "已反弹"}

# States in which the structure is gone, so the demolition columns are filled.
GONE_STATES = frozenset({RecordState.DEMOLISHED, RecordState.CLOSED, RecordState.RELAPSED})

SUMMARY_SHEET = "汇总"
LEDGER_SHEET = "违建台账"


def reverse_words(words: dict) -> dict:
    """Word or code → code, for reading a file."""
    table = {str(word): code for code, word in words.items()}
    table.update({str(code): code for code in words})
    return table
