import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from gongzhi.cases.choices import CategoryKind, TimeUnit
from gongzhi.cases.models import Category
from gongzhi.org.choices import Force
from gongzhi.org.party_services import party_bind, party_create
from gongzhi.org.roles import Role
from gongzhi.org.services import person_create, role_assign
from gongzhi.participation import services as svc
from gongzhi.points.choices import Reason
from gongzhi.points.services import rule_set


def jpeg_bytes(size=(64, 48), color=(200, 30, 30), exif=None) -> bytes:
    out = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, color).save(out, format="JPEG", **kwargs)
    return out.getvalue()


def gps_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    gps = {1: "N", 2: (32.0, 1.0, 2.0), 3: "E", 4: (120.0, 57.0, 1.0)}
    exif[0x8825] = gps
    return exif.tobytes()


@pytest.fixture
def photo():
    def make(name="photo.jpg", **kwargs):
        return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")

    return make


@pytest.fixture
def tree(small_tree):
    return small_tree


@pytest.fixture
def staff(make_user, tree):
    user = make_user("shequ")
    role_assign(user=user, role=Role.STAFF, node=tree["community"])
    return user


@pytest.fixture
def grid_worker(make_user, tree):
    user = make_user("wanggeyuan")
    role_assign(user=user, role=Role.GRID_WORKER, node=tree["grid1"])
    return user


@pytest.fixture
def make_resident(make_user, tree):
    counter = {"n": 0}

    def make(name=None, node=None):
        counter["n"] += 1
        user = make_user(f"jumin{counter['n']}")
        return person_create(node=node or tree["b1"], name=name or f"居民{counter['n']}", user=user)

    return make


@pytest.fixture
def resident(make_resident):
    return make_resident("张三明")


@pytest.fixture
def property_company(tree):
    party = party_create(name="观河华府物业服务中心", force=Force.PROPERTY_MANAGER)
    party_bind(party=party, node=tree["community"])
    return party


@pytest.fixture
def forces(tree, property_company):
    committee = party_create(name="测试社区党委", force=Force.PARTY)
    party_bind(party=committee, node=tree["community"])
    owners = party_create(name="业主委员会", force=Force.OWNERS_COMMITTEE)
    party_bind(party=owners, node=tree["grid1"])
    elsewhere = party_create(name="别处业委会", force=Force.OWNERS_COMMITTEE)
    party_bind(party=elsewhere, node=tree["grid2"])
    return [property_company, committee, owners]


@pytest.fixture
def points_rules(tree):
    rule_set(community=tree["community"], reason=Reason.COUNCIL_ATTENDANCE, points_per_unit=10)
    rule_set(community=tree["community"], reason=Reason.GOOD_DEED, points_per_unit=20)


@pytest.fixture
def category(db):
    return Category.objects.create(
        code="public-facility",
        name="公共设施",
        kind=CategoryKind.COMPONENT,
        responsible_force=Force.PROPERTY_MANAGER,
        accept_limit=2,
        accept_unit=TimeUnit.HOURS,
        dispatch_limit=4,
        dispatch_unit=TimeUnit.HOURS,
        handle_limit=2,
        handle_unit=TimeUnit.DAYS,
        verify_limit=1,
        verify_unit=TimeUnit.DAYS,
    )


@pytest.fixture
def council(tree, staff):
    return svc.council_create(
        node=tree["grid1"],
        title="第1网格三月党群议事会",
        starts_at=timezone.now() - timedelta(minutes=30),
        place="树下议事厅",
        actor=staff,
    )


@pytest.fixture
def held_council(council, staff):
    svc.council_send_notice(council=council, actor=staff)
    return svc.council_mark_held(council=council, actor=staff)


@pytest.fixture
def demand(resident):
    return svc.demand_raise(
        title="建休闲凉亭",
        text_="小区中心广场缺少遮阳避雨的凉亭",
        node=resident.node,
        actor=resident.user,
    )
