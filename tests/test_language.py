def test_site_speaks_chinese_whatever_the_browser_asks(client, db, settings):
    settings.LANGUAGE_CODE = "zh-hans"  # the deployed default; the test settings use English
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "zh-hans"
    assert '<html lang="zh-hans">' in response.content.decode()


def test_english_on_request(client, db):
    client.cookies["django_language"] = "en"
    response = client.get("/")
    assert response["Content-Language"] == "en"


def test_unknown_language_cookie_falls_back(client, db, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    client.cookies["django_language"] = "xx"
    assert client.get("/")["Content-Language"] == "zh-hans"


def test_login_page_carries_the_platform_name_not_the_host(client, db):
    response = client.get("/accounts/login/")
    title = response.content.decode().split("<title>")[1].split("</title>")[0]
    assert "testserver" not in title
    assert "gongzhi" in title or "共治" in title
