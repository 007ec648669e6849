"""Settings for the test suite: the deployment settings with a test key and a fast hasher."""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
if not os.environ.get("GONGZHI_DATA_DIR"):
    # A directory of this run's own, so that two test runs on one machine never share (and
    # delete) each other's SQLite test database; subprocesses (test servers) inherit it.
    _run_dir = tempfile.mkdtemp(prefix="gongzhi-test-")
    os.environ["GONGZHI_DATA_DIR"] = _run_dir
    atexit.register(shutil.rmtree, _run_dir, ignore_errors=True)

from gongzhi.settings import *  # noqa: E402,F403
from gongzhi.settings import DATA_DIR, DATABASES, STATIC_ROOT  # noqa: E402

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
# Static files as Django finds them (the production storage needs collectstatic's manifest);
# tests/test_deployment.py runs the production layout.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Apps' tests sign staff in without an authenticator; tests/accounts turn the gate on.
GONGZHI_REQUIRE_SECOND_FACTOR = False
GONGZHI_SMS_BACKEND = "gongzhi.accounts.sms.MemorySmsBackend"
