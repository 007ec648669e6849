"""Settings for the test suite: the deployment settings with a test key and a fast hasher."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("GONGZHI_DATA_DIR", str(Path(tempfile.gettempdir()) / "gongzhi-test-data"))

from gongzhi.settings import *  # noqa: E402,F403
from gongzhi.settings import DATA_DIR, DATABASES  # noqa: E402

DATA_DIR.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = DATA_DIR / "media"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["*"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
# Tests assert the English source text; tests/test_translations.py asks for zh-hans explicitly.
LANGUAGE_CODE = "en"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
