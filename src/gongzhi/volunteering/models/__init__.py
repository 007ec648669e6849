from gongzhi.volunteering.models.activities import Activity, Attendance, Signup
from gongzhi.volunteering.models.records import (
    AwardEntry,
    Certificate,
    CertificateSequence,
    EvaluationEntry,
    TrainingEntry,
)
from gongzhi.volunteering.models.reports import ActivityReport, ReportPhoto
from gongzhi.volunteering.models.teams import Label, ServiceTeam, TeamMembership, Venue

__all__ = [
    "Activity",
    "ActivityReport",
    "Attendance",
    "AwardEntry",
    "Certificate",
    "CertificateSequence",
    "EvaluationEntry",
    "Label",
    "ReportPhoto",
    "ServiceTeam",
    "Signup",
    "TeamMembership",
    "TrainingEntry",
    "Venue",
]
