from gongzhi.enforcement.choices import RecordState
from tests.enforcement.helpers import drive


def test_smoke_full_procedure(world, open_structure):
    record = open_structure()
    record = drive(record, RecordState.DEMOLISHED, world["users"]["officer"])
    assert record.revisits.count() == 2
    assert record.documents.count() == 4
