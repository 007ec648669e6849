"""Reads of briefings: the stored one or one built now, the view of it as JSON and prose, and
the comparison of a frozen briefing with the records today."""

from __future__ import annotations

from dataclasses import dataclass

from gongzhi.insights.briefing.builder import bound_numbers, build, plain_text
from gongzhi.insights.briefing.evidence import explain, record_ids
from gongzhi.insights.briefing.photos import photo_url
from gongzhi.insights.models import Briefing
from gongzhi.insights.periods import Period, parse_period


@dataclass
class BriefingView:
    """A briefing to show or export: content plus the staff's paragraphs, stored or not."""

    node: object
    period: Period
    content: dict
    narrative: dict
    state: str
    stored: Briefing | None = None

    def blocks(self) -> list[dict]:
        """Sections in reading order, each with its computed paragraphs and the staff's
        paragraph after it; the intro first and the closing last."""
        out = []
        if self.narrative.get("intro"):
            out.append(
                {"key": "intro", "title": "", "paragraphs": [], "note": self.narrative["intro"]}
            )
        for section in self.content.get("sections", []):
            out.append({**section, "note": self.narrative.get(f"after:{section['key']}", "")})
        if self.narrative.get("closing"):
            out.append(
                {"key": "closing", "title": "", "paragraphs": [], "note": self.narrative["closing"]}
            )
        return out

    def public_json(self) -> dict:
        """What the public may see of a published briefing: staff's paragraphs scrubbed of
        phone numbers, ID numbers, door-level addresses and the like (``core.scrub``)."""
        from gongzhi.core.scrub import scrub_text

        data = self.as_json()
        for section in data["sections"]:
            section["narrative"] = scrub_text(section["narrative"])
        return data

    def as_json(self) -> dict:
        return {
            "node": self.node.code,
            "period": self.period.key,
            "state": self.state,
            "title": self.content.get("title", ""),
            "as_of": self.content.get("as_of"),
            "sections": [
                {
                    "key": b["key"],
                    "title": b["title"],
                    "paragraphs": [
                        {
                            "text": plain_text(p),
                            "numbers": [
                                {k: part[k] for k in ("kpi", "node", "period", "value", "kind")}
                                for part in p
                                if isinstance(part, dict)
                            ],
                        }
                        for p in b["paragraphs"]
                    ],
                    "narrative": b["note"],
                }
                for b in self.blocks()
            ],
            "numbers": self.content.get("numbers", {}),
            "photos": self.photo_items(),
        }

    def photos(self) -> list[dict]:
        """The month's photos as stored (by storage name)."""
        return self.content.get("photos") or []

    def photo_items(self) -> list[dict]:
        """The month's photos to show: their URLs, captions, sources and places."""
        return [
            {"url": photo_url(ph), **{k: ph[k] for k in ("caption", "source", "where")}}
            for ph in self.photos()
        ]


def stored_briefing(node, period: Period) -> Briefing | None:
    return Briefing.objects.filter(node=node, period=period.key).select_related("node").first()


def briefing_view(node, period: Period, *, now=None) -> BriefingView:
    """The stored briefing (frozen when approved), or one built from the records now."""
    stored = stored_briefing(node, period)
    if stored is not None and stored.content:
        return BriefingView(node, period, stored.content, stored.narrative, stored.state, stored)
    return BriefingView(node, period, build(node, period, now=now), {}, "unsaved", stored)


def briefing_for_api(node, period: Period) -> BriefingView:
    return briefing_view(node, period)


def briefing_diff(briefing: Briefing, *, now=None) -> list[dict]:
    """Rebuild a frozen briefing's month from the records: the numbers that differ now, each
    with the audit entries (after the freeze) on the records behind it."""
    period = parse_period(briefing.period)
    fresh = build(briefing.node, period, now=now)
    current = bound_numbers(fresh)
    frozen = briefing.numbers or {}
    ids_now = record_ids(briefing.node, period)
    diffs = []
    for key in sorted(set(frozen) | set(current)):
        if frozen.get(key) == current.get(key):
            continue
        code = key.split("@", 1)[0]
        diffs.append(
            {
                "key": key,
                "kpi": code,
                "frozen": frozen.get(key),
                "now": current.get(key),
                "why": explain(
                    code,
                    frozen_ids=(briefing.record_ids or {}).get(code),
                    current_ids=ids_now.get(code),
                    since=briefing.as_of,
                ),
            }
        )
    return diffs
