"""Demo data: 新城桥街道综合行政执法局 and the 16 structures of 易家桥新村 it demolished on
2026-07-19 (about 300 m²), now due for their revisits (回头看), plus a few records still in the
procedure, patrols for the coverage view and a detection awaiting verification.

``build_enforcement_demo(run=None)`` looks the demo district up by its codes and does nothing
when it is not there. It writes only through the services, is deterministic (seeded), and is
idempotent: a record is known by its address, a patrol by its notes, so a second run creates
nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongzhi.enforcement import services as s
from gongzhi.enforcement.choices import DocumentKind, FoundBy, RecordState
from gongzhi.enforcement.demo_plan import (
    AUTHORITIES,
    COMPOUND,
    COURT,
    DEMOLISHED,
    DEMOLITION_DAY,
    FACTS,
    KAIFAQU_CODE,
    OPEN,
    REVIEW_BODY,
    XINCHENGQIAO_CODE,
    YIJIAQIAO_CODE,
)
from gongzhi.enforcement.models import Detection, EnforcementAuthority, IllegalStructure, Patrol
from gongzhi.org.models import Node, Party


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _photo(seed: str, after: bool) -> bytes:
    """A plain generated picture standing in for a phone photo."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", (640, 480), (205, 210, 200) if after else (150, 140, 130))
    draw = ImageDraw.Draw(image)
    for _ in range(10):
        x, y = rng.randint(0, 600), rng.randint(0, 440)
        shade = (170, 175, 165) if after else (90 + rng.randint(0, 40), 110, 160)
        draw.rectangle([x, y, x + rng.randint(30, 140), y + rng.randint(20, 100)], fill=shade)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


def _point(node, rng):
    from shapely.geometry import Point, shape

    area = shape(node.boundary)
    minx, miny, maxx, maxy = area.bounds
    for _attempt in range(50):
        lon, lat = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if area.contains(Point(lon, lat)):
            return round(lat, 6), round(lon, 6)
    point = area.representative_point()
    return round(point.y, 6), round(point.x, 6)


def _aware(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _authorities(admin) -> dict[str, EnforcementAuthority]:
    found = {}
    for code, name, short, prefix, address, phone in AUTHORITIES:
        node = Node.objects.filter(code=code).first()
        if node is None:
            continue
        authority = EnforcementAuthority.objects.filter(node=node).first()
        if authority is None:
            authority = s.authority_update(
                authority=EnforcementAuthority(node=node),
                actor=admin,
                name=name,
                code=short,
                document_prefix=prefix,
                address=address,
                phone=phone,
                review_body=REVIEW_BODY,
                court=COURT,
                party=Party.objects.filter(name=name).first(),
            )
        found[code] = authority
    return found


def _buildings(community) -> dict[int, Node]:
    """易家桥新村1幢…12幢 by number, from the demo's building names."""
    found = {}
    for node in Node.objects.filter(path__startswith=community.path, level="building"):
        number = node.name.removeprefix(COMPOUND).removesuffix("幢")
        if number.isdigit():
            found[int(number)] = node
    return found


def _serve(record, kind, officer, issued: dt.date, served: dt.date, deadline=None):
    document = s.document_issue(
        record=record,
        kind=kind,
        actor=officer,
        issued_on=issued,
        self_demolition_deadline=deadline,
    )
    s.document_record_service(
        document=document,
        actor=officer,
        served_on=served,
        method="direct" if kind != DocumentKind.FORCED_NOTICE else "public",
        recipient=record.party_name or "当事人",
        receipt_photo=_photo(f"receipt-{document.number}", after=True)
        if kind != DocumentKind.FORCED_NOTICE
        else None,
    )
    record.refresh_from_db()
    return record


def _open(officer, building, where, kind, area, party, found_at, rng, patrol=None):
    lat, lon = _point(building, rng)
    return s.structure_open(
        actor=officer,
        structure_type=kind,
        area_found=area,
        address=f"{building.name}{where}",
        found_by=FoundBy.PATROL,
        party_name=party,
        party_address=f"{building.name}{rng.randint(1, 3)}单元{rng.randint(1, 6)}0{rng.randint(1, 2)}室",
        description=f"{building.name}{where}新增违法搭建,约{area}平方米。",
        found_at=found_at,
        lat=lat,
        lon=lon,
        patrol=patrol,
    )


def _investigate(record, officer, where, what):
    return s.structure_investigate(
        record=record, actor=officer, facts=FACTS.format(where=record.address, what=what)
    )


def _demolished(officer, buildings, rng, patrol, existing) -> int:
    """The sixteen structures of the 2026-07-19 clean-up."""
    created = 0
    for n, (number, where, kind, area, party, method) in enumerate(DEMOLISHED):
        building = buildings.get(number)
        if building is None or f"{building.name}{where}" in existing:
            continue
        found_at = _aware(dt.date(2026, 6, 8 + n % 2), 9 + n % 3, 10 * (n % 6))
        record = _open(officer, building, where, kind, area, party, found_at, rng, patrol)
        record = _investigate(record, officer, where, record.get_structure_type_display())
        record = _serve(
            record, DocumentKind.STOP_ORDER, officer, dt.date(2026, 6, 10), dt.date(2026, 6, 10)
        )
        record = _serve(
            record,
            DocumentKind.DEMOLITION_ORDER,
            officer,
            dt.date(2026, 7, 2),
            dt.date(2026, 7, 3),
            deadline=dt.date(2026, 7, 12),
        )
        if method == "forced":
            record = _serve(
                record, DocumentKind.REMINDER, officer, dt.date(2026, 7, 13), dt.date(2026, 7, 13)
            )
            record = _serve(
                record,
                DocumentKind.FORCED_NOTICE,
                officer,
                dt.date(2026, 7, 15),
                dt.date(2026, 7, 15),
            )
        s.structure_record_demolition(
            record=record,
            actor=officer,
            method=method,
            area_removed=area,
            demolished_on=DEMOLITION_DAY,
            photos_before=[_photo(f"before-{record.reference}", after=False)],
            photos_after=[_photo(f"after-{record.reference}", after=True)],
            note="易家桥新村违建集中整治" if method == "forced" else "当事人自行拆除",
        )
        created += 1
    return created


def _in_progress(officer, buildings, rng, existing, today) -> int:
    created = 0
    for number, where, kind, area, party, state, ago in OPEN:
        building = buildings.get(number)
        if building is None or f"{building.name}{where}" in existing:
            continue
        day = today - dt.timedelta(days=ago)
        record = _open(officer, building, where, kind, area, party, _aware(day, 10), rng)
        created += 1
        if state == RecordState.FOUND:
            continue
        record = _investigate(record, officer, where, record.get_structure_type_display())
        if state == RecordState.INVESTIGATED:
            continue
        record = _serve(
            record,
            DocumentKind.STOP_ORDER,
            officer,
            day + dt.timedelta(days=1),
            day + dt.timedelta(days=2),
        )
        if state == RecordState.STOP_ORDER_SERVED:
            continue
        issued = day + dt.timedelta(days=8)
        record = _serve(
            record,
            DocumentKind.DEMOLITION_ORDER,
            officer,
            issued,
            issued + dt.timedelta(days=1),
            deadline=issued + dt.timedelta(days=17 if state != RecordState.REMINDED else 18),
        )
        if state == RecordState.REMINDED and record.self_demolition_deadline < today:
            _serve(
                record,
                DocumentKind.REMINDER,
                officer,
                today - dt.timedelta(days=2),
                today - dt.timedelta(days=2),
            )
    return created


def _patrols(officer, grids, today) -> tuple[Patrol | None, int]:
    """The June patrol that found the sixteen, and a patrol a week for the coverage view."""
    created = 0
    plan = [("易家桥新村违建回头看巡查", _aware(dt.date(2026, 6, 8), 8, 30), grids)]
    for week in range(6):
        day = today - dt.timedelta(days=7 * week + 2)
        if week == 3:
            continue  # a week nobody patrolled: the coverage view shows the gap
        plan.append(
            (f"易家桥新村日常巡查 {day:%Y-%m-%d}", _aware(day, 9), grids[week % 2 :: 2] or grids)
        )
    found_patrol = None
    for notes, started, route_grids in plan:
        patrol = Patrol.objects.filter(inspector=officer, notes=notes).first()
        if patrol is None:
            if started > timezone.now():
                continue
            patrol = s.patrol_start(actor=officer, started_at=started)
            points = []
            for grid in route_grids:
                centroid = _centroid(grid)
                points += [[centroid[0] - 0.0008, centroid[1]], [centroid[0] + 0.0008, centroid[1]]]
            s.patrol_set_route(
                patrol=patrol, actor=officer, route={"type": "LineString", "coordinates": points}
            )
            patrol = s.patrol_end(
                patrol=patrol, actor=officer, notes=notes, ended_at=started + dt.timedelta(hours=2)
            )
            created += 1
        if found_patrol is None:
            found_patrol = patrol
    return found_patrol, created


def _centroid(node) -> tuple[float, float]:
    from shapely.geometry import shape

    point = shape(node.boundary).representative_point()
    return round(point.x, 6), round(point.y, 6)


def _detection(admin, grids) -> int:
    if (
        not grids
        or Detection.objects.filter(source_id="yjq-tower-01", detection_id="demo-0001").exists()
    ):
        return 0
    lon, lat = _centroid(grids[-1])
    s.detection_receive(
        actor=admin,
        source_id="yjq-tower-01",
        detection_id="demo-0001",
        detected_at=timezone.now() - dt.timedelta(hours=5),
        lat=lat + 0.0003,
        lon=lon,
        confidence=0.82,
        image=_photo("detection-demo-0001", after=False),
    )
    return 1


def _case_record(authorities) -> int:
    """The cases demo's 彩钢棚 on the 12幢 roof terrace in 新胜社区 gets its record."""
    from gongzhi.cases.models import Case

    if KAIFAQU_CODE not in authorities:
        return 0
    case = Case.objects.filter(idempotency_key="demo-case-04").first()
    staff = _user("shequ")
    if case is None or staff is None or IllegalStructure.objects.filter(case=case).exists():
        return 0
    s.structure_open(
        actor=staff,
        case=case,
        structure_type="shed",
        area_found=Decimal("25"),
        address=case.address or "观河华府12幢顶楼露台",
        found_by=FoundBy.RESIDENT if case.channel == "web" else FoundBy.PATROL,
        party_name="顶楼业主",
        found_at=case.reported_at,
    )
    return 1


def build_enforcement_demo(run=None) -> dict | None:
    """Add the enforcement demo; return what it created (None when the district is missing)."""
    say = run.say if run is not None else (lambda message: None)
    community = Node.objects.filter(code=YIJIAQIAO_CODE).first()
    officer, admin = _user("zhifa"), _user("admin")
    if community is None or officer is None or admin is None or not admin.is_superuser:
        say("enforcement demo: 易家桥新村, zhifa or admin is missing; skipped")
        return None
    today = timezone.localdate()
    if today <= DEMOLITION_DAY + dt.timedelta(days=1):
        say("enforcement demo: the clock is before 2026-07-20; skipped")
        return None
    authorities = _authorities(admin)
    if XINCHENGQIAO_CODE not in authorities:
        say("enforcement demo: 新城桥街道 is missing; skipped")
        return None
    buildings = _buildings(community)
    grids = list(
        Node.objects.filter(path__startswith=community.path, level="grid").order_by("path")
    )
    rng = random.Random("gongzhi-enforcement-demo")
    existing = set(
        IllegalStructure.objects.filter(authority=authorities[XINCHENGQIAO_CODE]).values_list(
            "address", flat=True
        )
    )
    patrol, patrols = _patrols(officer, grids, today)
    created = {
        "patrols": patrols,
        "demolished": _demolished(officer, buildings, rng, patrol, existing),
        "in progress": _in_progress(officer, buildings, rng, existing, today),
        "detections": _detection(admin, grids),
        "records for cases": _case_record(authorities),
    }
    if run is not None:
        for label, n in created.items():
            run.count(f"enforcement {label}", n)
    say(
        "enforcement demo: "
        + ", ".join(f"{n} {label}" for label, n in created.items())
        + f"; {IllegalStructure.objects.count()} records in all"
    )
    return created


def run_demo_builder(run):
    return build_enforcement_demo(run)
