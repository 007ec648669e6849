"""The per-process caches of the hot paths: a change is seen at once in the process that made
it, and within GONGZHI_CACHE_SECONDS in every other one (simulated here by writing around the
models' signals, which is all another process's write looks like from this one)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongzhi.api.keys import apikey_create, apikey_revoke, authenticate_key
from gongzhi.api.models import ApiKey
from gongzhi.cases.models import Category
from gongzhi.cases.policy import policy_for
from gongzhi.cases.routing import route
from gongzhi.cases.selectors.categories import cached_category
from gongzhi.cases.services.categories import category_update, policy_save
from gongzhi.core import hotcache
from gongzhi.org.models import Party
from gongzhi.org.party_services import party_bind, party_create


def test_a_category_read_again_costs_no_query(world, cache_clock):
    assert cached_category("noise").name == "噪音扰民"
    with CaptureQueriesContext(connection) as ctx:
        assert cached_category("noise").name == "噪音扰民"
        assert cached_category("property") is None  # a group is no leaf
        assert cached_category("property", leaf=False).is_group
        assert cached_category("nope") is None
    assert len(ctx) == 0


def test_a_category_change_here_is_seen_at_once(world, cache_clock):
    cached_category("noise")
    admin = world["users"]["staff"]
    admin.is_superuser = True
    category_update(category=world["noise"], actor=admin, name="夜间噪音")
    assert cached_category("noise").name == "夜间噪音"


def test_a_category_change_elsewhere_is_seen_within_the_cache_time(world, cache_clock):
    assert cached_category("noise") is not None
    Category.objects.filter(code="noise").update(is_active=False)  # another process
    assert cached_category("noise") is not None
    cache_clock.advance(hotcache.ttl() - 0.1)
    assert cached_category("noise") is not None
    cache_clock.advance(0.1)
    assert cached_category("noise") is None


def test_cached_copies_do_not_leak_assignments(world, cache_clock):
    first = cached_category("noise")
    first.name = "changed by one request"
    assert cached_category("noise").name == "噪音扰民"


def test_a_revoked_key_stops_at_once_here_and_within_the_cache_time_elsewhere(db, cache_clock):
    key, plain = apikey_create(name="hotline")
    other, other_plain = apikey_create(name="camera")
    assert authenticate_key(plain) is not None and authenticate_key(other_plain) is not None
    apikey_revoke(key=key)
    assert authenticate_key(plain) is None
    assert authenticate_key(other_plain) is not None  # cached again
    # Another process revokes the second key: seen here once the cache time has passed.
    ApiKey.objects.filter(pk=other.pk).update(revoked_at=timezone.now())
    assert authenticate_key(other_plain) is not None
    cache_clock.advance(hotcache.ttl())
    assert authenticate_key(other_plain) is None


def test_a_cached_key_authenticates_without_a_query_and_checks_the_secret(db, cache_clock):
    _key, plain = apikey_create(name="hotline")
    assert authenticate_key(plain) is not None  # cached, last use recorded
    with CaptureQueriesContext(connection) as ctx:
        assert authenticate_key(plain) is not None
        assert authenticate_key(plain[:-1] + ("A" if plain[-1] != "A" else "B")) is None
    assert len(ctx) == 0
    # Each request gets its own copy of the service user (its scope is set on it).
    assert authenticate_key(plain).user is not authenticate_key(plain).user


def test_routing_follows_a_new_binding_at_once(world, cache_clock):
    assert (
        route(node=world["grid1"], category=world["building"])["party"]["name"] == "综合行政执法局"
    )
    team = party_create(name="网格执法中队", force=world["bureau"].force)
    party_bind(party=team, node=world["grid1"])
    assert route(node=world["grid1"], category=world["building"])["party"]["name"] == "网格执法中队"


def test_routing_sees_a_party_change_elsewhere_within_the_cache_time(world, cache_clock):
    assert route(node=world["grid1"], category=world["lift"])["party"] is not None
    Party.objects.filter(pk=world["property_co"].pk).update(is_active=False)
    assert route(node=world["grid1"], category=world["lift"])["party"] is not None
    cache_clock.advance(hotcache.ttl())
    assert route(node=world["grid1"], category=world["lift"])["party"] is None


def test_a_policy_change_here_is_seen_at_once(world, cache_clock):
    assert policy_for(world["grid1"]).reference_prefix == "GZ"
    admin = world["users"]["staff"]
    admin.is_superuser = True
    policy_save(actor=admin, node=world["community"], reference_prefix="CS")
    assert policy_for(world["grid1"]).reference_prefix == "CS"
