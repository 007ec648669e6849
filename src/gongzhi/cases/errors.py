"""Errors the case services raise besides ``ValidationError`` and ``PermissionDenied``."""

from django.utils.translation import gettext as _


class CaseConflict(Exception):
    """The case is not (or no longer) in a state that allows the action.

    Raised to the second of two people acting on the same case at once, and to anyone acting on
    a stale page. ``message`` is translated and can be shown as it is.
    """

    def __init__(self, message: str, *, code: str = "conflict"):
        super().__init__(message)
        self.message = message
        self.code = code

    @classmethod
    def for_state(cls, case, action_label) -> "CaseConflict":
        return cls(
            _(
                "Case %(ref)s is now %(state)s, so it cannot be %(action)s. Someone may have "
                "acted on it at the same time: reload the case and try again."
            )
            % {"ref": case.reference, "state": case.get_state_display(), "action": action_label},
            code="state",
        )

    @classmethod
    def for_version(cls, case) -> "CaseConflict":
        return cls(
            _(
                "Case %(ref)s was changed by someone else since you opened it: reload the case "
                "and try again."
            )
            % {"ref": case.reference},
            code="version",
        )
