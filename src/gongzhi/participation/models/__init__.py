from gongzhi.participation.models.boards import BoardPost
from gongzhi.participation.models.catalogue import ServiceEntry, ServiceRequest
from gongzhi.participation.models.councils import (
    AgendaItem,
    CompliancePolicy,
    Council,
    CouncilAttendance,
    Invitation,
    Resolution,
)
from gongzhi.participation.models.demands import (
    Demand,
    DemandPhoto,
    DemandProgress,
    DemandSupport,
)
from gongzhi.participation.models.tasks import Task, TaskEscalation, TaskPhoto, TaskProgress

__all__ = [
    "AgendaItem",
    "BoardPost",
    "CompliancePolicy",
    "Council",
    "CouncilAttendance",
    "Demand",
    "DemandPhoto",
    "DemandProgress",
    "DemandSupport",
    "Invitation",
    "Resolution",
    "ServiceEntry",
    "ServiceRequest",
    "Task",
    "TaskEscalation",
    "TaskPhoto",
    "TaskProgress",
]
