"""Staff whose roles see personal data must enrol and pass a TOTP second factor."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongzhi.accounts.second_factor import needs_second_factor


def _code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_roles_that_see_personal_data_need_a_second_factor(world):
    users = world["users"]
    assert needs_second_factor(users["staff"])
    assert not needs_second_factor(users["resident"])


def test_staff_must_set_up_totp_before_reaching_personal_data(
    client, world, second_factor_required
):
    staff = world["users"]["staff"]
    client.force_login(staff)
    blocked = client.get("/org/")
    assert blocked.status_code == 302 and blocked["Location"].startswith("/accounts/2fa/setup/")
    assert client.get("/api/nodes").status_code == 403
    page = client.get("/accounts/2fa/setup/")
    assert page.status_code == 200 and "data:image/svg+xml" in page.content.decode()
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert client.post("/accounts/2fa/setup/", {"token": "000000"}).status_code == 400
    done = client.post("/accounts/2fa/setup/", {"token": _code(device)})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10
    assert client.get("/org/").status_code == 200


def test_an_enrolled_user_passes_the_second_step_at_each_sign_in(
    client, world, second_factor_required
):
    staff = world["users"]["staff"]
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    client.force_login(staff)
    assert client.get("/org/")["Location"].startswith("/accounts/2fa/")
    assert client.post("/accounts/2fa/", {"token": "123"}).status_code == 400
    assert client.post("/accounts/2fa/", {"token": _code(device)}).status_code == 302
    assert client.get("/org/").status_code == 200


def test_a_recovery_code_works_once(client, world, second_factor_required):
    from gongzhi.accounts.second_factor import new_recovery_codes

    staff = world["users"]["staff"]
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    recovery = new_recovery_codes(staff)[0]
    client.force_login(staff)
    assert client.post("/accounts/2fa/", {"token": recovery}).status_code == 302
    client.logout()
    client.force_login(staff)
    assert client.post("/accounts/2fa/", {"token": recovery}).status_code == 400


def test_password_sign_in_then_second_step(client, world, second_factor_required):
    staff = world["users"]["staff"]
    staff.set_password("a-long-password-1")
    staff.save()
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    signed = client.post(
        "/accounts/login/", {"username": staff.username, "password": "a-long-password-1"}
    )
    assert signed.status_code == 302
    assert client.get("/cases/")["Location"].startswith("/accounts/2fa/")
    client.post("/accounts/2fa/", {"token": _code(device)})
    assert client.get("/cases/").status_code == 200


def test_residents_and_handlers_are_not_asked(client, world, second_factor_required):
    client.force_login(world["users"]["resident"])
    assert client.get("/report/mine/").status_code == 200
