"""Demo data for volunteering: 新胜社区's nine 红网服务队, its venues, past activities with
attendance (so that records and certificates have content) and a few coming up.

It builds on the demo district when it is there and does nothing otherwise. Running it again
changes nothing: a team that already exists keeps its activities as they are. Registered as a
demo builder (``gongzhi demo``), it also gives the demo logins a part: ``duizhang`` leads the
team of his grid and ``jumin`` serves in another, so both have hours and points.

Check-outs go through the attendance services, so when the points app is installed and the
community has a rule for service hours (the points demo sets its rules first), the past
activities award their points through the real hook.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from gongzhi.org.choices import Level
from gongzhi.org.models import Node, Person
from gongzhi.org.services import person_create
from gongzhi.volunteering.choices import CheckMethod, LabelKind, Rating, TeamRole
from gongzhi.volunteering.models import Label, ServiceTeam, Venue
from gongzhi.volunteering.services import (
    activity_create,
    activity_publish,
    attendance_check_in,
    attendance_check_out,
    award_record,
    evaluation_record,
    report_file,
    signup_create,
    team_create,
    team_member_set,
    training_record,
)

COMMUNITY = "新胜社区"
PROGRAMMES = ["爱分享", "爱守护", "爱解忧"]
PLANS = ["暖心计划", "民心计划", "联心计划"]
VENUES = [
    ("树下议事厅", "观河华府小区中心广场香樟树下", 40),
    ("花香书屋", "新胜社区党群服务中心一楼", 25),
]
# (team, programme, plan, activity titles)
TEAMS = [
    (
        "红网·政策宣讲服务队",
        "爱分享",
        "联心计划",
        ["政策宣讲进楼道", "民法典小课堂", "防范电信诈骗宣传"],
    ),
    (
        "红网·紫藤宣讲队",
        "爱分享",
        "民心计划",
        ["紫藤花开故事会", "红色故事分享会", "新时代文明实践宣讲"],
    ),
    (
        "红网·书香分享服务队",
        "爱分享",
        "暖心计划",
        ["花香书屋亲子共读", "暑期少儿读书会", "老年人智能手机课堂"],
    ),
    (
        "红网·平安守护服务队",
        "爱守护",
        "民心计划",
        ["夜间平安巡逻", "消防安全隐患排查", "电动车充电安全检查"],
    ),
    (
        "红网·文明治理服务队",
        "爱守护",
        "联心计划",
        ["楼道焕新颜清洁行动", "垃圾分类指导", "文明养犬劝导"],
    ),
    ("红网·护幼守护服务队", "爱守护", "暖心计划", ["护苗安全课堂", "上下学护学岗", "暑期托管陪伴"]),
    (
        "红网·矛盾调解服务队",
        "爱解忧",
        "民心计划",
        ["树下议事厅邻里议事", "邻里纠纷调解日", "物业矛盾协商会"],
    ),
    ("红网·关爱帮困服务队", "爱解忧", "暖心计划", ["独居老人上门走访", "爱心义剪", "困难家庭慰问"]),
    (
        "红网·物业专技服务队",
        "爱解忧",
        "联心计划",
        ["免费维修小家电", "楼道灯具检修", "管道疏通便民服务"],
    ),
]
STARTS = [time(9, 0), time(14, 30), time(19, 0)]
FALLBACK_NAMES = [
    "陈建华",
    "刘桂英",
    "周志强",
    "吴秀兰",
    "徐国平",
    "孙丽萍",
    "马卫东",
    "朱海燕",
    "胡建军",
    "郭玉梅",
    "何文斌",
    "高春燕",
    "林永红",
    "罗德明",
    "梁淑珍",
    "宋立新",
]


def _aware(day, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def _labels() -> dict[str, Label]:
    labels = {}
    for kind, names in ((LabelKind.PROGRAMME, PROGRAMMES), (LabelKind.PLAN, PLANS)):
        for name in names:
            labels[name], _created = Label.objects.get_or_create(kind=kind, name=name)
    return labels


def _venues(community: Node) -> list[Venue]:
    lat = lon = None
    if community.bbox:
        lon = round((community.min_lon + community.max_lon) / 2, 6)
        lat = round((community.min_lat + community.max_lat) / 2, 6)
    return [
        Venue.objects.get_or_create(
            node=community,
            name=name,
            defaults={"address": address, "capacity": capacity, "lat": lat, "lon": lon},
        )[0]
        for name, address, capacity in VENUES
    ]


def _volunteers(community: Node) -> list[Person]:
    """The community's people, volunteers first; a few are added when there are too few."""
    people = list(
        Person.objects.filter(node__path__startswith=community.path).order_by(
            "-is_volunteer", "party_member_kind", "id"
        )[:60]
    )
    if len(people) >= 12:
        return people
    home = (
        Node.objects.filter(path__startswith=community.path, level=Level.BUILDING).first()
        or community
    )
    for name in FALLBACK_NAMES:
        if not Person.objects.filter(node=home, name=name).exists():
            people.append(person_create(node=home, name=name, is_volunteer=True))
    return people


def _run_past(activity, team_people, rng, day, always=()):
    """Sign people up, check them in and out, and file the report, all on the day it ran."""
    attendees = rng.sample(team_people, k=min(len(team_people), rng.randint(3, 6)))
    attendees += [person for person in always if person not in attendees]
    for person in attendees:
        signup_create(activity=activity, person=person, at=activity.signup_opens_at)
    for person in attendees:
        late = timedelta(minutes=rng.choice([-10, 0, 5, 15]))
        early = timedelta(minutes=rng.choice([0, 0, 10, 30]))
        attendance_check_in(
            activity=activity,
            person=person,
            method=CheckMethod.ACTIVITY_CODE,
            at=activity.starts_at + late,
        )
        attendance_check_out(
            activity=activity,
            person=person,
            method=CheckMethod.ACTIVITY_CODE,
            at=activity.ends_at - early,
        )
    served = rng.randint(12, 80)
    report_file(
        activity=activity,
        summary=f"{activity.title}顺利开展，{len(attendees)}名志愿者参与，服务居民{served}人次。",
        people_served=served,
        at=activity.ends_at + timedelta(minutes=30),
    )


# Which team each demo login takes part in (by index in TEAMS): the team leader login leads
# the team of the second grid, where he lives; the resident login serves in the first team.
FEATURED = {"duizhang": 1, "jumin": 0}


def _featured_members(members, index, featured):
    """The team's members with the demo login that belongs to this team put in: the leader
    first, a volunteer last; and who of them always attends."""
    leader, volunteer = featured.get("duizhang"), featured.get("jumin")
    if leader is not None and FEATURED["duizhang"] == index:
        members = [leader] + [m for m in members if m.pk != leader.pk][:5]
        return members, [leader]
    if volunteer is not None and FEATURED["jumin"] == index:
        members = [m for m in members if m.pk != volunteer.pk][:5] + [volunteer]
        return members, [volunteer]
    return members, []


def _build_team(spec, index, community, grids, labels, venues, pool, rng, today, featured):
    name, programme, plan, titles = spec
    node = grids[index % len(grids)] if grids else community
    team = team_create(
        node=node,
        name=name,
        description=f"依托网格党支部组建，开展“{programme}”模块、“{plan}”志愿服务。",
        labels=[labels[programme], labels[plan]],
    )
    members, always = _featured_members(rng.sample(pool, k=min(len(pool), 6)), index, featured)
    joined = today - timedelta(days=400)
    for position, person in enumerate(members):
        role = TeamRole.LEADER if position == 0 else TeamRole.MEMBER
        team_member_set(team=team, person=person, role=role, joined_on=joined)
    past = 0
    for round_ in range(4):
        day = today - timedelta(days=2 + 40 * round_ + index * 3)
        start = _aware(day, STARTS[(index + round_) % len(STARTS)])
        venue = venues[(index + round_) % len(venues)] if round_ % 2 == 0 else None
        activity = activity_create(
            team=team,
            labels=[labels[programme], labels[plan]],
            title=titles[round_ % len(titles)],
            description=f"{name}组织的{titles[round_ % len(titles)]}活动。",
            venue=venue,
            location="" if venue else f"{node.name}",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            capacity=10,
            signup_opens_at=start - timedelta(days=7),
            signup_closes_at=start,
        )
        activity_publish(activity=activity)
        _run_past(activity, members, rng, day, always)
        past += 1
    day = today + timedelta(days=3 + index)
    start = _aware(day, STARTS[index % len(STARTS)])
    upcoming = activity_publish(
        activity=activity_create(
            team=team,
            labels=[labels[programme], labels[plan]],
            title=titles[-1],
            description=f"欢迎居民报名参加{name}的{titles[-1]}。",
            venue=venues[index % len(venues)],
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            capacity=8,
            signup_opens_at=timezone.now() - timedelta(days=1),
            signup_closes_at=start - timedelta(hours=2),
        )
    )
    for person in members[1:3]:
        signup_create(activity=upcoming, person=person)
    leader = members[0]
    training_record(
        person=leader,
        title="志愿服务骨干培训",
        held_on=today - timedelta(days=200),
        hours=3,
        organiser=f"{community.name}党委",
    )
    award_record(
        person=leader,
        title="优秀志愿者",
        awarded_by=f"{community.name}党委",
        awarded_on=today - timedelta(days=100),
    )
    evaluation_record(
        person=leader,
        period=str(today.year - 1),
        rating=Rating.EXCELLENT,
        evaluated_on=today - timedelta(days=120),
        comment="服务积极，群众认可。",
    )
    return past + 1


def build_volunteering_demo(run=None) -> dict | None:
    """Add 新胜社区's teams, venues and activities; None when the demo district is missing.

    ``run`` is the demo district's ``DemoRun`` when called as a demo builder: its people behind
    the logins (``run.extra["staff"]``) take part, and what was created is counted on it.
    """
    community = Node.objects.filter(level=Level.COMMUNITY, name=COMMUNITY).first()
    if community is None:
        if run is not None:
            run.say("volunteering demo: 新胜社区 is not there; skipped")
        return None
    featured = dict(run.extra.get("staff") or {}) if run is not None else {}
    today = timezone.localdate()
    rng = random.Random(20240719)
    created_teams = activities = 0
    with transaction.atomic():
        labels = _labels()
        venues = _venues(community)
        grids = list(Node.objects.filter(path__startswith=community.path, level=Level.GRID))
        pool = _volunteers(community)
        existing = set(
            ServiceTeam.objects.filter(node__path__startswith=community.path).values_list(
                "name", flat=True
            )
        )
        for index, spec in enumerate(TEAMS):
            if spec[0] in existing:
                continue
            activities += _build_team(
                spec, index, community, grids, labels, venues, pool, rng, today, featured
            )
            created_teams += 1
    if run is not None:
        run.count("service teams", created_teams)
        run.count("volunteer activities", activities)
    return {"teams": created_teams, "activities": activities}
