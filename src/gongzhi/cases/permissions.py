"""The permission codes the cases app checks, and which roles hold them.

A role on a node covers its subtree. ``cases.handle`` is special: a handler acts on the cases
dispatched to the party bound to their role assignment, wherever those cases are.
"""

from gongzhi.org.roles import Role, register_permissions

VIEW = "cases.view"
REPORT_FOR_OTHERS = "cases.report_for_others"
ACCEPT = "cases.accept"
MERGE = "cases.merge"
PARK = "cases.park"
DISPATCH = "cases.dispatch"
HANDLE = "cases.handle"
VERIFY = "cases.verify"
REOPEN = "cases.reopen"
FOLLOWUP = "cases.followup"
REVISIT = "cases.revisit"
SUPERVISE = "cases.supervise"
IMPORT = "cases.import"
STATS = "cases.stats"
COMMENT = "cases.comment"
MANAGE_CATEGORIES = "cases.manage_categories"
MANAGE_POLICY = "cases.manage_policy"
# Publish a reviewed report on the public surfaces, or take it off them.
PUBLISH = "cases.publish"
# See a report's original text and the reporter's full contacts (each look is audited): for
# those who call residents back and enter cases for them.
VIEW_ORIGINAL = "cases.view_original"

GRANTS = {
    Role.SUPERVISOR: {VIEW, REOPEN, SUPERVISE, STATS, COMMENT},
    Role.STAFF: {
        VIEW,
        REPORT_FOR_OTHERS,
        ACCEPT,
        MERGE,
        PARK,
        DISPATCH,
        VERIFY,
        REOPEN,
        FOLLOWUP,
        REVISIT,
        SUPERVISE,
        IMPORT,
        STATS,
        COMMENT,
        MANAGE_CATEGORIES,
        MANAGE_POLICY,
        PUBLISH,
        VIEW_ORIGINAL,
    },
    Role.DISPATCHER: {
        VIEW,
        REPORT_FOR_OTHERS,
        ACCEPT,
        MERGE,
        PARK,
        DISPATCH,
        FOLLOWUP,
        IMPORT,
        STATS,
        COMMENT,
        PUBLISH,
        VIEW_ORIGINAL,
    },
    Role.GRID_WORKER: {VIEW, REPORT_FOR_OTHERS, VERIFY, REVISIT, COMMENT, VIEW_ORIGINAL},
    Role.HANDLER: {HANDLE, COMMENT},
    Role.ENFORCEMENT_OFFICER: {HANDLE, COMMENT},
    Role.AUDITOR: {VIEW, STATS},
}


def register() -> None:
    register_permissions(GRANTS)
