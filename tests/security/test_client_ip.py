"""One rule for the client's address: forwarded headers count only behind a configured proxy."""

from django.test import RequestFactory, override_settings

from gongzhi.core.clientip import client_ip
from tests.api.test_public_and_categories import REPORT, _post


def _request(xff=None, remote="198.51.100.7"):
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **meta)


@override_settings(BEHIND_PROXY=False, GONGZHI_PROXY_COUNT=0)
def test_without_a_proxy_the_forwarded_header_is_ignored():
    assert client_ip(_request("203.0.113.5")) == "198.51.100.7"


@override_settings(BEHIND_PROXY=True, GONGZHI_PROXY_COUNT=1)
def test_behind_one_proxy_only_the_entry_it_wrote_counts():
    # The client wrote "6.6.6.6"; our proxy appended the address it saw.
    assert client_ip(_request("6.6.6.6, 203.0.113.5")) == "203.0.113.5"
    assert client_ip(_request("203.0.113.5")) == "203.0.113.5"
    assert client_ip(_request("not-an-address")) == "198.51.100.7"


@override_settings(BEHIND_PROXY=True, GONGZHI_PROXY_COUNT=2)
def test_behind_two_proxies_the_second_entry_from_the_right_is_the_client():
    assert client_ip(_request("6.6.6.6, 203.0.113.5, 10.0.0.2")) == "203.0.113.5"


def test_ninja_is_told_how_many_proxies_to_trust():
    from django.conf import settings

    assert settings.NINJA_NUM_PROXIES == settings.GONGZHI_PROXY_COUNT
    assert settings.NINJA_NUM_PROXIES is not None


@override_settings(GONGZHI_PUBLIC_REPORT_RATE="2/m", BEHIND_PROXY=False, GONGZHI_PROXY_COUNT=0)
def test_a_spoofed_forwarded_header_does_not_lift_the_api_limit(client, world):
    codes = [
        _post(
            client,
            {**REPORT, "description": f"电梯坏了第{n}次"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        ).status_code
        for n in range(3)
    ]
    assert codes == [201, 201, 429]


@override_settings(GONGZHI_PUBLIC_REPORT_RATE="2/m", BEHIND_PROXY=True, GONGZHI_PROXY_COUNT=1)
def test_behind_a_proxy_a_prepended_header_does_not_lift_the_api_limit(client, world):
    codes = [
        _post(
            client,
            {**REPORT, "description": f"电梯坏了第{n}次"},
            HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 203.0.113.9",
        ).status_code
        for n in range(3)
    ]
    assert codes == [201, 201, 429]
