"""The shared cache: Redis at REDIS_URL (CI runs one at 127.0.0.1:6379), with rate limits
counted there by every process alike."""

import os

import pytest
from django.core.cache import caches
from django.test import RequestFactory, override_settings

REDIS_URL = os.environ.get("GONGZHI_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_or_skip():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("GONGZHI_REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis is not reachable at {REDIS_URL} and GONGZHI_REQUIRE_REDIS=1")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")


REDIS_CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": f"gz-test-{os.getpid()}",
    },
}


@override_settings(CACHES=REDIS_CACHES)
def test_the_redis_cache_stores_and_counts():
    _redis_or_skip()
    cache = caches["shared"]
    cache.set("greeting", "你好", 30)
    assert cache.get("greeting") == "你好"
    cache.add("n", 0)
    assert cache.incr("n") == 1
    cache.delete_many(["greeting", "n"])


@override_settings(
    CACHES=REDIS_CACHES, RATELIMIT_USE_CACHE="shared", GONGZHI_RATE_LIMITS={"probe": "2/m"}
)
def test_rate_limits_count_in_redis():
    _redis_or_skip()
    from gongzhi.core.ratelimit import limited

    request = RequestFactory().get("/", REMOTE_ADDR=f"10.{os.getpid() % 250}.0.1")
    key = f"probe-{os.getpid()}"
    assert [limited(request, "probe", key) for _ in range(3)] == [False, False, True]
