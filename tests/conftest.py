import pytest
from django.contrib.auth import get_user_model

from gongzhi.org.choices import Level
from gongzhi.org.models import Node
from gongzhi.org.services import node_create
from tests import dbobjects
from tests.replay import Replayed

pytest_plugins = ["tests.browser_fixtures"]

# The test databases are made from the models (``--no-migrations``); see tests/dbobjects.py.
dbobjects.connect()

# Packages whose fixture builds the whole demo district once per worker: their tests are kept
# on one worker (make test runs ``--dist loadgroup``), so the district is built once a run.
DEMO_PACKAGES = ("tests/demo/district/",)


def pytest_itemcollected(item):
    # As each test is collected: xdist reads the group when the collection is done.
    if any(package in item.nodeid for package in DEMO_PACKAGES):
        item.add_marker(pytest.mark.xdist_group("demo-district"))


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    """Each test starts from what its own database holds, whatever an earlier test cached in
    the per-process caches (``gongzhi.core.hotcache``)."""
    from gongzhi.core import hotcache

    hotcache.clear_process_caches()
    yield
    hotcache.clear_process_caches()


@pytest.fixture(autouse=True)
def _rate_windows_hold_still(monkeypatch):
    """django-ratelimit counts in fixed windows of wall-clock time (each key's window ends at
    its own second): a test's few requests must all fall in one window, or a limit that should
    bite lets the last one through (seen about once in a hundred runs). Its clock stands still
    for the test; nothing else's does."""
    from types import SimpleNamespace

    import django_ratelimit.core as ratelimit_core

    frozen = ratelimit_core.time.time()
    monkeypatch.setattr(ratelimit_core, "time", SimpleNamespace(time=lambda: frozen))


class FakeClock:
    """Stands in for ``hotcache.clock``: time moves only when a test says so."""

    def __init__(self):
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def cache_clock(monkeypatch):
    """Control the clock of the per-process caches: ``cache_clock.advance(seconds)``."""
    from gongzhi.core import hotcache

    fake = FakeClock()
    monkeypatch.setattr(hotcache, "clock", fake)
    hotcache.clear_process_caches()
    return fake


@pytest.fixture
def make_user(db):
    counter = {"n": 0}

    def make(username=None, **extra):
        counter["n"] += 1
        return get_user_model().objects.create_user(
            username=username or f"user{counter['n']}", password="pw-for-tests", **extra
        )

    return make


def square(lon, lat, size):
    return {
        "type": "Polygon",
        "coordinates": [
            [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
        ],
    }


def _build_small_tree():
    def add(parent, level, name, code, box):
        return node_create(parent=parent, level=level, name=name, code=code, boundary=square(*box))

    district = add(None, Level.DISTRICT, "测试区", "T", (120, 32, 1))
    street = add(district, Level.STREET, "测试街道", "T-S", (120, 32, 0.5))
    community = add(street, Level.COMMUNITY, "测试社区", "T-S-C", (120, 32, 0.2))
    grid1 = add(community, Level.GRID, "第1网格", "T-S-C-G1", (120, 32, 0.1))
    grid2 = add(community, Level.GRID, "第2网格", "T-S-C-G2", (120.1, 32, 0.1))
    b1 = add(grid1, Level.BUILDING, "1幢", "T-S-C-G1-B1", (120.01, 32.01, 0.01))
    b2 = add(grid2, Level.BUILDING, "2幢", "T-S-C-G2-B2", (120.11, 32.01, 0.01))
    nodes = [district, street, community, grid1, grid2, b1, b2]
    names = ["district", "street", "community", "grid1", "grid2", "b1", "b2"]
    return {name: Node.objects.get(pk=node.pk) for name, node in zip(names, nodes, strict=True)}


build_small_tree = Replayed(_build_small_tree)


@pytest.fixture
def small_tree(db):
    """district → street → community → two grids, each with one building (tests/replay.py)."""
    return build_small_tree()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counts and lockouts live in the cache: every test starts from none."""
    from django.core.cache import cache

    cache.clear()
    yield
