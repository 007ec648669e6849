"""Permission codes of the insights app and who holds them."""

from gongzhi.org.roles import Role

VIEW = "insights.view"  # the figures, the cockpit, the records behind them, briefings
EDIT_BRIEFING = "insights.edit_briefing"  # generate a briefing, edit its narrative paragraphs
APPROVE_BRIEFING = "insights.approve_briefing"  # approve (freeze) and publish a briefing

GRANTS = {
    Role.SUPERVISOR: {VIEW, EDIT_BRIEFING, APPROVE_BRIEFING},
    Role.STAFF: {VIEW, EDIT_BRIEFING},
    Role.AUDITOR: {VIEW},
}
