"""What each document says, built from the snapshot taken when it is issued.

The documents are administrative acts served on a party in China, so their wording is Chinese
whatever language the officer's screen speaks; it is data of the document, not interface text.
The parts an authority must be able to change (legal basis, review body, court) come from its
row in the database.
"""

from __future__ import annotations

import datetime as dt

from gongzhi.core.masking import mask_address, mask_name
from gongzhi.enforcement.categories import STRUCTURE_ANSWER
from gongzhi.enforcement.choices import DocumentKind

TITLES = {
    DocumentKind.STOP_ORDER: "责令停止违法行为通知书",
    DocumentKind.DEMOLITION_ORDER: "限期拆除决定书",
    DocumentKind.REMINDER: "催告书",
    DocumentKind.FORCED_NOTICE: "强制拆除公告",
}
# The word of each kind in the document number: 崇开执停字 / 拆字 / 催字 / 告字.
NUMBER_WORDS = {
    DocumentKind.STOP_ORDER: "停",
    DocumentKind.DEMOLITION_ORDER: "拆",
    DocumentKind.REMINDER: "催",
    DocumentKind.FORCED_NOTICE: "告",
}
# Documents posted in public: the party's name and address are masked on them.
PUBLIC_KINDS = frozenset({DocumentKind.FORCED_NOTICE})


def document_number(prefix: str, kind: str, year: int, seq: int) -> str:
    """崇开执拆字〔2026〕第0007号."""
    return f"{prefix}{NUMBER_WORDS[kind]}字〔{year}〕第{seq:04d}号"


def chinese_date(day: dt.date | str | None) -> str:
    if not day:
        return ""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return f"{day.year}年{day.month}月{day.day}日"


def appeal_text(review_body: str, court: str) -> str:
    review = review_body or "上一级行政机关或者本级人民政府"
    court = court or "有管辖权的人民法院"
    return (
        f"如不服本决定,可以在收到本文书之日起六十日内向{review}申请行政复议,"
        f"或者在收到本文书之日起六个月内依法向{court}提起行政诉讼。"
        "行政复议和行政诉讼期间,本决定不停止执行,法律另有规定的除外。"
    )


def _structure(snapshot: dict) -> str:
    s = snapshot["structure"]
    return f"位于{s['address']}的{s['type']}(面积约{s['area']}平方米)"


def body(snapshot: dict) -> list[tuple[str, str]]:
    """The document's paragraphs as (role, text): role is ``para``, ``heading`` or ``basis``."""
    kind = snapshot["kind"]
    party = snapshot["party"]["name"] or "当事人"
    facts = snapshot["facts"]
    basis = snapshot["basis"]
    structure = _structure(snapshot)
    parts: list[tuple[str, str]] = []
    if kind == DocumentKind.STOP_ORDER:
        parts.append(
            (
                "para",
                f"经查,你(单位)在{structure}的建设行为,未取得建设工程规划许可证,违法事实如下:{facts}",
            )
        )
        parts.append(
            (
                "basis",
                f"上述行为违反了《中华人民共和国城乡规划法》的规定。依据{basis}的规定,本局责令你(单位):",
            )
        )
        parts.append(("para", "自收到本通知书之日起立即停止上述违法建设行为,并接受调查处理。"))
    elif kind == DocumentKind.DEMOLITION_ORDER:
        deadline = chinese_date(snapshot["self_demolition_deadline"])
        parts.append(
            (
                "para",
                f"经查,你(单位)在{structure}的建设行为,未取得建设工程规划许可证,违法事实如下:{facts}",
            )
        )
        parts.append(
            (
                "basis",
                f"上述建筑属于无法采取改正措施消除影响的违法建筑。依据{basis}的规定,本局决定:",
            )
        )
        parts.append(
            (
                "para",
                f"限你(单位)于{deadline}前自行拆除上述违法建筑,恢复原状。逾期不拆除的,本局将依法强制拆除。",
            )
        )
    elif kind == DocumentKind.REMINDER:
        order = snapshot.get("refers_to") or {}
        deadline = chinese_date(snapshot["self_demolition_deadline"])
        forced = chinese_date(snapshot.get("forced_deadline"))
        parts.append(
            (
                "para",
                f"本局于{chinese_date(order.get('served_on') or order.get('issued_on'))}向你(单位)送达了"
                f"《限期拆除决定书》({order.get('number', '')}),限你(单位)于{deadline}前自行拆除"
                f"{structure}。截至本催告书送达之日,你(单位)未履行上述决定。",
            )
        )
        parts.append(("basis", f"依据{basis}的规定,现催告你(单位):"))
        parts.append(
            ("para", f"于{forced}前自行拆除上述违法建筑。逾期仍不履行的,本局将依法强制拆除。")
        )
        parts.append(
            (
                "para",
                "你(单位)有权进行陈述和申辩,请于收到本催告书之日起三日内向本局提出;逾期未提出的,视为放弃陈述和申辩的权利。",
            )
        )
    elif kind == DocumentKind.FORCED_NOTICE:
        order = snapshot.get("refers_to") or {}
        forced = chinese_date(snapshot.get("forced_deadline"))
        parts.append(
            (
                "para",
                f"当事人{party}{structure}系违法建筑。本局已依法送达《限期拆除决定书》({order.get('number', '')})"
                f"及催告书,当事人在法定期限内未申请行政复议或者提起行政诉讼,又未自行拆除。",
            )
        )
        parts.append(("basis", f"依据{basis}的规定,现予公告:"))
        parts.append(
            (
                "para",
                f"本局将于{forced}前对上述违法建筑实施强制拆除。请当事人在此之前自行清理、搬离建筑内物品,逾期未搬离的,由当事人自行承担相应后果。",
            )
        )
    if kind != DocumentKind.REMINDER:
        parts.append(("para", snapshot["appeal"]))
    parts.append(("para", f"特此{'公告' if kind == DocumentKind.FORCED_NOTICE else '通知'}。"))
    return parts


def party_lines(snapshot: dict) -> list[str]:
    party = snapshot["party"]
    lines = [f"当事人:{party['name'] or '(未查明)'}"]
    if party.get("address"):
        lines.append(f"住址:{party['address']}")
    lines.append(f"违法建筑地址:{snapshot['structure']['address']}")
    return lines


def build_snapshot(
    *,
    record,
    authority,
    kind,
    number,
    issued_on,
    facts,
    refers_to=None,
    self_demolition_deadline=None,
    forced_deadline=None,
) -> dict:
    """Everything printed on the document, as plain JSON."""
    public = kind in PUBLIC_KINDS
    name, address = record.party_name, record.party_address
    if public:
        name, address = mask_name(name), mask_address(address)
    return {
        "kind": kind,
        "title": TITLES[kind],
        "number": number,
        "record": record.reference,
        "authority": {
            "name": authority.name,
            "address": authority.address,
            "phone": authority.phone,
        },
        "party": {"name": name, "address": address},
        "structure": {
            "address": record.address,
            "type": STRUCTURE_ANSWER.get(record.structure_type, "其他"),
            "area": f"{record.area_found:.2f}",
        },
        "facts": facts,
        "basis": authority.basis_for(kind),
        "appeal": appeal_text(authority.review_body, authority.court),
        "issued_on": issued_on.isoformat(),
        "self_demolition_deadline": (
            self_demolition_deadline.isoformat() if self_demolition_deadline else None
        ),
        "forced_deadline": forced_deadline.isoformat() if forced_deadline else None,
        "refers_to": refers_to,
        "public": public,
    }
