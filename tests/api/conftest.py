import pytest
from django.core.cache import cache

from tests.cases.conftest import categories, report, world  # noqa: F401


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counts live in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _loopback_webhook_receivers(settings):
    """These tests' receivers listen on loopback; tests/security/test_webhook_targets.py checks
    that such targets are refused with the setting at its default."""
    settings.GONGZHI_WEBHOOK_ALLOW_PRIVATE = True
