"""Demo data for charity in 新胜社区: the 石榴籽爱心公社 and two partner units, the 玉树助学 drive
of 2026-07-22 with its goals, about forty pledges (some anonymous) and receipts, a delivery
carried by volunteers of a volunteering activity, a summer-care (暑托) gift drive whose leftovers
went to the points store, and a long-term assistance file for a child under a pseudonym with
consent and five years of visits.

Registered as a demo builder (``gongzhi demo``) after volunteering and the points store. It
goes through the services for everything that moves stock or changes a state, so the ledger
reconciles; the visit timeline is written in bulk. Running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import random

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongzhi.charity.choices import (
    BeneficiaryKind,
    ConsentScope,
    OrganisationKind,
    VisitKind,
)
from gongzhi.charity.models import Drive, Organisation, Visit
from gongzhi.charity.services import (
    assistance_file_open,
    delivery_complete,
    delivery_create,
    delivery_sign_off,
    drive_close,
    drive_create,
    drive_open,
    drive_report,
    item_kind_get_or_create,
    organisation_create,
    organisation_staff_add,
    place_create,
    pledge_create,
    pledge_receive,
    stock_transfer_to_points_store,
)
from gongzhi.org.choices import Level
from gongzhi.org.models import Household, Node, PartnerUnit, Person
from gongzhi.org.roles import Role

COMMUNITY = "新胜社区"
DRIVE_TITLE = "玉树助学"
SUMMER_TITLE = "暑托班爱心礼包"
OFFICER = "cishan"
ORG_STAFF = "gongshe"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = [
    "建国",
    "秀英",
    "志强",
    "丽华",
    "海燕",
    "文博",
    "晓明",
    "春梅",
    "国平",
    "玉兰",
    "子涵",
    "浩然",
]
VISIT_NOTES = [
    ("上门看望，了解学习和生活情况，孩子性格开朗。", "学习用品一套"),
    ("与班主任电话沟通，孩子成绩稳步提高。", ""),
    ("节日慰问，送去新衣和书包。", "冬衣一件、书包一个"),
    ("结对党员辅导功课，陪孩子读书一小时。", ""),
    ("暑期走访，邀请孩子参加社区暑托班。", "暑托班名额"),
    ("组织体检，身体情况良好。", "体检一次"),
]


def _user(username: str, run):
    users = get_user_model()
    user = users.objects.filter(username=username).first()
    if user is None:
        password = run.password if run is not None else "gongzhi2026"
        user = users.objects.create_user(username=username, password=password)
    return user


def _officer(community, run):
    from gongzhi.org.models import RoleAssignment
    from gongzhi.org.services import role_assign

    user = _user(OFFICER, run)
    if not RoleAssignment.objects.filter(
        user=user, role=Role.CHARITY_OFFICER, node=community
    ).exists():
        role_assign(user=user, role=Role.CHARITY_OFFICER, node=community)
    return user


def _organisations(community):
    partner = {p.name: p for p in PartnerUnit.objects.filter(node__path__startswith=community.path)}
    specs = [
        ("石榴籽爱心公社", OrganisationKind.SOCIAL_ORGANISATION, "52320602MJ0000001X", None),
        ("润发超市", OrganisationKind.PARTNER_UNIT, "", partner.get("润发超市（共建单位）")),
        (
            "观河华府物业服务中心",
            OrganisationKind.PARTNER_UNIT,
            "",
            partner.get("观河华府物业服务中心"),
        ),
    ]
    made = []
    for name, kind, number, unit in specs:
        org = Organisation.objects.filter(node=community, name=name).first()
        if org is None:
            org = organisation_create(
                node=community,
                name=name,
                kind=kind,
                registration_number=number,
                contact_name="马老师" if kind == OrganisationKind.SOCIAL_ORGANISATION else "李经理",
                contact_phone="13962800000" if kind == OrganisationKind.SOCIAL_ORGANISATION else "",
                partner_unit=unit,
            )
        made.append(org)
    return made


def _aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _pledges(drive, kinds, place, rng, day: dt.date):
    """About forty pledges whose goods add up to the goals; a few are still to arrive."""
    notebook, bag, stationery = kinds
    left = {notebook: 200, bag: 100, stationery: 50}
    received = 0
    for index in range(40):
        items = []
        for kind, size in ((notebook, 8), (bag, 4), (stationery, 2)):
            if left[kind] > 0 and rng.random() < 0.8:
                quantity = min(left[kind], rng.randint(1, size * 2) if index < 38 else left[kind])
                left[kind] -= quantity
                items.append((kind, quantity))
        cash = None if index % 6 else f"{rng.randint(1, 20) * 50}.00"
        if not items and cash is None:
            cash = "100.00"
        donor = rng.choice(SURNAMES) + rng.choice(GIVEN)
        pledge = pledge_create(
            drive=drive,
            donor_name=donor,
            is_anonymous=index % 5 == 3,
            items=items,
            cash=cash,
            cash_received_by="石榴籽爱心公社" if cash else "",
            at=_aware(day + dt.timedelta(days=index % 14), 9),
        )
        if index < 37:
            pledge_receive(
                pledge=pledge,
                place=place if items else None,
                at=_aware(day + dt.timedelta(days=index % 14 + 1), 15),
                cash_receipt_number=f"SLZ-2026-{index + 1:04d}" if cash else None,
            )
            received += 1
    return received


def _volunteer_activity(community, day: dt.date, title: str, volunteers, *, past: bool):
    """A volunteering activity for the delivery; in the past the volunteers are checked in and
    out (so hours and points flow through volunteering), upcoming they are signed up."""
    from gongzhi.volunteering.choices import CheckMethod
    from gongzhi.volunteering.models import Activity, ServiceTeam
    from gongzhi.volunteering.services import (
        activity_create,
        activity_publish,
        attendance_check_in,
        attendance_check_out,
        report_file,
        signup_create,
        team_create,
    )

    team = ServiceTeam.objects.filter(node__path__startswith=community.path).order_by("pk").first()
    if team is None:
        team = team_create(node=community, name="石榴籽爱心服务队")
    existing = Activity.objects.filter(team=team, title=title).first()
    if existing is not None:
        return existing
    start = _aware(day, 9)
    opens = start - dt.timedelta(days=5) if past else timezone.now() - dt.timedelta(hours=1)
    activity = activity_publish(
        activity=activity_create(
            team=team,
            title=title,
            description=f"{title}：搬运、打包、送达。",
            location="新胜社区党群服务中心爱心仓库",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=3),
            capacity=max(6, len(volunteers)),
            signup_opens_at=opens,
            signup_closes_at=start - dt.timedelta(hours=1),
        )
    )
    for person in volunteers:
        signup_create(activity=activity, person=person, at=opens + dt.timedelta(minutes=5))
    if past:
        for person in volunteers:
            attendance_check_in(
                activity=activity, person=person, method=CheckMethod.ACTIVITY_CODE, at=start
            )
            attendance_check_out(
                activity=activity,
                person=person,
                method=CheckMethod.ACTIVITY_CODE,
                at=start + dt.timedelta(hours=3),
            )
        report_file(
            activity=activity,
            summary=f"{title}顺利完成，{len(volunteers)}名志愿者参与。",
            people_served=1,
            at=start + dt.timedelta(hours=4),
        )
    return activity


def _jpeg(seed: int) -> ContentFile:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (160, 120), (240, 230 - seed * 8 % 60, 220))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20 + seed % 40, 30, 120, 90), fill=(183, 28, 28))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return ContentFile(out.getvalue(), name=f"visit-{seed}.jpg")


def _assistance(community, caseworker, organisation, rng):
    from gongzhi.charity.models import AssistanceFile

    existing = AssistanceFile.objects.filter(node=community, pseudonym="小娜").first()
    if existing is not None:
        return existing
    home = Node.objects.filter(path__startswith=community.path, level=Level.BUILDING).first()
    party_member = (
        Person.objects.filter(node__path__startswith=community.path)
        .exclude(party_member_kind="")
        .order_by("pk")
        .first()
    )
    opened = dt.date(2021, 9, 1)
    file = assistance_file_open(
        node=community,
        subject_name="阿依努尔",
        pseudonym="小娜",
        categories=["child", "dibao"],
        reason="父亲因病去世，母亲在外务工，随外婆生活；家庭享受低保，需要长期的学业和生活帮扶。",
        plan="每季度上门走访一次；结对党员每月辅导功课；每学期资助学习用品；暑期安排暑托班。",
        caseworker=caseworker,
        opened_on=opened,
        organisation=organisation,
        party_member=party_member,
        consent_scope=ConsentScope.PSEUDONYM,
        consent_on=opened,
        consent_by="监护人（外婆）",
        sensitive={
            "health": "轻度哮喘，需随身携带喷雾。",
            "income": "家庭月收入约1800元（低保）",
            "exact_address": f"{home.name if home else '观河华府'}2单元301室",
            "school": "南通市新胜小学（化名）",
        },
    )
    visits = []
    day = opened
    index = 0
    while day <= dt.date(2026, 9, 1):
        note, support = VISIT_NOTES[index % len(VISIT_NOTES)]
        visit = Visit(
            file=file,
            kind=VisitKind.SUPPORT if support else VisitKind.VISIT,
            visited_on=day,
            note=note,
            support=support,
            is_public=index % 2 == 0,
            recorded_by=caseworker,
        )
        if index % 7 == 0:
            visit.photo.save(f"visit-{index}.jpg", _jpeg(index), save=False)
        visits.append(visit)
        day = day + dt.timedelta(days=91)
        index += 1
    Visit.objects.bulk_create(visits)
    return file


def _yushu(community, organisation, kinds, place, rng, volunteers, officer):
    drive = drive_create(
        node=community,
        organisation=organisation,
        title=DRIVE_TITLE,
        purpose="为青海玉树藏族自治州寄宿制小学的孩子们募集学习用品，让高原上的课堂多一份温暖。",
        beneficiary_description="玉树州称多县寄宿制小学的学生",
        starts_on=dt.date(2026, 7, 22),
        ends_on=dt.date(2026, 8, 31),
        location="新胜社区党群服务中心",
        cash_goal="5000",
        goals=[(kinds[0], 200), (kinds[1], 100), (kinds[2], 50)],
    )
    drive_open(drive=drive)
    received = _pledges(drive, kinds, place, rng, dt.date(2026, 7, 22))
    activity = _volunteer_activity(
        community, dt.date(2026, 8, 20), "玉树助学物资打包寄送", volunteers, past=True
    )
    from gongzhi.charity.models import StockLevel

    on_hand = {
        level.item_kind_id: level.on_hand for level in StockLevel.objects.filter(drive=drive)
    }
    items = [(k, on_hand[k.pk] - 5) for k in kinds if on_hand.get(k.pk, 0) > 5]
    delivery = delivery_create(
        drive=drive,
        place=place,
        beneficiary_kind=BeneficiaryKind.SCHOOL,
        recipient_name="称多县拉布乡寄宿制小学",
        public_name_consent=True,
        node=community,
        scheduled_on=dt.date(2026, 8, 20),
        items=items,
        activity=activity,
        volunteers=volunteers,
    )
    delivery_sign_off(delivery=delivery, signed_by_name="扎西才让（校长）")
    delivery_complete(delivery=delivery)
    drive_close(drive=drive)
    drive_report(
        drive=drive,
        report="本次助学活动共收到爱心捐赠，学习用品已由志愿者打包寄送至称多县拉布乡寄宿制小学，"
        "校方签收。余下少量物资留存社区爱心仓库，用于后续助学。",
    )
    return drive, received


def _summer(community, partner, place, rng, file, volunteers, jumin):
    book = item_kind_get_or_create(name="绘本", unit="本")
    cup = item_kind_get_or_create(name="保温水杯", unit="个")
    drive = drive_create(
        node=community,
        organisation=partner,
        title=SUMMER_TITLE,
        purpose="为社区暑托班的孩子准备结业礼物：绘本和保温水杯。",
        beneficiary_description="新胜社区暑托班学员及困境儿童家庭",
        starts_on=dt.date(2026, 7, 1),
        ends_on=dt.date(2026, 8, 15),
        location="新胜社区花香书屋",
        goals=[(book, 60), (cup, 40)],
    )
    drive_open(drive=drive)
    for index in range(8):
        pledge = pledge_create(
            drive=drive,
            donor_name=rng.choice(SURNAMES) + rng.choice(GIVEN),
            is_anonymous=index == 2,
            items=[(book, 8), (cup, 6)],
            at=_aware(dt.date(2026, 7, 2 + index)),
        )
        pledge_receive(pledge=pledge, place=place, at=_aware(dt.date(2026, 7, 3 + index), 16))
    gift = delivery_create(
        drive=drive,
        place=place,
        beneficiary_kind=BeneficiaryKind.ASSISTANCE_FILE,
        assistance_file=file,
        recipient_name="",
        node=community,
        scheduled_on=dt.date(2026, 8, 12),
        items=[(book, 3), (cup, 1)],
    )
    delivery_sign_off(delivery=gift, sign_mark="外婆代签")
    delivery_complete(delivery=gift)
    drive_close(drive=drive)
    # The leftover cups go onto the shelves of the points store.
    from gongzhi.points.models import Goods
    from gongzhi.points.services import goods_create

    goods = Goods.objects.filter(community=community, name="保温水杯").first()
    if goods is None:
        goods = goods_create(
            community=community,
            actor=None,
            name="保温水杯",
            price=80,
            description="暑托班爱心礼包捐赠的保温水杯",
            donor=partner.partner_unit,
        )
    stock_transfer_to_points_store(
        drive=drive, place=place, item_kind=cup, quantity=20, goods=goods, note="暑托班结余"
    )
    # One delivery still to carry, for the volunteer's phone page.
    household = Household.objects.filter(building__path__startswith=community.path).first()
    if jumin is not None and household is not None:
        activity = _volunteer_activity(
            community,
            timezone.localdate() + dt.timedelta(days=2),
            "暑托礼包送上门",
            [jumin],
            past=False,
        )
        delivery_create(
            drive=drive,
            place=place,
            beneficiary_kind=BeneficiaryKind.HOUSEHOLD,
            household=household,
            recipient_name=str(household),
            public_category="困难家庭",
            node=household.building,
            scheduled_on=timezone.localdate() + dt.timedelta(days=2),
            items=[(book, 2)],
            activity=activity,
            volunteers=[jumin],
        )
    return drive


def build_charity_demo(run=None) -> dict | None:
    """Add the charity demo to 新胜社区; None when the community is not there."""
    community = Node.objects.filter(level=Level.COMMUNITY, name=COMMUNITY).first()
    if community is None:
        if run is not None:
            run.say("charity demo: 新胜社区 is not there; skipped")
        return None
    if Drive.objects.filter(node=community, title=DRIVE_TITLE).exists():
        return {"drives": 0}
    rng = random.Random(20260722)
    with transaction.atomic():
        officer = _officer(community, run)
        users = get_user_model().objects
        caseworker = users.filter(username="shequ").first() or officer
        gongshe, runfa, _wuye = _organisations(community)
        organisation_staff_add(organisation=gongshe, user=_user(ORG_STAFF, run))
        place = place_create(
            node=community, name="社区爱心仓库", address="新胜社区党群服务中心一楼"
        )
        kinds = [
            item_kind_get_or_create(name="笔记本", unit="本"),
            item_kind_get_or_create(name="书包", unit="个"),
            item_kind_get_or_create(name="文具", unit="套"),
        ]
        jumin = Person.objects.filter(user__username="jumin").first()
        pool = list(
            Person.objects.filter(node__path__startswith=community.path, is_volunteer=True)
            .exclude(pk=getattr(jumin, "pk", None))
            .order_by("pk")[:3]
        )
        volunteers = ([jumin] if jumin else []) + pool
        if not volunteers:
            volunteers = list(Person.objects.filter(node__path__startswith=community.path)[:3])
        yushu, received = _yushu(community, gongshe, kinds, place, rng, volunteers, officer)
        file = _assistance(community, caseworker, gongshe, rng)
        _summer(community, runfa, place, rng, file, volunteers, jumin)
    if run is not None:
        # Not added to the district's login table (which lists the district's own logins);
        # docs/charity.md names them.
        run.say(
            f"charity demo: logins {OFFICER} (charity officer) and {ORG_STAFF} (石榴籽爱心公社)"
        )
        run.count("charity drives", 2)
        run.count("charity pledges received", received + 8)
    return {"drives": 2, "pledges": 48, "received": received + 8}
