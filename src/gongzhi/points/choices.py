from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AccountKind(models.TextChoices):
    """Who holds an account. Only the issuing account may go below zero: it is where points
    come from, so its balance is minus the points in circulation from that community."""

    PERSON = "person", _("person")
    ISSUING = "issuing", _("issuing account")
    STORE = "store", _("points store")
    EXPIRY = "expiry", _("expired points")


class TransactionKind(models.TextChoices):
    AWARD = "award", _("award")
    REDEMPTION = "redemption", _("redemption")
    CANCELLATION = "cancellation", _("cancelled redemption")
    REVERSAL = "reversal", _("reversal")
    EXPIRY = "expiry", _("expiry")
    ADJUSTMENT = "adjustment", _("adjustment")


class Reason(models.TextChoices):
    """What points are awarded for; each community keeps one rule per reason."""

    SERVICE_HOUR = "service_hour", _("volunteer service hour")
    VERIFIED_REPORT = "verified_report", _("verified report")
    COUNCIL_ATTENDANCE = "council_attendance", _("council attendance")
    GOOD_DEED = "good_deed", _("good deed")


class LimitPeriod(models.TextChoices):
    NONE = "none", _("no limit")
    DAY = "day", _("per day")
    WEEK = "week", _("per week")
    MONTH = "month", _("per month")


class MovementKind(models.TextChoices):
    DONATION = "donation", _("donation in")
    REDEMPTION = "redemption", _("redemption out")
    WRITE_OFF = "write_off", _("write-off")
    CANCELLATION_RETURN = "cancellation_return", _("returned by cancellation")


# The sign a movement of each kind must have.
MOVEMENT_SIGN = {
    MovementKind.DONATION: 1,
    MovementKind.REDEMPTION: -1,
    MovementKind.WRITE_OFF: -1,
    MovementKind.CANCELLATION_RETURN: 1,
}


class OrderState(models.TextChoices):
    PLACED = "placed", _("placed, waiting for hand-over")
    HANDED_OVER = "handed_over", _("handed over")
    CANCELLED = "cancelled", _("cancelled")


ORDER_TRANSITIONS = {
    OrderState.PLACED: {OrderState.HANDED_OVER, OrderState.CANCELLED},
    OrderState.HANDED_OVER: set(),
    OrderState.CANCELLED: set(),
}


class GoodDeedState(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", pgettext_lazy("good deed", "rejected")
