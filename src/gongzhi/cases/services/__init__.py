"""Writes of the cases app: one keyword-only function per thing that happens to a case."""

from gongzhi.cases.services.bulk import BulkOutcome, case_dispatch_many
from gongzhi.cases.services.categories import category_question_save, category_update, policy_save
from gongzhi.cases.services.comments import case_comment
from gongzhi.cases.services.disclosure import case_publish, case_view_original
from gongzhi.cases.services.escalation import escalate_overdue
from gongzhi.cases.services.followup import case_rate, open_linked_case, revisit_record
from gongzhi.cases.services.hotline import HotlineImportError, ImportResult, hotline_import
from gongzhi.cases.services.intake import DESCRIPTION_MAX, case_report, case_support
from gongzhi.cases.services.notifications import notification_mark_read, notify
from gongzhi.cases.services.photos import case_add_photos
from gongzhi.cases.services.workflow import (
    case_accept,
    case_dispatch,
    case_merge,
    case_park,
    case_reject,
    case_reopen,
    case_resolve,
    case_return,
    case_start_handling,
    case_unpark,
    case_verify,
)

__all__ = [
    "BulkOutcome",
    "case_dispatch_many",
    "HotlineImportError",
    "ImportResult",
    "hotline_import",
    "DESCRIPTION_MAX",
    "case_accept",
    "case_comment",
    "case_add_photos",
    "case_dispatch",
    "case_merge",
    "case_park",
    "case_publish",
    "case_rate",
    "case_reject",
    "case_reopen",
    "case_report",
    "case_resolve",
    "case_return",
    "case_start_handling",
    "case_support",
    "case_unpark",
    "case_verify",
    "case_view_original",
    "category_question_save",
    "category_update",
    "escalate_overdue",
    "notification_mark_read",
    "notify",
    "open_linked_case",
    "policy_save",
    "revisit_record",
]
