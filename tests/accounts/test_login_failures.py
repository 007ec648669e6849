"""django-axes: repeated failed logins lock the login on that address, in plain words."""

from django.test import override_settings

ROOMY = {"login_ip": "100/m", "login_account": "100/m"}


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_login(client, world, settings):
    settings.GONGZHI_RATE_LIMITS = {**settings.GONGZHI_RATE_LIMITS, **ROOMY}
    staff = world["users"]["staff"]
    staff.set_password("right-password-123")
    staff.save()
    data = {"username": staff.username, "password": "wrong"}
    codes = [client.post("/accounts/login/", data).status_code for _ in range(3)]
    assert codes[:2] == [200, 200] and codes[2] == 429
    locked = client.post(
        "/accounts/login/", {"username": staff.username, "password": "right-password-123"}
    )
    assert locked.status_code == 429 and "locked" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_message_is_in_chinese(client, world, settings):
    settings.GONGZHI_RATE_LIMITS = {**settings.GONGZHI_RATE_LIMITS, **ROOMY}
    settings.AXES_FAILURE_LIMIT = 1
    client.cookies["django_language"] = "zh-hans"
    response = client.post("/accounts/login/", {"username": "nobody", "password": "x"})
    assert response.status_code == 429
    assert "锁定" in response.content.decode()


def test_the_test_client_login_still_works(client, world):
    staff = world["users"]["staff"]
    staff.set_password("right-password-123")
    staff.save()
    assert client.login(username=staff.username, password="right-password-123")
