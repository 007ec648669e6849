"""Demo cases for 新胜社区 / 观河华府: a few dozen realistic reports in every state.

``build_cases_demo(run=None)`` is idempotent (each demo case has its own idempotency key, so a
second run creates nothing) and deterministic. It looks the demo district up by its codes and
does nothing when the district is not there. It writes only through the cases services.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongzhi.cases import services as s
from gongzhi.cases.choices import Channel, RatingChannel, State
from gongzhi.cases.models import Case, CasePolicy, Category
from gongzhi.cases.seed import seed_categories
from gongzhi.org.models import Node, RoleAssignment

COMMUNITY_CODE = "320602-kaifaqu-xinsheng"
COMPOUND = "观河华府"

# (key, category code, grid number, description, channel, target state, extra)
PLAN = [
    (
        1,
        "facilities-lift",
        1,
        "3幢1单元电梯停在7楼不动,按钮没反应,老人上不了楼",
        "web",
        "closed",
        {"answers": {"trapped": "无人被困", "floor": 7}, "rate": (True, True, True)},
    ),
    (
        2,
        "ebike-indoor",
        1,
        "5幢2单元有人把电动车推进楼道充电,电线拖在地上",
        "grid_worker",
        "closed",
        {"answers": {"building": "5幢2单元"}, "rate": (True, True, True)},
    ),
    (
        3,
        "ebike-flying-wire",
        2,
        "8幢北面有人从三楼窗户拉电线下来给电瓶车充电",
        "web",
        "handling",
        {},
    ),
    (
        4,
        "construction-illegal-building",
        2,
        "12幢顶楼业主在露台上搭建彩钢棚,正在施工",
        "grid_worker",
        "dispatched",
        {"answers": {"structure_type": "搭棚", "area": 25}},
    ),
    (5, "parking-disorder", 3, "南门消防通道口每天晚上都停满私家车", "web", "accepted", {}),
    (6, "housing-corridor", 3, "15幢3单元楼道里堆满纸箱和旧家具,有火灾隐患", "web", "resolved", {}),
    (
        7,
        "greening-damaged",
        4,
        "中心花园草坪被人挖了种菜,还浇粪水,味道很大",
        "web",
        "closed",
        {"rate": (True, True, False)},
    ),
    (
        8,
        "noise-square-dance",
        4,
        "晚上九点以后中心广场的广场舞音响还很响",
        "hotline",
        "reported",
        {"external_id": "12345-2026-118203"},
    ),
    (
        9,
        "property-cleaning",
        5,
        "20幢门口垃圾两天没人清运了,苍蝇很多",
        "web",
        "closed",
        {"rate": (True, True, True)},
    ),
    (10, "facilities-access-control", 5, "22幢单元门禁坏了,门一直关不上", "web", "rework", {}),
    (
        11,
        "neighbours-water",
        6,
        "楼上卫生间漏水渗到我家天花板,沟通了几次没结果",
        "web",
        "handling",
        {},
    ),
    (
        12,
        "facilities-streetlight",
        6,
        "小区西侧主干道三盏路灯不亮,晚上很黑",
        "web",
        "dispatched",
        {},
    ),
    (13, "neighbours-dogs", 1, "有人在儿童游乐区遛大型犬不牵绳", "web", "reported", {}),
    (
        14,
        "appearance-illegal-ads",
        2,
        "各单元门口贴满了开锁、通下水道的小广告",
        "grid_worker",
        "closed",
        {},
    ),
    (15, "facilities-fitness", 3, "健身区的漫步机把手断了,容易伤人", "web", "accepted", {}),
    (16, "property-fees", 4, "物业今年停车管理费涨价没有公示", "web", "parked", {}),
    (
        17,
        "parking-zombie",
        5,
        "地面停车位有一辆落满灰的旧轿车停了半年多没动",
        "grid_worker",
        "dispatched",
        {},
    ),
    (18, "noise-home", 6, "楼上每天晚上十一点以后还在拖动家具", "web", "rejected", {}),
    (
        20,
        "appearance-bin-overflow",
        2,
        "9幢旁边的垃圾桶满了溢出来,周末没人收",
        "web",
        "returned",
        {},
    ),
    (
        21,
        "greening-pruning",
        3,
        "14幢前面的香樟树枝挡住了二楼的窗户,屋里很暗",
        "web",
        "reported",
        {},
    ),
    (
        22,
        "housing-leak",
        4,
        "18幢顶楼外墙渗水,雨天墙面发霉",
        "hotline",
        "dispatched",
        {"external_id": "12345-2026-120877"},
    ),
    (23, "ebike-charger", 5, "北区充电桩有两个插口坏了一直没修", "web", "resolved", {}),
    (
        24,
        "facilities-sewer",
        6,
        "25幢门口下水道堵了,一下雨就积水",
        "web",
        "closed",
        {"rate": (True, True, True)},
    ),
    (25, "construction-renovation", 1, "4幢有住户装修要拆承重墙,邻居很担心", "web", "handling", {}),
    (
        26,
        "appearance-exposed-garbage",
        2,
        "小区东门外绿化带里有人倒建筑垃圾",
        "grid_worker",
        "accepted",
        {},
    ),
    (27, "parking-space", 3, "我的固定车位经常被别人占用", "web", "reported", {}),
    (28, "property-security", 4, "晚上外来人员可以随意进出小区", "web", "dispatched", {}),
    (29, "neighbours-dispute", 5, "两户邻居因为楼道放鞋柜吵架,希望社区调解", "staff", "closed", {}),
    (
        30,
        "roads-manhole",
        6,
        "小区内环路井盖松动,车开过去咣当响",
        "grid_worker",
        "resolved",
        {"answers": {"hazard": ["异响"]}},
    ),
    (
        31,
        "facilities-lift",
        2,
        "10幢2单元电梯运行时晃得厉害,还有咔咔的异响",
        "web",
        "dispatched",
        {"answers": {"trapped": "无人被困"}},
    ),
    (
        19,
        "facilities-lift",
        2,
        "10幢的电梯晃得很厉害还有怪声,很吓人",
        "web",
        "merged",
        {"into": 31, "answers": {"trapped": "无人被困"}},
    ),
]


def _photo(seed: str, after: bool) -> bytes:
    """A plain generated picture standing in for a phone photo (grey before, green after)."""
    import io

    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", (640, 480), (200, 205, 210) if after else (120, 120, 125))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randint(0, 600), rng.randint(0, 440)
        shade = (60, 160, 90) if after else (rng.randint(60, 160),) * 3
        draw.rectangle([x, y, x + rng.randint(20, 120), y + rng.randint(20, 90)], fill=shade)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _party_user(party):
    if party is None:
        return None
    assignment = (
        RoleAssignment.objects.filter(party=party).select_related("user").order_by("id").first()
    )
    return assignment.user if assignment else None


def _point(grid, rng):
    from shapely.geometry import Point, shape

    area = shape(grid.boundary)
    minx, miny, maxx, maxy = area.bounds
    for _attempt in range(50):
        lon, lat = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if area.contains(Point(lon, lat)):
            return round(lat, 6), round(lon, 6)
    point = area.representative_point()
    return point.y, point.x


PATHS = {
    State.REPORTED: [],
    State.ACCEPTED: ["accept"],
    State.REJECTED: ["reject"],
    State.PARKED: ["accept", "park"],
    State.MERGED: ["merge"],
    State.DISPATCHED: ["accept", "dispatch"],
    State.RETURNED: ["accept", "dispatch", "return"],
    State.HANDLING: ["accept", "dispatch", "start"],
    State.RESOLVED: ["accept", "dispatch", "start", "resolve"],
    State.CLOSED: ["accept", "dispatch", "start", "resolve", "pass"],
    State.REWORK: ["accept", "dispatch", "start", "resolve", "fail"],
}


def _drive(case, target, people, merged_into):
    staff, worker = people["staff"], people["worker"]
    for step in PATHS[target]:
        handler = _party_user(case.assigned_party) or people["admin"]
        if step == "accept":
            case = s.case_accept(case=case, actor=staff)
        elif step == "reject":
            case = s.case_reject(
                case=case, actor=staff, reason="属于邻里之间的生活习惯问题,已电话沟通建议双方协商"
            )
        elif step == "park":
            case = s.case_park(
                case=case,
                actor=staff,
                review_on=timezone.localdate() + dt.timedelta(days=60),
                reason="需业委会换届后召开业主大会表决",
            )
        elif step == "merge":
            case = s.case_merge(case=case, into=merged_into, actor=staff)
        elif step == "dispatch":
            if case.routed_party is None:
                return case  # nobody bound: it stays in the community's queue
            case = s.case_dispatch(case=case, actor=staff)
        elif step == "return":
            case = s.case_return(case=case, actor=handler, reason="该处设施不在我方服务范围")
        elif step == "start":
            case = s.case_start_handling(case=case, actor=handler)
        elif step == "resolve":
            case = s.case_resolve(
                case=case,
                actor=handler,
                note="已安排人员现场处理完毕",
                photos=[_photo(case.reference, after=True)],
            )
        elif step in ("pass", "fail"):
            case = s.case_verify(
                case=case,
                actor=worker,
                passed=step == "pass",
                note="" if step == "pass" else "现场复核问题仍存在",
            )
    return case


def build_cases_demo(run=None) -> int:
    """Add the demo cases; return how many were created (0 on a second run)."""
    say = run.say if run is not None else (lambda message: None)
    community = Node.objects.filter(code=COMMUNITY_CODE).first()
    if community is None:
        say("cases demo: 新胜社区 is not there; skipped")
        return 0
    seed_categories()
    CasePolicy.objects.get_or_create(node=community, defaults={"reference_prefix": "XS"})
    grids = {}
    for node in Node.objects.filter(
        path__startswith=community.path, depth=community.depth + 1, boundary__isnull=False
    ):
        number = node.code.rsplit("-g", 1)[-1]
        if node.code.startswith(f"{COMMUNITY_CODE}-g") and number.isdigit():
            grids[int(number)] = node
    people = {"staff": _user("shequ"), "admin": _user("admin"), "resident": _user("jumin")}
    if not grids or people["staff"] is None:
        say("cases demo: grids or the community login are missing; skipped")
        return 0
    categories = {c.code: c for c in Category.objects.filter(is_group=False)}
    rng = random.Random("gongzhi-cases-demo")
    created, cases = 0, {}
    for key, code, grid_no, text, channel, target, extra in PLAN:
        grid = grids.get(grid_no) or next(iter(grids.values()))
        lat, lon = _point(grid, rng)
        worker = _user(f"wanggeyuan{grid_no}") or people["staff"]
        actor = {
            "web": people["resident"],
            "grid_worker": worker,
            "hotline": people["staff"],
            "staff": people["staff"],
        }[channel]
        case = s.case_report(
            category=categories[code],
            description=text,
            channel=channel if actor is not None else Channel.WEB,
            actor=actor,
            lat=lat,
            lon=lon,
            address=f"{COMPOUND}{grid.name}",
            answers=extra.get("answers"),
            external_id=extra.get("external_id", ""),
            is_public=key % 3 != 0,
            reporter_name="" if channel == "web" else "王女士",
            reporter_phone="" if channel == "web" else f"1380000{key:04d}",
            idempotency_key=f"demo-case-{key:02d}",
            photos=[_photo(f"before-{key}", after=False)] if channel != "hotline" else [],
        )
        cases[key] = case
        if case.is_replay:
            continue
        created += 1
        case = _drive(
            case,
            State(target),
            {**people, "worker": worker},
            cases.get(extra.get("into")),
        )
        if case.state == State.CLOSED and "rate" in extra:
            contacted, solved, satisfied = extra["rate"]
            by = case.reporter_user or people["staff"]
            s.case_rate(
                case=case,
                by=by,
                contacted=contacted,
                solved=solved,
                satisfied=satisfied,
                channel=RatingChannel.SELF if case.reporter_user else RatingChannel.PHONE,
                comment="" if satisfied else "菜地是平了,但草皮没有补种",
            )
    if run is not None:
        run.count("cases", created)
    say(f"cases demo: {created} cases, {Case.objects.count()} in all")
    return created
