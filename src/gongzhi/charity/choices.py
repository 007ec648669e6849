"""States and kinds of the charity app, with the tables of allowed transitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrganisationKind(models.TextChoices):
    SOCIAL_ORGANISATION = "social", _("social organisation")
    PARTNER_UNIT = "partner", _("partner unit")
    COMMUNITY = "community", _("community body")


class DriveState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("drive", "draft")
    OPEN = "open", pgettext_lazy("drive", "open")
    CLOSED = "closed", pgettext_lazy("drive", "closed")
    REPORTED = "reported", pgettext_lazy("drive", "reported")


# state → the states it may move to
DRIVE_TRANSITIONS: dict[str, set[str]] = {
    DriveState.DRAFT: {DriveState.OPEN},
    DriveState.OPEN: {DriveState.CLOSED},
    DriveState.CLOSED: {DriveState.REPORTED},
    DriveState.REPORTED: set(),
}

# Drives the public may see.
PUBLIC_DRIVE_STATES = (DriveState.OPEN, DriveState.CLOSED, DriveState.REPORTED)


class PledgeState(models.TextChoices):
    PLEDGED = "pledged", _("pledged")
    RECEIVED = "received", pgettext_lazy("pledge", "received")
    CANCELLED = "cancelled", pgettext_lazy("pledge", "cancelled")


PLEDGE_TRANSITIONS: dict[str, set[str]] = {
    PledgeState.PLEDGED: {PledgeState.RECEIVED, PledgeState.CANCELLED},
    PledgeState.RECEIVED: set(),
    PledgeState.CANCELLED: set(),
}


class MovementKind(models.TextChoices):
    RECEIVED = "received", _("received")
    ALLOCATED = "allocated", _("allocated to a delivery")
    RELEASED = "released", _("released from a delivery")
    WRITTEN_OFF = "written_off", _("written off")
    TRANSFERRED_OUT = "transferred_out", _("transferred out")
    TRANSFERRED_IN = "transferred_in", _("transferred in")


# The sign a movement of each kind has on the quantity on hand.
MOVEMENT_SIGN = {
    MovementKind.RECEIVED: 1,
    MovementKind.ALLOCATED: -1,
    MovementKind.RELEASED: 1,
    MovementKind.WRITTEN_OFF: -1,
    MovementKind.TRANSFERRED_OUT: -1,
    MovementKind.TRANSFERRED_IN: 1,
}


class BeneficiaryKind(models.TextChoices):
    HOUSEHOLD = "household", _("household")
    SCHOOL = "school", _("school")
    ASSISTANCE_FILE = "assistance", _("assistance file")
    OTHER = "other", _("other recipient")


class DeliveryState(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("delivery", "planned")
    SIGNED = "signed", pgettext_lazy("delivery", "signed for")
    DONE = "done", pgettext_lazy("delivery", "delivered")
    CANCELLED = "cancelled", pgettext_lazy("delivery", "cancelled")


DELIVERY_TRANSITIONS: dict[str, set[str]] = {
    DeliveryState.PLANNED: {DeliveryState.SIGNED, DeliveryState.CANCELLED},
    DeliveryState.SIGNED: {DeliveryState.DONE},
    DeliveryState.DONE: set(),
    DeliveryState.CANCELLED: set(),
}


class PhotoKind(models.TextChoices):
    SIGN_OFF = "sign_off", _("recipient's sign-off")
    PROOF = "proof", _("proof of delivery")


class AssistanceCategory(models.TextChoices):
    CHILD_IN_DIFFICULTY = "child", _("child in difficulty (困境儿童)")
    ELDERLY_ALONE = "elderly_alone", _("elderly living alone (独居老人)")
    DISABILITY = "disability", _("disability (残疾)")
    LOW_INCOME = "dibao", _("minimum living allowance (低保)")
    OTHER = "other", _("other need")


class ConsentScope(models.TextChoices):
    NONE = "none", _("no publication")
    PSEUDONYM = "pseudonym", _("stories under a pseudonym")
    NAMED = "named", _("stories under the real name")


class FileState(models.TextChoices):
    OPEN = "open", pgettext_lazy("assistance file", "open")
    CLOSED = "closed", pgettext_lazy("assistance file", "closed")


class VisitKind(models.TextChoices):
    VISIT = "visit", _("home visit")
    SUPPORT = "support", _("support given")
    CALL = "call", _("phone call")


# The sensitive fields of an assistance file, in the order they are shown.
SENSITIVE_FIELDS = ("id_number", "health", "income", "exact_address", "school")
