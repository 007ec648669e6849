import pytest

from gongzhi.accounts.sms import MemorySmsBackend
from tests.cases.conftest import categories, report, world  # noqa: F401


@pytest.fixture
def outbox():
    MemorySmsBackend.outbox.clear()
    yield MemorySmsBackend.outbox
    MemorySmsBackend.outbox.clear()


@pytest.fixture
def second_factor_required(settings):
    settings.GONGZHI_REQUIRE_SECOND_FACTOR = True
    # django-otp slows retries after a wrong code (a second here); the tests retry at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
