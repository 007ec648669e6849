"""12345 work orders that give only an address are placed by the gazetteer, or wait for the
importer's dispatcher with the reason in their timeline."""

from gongzhi.cases.models import Case
from gongzhi.cases.services import hotline_import
from tests.cases.test_hotline import sheet


def _row(number, address):
    return [number, "2026-11-20 09:15", "电梯停运", address, "", "", "property-lift", "王先生", ""]


def test_an_address_only_work_order_lands_in_its_building(world):
    hotline_import(
        file=sheet([_row("H-1", "测试街道测试社区２号楼"), _row("H-2", "外省某市某路")]),
        actor=world["users"]["staff"],
    )
    placed = Case.objects.get(external_id="H-1")
    assert placed.node == world["b2"]
    assert placed.events.get(action="report").data["placement"]["how"] == "building"
    waiting = Case.objects.get(external_id="H-2")
    assert waiting.node == world["community"]  # the importer's area, for its dispatcher
    assert waiting.events.get(action="report").data["placement"]["how"] == "fallback"
    assert not placed.is_public and placed.publish_consent is None
