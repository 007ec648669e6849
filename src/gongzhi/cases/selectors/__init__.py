"""Reads of the cases app. Views, the API and other apps read cases through these."""

from gongzhi.cases.selectors.cases import (
    QUEUES,
    available_actions,
    case_for,
    case_queue,
    case_sla,
    case_timeline,
    event_label,
    my_reports,
)
from gongzhi.cases.selectors.duplicates import (
    DuplicateMatch,
    duplicates_of,
    find_duplicates,
    haversine_m,
    similarity,
)
from gongzhi.cases.selectors.map import case_counts_by_node, case_map_points
from gongzhi.cases.selectors.notifications import notifications_for, unread_count
from gongzhi.cases.selectors.public import public_case_data, public_cases, reporter_label
from gongzhi.cases.selectors.stats import case_rates, followup_call_list, revisits_due

__all__ = [
    "QUEUES",
    "DuplicateMatch",
    "available_actions",
    "case_counts_by_node",
    "case_for",
    "case_map_points",
    "case_queue",
    "case_rates",
    "case_sla",
    "case_timeline",
    "duplicates_of",
    "event_label",
    "find_duplicates",
    "followup_call_list",
    "haversine_m",
    "my_reports",
    "notifications_for",
    "public_case_data",
    "public_cases",
    "reporter_label",
    "revisits_due",
    "similarity",
    "unread_count",
]
