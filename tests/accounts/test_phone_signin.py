"""Residents sign in with a phone number and a one-time code."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from gongzhi.accounts.models import PhoneCode, PrivacyConsent, ResidentAccount

PHONE = "13812345678"


def _ask(client, phone=PHONE, **extra):
    return client.post("/accounts/phone/", {"phone": phone}, **extra)


def _enter(client, code, **extra):
    return client.post("/accounts/phone/code/", {"code": code}, **extra)


def test_first_sign_in_creates_the_account_then_asks_name_building_and_consent(
    client, world, outbox, settings
):
    assert _ask(client, "+86 138-1234-5678").status_code == 302
    code = outbox[-1]["code"]
    assert len(code) == 6 and code.isdigit() and outbox[-1]["phone"] == PHONE
    response = _enter(client, code)
    assert response.status_code == 302
    account = ResidentAccount.objects.get()
    assert account.phone == PHONE and PHONE not in account.user.username
    # Anything else waits for the first-visit details.
    assert client.get("/report/mine/")["Location"].startswith("/accounts/welcome/")
    building = world.get("b1")
    data = {"display_name": "张小明", "consent": "on"}
    if building is not None:
        data["building"] = building.pk
    assert client.post("/accounts/welcome/", data).status_code == 302
    account.refresh_from_db()
    assert account.user.first_name == "张小明"
    version = settings.GONGZHI_PRIVACY_NOTICE_VERSION
    assert PrivacyConsent.objects.filter(user=account.user, version=version).exists()
    assert client.get("/report/mine/").status_code == 200


def test_consent_is_required_and_asked_again_for_a_new_notice_version(
    client, world, outbox, settings
):
    _ask(client)
    _enter(client, outbox[-1]["code"])
    refused = client.post("/accounts/welcome/", {"display_name": "小明"})
    assert refused.status_code == 400 and not PrivacyConsent.objects.exists()
    client.post("/accounts/welcome/", {"display_name": "小明", "consent": "on"})
    assert client.get("/report/mine/").status_code == 200
    settings.GONGZHI_PRIVACY_NOTICE_VERSION = "2099-01"
    assert client.get("/report/mine/")["Location"].startswith("/accounts/welcome/")


def test_codes_are_stored_only_as_hashes(client, world, outbox):
    _ask(client)
    code = outbox[-1]["code"]
    row = PhoneCode.objects.get()
    assert code not in row.code_digest and PHONE not in row.phone_digest
    assert row.expires_at - row.created_at == timedelta(minutes=5)


def test_a_code_works_once(client, world, outbox):
    _ask(client)
    code = outbox[-1]["code"]
    assert _enter(client, code).status_code == 302
    client.logout()
    session = client.session
    session["gongzhi.signin.phone"] = PHONE
    session.save()
    response = _enter(client, code)
    assert (
        response.status_code == 400 and "expired or was already used" in response.content.decode()
    )


def test_an_expired_code_is_refused(client, world, outbox):
    _ask(client)
    PhoneCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = _enter(client, outbox[-1]["code"])
    assert response.status_code == 400 and not ResidentAccount.objects.exists()


def test_five_wrong_codes_lock_the_number(client, world, outbox):
    _ask(client)
    right = outbox[-1]["code"]
    wrong = "000000" if right != "000000" else "111111"
    pages = [_enter(client, wrong).content.decode() for _ in range(5)]
    assert "4 tries left" in pages[0] and "locked" in pages[-1]
    assert "locked" in _enter(client, right).content.decode()
    assert not ResidentAccount.objects.exists()
    assert "locked" in _ask(client).content.decode()


def test_one_code_a_minute_per_number(client, world, outbox):
    assert _ask(client).status_code == 302
    again = _ask(client, REMOTE_ADDR="10.0.0.9")
    assert again.status_code == 429 and "wait a minute" in again.content.decode()
    assert len(outbox) == 1


def test_five_codes_an_hour_per_number(client, world, outbox, settings):
    settings.GONGZHI_RATE_LIMITS = {
        **settings.GONGZHI_RATE_LIMITS,
        "code_send_phone_minute": "100/m",
        "code_send_ip_minute": "100/m",
    }
    codes = [_ask(client, REMOTE_ADDR=f"10.0.0.{n}").status_code for n in range(6)]
    assert codes == [302] * 5 + [429]
    assert "last hour" in _ask(client, REMOTE_ADDR="10.0.1.1").content.decode()


def test_codes_per_address_are_limited_across_numbers(client, world, outbox):
    numbers = [f"1391234560{n}" for n in range(4)]
    codes = [_ask(client, number).status_code for number in numbers]
    assert codes == [302, 302, 302, 429]


@pytest.mark.parametrize("bad", ["12345", "23812345678", "1381234567a", ""])
def test_bad_numbers_are_refused_naming_the_field(client, world, outbox, bad):
    response = _ask(client, bad)
    assert response.status_code == 400 and not outbox
    assert "mobile" in response.content.decode()


def test_no_way_to_tell_whether_a_number_is_registered(
    client, world, outbox, django_assert_num_queries
):
    from django.test import Client

    _ask(client)
    _enter(client, outbox[-1]["code"])
    assert ResidentAccount.objects.filter(phone=PHONE).exists()
    from django.core.cache import cache

    cache.clear()  # the sign-in's own code counts against the number's per-minute limit

    def answer(number, ip):
        other = Client()
        response = other.post("/accounts/phone/", {"phone": number}, REMOTE_ADDR=ip)
        page = other.get(response["Location"])
        return (
            response.status_code,
            response["Location"],
            page.content.decode().replace(number[-4:], "XXXX"),
        )

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as registered_queries:
        registered = answer(PHONE, "10.1.0.1")
    with CaptureQueriesContext(connection) as unknown_queries:
        unknown = answer("13900001111", "10.1.0.2")
    assert registered[:2] == unknown[:2]

    def strip(page):
        page = re.sub(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', "", page)
        return re.sub(r"1\d\d\*{4}\w{4}", "PHONE", page)

    assert strip(registered[2]) == strip(unknown[2])
    assert len(registered_queries) == len(unknown_queries)
    assert [m["phone"] for m in outbox[-2:]] == [PHONE, "13900001111"]
