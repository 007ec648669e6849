"""Writes of the volunteering app. Every function checks its input and the current state, runs
in one transaction, locks the rows that can race and writes an audit entry."""

from gongzhi.volunteering.services.activities import (
    activity_cancel,
    activity_create,
    activity_publish,
    activity_update,
)
from gongzhi.volunteering.services.attendance import (
    attendance_adjust_hours,
    attendance_check_in,
    attendance_check_out,
    attendance_scan_activity_code,
    attendance_scan_personal_code,
)
from gongzhi.volunteering.services.certificates import certificate_issue
from gongzhi.volunteering.services.records import award_record, evaluation_record, training_record
from gongzhi.volunteering.services.reports import report_file
from gongzhi.volunteering.services.signups import signup_cancel, signup_create
from gongzhi.volunteering.services.teams import team_create, team_member_remove, team_member_set

__all__ = [
    "activity_cancel",
    "activity_create",
    "activity_publish",
    "activity_update",
    "attendance_adjust_hours",
    "attendance_check_in",
    "attendance_check_out",
    "attendance_scan_activity_code",
    "attendance_scan_personal_code",
    "award_record",
    "certificate_issue",
    "evaluation_record",
    "report_file",
    "signup_cancel",
    "signup_create",
    "team_create",
    "team_member_remove",
    "team_member_set",
    "training_record",
]
