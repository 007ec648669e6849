"""States, kinds and the tables of allowed transitions of the participation app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CouncilKind(models.TextChoices):
    MONTHLY = "monthly", _("monthly grid council")
    PARTY_MASSES = "party_masses", _("party-masses council")
    HEARING = "hearing", _("special hearing")


class CouncilState(models.TextChoices):
    PLANNED = "planned", _("planned")
    NOTICE_SENT = "notice_sent", _("notice sent")
    HELD = "held", _("held")
    MINUTES_PUBLISHED = "minutes_published", _("minutes published")
    CLOSED = "closed", _("closed")
    CANCELLED = "cancelled", _("cancelled")


COUNCIL_TRANSITIONS = {
    CouncilState.PLANNED: {CouncilState.NOTICE_SENT, CouncilState.HELD, CouncilState.CANCELLED},
    CouncilState.NOTICE_SENT: {CouncilState.HELD, CouncilState.CANCELLED},
    CouncilState.HELD: {CouncilState.MINUTES_PUBLISHED},
    CouncilState.MINUTES_PUBLISHED: {CouncilState.CLOSED},
    CouncilState.CLOSED: set(),
    CouncilState.CANCELLED: set(),
}
# While these hold, agenda, invitations and minutes may still change.
COUNCIL_EDITABLE = {CouncilState.PLANNED, CouncilState.NOTICE_SENT, CouncilState.HELD}
# Attendance is taken on the day and may be completed until the minutes are out.
COUNCIL_ATTENDANCE_OPEN = {CouncilState.PLANNED, CouncilState.NOTICE_SENT, CouncilState.HELD}
COUNCIL_HELD_STATES = {CouncilState.HELD, CouncilState.MINUTES_PUBLISHED, CouncilState.CLOSED}


class InviteeKind(models.TextChoices):
    PARTY = "party", _("party")
    PERSON = "person", _("person")


class AttendanceMethod(models.TextChoices):
    QR = "qr", _("QR code")
    SHORT_CODE = "short_code", _("short code")
    MANUAL = "manual", _("marked by staff")


class ResolutionOutcome(models.TextChoices):
    NONE = "none", _("recorded only")
    TASK = "task", _("task on the task list")
    CASE = "case", _("case in the case loop")


class DemandState(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    ACCEPTED = "accepted", _("accepted into the task list")
    ANSWERED_AS_CASE = "answered_as_case", _("answered as a case")
    MERGED = "merged", _("merged")
    DECLINED = "declined", _("declined")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")


DEMAND_TRANSITIONS = {
    DemandState.SUBMITTED: {
        DemandState.ACCEPTED,
        DemandState.ANSWERED_AS_CASE,
        DemandState.MERGED,
        DemandState.DECLINED,
    },
    DemandState.ACCEPTED: {DemandState.IN_PROGRESS, DemandState.DONE},
    DemandState.IN_PROGRESS: {DemandState.IN_PROGRESS, DemandState.DONE},
    DemandState.ANSWERED_AS_CASE: set(),
    DemandState.MERGED: set(),
    DemandState.DECLINED: set(),
    DemandState.DONE: set(),
}
DEMAND_OPEN = {DemandState.SUBMITTED, DemandState.ACCEPTED, DemandState.IN_PROGRESS}


class DemandSource(models.TextChoices):
    RESIDENT = "resident", _("resident")
    GRID_WORKER = "grid_worker", _("grid worker")
    COUNCIL = "council", _("council")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("all residents")
    ELDERLY = "elderly", _("older residents")
    CHILDREN = "children", _("children and families")
    NEEDY = "needy", _("households in difficulty")
    OWNERS = "owners", _("owners")


class RequestState(models.TextChoices):
    REQUESTED = "requested", _("requested")
    ACCEPTED = "accepted", _("accepted")
    DONE = "done", _("done")
    DECLINED = "declined", _("declined")


REQUEST_TRANSITIONS = {
    RequestState.REQUESTED: {RequestState.ACCEPTED, RequestState.DECLINED, RequestState.DONE},
    RequestState.ACCEPTED: {RequestState.DONE},
    RequestState.DONE: set(),
    RequestState.DECLINED: set(),
}


class TaskSource(models.TextChoices):
    RESOLUTION = "resolution", _("council resolution")
    DEMAND = "demand", _("demand")
    STAFF = "staff", _("staff")


class TaskState(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    OVERDUE = "overdue", _("overdue")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


TASK_TRANSITIONS = {
    TaskState.OPEN: {TaskState.IN_PROGRESS, TaskState.OVERDUE, TaskState.DONE, TaskState.CANCELLED},
    TaskState.IN_PROGRESS: {
        TaskState.IN_PROGRESS,
        TaskState.OVERDUE,
        TaskState.DONE,
        TaskState.CANCELLED,
    },
    TaskState.OVERDUE: {TaskState.OVERDUE, TaskState.DONE, TaskState.CANCELLED},
    TaskState.DONE: set(),
    TaskState.CANCELLED: set(),
}
TASK_OPEN = {TaskState.OPEN, TaskState.IN_PROGRESS, TaskState.OVERDUE}


class Board(models.TextChoices):
    PRAISE = "praise", _("praise board")
    EXPOSURE = "exposure", _("exposure board")


class PostState(models.TextChoices):
    PENDING = "pending", _("waiting for moderation")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    HIDDEN = "hidden", _("hidden")


POST_TRANSITIONS = {
    PostState.PENDING: {PostState.APPROVED, PostState.REJECTED},
    PostState.APPROVED: {PostState.HIDDEN},
    PostState.REJECTED: set(),
    PostState.HIDDEN: set(),
}
