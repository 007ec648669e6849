"""Errors the points services raise, each with a message a person can read.

Views show ``error.message``; other apps may catch ``PointsError`` as a whole.
"""

from django.utils.translation import gettext_lazy as _


class PointsError(Exception):
    """A points operation was refused; ``message`` says why, in the user's language."""

    default_message = _("The points operation was refused.")

    def __init__(self, message=None):
        self.message = message if message is not None else self.default_message
        super().__init__(str(self.message))


class SoldOut(PointsError):
    default_message = _("Sold out: there is not enough stock left for this order.")


class InsufficientPoints(PointsError):
    default_message = _("Not enough points for this.")


class LimitReached(PointsError):
    default_message = _("You have reached the limit for this item in the current period.")


class GoodsUnavailable(PointsError):
    default_message = _("This item is not available in your community's store.")


class CodeNotFound(PointsError):
    default_message = _("No order waits for this redemption code.")


class CodeAlreadyUsed(PointsError):
    default_message = _("This redemption code has already been used.")


class OrderNotOpen(PointsError):
    default_message = _("This order is no longer open.")


class NotReversible(PointsError):
    default_message = _("This transaction cannot be reversed.")


class Unbalanced(PointsError):
    """Programming error: a transaction's entries do not sum to zero."""

    default_message = _("The entries of a transaction must sum to zero.")
