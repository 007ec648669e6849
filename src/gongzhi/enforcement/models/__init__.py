from gongzhi.enforcement.models.authority import EnforcementAuthority, NumberCounter
from gongzhi.enforcement.models.detections import Detection
from gongzhi.enforcement.models.documents import EnforcementDocument, ServiceRecord
from gongzhi.enforcement.models.patrols import Patrol, PatrolFinding, PatrolPhoto
from gongzhi.enforcement.models.records import (
    MAX_AREA,
    IllegalStructure,
    StructurePhoto,
    StructureRevisit,
    StructureSupervision,
)

__all__ = [
    "MAX_AREA",
    "Detection",
    "EnforcementAuthority",
    "EnforcementDocument",
    "IllegalStructure",
    "NumberCounter",
    "Patrol",
    "PatrolFinding",
    "PatrolPhoto",
    "ServiceRecord",
    "StructurePhoto",
    "StructureRevisit",
    "StructureSupervision",
]
