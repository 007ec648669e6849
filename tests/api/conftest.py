import pytest
from django.core.cache import cache

from tests.cases.conftest import categories, report, world  # noqa: F401


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counts live in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()
