"""A yes/no setting with a typo stops start-up and names the setting."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from gongzhi.settings import env_bool


def test_env_bool_reads_the_usual_spellings(monkeypatch):
    for word, value in [("1", True), ("Yes", True), ("on", True), ("0", False), ("off", False)]:
        monkeypatch.setenv("GZ_TEST_FLAG", word)
        assert env_bool("GZ_TEST_FLAG") is value
    monkeypatch.setenv("GZ_TEST_FLAG", "")
    assert env_bool("GZ_TEST_FLAG", True) is True


def test_env_bool_refuses_a_typo(monkeypatch):
    monkeypatch.setenv("GZ_TEST_FLAG", "ture")
    with pytest.raises(ImproperlyConfigured, match="GZ_TEST_FLAG"):
        env_bool("GZ_TEST_FLAG")


def test_start_up_refuses_secure_ssl_redirect_ture():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gongzhi.settings",
        "SECRET_KEY": "x" * 50,
        "SECURE_SSL_REDIRECT": "ture",
    }
    result = subprocess.run(
        [sys.executable, "-m", "gongzhi", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stderr and "ture" in result.stderr
