"""The permission codes the enforcement app checks, and which roles hold them.

A role on a node covers its subtree: an officer of the street's bureau holds his role on the
street, a grid worker on the grid.
"""

from gongzhi.org.roles import Role, register_permissions

VIEW = "enforcement.view"
REPORT = "enforcement.report"  # open a record, log a patrol finding
PATROL = "enforcement.patrol"
INVESTIGATE = "enforcement.investigate"
SERVE = "enforcement.serve"
DEMOLISH = "enforcement.demolish"
REVISIT = "enforcement.revisit"
VERIFY_DETECTION = "enforcement.verify_detection"
IMPORT = "enforcement.import"
SUPERVISE = "enforcement.supervise"  # told when a step is overdue
# Held by the API keys of monitoring systems, not by any role.
PUSH_DETECTION = "enforcement.push_detection"

GRANTS = {
    Role.ENFORCEMENT_OFFICER: {
        VIEW,
        REPORT,
        PATROL,
        INVESTIGATE,
        SERVE,
        DEMOLISH,
        REVISIT,
        VERIFY_DETECTION,
        IMPORT,
    },
    Role.STAFF: {VIEW, REPORT, VERIFY_DETECTION, IMPORT},
    Role.SUPERVISOR: {VIEW, SUPERVISE},
    Role.GRID_WORKER: {VIEW, REPORT, PATROL, REVISIT},
    Role.AUDITOR: {VIEW},
}


def register() -> None:
    register_permissions(GRANTS)
