"""Writes of the enforcement app: one keyword-only function per thing that happens."""

from gongzhi.enforcement.services.authorities import authority_update
from gongzhi.enforcement.services.detections import (
    detection_receive,
    detection_reject,
    detection_verify,
)
from gongzhi.enforcement.services.documents import document_issue, document_record_service
from gongzhi.enforcement.services.escalation import escalate_enforcement
from gongzhi.enforcement.services.ledger_import import (
    ImportResult,
    LedgerImportError,
    RowError,
    ledger_import,
)
from gongzhi.enforcement.services.patrols import (
    patrol_add_photos,
    patrol_add_points,
    patrol_end,
    patrol_report_finding,
    patrol_set_grids,
    patrol_set_route,
    patrol_start,
)
from gongzhi.enforcement.services.records import (
    structure_add_photos,
    structure_dismiss,
    structure_investigate,
    structure_open,
    structure_record_demolition,
)
from gongzhi.enforcement.services.revisits import structure_record_revisit

__all__ = [
    "ImportResult",
    "LedgerImportError",
    "RowError",
    "authority_update",
    "detection_receive",
    "detection_reject",
    "detection_verify",
    "document_issue",
    "document_record_service",
    "escalate_enforcement",
    "ledger_import",
    "patrol_add_photos",
    "patrol_add_points",
    "patrol_end",
    "patrol_report_finding",
    "patrol_set_grids",
    "patrol_set_route",
    "patrol_start",
    "structure_add_photos",
    "structure_dismiss",
    "structure_investigate",
    "structure_open",
    "structure_record_demolition",
    "structure_record_revisit",
]
