"""Our case states in GeoReport v2's two statuses and FixMyStreet's extended statuses."""

from gongzhi.cases.choices import State

OPEN, CLOSED = "open", "closed"

STATUS = {
    State.REPORTED: OPEN,
    State.ACCEPTED: OPEN,
    State.DISPATCHED: OPEN,
    State.HANDLING: OPEN,
    State.RETURNED: OPEN,
    State.RESOLVED: OPEN,  # resolved by the handler, waiting for on-site verification
    State.REWORK: OPEN,
    State.PARKED: OPEN,
    State.CLOSED: CLOSED,
    State.REJECTED: CLOSED,
    State.MERGED: CLOSED,
}

# FixMyStreet's extended statuses (its Open311 "servicerequestupdates" extension).
EXTENDED = {
    State.REPORTED: "OPEN",
    State.ACCEPTED: "INVESTIGATING",
    State.DISPATCHED: "ACTION_SCHEDULED",
    State.HANDLING: "IN_PROGRESS",
    State.RETURNED: "INVESTIGATING",
    State.RESOLVED: "IN_PROGRESS",
    State.REWORK: "IN_PROGRESS",
    State.PARKED: "NO_FURTHER_ACTION",
    State.CLOSED: "FIXED",
    State.REJECTED: "NOT_COUNCILS_RESPONSIBILITY",
    State.MERGED: "DUPLICATE",
}

STATES_FOR_STATUS = {
    OPEN: [s for s, status in STATUS.items() if status == OPEN],
    CLOSED: [s for s, status in STATUS.items() if status == CLOSED],
}

# Every value FixMyStreet's "Additional states" page allows in a request update's ``status``
# (OPEN and CLOSED from its base extension, the rest from the additional states).
UPDATE_STATUSES = [
    "OPEN",
    "INVESTIGATING",
    "IN_PROGRESS",
    "ACTION_SCHEDULED",
    "NO_FURTHER_ACTION",
    "NOT_COUNCILS_RESPONSIBILITY",
    "DUPLICATE",
    "INTERNAL_REFERRAL",
    "FIXED",
    "CLOSED",
]
