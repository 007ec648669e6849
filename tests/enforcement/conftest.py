import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from PIL import Image

from gongzhi.cases.seed import seed_categories
from gongzhi.enforcement.models import EnforcementAuthority
from gongzhi.org.choices import Force
from gongzhi.org.models import Party, PartyBinding
from gongzhi.org.roles import Role
from gongzhi.org.services import role_assign
from gongzhi.worktime.snapshot import forget_snapshot
from tests.replay import Replayed

# Points inside grid 1 and grid 2 of the small tree (outside their buildings).
GRID1 = {"lat": 32.05, "lon": 120.05}
GRID2 = {"lat": 32.05, "lon": 120.15}


def jpeg(color=(120, 90, 60), size=(48, 32)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="JPEG")
    return out.getvalue()


@pytest.fixture(autouse=True)
def _fresh_clock(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    forget_snapshot()
    yield
    forget_snapshot()


def _build_world(small_tree):
    seed_categories()
    bureau = Party.objects.create(name="测试街道综合行政执法局", force=Force.ENFORCEMENT)
    PartyBinding.objects.create(party=bureau, node=small_tree["street"])
    authority = EnforcementAuthority.objects.create(
        name="测试街道综合行政执法局",
        code="TS",
        node=small_tree["street"],
        party=bureau,
        address="测试路1号",
        phone="0513-85550000",
        document_prefix="测执",
        review_body="测试区人民政府",
        court="测试区人民法院",
    )
    users = {}
    for name, role, node, party in [
        ("officer", Role.ENFORCEMENT_OFFICER, "street", bureau),
        ("grid2_officer", Role.ENFORCEMENT_OFFICER, "grid2", bureau),
        ("staff", Role.STAFF, "community", None),
        ("grid_worker", Role.GRID_WORKER, "grid1", None),
        ("other_grid_worker", Role.GRID_WORKER, "grid2", None),
        ("supervisor", Role.SUPERVISOR, "street", None),
        ("auditor", Role.AUDITOR, "community", None),
    ]:
        user = _user(name, email=f"{name}@example.org")
        role_assign(user=user, role=role, node=small_tree[node], party=party)
        users[name] = user
    users["stranger"] = _user("stranger")
    return {**small_tree, "authority": authority, "bureau": bureau, "users": users}


def _user(username, **extra):
    return get_user_model().objects.create_user(username, password="pw-for-tests", **extra)


# Built through the services once per process, then replayed (tests/replay.py).
build_world = Replayed(_build_world)


@pytest.fixture
def world(small_tree):
    """The small tree with the street's bureau as the authority, seeded categories and one
    user per role."""
    return build_world(small_tree)


@pytest.fixture
def open_structure(world):
    """Open a record in grid 1 as the grid worker (overrides by keyword)."""
    from gongzhi.enforcement.services import structure_open

    def make(**overrides):
        fields = {
            "actor": world["users"]["grid_worker"],
            "structure_type": "shed",
            "area_found": "18.50",
            "address": "测试社区3幢北侧",
            "found_by": "patrol",
            "party_name": "张三",
            "party_address": "测试社区3幢2单元502室",
            "description": "3幢北侧新搭彩钢棚一处",
            "found_at": timezone.now() - dt.timedelta(days=30),
            **GRID1,
        }
        fields.update(overrides)
        return structure_open(**fields)

    return make


@pytest.fixture
def patrol_structure(world):
    """A record opened from a patrol finding (with its case) in grid 1 by the grid worker."""
    from gongzhi.enforcement.services import patrol_report_finding, patrol_start

    def make(**overrides):
        worker = world["users"]["grid_worker"]
        patrol = patrol_start(actor=worker)
        fields = {
            "patrol": patrol,
            "actor": worker,
            "description": "3幢北侧新搭彩钢棚一处",
            "photos": [jpeg()],
            "structure_type": "shed",
            "area": "18.50",
            "address": "测试社区3幢北侧",
            "party_name": "张三",
            **GRID1,
        }
        fields.update(overrides)
        finding = patrol_report_finding(**fields)
        record = finding.record
        type(record).objects.filter(pk=record.pk).update(
            found_at=timezone.now() - dt.timedelta(days=30)
        )
        record.refresh_from_db()
        return record

    return make
