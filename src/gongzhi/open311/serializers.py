"""Our categories and cases in GeoReport v2's terms."""

from __future__ import annotations

from gongzhi.cases import disclosure
from gongzhi.cases.choices import QuestionType
from gongzhi.open311.render import w3c
from gongzhi.open311.statuses import EXTENDED, OPEN, STATUS

DATATYPES = {
    QuestionType.STRING: "string",
    QuestionType.NUMBER: "number",
    QuestionType.DATETIME: "datetime",
    QuestionType.TEXT: "text",
    QuestionType.SINGLE_CHOICE: "singlevaluelist",
    QuestionType.MULTI_CHOICE: "multivaluelist",
}


def service(category, active_questions: bool) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": active_questions,
        "type": "realtime",
        "keywords": ",".join(
            w for w in category.keywords.replace("，", ",").replace(" ", ",").split(",") if w
        ),
        "group": category.parent.name if category.parent_id else "",
    }


def attribute(question) -> dict:
    out = {
        "variable": True,
        "code": question.code,
        "datatype": DATATYPES[question.type],
        "required": question.required,
        "datatype_description": question.help_text,
        "order": question.order,
        "description": question.label,
    }
    if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE):
        out["values"] = [
            {"key": c["key"], "name": c.get("label", c["key"])} for c in question.choices
        ]
    return out


def service_definition(category, questions) -> dict:
    return {"service_code": category.code, "attributes": [attribute(q) for q in questions]}


def request(case, *, full: bool, media_url: str = "", extensions: bool = False, notes=None) -> dict:
    """One service request. ``full`` (the key that reported it) shows the description, the
    exact address and point; everyone else — the public, which sees published reports only,
    and staff keys, which see the private ones of their scope — reads its text scrubbed of
    people's data (``gongzhi.cases.disclosure``), its address to the building and its point as
    precise as the category allows."""
    status = STATUS[case.state]
    if full:
        description, notes_text, address = case.description, case.resolution_note, case.address
        lat, lon = case.lat, case.lon
    else:
        # A private case is in the answer only for a key that may view it in its scope.
        description = disclosure.public_text(case, case.description)
        notes_text = disclosure.public_text(case, case.resolution_note)
        address = disclosure.public_address(case)
        lat, lon = disclosure.public_point(case.category.public_precision, case.lat, case.lon)
    out = {
        "service_request_id": case.reference,
        "status": status,
        "status_notes": notes_text if status != OPEN else "",
        "service_name": case.category.name,
        "service_code": case.category.code,
        "description": description,
        "agency_responsible": case.assigned_party.name if case.assigned_party_id else "",
        "service_notice": "",
        "requested_datetime": w3c(case.reported_at),
        "updated_datetime": w3c(case.updated_at),
        "expected_datetime": w3c(case.step_deadline_at) if status == OPEN else None,
        "address": address,
        "address_id": case.node.code,
        "zipcode": "",
        "lat": lat,
        "long": lon,
        "media_url": media_url,
    }
    if extensions:
        # FixMyStreet: external_status_code is the server's own status code; the extended
        # status (its "Additional states") says the same in words every client knows.
        out["external_status_code"] = case.state
        out["extended_status"] = EXTENDED[case.state]
        out["attributes"] = (
            [{"code": a.question.code, "value": a.value} for a in case.answers.all()]
            if full
            else []
        )
        out["notes"] = notes or []
    return out


def note_text(case, text: str, *, full: bool) -> str:
    """A timeline note or update text: as written for a key that sees the case in full,
    scrubbed for everyone else."""
    return text if full else disclosure.public_text(case, text)


def update(event, case, description: str, media_url: str = "") -> dict:
    """One request update. FixMyStreet's extension writes ``status`` in capitals (OPEN, CLOSED)
    and allows its additional states there (IN_PROGRESS, FIXED…), so the extended status is
    the status; ``external_status_code`` carries our own state."""
    state = event.to_state or case.state
    return {
        "update_id": str(event.pk),
        "service_request_id": case.reference,
        "status": EXTENDED[state],
        "external_status_code": state,
        "updated_datetime": w3c(event.created_at),
        "description": description,
        "media_url": media_url,
    }
