"""Demo data for participation: 新胜社区's 72 microgrid groups and 6 grids with six months of
monthly councils (most held, a few missed), their agendas, minutes, attendance and resolutions;
50+ demands done and some open; the service catalogue from the demo's parties, partner units
and volunteer teams; tasks from resolutions and demands; 200+ photos on the two boards, some
waiting for moderation.

History is written in bulk (one ``bulk_create`` per table) so that the whole demo stays fast;
the one council still to come is planned through the services. Running it again changes
nothing: a community that already has councils is left as it is. The photos are small JPEGs
drawn here with Pillow.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import uuid

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image, ImageDraw

from gongzhi.org.choices import Level
from gongzhi.org.models import Node, PartnerUnit, Party, Person
from gongzhi.participation import codes, images
from gongzhi.participation.choices import (
    AttendanceMethod,
    Board,
    CouncilKind,
    CouncilState,
    DemandSource,
    DemandState,
    InviteeKind,
    PostState,
    RequestState,
    ResolutionOutcome,
    TaskSource,
    TaskState,
)
from gongzhi.participation.demo_data import (
    DEMANDS,
    EXPOSURE_CAPTIONS,
    PARTNER_SERVICES,
    PRAISE_CAPTIONS,
    SERVICES,
    TEAM_SERVICES,
    TOPICS,
)
from gongzhi.participation.models import (
    AgendaItem,
    BoardPost,
    Council,
    CouncilAttendance,
    Demand,
    DemandPhoto,
    DemandProgress,
    Invitation,
    Resolution,
    ServiceEntry,
    ServiceRequest,
    Task,
    TaskProgress,
)
from gongzhi.worktime.clock import get_clock

COMMUNITY_CODE = "320602-kaifaqu-xinsheng"
MONTHS = 6
MISS_RATE = 0.07
DONE_DEMANDS = 56
OPEN_DEMANDS = 14
POSTS = 220
DISTINCT_IMAGES = 36


def _month_starts(today: dt.date, count: int) -> list[dt.date]:
    months, year, month = [], today.year, today.month
    for _i in range(count + 1):
        months.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(months))  # oldest first, the current month last


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _jpeg(rng: random.Random, kind: str) -> bytes:
    """A small scene: sky, ground, a building and a few shapes (a few KB)."""
    width, height = 320, 240
    sky = (rng.randint(150, 210), rng.randint(190, 230), rng.randint(220, 255))
    image = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(image)
    ground = (rng.randint(90, 140), rng.randint(140, 180), rng.randint(80, 110))
    draw.rectangle([0, 150, width, height], fill=ground)
    bx = rng.randint(10, 150)
    draw.rectangle([bx, 40, bx + 120, 160], fill=(rng.randint(170, 220),) * 3)
    for wy in range(55, 150, 25):
        for wx in range(bx + 10, bx + 110, 28):
            draw.rectangle([wx, wy, wx + 14, wy + 12], fill=(90, 110, 140))
    accent = (200, 40, 40) if kind == Board.EXPOSURE else (240, 180, 40)
    for _i in range(rng.randint(2, 5)):
        x, y = rng.randint(0, width - 40), rng.randint(150, height - 30)
        draw.ellipse([x, y, x + rng.randint(15, 40), y + rng.randint(10, 25)], fill=accent)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=60, optimize=True)
    return out.getvalue()


def _save(content: bytes, folder: str) -> str:
    return default_storage.save(
        f"participation/{folder}/{uuid.uuid4().hex}.jpg", io.BytesIO(content)
    )


class _Codes:
    def __init__(self, rng):
        self.rng, self.used = rng, set(Council.objects.values_list("short_code", flat=True))

    def next(self) -> str:
        while True:
            code = "".join(self.rng.choice(codes.ALPHABET) for _ in range(codes.SHORT_LENGTH))
            if code not in self.used:
                self.used.add(code)
                return code


def build_participation_demo(run=None) -> dict | None:
    community = Node.objects.filter(code=COMMUNITY_CODE).first()
    if community is None:
        return None
    if Council.objects.filter(node__path__startswith=community.path).exists():
        if run is not None:
            run.say("participation: already there")
        return None
    rng = random.Random("gongzhi-participation-demo")
    now = timezone.now()
    today = timezone.localdate()
    clock = get_clock(community)
    grids = list(
        Node.objects.filter(path__startswith=community.path, level=Level.GRID).order_by("path")
    )
    microgrids = list(
        Node.objects.filter(path__startswith=community.path, level=Level.MICROGRID).order_by("path")
    )
    people = list(
        Person.objects.filter(node__path__startswith=community.path, is_resident=True)
        .select_related("node")
        .only("pk", "name", "node__path", "user_id")
    )
    by_micro: dict[str, list[Person]] = {}
    for person in people:
        by_micro.setdefault(person.node.path[: community.depth * 4 + 8], []).append(person)
    parties = (run.extra.get("parties") if run is not None else None) or {}
    party_of = {key: party for key, party in parties.items()}
    serving = list(
        Party.objects.filter(
            is_active=True,
            bindings__node__path__in=[
                community.path[:i] for i in range(4, len(community.path) + 1, 4)
            ]
            + [g.path for g in grids],
        ).distinct()
    )
    property_company = party_of.get("property-guanhe") or next(
        (p for p in serving if p.force == "property_manager"), None
    )
    User = get_user_model()
    staff_user = User.objects.filter(username="shequ").first()
    workers = {u.username: u for u in User.objects.filter(username__startswith="wanggeyuan")}

    code_gen = _Codes(rng)
    councils, plan = [], []
    months = _month_starts(today, MONTHS)
    for month_start in months:
        current = month_start.year == today.year and month_start.month == today.month
        for node in grids + microgrids:
            if rng.random() < MISS_RATE and not current:
                continue  # missed this month
            day = month_start + dt.timedelta(days=rng.randint(4, 24))
            if current and day <= today:
                day = today + dt.timedelta(days=rng.randint(1, 6)) if rng.random() < 0.5 else day
            starts = _at(day, 19 if node.level == Level.MICROGRID else 15)
            is_grid = node.level == Level.GRID
            if starts > now:
                state = CouncilState.NOTICE_SENT if rng.random() < 0.6 else CouncilState.PLANNED
            elif current or (now - starts).days < 20:
                state = CouncilState.MINUTES_PUBLISHED
            else:
                state = CouncilState.CLOSED
            month_label = f"{month_start.month}月"
            kind = CouncilKind.PARTY_MASSES if is_grid else CouncilKind.MONTHLY
            title = f"{node.name}{month_label}{'党群议事会' if is_grid else '微网格议事会'}"
            held = state in (CouncilState.MINUTES_PUBLISHED, CouncilState.CLOSED)
            topics = rng.sample(TOPICS, 2)
            council = Council(
                node=node,
                kind=kind,
                title=title,
                starts_at=starts,
                place="树下议事厅" if is_grid else f"{node.name}楼道议事角",
                state=state,
                short_code=code_gen.next(),
                created_by=staff_user,
                created_at=starts - dt.timedelta(days=10),
                notice_sent_at=starts - dt.timedelta(days=3)
                if state != CouncilState.PLANNED
                else None,
                held_at=starts if held else None,
                minutes_published_at=starts + dt.timedelta(days=1) if held else None,
                closed_at=starts + dt.timedelta(days=15) if state == CouncilState.CLOSED else None,
                minutes=(
                    f"{month_label}议事会围绕“{topics[0][0]}”“{topics[1][0]}”两项议题协商，"
                    "与会各方形成决议，分别列入任务清单或转入案件办理。"
                )
                if held
                else "",
            )
            councils.append(council)
            plan.append((council, node, topics, held))
    Council.objects.bulk_create(councils)

    agenda, invitations, attendances, resolutions, tasks = [], [], [], [], []
    serving_ids = [p for p in serving]
    for council, node, topics, held in plan:
        for position, (title, discussion, _res) in enumerate(topics, start=1):
            agenda.append(
                AgendaItem(
                    council=council,
                    position=position,
                    title=title,
                    discussion=discussion if held else "",
                )
            )
        present_parties = rng.randint(3, len(serving_ids)) if held else 0
        for index, party in enumerate(serving_ids):
            invitations.append(
                Invitation(
                    council=council,
                    kind=InviteeKind.PARTY,
                    party=party,
                    present=index < present_parties,
                )
            )
        pool = by_micro.get(node.path, []) if node.level == Level.MICROGRID else []
        if node.level == Level.GRID:
            pool = [p for p in people if p.node.path.startswith(node.path)]
        invited = rng.sample(pool, min(len(pool), rng.randint(4, 8))) if pool else []
        for person in invited:
            came = held and rng.random() < 0.8
            invitations.append(
                Invitation(council=council, kind=InviteeKind.PERSON, person=person, present=came)
            )
            if came:
                attendances.append(
                    CouncilAttendance(
                        council=council,
                        person=person,
                        method=rng.choice([AttendanceMethod.QR, AttendanceMethod.SHORT_CODE]),
                        attended_at=council.starts_at + dt.timedelta(minutes=rng.randint(0, 15)),
                    )
                )
        if held:
            for _title, _discussion, text in topics:
                outcome = ResolutionOutcome.TASK if rng.random() < 0.45 else ResolutionOutcome.NONE
                task = None
                if outcome == ResolutionOutcome.TASK:
                    task = _task(
                        rng,
                        clock,
                        now,
                        text,
                        node,
                        property_company,
                        TaskSource.RESOLUTION,
                        council.starts_at + dt.timedelta(days=1),
                        staff_user,
                    )
                    tasks.append(task)
                resolutions.append(
                    (
                        Resolution(
                            council=council,
                            text=text,
                            outcome=outcome,
                            created_at=council.starts_at,
                        ),
                        task,
                    )
                )
    AgendaItem.objects.bulk_create(agenda)
    Invitation.objects.bulk_create(invitations)
    CouncilAttendance.objects.bulk_create(attendances)

    # Demands, most done through a task, some still open.
    demand_rows, demand_tasks, demand_done = [], [], []
    places_for_demands = microgrids + grids
    for index in range(DONE_DEMANDS + OPEN_DEMANDS):
        title, text, done_note = DEMANDS[index % len(DEMANDS)]
        node = places_for_demands[(index * 7) % len(places_for_demands)]
        pool = by_micro.get(node.path) or people
        person = rng.choice(pool)
        created = now - dt.timedelta(days=rng.randint(8, MONTHS * 30))
        done = index < DONE_DEMANDS
        worker = workers.get(f"wanggeyuan{(index % 6) + 1}")
        source = DemandSource.GRID_WORKER if index % 3 == 0 and worker else DemandSource.RESIDENT
        if done:
            state = DemandState.DONE
        else:
            state = rng.choice(
                [
                    DemandState.SUBMITTED,
                    DemandState.SUBMITTED,
                    DemandState.ACCEPTED,
                    DemandState.IN_PROGRESS,
                ]
            )
        task = None
        if state != DemandState.SUBMITTED:
            task = _task(
                rng,
                clock,
                now,
                title,
                node,
                property_company,
                TaskSource.DEMAND,
                created + dt.timedelta(days=2),
                staff_user,
                done=done,
            )
            demand_tasks.append(task)
        progress = (
            100 if done else (rng.choice([20, 40, 60]) if state == DemandState.IN_PROGRESS else 0)
        )
        demand = Demand(
            title=f"{node.name}{title}" if len(node.name) + len(title) <= 60 else title,
            text=text,
            node=node,
            source=source,
            raised_by=worker
            if source == DemandSource.GRID_WORKER
            else (User.objects.filter(pk=person.user_id).first() if person.user_id else None),
            raised_by_person=None if source == DemandSource.GRID_WORKER else person,
            state=state,
            decision_note="已列入任务清单，由物业负责落实。" if task else "",
            progress_percent=progress,
            completion_note=done_note if done else "",
            created_at=created,
            assessed_at=created + dt.timedelta(days=2) if task else None,
            done_at=task.done_at if done and task else None,
        )
        demand_rows.append((demand, task))
        if done:
            demand_done.append(demand)
    Task.objects.bulk_create(tasks + demand_tasks)
    for resolution, task in resolutions:
        resolution.task = task
    Resolution.objects.bulk_create([r for r, _t in resolutions])
    for demand, task in demand_rows:
        demand.task = task
    Demand.objects.bulk_create([d for d, _t in demand_rows])

    progress_rows = []
    for task in tasks + demand_tasks:
        if task.progress_percent:
            progress_rows.append(
                TaskProgress(
                    task=task,
                    percent=task.progress_percent,
                    note="按计划推进" if task.progress_percent < 100 else "已完成，居民验收满意",
                    created_at=min(now, task.starts_at + dt.timedelta(days=3)),
                )
            )
    TaskProgress.objects.bulk_create(progress_rows)
    demand_progress = [
        DemandProgress(demand=d, percent=100, note=d.completion_note, created_at=d.done_at or now)
        for d in demand_done
    ]
    DemandProgress.objects.bulk_create(demand_progress)

    # Small photos: a set of distinct scenes shared by the posts and the after photos.
    scenes = {
        board: [_jpeg(rng, board) for _ in range(DISTINCT_IMAGES // 2)] for board in Board.values
    }
    stored = {
        board: [
            (
                _save(content, "demo"),
                _save(images.redact(content, [[0.05, 0.6, 0.2, 0.15]]), "demo"),
            )
            for content in contents
        ]
        for board, contents in scenes.items()
    }
    after = [
        DemandPhoto(
            demand=d,
            stage="after",
            image=stored[Board.PRAISE][i % len(stored[Board.PRAISE])][1],
            thumbnail=stored[Board.PRAISE][i % len(stored[Board.PRAISE])][1],
            width=320,
            height=240,
            created_at=d.done_at or now,
        )
        for i, d in enumerate(demand_done)
    ]
    DemandPhoto.objects.bulk_create(after)

    posts = []
    moderator = staff_user
    for index in range(POSTS):
        board = Board.PRAISE if rng.random() < 0.55 else Board.EXPOSURE
        captions = PRAISE_CAPTIONS if board == Board.PRAISE else EXPOSURE_CAPTIONS
        node = rng.choice(microgrids)
        roll = rng.random()
        state = (
            PostState.PENDING
            if index >= POSTS - 14
            else PostState.REJECTED
            if roll < 0.04
            else PostState.HIDDEN
            if roll < 0.06
            else PostState.APPROVED
        )
        original, public = stored[board][index % len(stored[board])]
        created = now - dt.timedelta(days=rng.randint(0, MONTHS * 30), hours=rng.randint(0, 12))
        if state == PostState.PENDING:
            created = now - dt.timedelta(hours=rng.randint(1, 48))
        person = rng.choice(by_micro.get(node.path) or people)
        posts.append(
            BoardPost(
                board=board,
                node=node,
                author_person=person,
                caption=rng.choice(captions),
                state=state,
                original=original,
                public_image=public if state in (PostState.APPROVED, PostState.HIDDEN) else "",
                width=320,
                height=240,
                blur_boxes=[[0.05, 0.6, 0.2, 0.15]] if state != PostState.PENDING else [],
                reject_reason="照片与本小区无关"
                if state == PostState.REJECTED
                else ("涉及个人隐私" if state == PostState.HIDDEN else ""),
                moderated_by=moderator if state != PostState.PENDING else None,
                moderated_at=created + dt.timedelta(hours=3)
                if state != PostState.PENDING
                else None,
                created_at=created,
            )
        )
    BoardPost.objects.bulk_create(posts)

    entries = _services(community, grids, parties, rng)
    ServiceEntry.objects.bulk_create(entries)
    requests = (
        [
            ServiceRequest(
                entry=rng.choice(entries),
                person=rng.choice(people),
                note="家里老人需要帮助",
                state=rng.choice([RequestState.DONE, RequestState.DONE, RequestState.REQUESTED]),
                created_at=now - dt.timedelta(days=rng.randint(1, 60)),
            )
            for _i in range(12)
        ]
        if entries and people
        else []
    )
    ServiceRequest.objects.bulk_create(requests)

    _labels(rng, demand_done, tasks + demand_tasks, posts)
    _upcoming(run, grids, staff_user)
    counts = {
        "councils": len(councils),
        "council attendances": len(attendances),
        "demands": len(demand_rows),
        "tasks": len(tasks) + len(demand_tasks),
        "board posts": len(posts),
        "service catalogue entries": len(entries),
    }
    if run is not None:
        for label, n in counts.items():
            run.count(label, n)
    return counts


def _task(rng, clock, now, title, node, party, source, start, actor, done=None):
    days = rng.randint(5, 20)
    due = clock.deadline(start, days, "days")
    if done is None:
        done = due < now and rng.random() < 0.85
    if done:
        state, percent = TaskState.DONE, 100
        done_at = min(now, start + (due - start) * rng.uniform(0.4, 0.95))
    elif due < now:
        state, percent, done_at = TaskState.OVERDUE, rng.choice([30, 60, 80]), None
    else:
        state = rng.choice([TaskState.OPEN, TaskState.IN_PROGRESS])
        percent, done_at = (0 if state == TaskState.OPEN else rng.choice([20, 50, 70])), None
    return Task(
        title=title[:120],
        description=title,
        node=node,
        owner_party=party,
        owner_name=party.name if party else "新胜社区居委会",
        source=source,
        due_days=days,
        starts_at=start,
        due_at=due,
        progress_percent=percent,
        state=state,
        done_at=done_at,
        created_by=actor,
        created_at=start,
    )


def _services(community, grids, parties, rng) -> list[ServiceEntry]:
    entries = []
    for key, title, description, how, availability in SERVICES:
        party = parties.get(key) if parties else None
        if party is None:
            continue
        entries.append(
            ServiceEntry(
                node=community,
                provider_party=party,
                provider_name=party.name,
                title=title,
                description=description,
                how_to_request=how,
                availability=availability,
            )
        )
    for partner in PartnerUnit.objects.filter(node__path__startswith=community.path):
        title, description, availability = PARTNER_SERVICES[len(entries) % len(PARTNER_SERVICES)]
        entries.append(
            ServiceEntry(
                node=partner.node,
                provider_partner=partner,
                provider_name=partner.name,
                title=title,
                description=description,
                availability=availability,
                audience="elderly",
            )
        )
    try:
        from gongzhi.volunteering.models import ServiceTeam
    except ImportError:  # pragma: no cover - volunteering is installed with participation
        return entries
    for team in ServiceTeam.objects.filter(node__path__startswith=community.path)[:4]:
        title, description, availability = TEAM_SERVICES[0]
        entries.append(
            ServiceEntry(
                node=team.node,
                provider_team=team,
                provider_name=team.name[:100],
                title=title,
                description=description,
                availability=availability,
                audience="elderly",
                how_to_request="联系网格员或在平台提交",
            )
        )
    return entries


def _labels(rng, demands, tasks, posts) -> None:
    from gongzhi.volunteering.models import Label

    labels = list(Label.objects.all())
    if not labels:
        return
    for model, rows in ((Demand, demands), (Task, tasks), (BoardPost, posts)):
        through = model.labels.through
        field = model._meta.model_name
        links = [
            through(**{f"{field}_id": row.pk, "label_id": rng.choice(labels).pk})
            for row in rows
            if rng.random() < 0.6
        ]
        through.objects.bulk_create(links, ignore_conflicts=True)


def _upcoming(run, grids, staff_user) -> None:
    """One council still to come, planned through the services, for the demo logins to run."""
    from gongzhi.participation.services import (
        agenda_item_add,
        council_create,
        council_invite_forces,
    )

    if not grids or staff_user is None:
        return
    starts = timezone.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=2)
    council = council_create(
        node=grids[0],
        title=f"{grids[0].name}临时议事会（演示）",
        starts_at=starts,
        place="新胜社区党群服务中心",
        kind=CouncilKind.HEARING,
        actor=None,
    )
    agenda_item_add(council=council, title="中心广场凉亭选址", actor=None)
    council_invite_forces(council=council, actor=None)
