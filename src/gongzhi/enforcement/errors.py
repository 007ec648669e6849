"""Errors the enforcement services raise besides ``ValidationError`` and ``PermissionDenied``."""

from django.utils.translation import gettext as _


class ProcedureConflict(Exception):
    """The record is not (or no longer) in a state that allows the step.

    Raised to the second of two officers acting at once and to anyone acting on a stale page;
    ``message`` is translated and can be shown as it is.
    """

    def __init__(self, message: str, *, code: str = "conflict"):
        super().__init__(message)
        self.message = message
        self.code = code

    @classmethod
    def for_state(cls, record, action_label) -> "ProcedureConflict":
        return cls(
            _(
                "Record %(ref)s is now %(state)s, so this cannot be done: %(action)s. Someone may "
                "have acted on it at the same time: reload the page and try again."
            )
            % {
                "ref": record.reference,
                "state": record.get_state_display(),
                "action": action_label,
            },
            code="state",
        )

    @classmethod
    def for_version(cls, record) -> "ProcedureConflict":
        return cls(
            _("Record %(ref)s was changed by someone else since you opened it: reload the page.")
            % {"ref": record.reference},
            code="version",
        )
