"""Deployment settings, read from environment variables with safe local defaults.

Community policy (deadlines, point rules, holidays) is data in the database, not here.
See docs/configuration in README.md for the table of variables.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_bool(name: str, default: bool = False) -> bool:
    """A yes/no variable. Anything but the usual spellings stops start-up: a typo such as
    SECURE_SSL_REDIRECT=ture must not silently read as "off"."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a yes/no value: use one of 1/0, true/false, yes/no, on/off."
    )


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
DATA_DIR = Path(os.environ.get("GONGZHI_DATA_DIR") or Path.cwd() / "var").resolve()
MEDIA_ROOT = Path(os.environ.get("GONGZHI_MEDIA_ROOT") or DATA_DIR / "media")
STATIC_ROOT = Path(os.environ.get("GONGZHI_STATIC_ROOT") or DATA_DIR / "static")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string, or set DEBUG=1 for local development (make run does this)."
        )
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "treebeard",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves the API docs' Swagger UI from local static files, not a CDN
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "gongzhi.core",
    "gongzhi.org",
    "gongzhi.accounts",
    "gongzhi.worktime",
    "gongzhi.cases",
    "gongzhi.enforcement",
    "gongzhi.api",
    "gongzhi.open311",
    "gongzhi.volunteering",
    "gongzhi.points",
    "gongzhi.participation",
    "gongzhi.charity",
    "gongzhi.portal",
    "gongzhi.insights",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files (CSS, JS, Leaflet) straight from the web process, compressed and cached.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "gongzhi.core.middleware.RequestIdMiddleware",
    "gongzhi.api.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gongzhi.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Staff whose roles reach personal data must have passed a second factor (docs/accounts.md).
    "gongzhi.accounts.middleware.AccountGateMiddleware",
    # Last: counts failed logins and locks out (django-axes).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongzhi.urls"
WSGI_APPLICATION = "gongzhi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "gongzhi.core.context_processors.site",
                "gongzhi.core.context_processors.nav",
                "gongzhi.org.context_processors.org_nav",
            ],
        },
    },
]


def _database_config() -> dict:
    url = os.environ.get("DATABASE_URL", "")
    if url:
        config = dj_database_url.parse(url)
    else:
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DATA_DIR / "gongzhi.sqlite3")}
    # Persistent connections: a worker keeps its connection for CONN_MAX_AGE seconds instead
    # of opening one per request (0 closes it after each request), checked before reuse.
    config["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))
    config["CONN_HEALTH_CHECKS"] = env_bool("CONN_HEALTH_CHECKS", True)
    if config["ENGINE"].endswith("postgresql"):
        # No parallel workers for the web's short queries by default: starting them costs
        # about 20 ms on a small server, more than a page of 100 cases costs at a million rows
        # (docs/performance.md). DATABASE_PARALLEL_WORKERS=2 gives them back.
        workers = int(os.environ.get("DATABASE_PARALLEL_WORKERS", "0"))
        options = config.setdefault("OPTIONS", {})
        options["options"] = (
            options.get("options", "") + f" -c max_parallel_workers_per_gather={workers}"
        ).strip()
        if os.environ.get("DATABASE_PREPARE"):
            # Server-side parameters, and a query prepared (parsed and planned once per
            # connection) from its DATABASE_PREPARE-th run; not behind pgbouncer in
            # transaction mode (docs/performance.md).
            options["server_side_binding"] = True
            options["prepare_threshold"] = int(os.environ["DATABASE_PREPARE"])
    if config["ENGINE"].endswith("postgresql") and env_bool("DATABASE_POOL"):
        # psycopg's connection pool (pip install "psycopg[pool]"), shared by the threads of a
        # process; Django requires CONN_MAX_AGE 0 with it.
        config["CONN_MAX_AGE"] = 0
        config.setdefault("OPTIONS", {})["pool"] = {
            "min_size": int(os.environ.get("DATABASE_POOL_MIN_SIZE", "1")),
            "max_size": int(os.environ.get("DATABASE_POOL_MAX_SIZE", "4")),
            "timeout": float(os.environ.get("DATABASE_POOL_TIMEOUT", "10")),
        }
    if config["ENGINE"].endswith("sqlite3"):
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # WAL lets readers work beside one writer; IMMEDIATE takes the write lock at BEGIN so
        # that concurrent writers queue on busy_timeout instead of failing mid-transaction
        # with "database is locked".
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;"
            ),
        }
        # Tests use a file, not memory, so that concurrency tests can open several connections.
        config["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
    return config


DATABASES = {"default": _database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "gongzhi",
    }
}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out address or login before the password is even checked.
    "gongzhi.accounts.backends.LoginFailureBackend",
    # Django's ModelBackend, reading the login's person in the same query (accounts.backends).
    "gongzhi.accounts.backends.PersonModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (cached for a year by browsers) and gzip/brotli copies, made by collectstatic.
    "staticfiles": {
        "BACKEND": "gongzhi.core.staticfiles.StaticStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}


def _xstatic_dirs() -> list[tuple[str, str]]:
    import xstatic.pkg.leaflet
    import xstatic.pkg.leaflet_markercluster

    return [
        ("leaflet", xstatic.pkg.leaflet.BASE_DIR),
        ("leaflet-markercluster", xstatic.pkg.leaflet_markercluster.BASE_DIR),
    ]


STATICFILES_DIRS = _xstatic_dirs()

# Upload limits: Django refuses larger request bodies before any view runs.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# One case photo may be at most this large (it is re-encoded without EXIF before storing).
GONGZHI_PHOTO_MAX_BYTES = int(os.environ.get("GONGZHI_PHOTO_MAX_BYTES", str(10 * 1024 * 1024)))

# Background work (webhook deliveries, notifications): Django's task framework through the
# django-tasks backport, stored in the database and run by `gongzhi db_worker`.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# How long a process may use what it cached of rarely-changing rows (categories, policies,
# the org tree around a grid, API keys, webhook subscriptions) and when it last read the
# boundary and calendar stamps. A change is seen at once by the process that made it and
# within this many seconds by every other one. 0 reads everything on every use.
GONGZHI_CACHE_SECONDS = float(os.environ.get("GONGZHI_CACHE_SECONDS", "5"))

# Anonymous report intake (POST /api/public/reports): requests per client address, e.g. "20/h".
GONGZHI_PUBLIC_REPORT_RATE = os.environ.get("GONGZHI_PUBLIC_REPORT_RATE", "20/h")
# The portal's public reads (GET /api/public/...): requests per client address.
GONGZHI_PUBLIC_READ_RATE = os.environ.get("GONGZHI_PUBLIC_READ_RATE", "600/h")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "gongzhi@localhost")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
# Behind a TLS-terminating proxy: redirect plain HTTP and send HSTS (both off for local runs).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
# Preloading is a decision for the domain's owner, not a default of the software.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Forwarded headers (X-Forwarded-Proto, X-Forwarded-For) are believed only behind a proxy
# that sets them; otherwise any client could claim any address and escape every rate limit.
BEHIND_PROXY = env_bool("BEHIND_PROXY")
# How many proxies in front of the web process append to X-Forwarded-For (read behind a proxy).
GONGZHI_PROXY_COUNT = max(env_int("GONGZHI_PROXY_COUNT", 1), 1) if BEHIND_PROXY else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
# django-ninja's throttles read X-Forwarded-For whole when this is unset; ours use
# gongzhi.core.clientip, and this keeps ninja's own fallback on the same rule.
NINJA_NUM_PROXIES = GONGZHI_PROXY_COUNT
X_FRAME_OPTIONS = "DENY"

# Rate limits (gongzhi.core.ratelimit), counted in the default cache: shared by every process
# when REDIS_URL is set. "N/s|m|h|d", or "N/Mm" for N per M minutes.
GONGZHI_RATE_LIMITS = {
    "report_form": os.environ.get("GONGZHI_REPORT_FORM_RATE", "20/h"),
    "duplicate_check": os.environ.get("GONGZHI_DUPLICATE_CHECK_RATE", "120/h"),
    "login_ip": os.environ.get("GONGZHI_LOGIN_IP_RATE", "30/h"),
    "login_account": os.environ.get("GONGZHI_LOGIN_ACCOUNT_RATE", "10/h"),
    "code_send_phone_minute": "1/m",
    "code_send_phone_hour": "5/h",
    "code_send_ip_minute": "3/m",
    "code_send_ip_hour": "20/h",
    "code_verify_ip": "30/h",
    "second_factor": "10/15m",
}
RATELIMIT_IP_META_KEY = "gongzhi.core.clientip.client_ip"
RATELIMIT_USE_CACHE = "default"

# Failed logins (django-axes): after this many failures of one login from one address, the pair
# is locked for the cool-off time. The database keeps the record (admin: Axes).
AXES_FAILURE_LIMIT = env_int("GONGZHI_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "gongzhi.core.clientip.client_ip"
AXES_LOCKOUT_CALLABLE = "gongzhi.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Content-Security-Policy (django-csp): scripts and styles only from this site's static files.
_tile_origin = ""
if os.environ.get("GONGZHI_MAP_TILE_URL"):
    from urllib.parse import urlsplit as _urlsplit

    _parts = _urlsplit(os.environ["GONGZHI_MAP_TILE_URL"].replace("{s}", "a"))
    _tile_origin = f"{_parts.scheme}://{_parts.netloc}" if _parts.netloc else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:", *([_tile_origin] if _tile_origin else [])],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Webhooks: targets on loopback, private, link-local or metadata addresses are refused unless
# a deployment really delivers inside its own network (docs/api.md).
GONGZHI_WEBHOOK_ALLOW_PRIVATE = env_bool("GONGZHI_WEBHOOK_ALLOW_PRIVATE")

# Resident sign-in by phone code (docs/accounts.md).
GONGZHI_SMS_BACKEND = os.environ.get(
    "GONGZHI_SMS_BACKEND", "gongzhi.accounts.sms.ConsoleSmsBackend"
)
GONGZHI_SMS_GATEWAY_URL = os.environ.get("GONGZHI_SMS_GATEWAY_URL", "")
GONGZHI_SMS_GATEWAY_TOKEN = os.environ.get("GONGZHI_SMS_GATEWAY_TOKEN", "")
GONGZHI_PRIVACY_NOTICE_VERSION = os.environ.get("GONGZHI_PRIVACY_NOTICE_VERSION", "2026-01")
# Staff whose roles see personal data or administer must pass a TOTP second factor.
GONGZHI_REQUIRE_SECOND_FACTOR = True
OTP_TOTP_ISSUER = os.environ.get("GONGZHI_SITE_NAME", "") or "gongzhi"

# Map: no external tiles by default (the boundaries are drawn on a plain background).
# A deployment that has a tile server sets GONGZHI_MAP_TILE_URL, e.g.
# https://tiles.example.org/{z}/{x}/{y}.png
GONGZHI_MAP_TILE_URL = os.environ.get("GONGZHI_MAP_TILE_URL", "")
GONGZHI_MAP_TILE_ATTRIBUTION = os.environ.get("GONGZHI_MAP_TILE_ATTRIBUTION", "")
# Without a tile server, maps that take a plain tile URL (the staff case map) draw the offline
# basemap the portal serves as PNG tiles (docs/portal.md); empty turns that off.
GONGZHI_LOCAL_BASEMAP_URL = os.environ.get(
    "GONGZHI_LOCAL_BASEMAP_URL", "/portal/basemap/{z}/{x}/{y}.png"
)
GONGZHI_SITE_NAME = os.environ.get("GONGZHI_SITE_NAME", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
