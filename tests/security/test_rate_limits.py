"""The HTML report form, the duplicate check and the login page are limited per address and
per account, counted in the cache."""

from django.test import override_settings

LIMITS = {
    "report_form": "2/m",
    "duplicate_check": "2/m",
    "login_ip": "3/m",
    "login_account": "2/m",
}


@override_settings(GONGZHI_RATE_LIMITS=LIMITS)
def test_the_report_form_is_limited_per_address_whatever_the_forwarded_header(client, world):
    codes = [
        client.post("/report/", {}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(3)
    ]
    assert codes == [400, 400, 429]
    assert "wait" in client.post("/report/", {}).content.decode()
    assert client.post("/report/", {}, REMOTE_ADDR="10.9.9.9").status_code == 400


@override_settings(GONGZHI_RATE_LIMITS=LIMITS)
def test_the_report_form_is_limited_per_account_across_addresses(client, world):
    client.force_login(world["users"]["resident"])
    codes = [client.post("/report/", {}, REMOTE_ADDR=f"10.0.0.{n}").status_code for n in range(3)]
    assert codes == [400, 400, 429]


@override_settings(GONGZHI_RATE_LIMITS=LIMITS)
def test_the_duplicate_check_is_limited(client, world):
    codes = [client.get("/report/check/?lat=32.05&lon=120.05").status_code for _ in range(3)]
    assert codes == [200, 200, 429]


@override_settings(GONGZHI_RATE_LIMITS=LIMITS)
def test_the_login_page_is_limited_per_account(client, world):
    def attempt(ip):
        data = {"username": "staff", "password": "wrong"}
        return client.post("/accounts/login/", data, REMOTE_ADDR=ip).status_code

    assert [attempt("10.0.0.1"), attempt("10.0.0.2"), attempt("10.0.0.3")] == [200, 200, 429]


@override_settings(GONGZHI_RATE_LIMITS=LIMITS)
def test_the_login_page_is_limited_per_address(client, world):
    codes = [
        client.post("/accounts/login/", {"username": f"u{n}", "password": "x"}).status_code
        for n in range(4)
    ]
    assert codes == [200, 200, 200, 429]
    page = client.post("/accounts/login/", {"username": "u9", "password": "x"}).content.decode()
    assert "Too many sign-in attempts" in page
