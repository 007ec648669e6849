"""The enforcement app's vocabularies: structure types, procedure states and actions,
documents, service methods, deadline units, detections."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StructureType(models.TextChoices):
    SHED = "shed", _("shed or canopy")
    EXTRA_FLOOR = "extra_floor", _("added storey")
    WALL_FENCE = "wall_fence", _("wall or fence")
    BALCONY = "balcony", _("balcony extension")
    YARD = "yard", _("enclosed yard")
    OTHER = "other", _("other")


class FoundBy(models.TextChoices):
    """How the structure came to the authority's notice."""

    PATROL = "patrol", _("patrol")
    RESIDENT = "resident", _("resident report")
    MONITORING = "monitoring", _("monitoring detection")
    OTHER = "other", _("other")


class RecordState(models.TextChoices):
    FOUND = "found", _("found")
    INVESTIGATED = "investigated", _("investigated")
    STOP_ORDER_SERVED = "stop_served", _("stop order served")
    DEMOLITION_ORDER_SERVED = "demolition_served", _("demolition order served")
    REMINDED = "reminded", _("reminder served")
    FORCED_NOTICE_SERVED = "forced_noticed", _("forced-demolition notice served")
    DEMOLISHED = "demolished", _("demolished")
    CLOSED = "closed", _("closed after revisits")
    RELAPSED = "relapsed", _("relapsed")
    DISMISSED = "dismissed", _("dismissed")


# States in which the structure still stands and the procedure runs.
OPEN_STATES = frozenset(
    {
        RecordState.FOUND,
        RecordState.INVESTIGATED,
        RecordState.STOP_ORDER_SERVED,
        RecordState.DEMOLITION_ORDER_SERVED,
        RecordState.REMINDED,
        RecordState.FORCED_NOTICE_SERVED,
    }
)
FINAL_STATES = frozenset({RecordState.CLOSED, RecordState.RELAPSED, RecordState.DISMISSED})


class Action(models.TextChoices):
    """What can happen to a record; the transition table and the audit codes use these."""

    INVESTIGATE = "investigate", _("investigate")
    DISMISS = "dismiss", _("dismiss")
    SERVE_STOP_ORDER = "serve_stop_order", _("serve the stop order")
    SERVE_DEMOLITION_ORDER = "serve_demolition_order", _("serve the demolition order")
    SERVE_REMINDER = "serve_reminder", _("serve the reminder")
    SERVE_FORCED_NOTICE = "serve_forced_notice", _("serve the forced-demolition notice")
    SELF_DEMOLISH = "self_demolish", _("record self-demolition")
    FORCE_DEMOLISH = "force_demolish", _("record forced demolition")
    REVISIT = "revisit", _("record a revisit")
    REVISIT_LAST = "revisit_last", _("record the last revisit")
    RELAPSE = "relapse", _("record a relapse")


class DocumentKind(models.TextChoices):
    STOP_ORDER = "stop_order", _("stop order")
    DEMOLITION_ORDER = "demolition_order", _("demolition order")
    REMINDER = "reminder", _("reminder")
    FORCED_NOTICE = "forced_notice", _("forced-demolition notice")


class ServiceMethod(models.TextChoices):
    """How a document was served (送达方式)."""

    DIRECT = "direct", _("served in person")
    LEFT = "left", _("left at the premises")
    POST = "post", _("served by post")
    PUBLIC = "public", _("served by public notice")


class DeadlineUnit(models.TextChoices):
    """How a step's time limit is counted."""

    WORKDAY_END = "workday_end", _("by the end of the working day (0 = the same day)")
    WORKING_HOURS = "hours", _("working hours")
    WORKING_DAYS = "days", _("working days")
    CALENDAR_DAYS = "calendar_days", pgettext_lazy("deadline unit", "calendar days")


class DemolitionMethod(models.TextChoices):
    SELF = "self", _("self-demolition")
    FORCED = "forced", _("forced demolition")


class RevisitOutcome(models.TextChoices):
    HOLDS = "holds", _("still removed")
    RELAPSED = "relapsed", _("built again")


class PhotoStage(models.TextChoices):
    BEFORE = "before", _("before demolition")
    AFTER = "after", _("after demolition")
    REVISIT = "revisit", _("revisit")


class DetectionState(models.TextChoices):
    PENDING = "pending", _("awaiting verification")
    VERIFIED = "verified", _("verified")
    REJECTED = "rejected", pgettext_lazy("detection", "rejected")
    DUPLICATE = "duplicate", _("linked as duplicate")
