import io

import pytest
from django.contrib.auth import get_user_model
from PIL import Image

from gongzhi.cases.choices import CategoryKind, Channel, TimeUnit
from gongzhi.cases.models import Category, CategoryQuestion
from gongzhi.cases.services import case_report
from gongzhi.org.choices import Force
from gongzhi.org.models import Party, PartyBinding
from gongzhi.org.roles import Role
from gongzhi.org.services import role_assign
from tests.replay import Replayed

# A point inside grid 1 of the small tree (and inside its building's box? no: beside it).
GRID1_POINT = {"lon": 120.05, "lat": 32.05}
GRID2_POINT = {"lon": 120.15, "lat": 32.05}


def jpeg_bytes(size=(64, 48), color=(200, 30, 30), exif=None) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, color)
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(out, format="JPEG", **kwargs)
    return out.getvalue()


def _build_categories():
    group = Category.objects.create(
        code="property", name="物业服务", kind=CategoryKind.INCIDENT, is_group=True
    )
    leaf = Category.objects.create(
        code="property-lift",
        name="电梯故障",
        kind=CategoryKind.COMPONENT,
        parent=group,
        responsible_force=Force.PROPERTY_MANAGER,
        accept_limit=2,
        accept_unit=TimeUnit.HOURS,
        dispatch_limit=4,
        dispatch_unit=TimeUnit.HOURS,
        handle_limit=2,
        handle_unit=TimeUnit.DAYS,
        verify_limit=1,
        verify_unit=TimeUnit.DAYS,
        photo_required_at_resolution=False,
    )
    enforcement = Category.objects.create(
        code="illegal-building",
        name="私搭乱建",
        kind=CategoryKind.INCIDENT,
        responsible_force=Force.ENFORCEMENT,
        handle_limit=5,
        handle_unit=TimeUnit.DAYS,
        revisit_after_days=30,
        photo_required_at_resolution=False,
    )
    noise = Category.objects.create(
        code="noise",
        name="噪音扰民",
        kind=CategoryKind.INCIDENT,
        responsible_force=Force.RESIDENTS,
    )
    CategoryQuestion.objects.create(
        category=leaf, code="floor", label="几楼?", type="number", required=True
    )
    CategoryQuestion.objects.create(
        category=leaf,
        code="trapped",
        label="有人被困吗?",
        type="single_choice",
        choices=[{"key": "yes", "label": "有"}, {"key": "no", "label": "没有"}],
    )
    return {"group": group, "lift": leaf, "building": enforcement, "noise": noise}


def _build_world(small_tree, categories):
    property_co = Party.objects.create(name="观河华府物业服务中心", force=Force.PROPERTY_MANAGER)
    PartyBinding.objects.create(party=property_co, node=small_tree["grid1"])
    bureau = Party.objects.create(name="综合行政执法局", force=Force.ENFORCEMENT)
    PartyBinding.objects.create(party=bureau, node=small_tree["street"])
    users = {}
    for name, role, node, party in [
        ("staff", Role.STAFF, "community", None),
        ("dispatcher", Role.DISPATCHER, "community", None),
        ("grid_worker", Role.GRID_WORKER, "grid1", None),
        ("other_grid_worker", Role.GRID_WORKER, "grid2", None),
        ("supervisor", Role.SUPERVISOR, "community", None),
        ("street_supervisor", Role.SUPERVISOR, "street", None),
        ("handler", Role.HANDLER, "community", property_co),
        ("officer", Role.ENFORCEMENT_OFFICER, "street", bureau),
    ]:
        user = _user(name, email=f"{name}@example.org")
        role_assign(user=user, role=role, node=small_tree[node], party=party)
        users[name] = user
    users["resident"] = _user("resident", email="resident@example.org")
    users["stranger"] = _user("stranger")
    return {
        **small_tree,
        **categories,
        "property_co": property_co,
        "bureau": bureau,
        "users": users,
    }


def _user(username, **extra):
    return get_user_model().objects.create_user(username, password="pw-for-tests", **extra)


# Built through the services once per process, then replayed (tests/replay.py).
build_categories = Replayed(_build_categories)
build_world = Replayed(_build_world)


@pytest.fixture
def categories(db):
    return build_categories()


@pytest.fixture
def world(small_tree, categories):
    """The small tree with a property company bound to grid 1, an enforcement bureau bound to
    the street, and one user per role."""
    return build_world(small_tree, categories)


@pytest.fixture
def report(world):
    """Report a lift case in grid 1 as the resident (overrides by keyword)."""

    def make(**overrides):
        fields = {
            "category": world["lift"],
            "description": "3幢电梯停在5楼不动了,按钮没反应",
            "channel": Channel.WEB,
            "actor": world["users"]["resident"],
            "answers": {"floor": 5},
            "address": "观河华府3幢2单元",
            **GRID1_POINT,
        }
        fields.update(overrides)
        return case_report(**fields)

    return make
