"""What the cases endpoints take and answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from gongzhi.cases.choices import Channel, State

# Channels a caller of the platform API may name (Open311 has its own endpoint).
API_CHANNELS = [c for c in Channel.values if c != Channel.OPEN311]


class PartyRef(Schema):
    id: int
    name: str


class CaseOut(Schema):
    reference: str
    state: State
    state_label: str
    category: str = Field(description="category code")
    category_name: str
    node: str = Field(description="code of the grid (or other node) the case lies in")
    node_name: str
    channel: Channel
    description: str = Field(
        description="scrubbed of people's data unless the caller reported or entered the case"
    )
    address: str = Field(description="to the building unless the caller reported the case")
    lat: float | None
    lon: float | None
    is_public: bool
    reported_at: dt.datetime
    updated_at: dt.datetime
    step: str
    step_deadline_at: dt.datetime | None
    routed_party: PartyRef | None
    assigned_party: PartyRef | None
    routing_text: str
    support_count: int
    rework_count: int
    version: int = Field(description="send it back as expected_version to act on this version")


class CasePage(Schema):
    count: int = Field(description="cases that match, counted up to 1,000")
    count_is_exact: bool = Field(description="false when there are more than count")
    page: int
    page_size: int
    next_after: str | None = Field(
        description="send as after for the next page (null on the last page)"
    )
    items: list[CaseOut]


class AnswerOut(Schema):
    code: str
    value: Any


class ActorOut(Schema):
    name: str = Field(description="masked (张*明) for the reporter and the public")
    username: str | None = Field(None, description="staff only")


class EventOut(Schema):
    action: str
    label: str
    from_state: str
    to_state: str
    note: str
    public: bool
    at: dt.datetime
    actor: ActorOut | None = Field(description="who did it; null for the system")


class CaseDetailOut(CaseOut):
    reporter_name: str = Field(description="masked")
    reporter_phone: str = Field(description="masked")
    answers: list[AnswerOut]
    timeline: list[EventOut]
    available_actions: list[str]


class CaseOriginalOut(Schema):
    """The report as its reporter gave it: for ``cases.view_original``, audited each time."""

    reference: str
    description: str
    address: str
    lat: float | None
    lon: float | None
    reporter_name: str
    reporter_phone: str
    reporter_email: str
    resolution_note: str


class CaseIn(Schema):
    category: str = Field(max_length=40, description="category code (a leaf)")
    description: str = Field("", max_length=4000)
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    crs: str = Field("wgs84", description="wgs84, gcj02 (高德/腾讯) or bd09 (百度)", max_length=10)
    address: str = Field("", max_length=200)
    node: str | None = Field(None, max_length=64, description="node code, when there is no point")
    channel: str | None = Field(
        None, description=f"one of {', '.join(API_CHANNELS)}; web for a logged-in resident"
    )
    reporter_name: str = Field("", max_length=50)
    reporter_phone: str = Field("", max_length=20)
    reporter_email: str = Field("", max_length=254)
    is_anonymous: bool = False
    is_public: bool = False
    answers: dict[str, Any] = Field(default_factory=dict)
    external_id: str = Field("", max_length=50)


class PublicReportIn(Schema):
    category: str = Field(max_length=40, description="category code (a leaf)")
    description: str = Field(max_length=4000)
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    crs: str = Field("wgs84", max_length=10)
    address: str = Field("", max_length=200)
    reporter_name: str = Field("", max_length=50)
    reporter_phone: str = Field("", max_length=20)
    is_anonymous: bool = False
    is_public: bool = False
    answers: dict[str, Any] = Field(default_factory=dict)


class PublicReportOut(Schema):
    reference: str
    state: State
    routing: str = Field(description="where the report went and why")
    duplicates: list[str] = Field(description="open cases that look like the same problem")


class Versioned(Schema):
    expected_version: int | None = Field(
        None, description="the version you acted on; a newer one answers 409"
    )


class NoteIn(Versioned):
    note: str = Field("", max_length=1000)


class ReasonIn(Versioned):
    reason: str = Field(max_length=1000)


class MergeIn(NoteIn):
    into: str = Field(max_length=32, description="reference of the open case to merge into")


class ParkIn(Versioned):
    review_on: dt.date
    reason: str = Field(max_length=1000)


class DispatchIn(NoteIn):
    party: int | None = Field(None, description="party id; the routed party by default")
    handler: str | None = Field(None, max_length=150, description="username of a handler")


class ResolveIn(Versioned):
    note: str = Field(max_length=1000)


class ResolveWithMediaIn(ResolveIn):
    media: list[str] = Field(
        default_factory=list,
        max_length=9,
        description="ids from POST /media: after photos (required when the category asks)",
    )


class CommentIn(Schema):
    text: str = Field(max_length=2000)
    public: bool = False
