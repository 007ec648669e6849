"""The cases app's vocabularies: category kinds, channels, states, actions, steps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CategoryKind(models.TextChoices):
    """部件 (a facility that is broken) or 事件 (something that happened)."""

    COMPONENT = "component", _("component")
    INCIDENT = "incident", _("incident")


class TimeUnit(models.TextChoices):
    HOURS = "hours", _("working hours")
    DAYS = "days", _("working days")


class QuestionType(models.TextChoices):
    """The answer types of a category's extra questions (Open311 attribute datatypes)."""

    STRING = "string", _("short text")
    NUMBER = "number", _("number")
    DATETIME = "datetime", _("date and time")
    TEXT = "text", _("long text")
    SINGLE_CHOICE = "single_choice", _("single choice")
    MULTI_CHOICE = "multi_choice", _("multiple choice")


class Channel(models.TextChoices):
    """How a case came in."""

    WEB = "web", _("resident web form")
    STAFF = "staff", _("staff entry")
    GRID_WORKER = "grid_worker", _("grid worker finding")
    HOTLINE = "hotline", _("12345 hotline")
    OPEN311 = "open311", _("Open311")
    PATROL = "patrol", _("patrol")
    COUNCIL = "council", _("council")
    MONITORING = "monitoring", _("monitoring")


# Channels on which a member of staff enters the case and must hold ``cases.report_for_others``.
STAFF_CHANNELS = frozenset(
    {Channel.STAFF, Channel.GRID_WORKER, Channel.HOTLINE, Channel.PATROL, Channel.COUNCIL}
)
# Channels whose reporter is not asked the category's questions (the source cannot answer them).
ANSWERS_OPTIONAL_CHANNELS = frozenset({Channel.HOTLINE, Channel.MONITORING})
# Channels whose reporter stands at the place and can take the photos the category asks for.
ON_SITE_CHANNELS = frozenset({Channel.WEB, Channel.GRID_WORKER, Channel.PATROL})


class State(models.TextChoices):
    REPORTED = "reported", _("reported")
    ACCEPTED = "accepted", _("accepted")
    DISPATCHED = "dispatched", _("dispatched")
    HANDLING = "handling", _("being handled")
    RETURNED = "returned", _("returned")
    RESOLVED = "resolved", _("resolved")
    CLOSED = "closed", _("closed")
    REWORK = "rework", _("rework")
    REJECTED = "rejected", _("rejected")
    MERGED = "merged", _("merged")
    PARKED = "parked", _("parked")


OPEN_STATES = frozenset(
    {
        State.REPORTED,
        State.ACCEPTED,
        State.DISPATCHED,
        State.HANDLING,
        State.RETURNED,
        State.RESOLVED,
        State.REWORK,
        State.PARKED,
    }
)
FINAL_STATES = frozenset({State.CLOSED, State.REJECTED, State.MERGED})


class Action(models.TextChoices):
    """What can happen to a case. Timeline entries and audit codes are built from these."""

    REPORT = "report", _("reported")
    ACCEPT = "accept", _("accepted")
    REJECT = "reject", _("rejected")
    MERGE = "merge", _("merged into another case")
    PARK = "park", _("parked")
    UNPARK = "unpark", _("taken off the parked list")
    DISPATCH = "dispatch", _("dispatched")
    START_HANDLING = "start_handling", _("handling started")
    RETURN = "return", _("returned for re-dispatch")
    RESOLVE = "resolve", _("resolved")
    VERIFY_PASS = "verify_pass", _("verified and closed")
    VERIFY_FAIL = "verify_fail", _("verification failed: rework")
    REOPEN = "reopen", _("reopened for rework")
    # Events that do not move the case.
    SUPPORT = "support", _("supported by another resident")
    RATE = "rate", _("rated")
    PHOTO = "photo", _("photo added")
    SUPERVISE = "supervise", _("escalated to supervisors")
    REVISIT = "revisit", _("revisited")
    COMMENT = "comment", _("note added")


# Past-tense audit verbs: ``cases.case.<verb>``.
AUDIT_VERB = {
    Action.REPORT: "reported",
    Action.ACCEPT: "accepted",
    Action.REJECT: "rejected",
    Action.MERGE: "merged",
    Action.PARK: "parked",
    Action.UNPARK: "unparked",
    Action.DISPATCH: "dispatched",
    Action.START_HANDLING: "handling_started",
    Action.RETURN: "returned",
    Action.RESOLVE: "resolved",
    Action.VERIFY_PASS: "closed",
    Action.VERIFY_FAIL: "rework",
    Action.REOPEN: "reopened",
    Action.SUPPORT: "supported",
    Action.RATE: "rated",
    Action.PHOTO: "photo_added",
    Action.SUPERVISE: "supervised",
    Action.REVISIT: "revisited",
    Action.COMMENT: "commented",
}


class Step(models.TextChoices):
    """The step a case waits on, each with its own time limit from the category."""

    ACCEPT = "accept", _("acceptance")
    DISPATCH = "dispatch", _("dispatch")
    HANDLE = "handle", _("handling")
    VERIFY = "verify", _("verification")


# Which step each open state waits on (parked cases wait on their review date instead).
STATE_STEP = {
    State.REPORTED: Step.ACCEPT,
    State.ACCEPTED: Step.DISPATCH,
    State.RETURNED: Step.DISPATCH,
    State.DISPATCHED: Step.HANDLE,
    State.HANDLING: Step.HANDLE,
    State.REWORK: Step.HANDLE,
    State.RESOLVED: Step.VERIFY,
}


class SlaStatus(models.TextChoices):
    GREEN = "green", _("on time")
    YELLOW = "yellow", _("due soon")
    RED = "red", _("overdue")


class PhotoStage(models.TextChoices):
    BEFORE = "before", _("before")
    AFTER = "after", _("after")
    REVISIT = "revisit", _("revisit")


class UnsatisfiedAction(models.TextChoices):
    """What an unsatisfied rating within the window does."""

    NOTHING = "nothing", _("only record it")
    REOPEN = "reopen", _("reopen the case for rework")
    LINKED = "linked", _("open a new linked case")


class LinkReason(models.TextChoices):
    UNSATISFIED = "unsatisfied", _("resident not satisfied")
    RELAPSE = "relapse", _("relapse found at a revisit")


class RatingChannel(models.TextChoices):
    SELF = "self", _("by the reporter")
    PHONE = "phone", _("by phone")
    VISIT = "visit", _("in person")


class RevisitOutcome(models.TextChoices):
    HOLDS = "holds", _("the fix holds")
    RELAPSED = "relapsed", _("the problem is back")


class PublicPrecision(models.TextChoices):
    """How precisely a category's cases are placed on public surfaces (pages, maps, Open311)."""

    EXACT = "exact", _("exact point")
    APPROXIMATE = "approximate", _("approximate (about 100 m)")
    HIDDEN = "hidden", _("no point (private category)")


class Publication(models.TextChoices):
    """Whether a category's cases may be shown publicly, and who decides."""

    PUBLIC = "public", _("public when the reporter agrees")
    REVIEW = "review", _("public after review by staff")
    NEVER = "never", _("never public")


# Channels whose reports are never published on arrival, whatever the category says: the
# reporter did not see our form (Open311 clients, 12345 work orders), so staff review first.
REVIEWED_CHANNELS = frozenset({Channel.OPEN311, Channel.HOTLINE})
