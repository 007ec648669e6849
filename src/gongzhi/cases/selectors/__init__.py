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
    my_reports_with_timeline,
    photo_for,
    queues_for,
    rating_due,
)
from gongzhi.cases.selectors.categories import CategoryGroup, category_choices, leaf_by_code
from gongzhi.cases.selectors.dispatch import dispatch_parties, handlers_of, parties_for_dispatcher
from gongzhi.cases.selectors.duplicates import (
    DuplicateMatch,
    duplicate_references,
    duplicates_of,
    find_duplicates,
    haversine_m,
    similarity,
)
from gongzhi.cases.selectors.map import case_counts_by_node, case_map_points, grid_choropleth
from gongzhi.cases.selectors.notifications import notifications_for, unread_count
from gongzhi.cases.selectors.public import (
    public_case_data,
    public_case_for,
    public_cases,
    reporter_label,
)
from gongzhi.cases.selectors.sla import filter_by_sla, sla_statuses
from gongzhi.cases.selectors.stats import (
    case_rates,
    followup_call_list,
    public_figures,
    public_figures_by_node,
    revisits_due,
)

__all__ = [
    "QUEUES",
    "CategoryGroup",
    "DuplicateMatch",
    "available_actions",
    "case_counts_by_node",
    "case_for",
    "case_map_points",
    "case_queue",
    "case_rates",
    "case_sla",
    "case_timeline",
    "category_choices",
    "dispatch_parties",
    "duplicate_references",
    "duplicates_of",
    "event_label",
    "filter_by_sla",
    "find_duplicates",
    "followup_call_list",
    "grid_choropleth",
    "handlers_of",
    "haversine_m",
    "leaf_by_code",
    "my_reports",
    "my_reports_with_timeline",
    "notifications_for",
    "parties_for_dispatcher",
    "photo_for",
    "public_case_data",
    "public_case_for",
    "public_cases",
    "public_figures",
    "public_figures_by_node",
    "queues_for",
    "rating_due",
    "reporter_label",
    "revisits_due",
    "sla_statuses",
    "similarity",
    "unread_count",
]
