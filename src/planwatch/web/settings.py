"""One settings module, configured by environment variables; SQLite by default.

PLANWATCH_SECRET_KEY   the secret key; when unset, one is generated on first start and kept in
                       PLANWATCH_DATA/secret_key (mode 0600), so sessions survive restarts
PLANWATCH_DEBUG        1 for development only (`planwatch serve --dev`); never on for the demo or production
DATABASE_URL           e.g. postgres://postgres@127.0.0.1:5432/planwatch (default: SQLite in PLANWATCH_DATA)
PLANWATCH_DATA         folder for the SQLite database and uploads (default: ./var)
PLANWATCH_ALLOWED_HOSTS comma-separated (default: 127.0.0.1,localhost)
PLANWATCH_EVIDENCE_MAX_MB size limit of one evidence attachment (佐证材料), in MB (default: 10)
PLANWATCH_OFFICE_NAME  the office that runs the platform, shown in the header and on the login page
                       (default: 大连金普新区发展和改革局, the demo's)
PLANWATCH_EMAIL_HOST   SMTP server for the deadline reminders (`manage.py send_reminders`); unset: no e-mail
                       (with PLANWATCH_EMAIL_PORT, _USER, _PASSWORD, _TLS=1, _FROM)
PLANWATCH_REMIND_DAYS  days before a deadline from which reporters are reminded (banner and e-mail; default 7)
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("PLANWATCH_DATA", "var")).resolve()
DEBUG = os.environ.get("PLANWATCH_DEBUG", "") == "1"


def _stored_secret_key(folder: Path) -> str:
    """The key kept in the data folder, generated on first start. Written to a temporary file and linked into
    place, so that several workers starting at once agree on one key and none reads a half-written file."""
    path = folder / "secret_key"
    if not path.exists():
        import secrets
        import tempfile

        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".secret_key.")
        try:
            os.write(fd, secrets.token_urlsafe(64).encode())
            os.close(fd)
            os.chmod(tmp, 0o600)
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass  # another worker was first: use its key
        finally:
            os.unlink(tmp)
    return path.read_text(encoding="ascii").strip()


SECRET_KEY = os.environ.get("PLANWATCH_SECRET_KEY", "") or _stored_secret_key(DATA_DIR)
ALLOWED_HOSTS = os.environ.get("PLANWATCH_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves the Swagger UI assets locally (no CDN)
    "planwatch.web",
    "planwatch.web.accounts",
    "planwatch.web.plans",
    "planwatch.web.monitoring",
    "planwatch.web.ledgers",
    "axes",  # login throttling (see the end of this file)
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "planwatch.web.language.LanguageMiddleware",  # Chinese unless the switch chose English (language.py)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a locked-out login into the 429 page (auth.locked_out)
]
ROOT_URLCONF = "planwatch.web.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
        "planwatch.web.context.site",
    ]},
}]
WSGI_APPLICATION = "planwatch.web.wsgi.application"
# axes first: it refuses a locked-out name before any password is checked; then the role comes with the user
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "planwatch.web.auth.ProfileBackend"]
# Evaluations and page fragments are cached per worker process, keyed by each plan's data version (never
# stale). Django's default keeps 300 entries; a province's regions × years × languages need more.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                      "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PLANWATCH_CACHE_ENTRIES", "5000"))}}}
DATABASES = {"default": dj_database_url.parse(
    os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'planwatch.sqlite3'}"), conn_max_age=60)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Several workers write to one file: WAL lets readers go on while one writer writes; every transaction
    # takes the write lock when it begins (BEGIN IMMEDIATE), so a reader never has to upgrade its lock
    # mid-transaction, which SQLite refuses at once ("database is locked") instead of waiting; writers queue
    # for up to `timeout` seconds. synchronous=NORMAL is durable in WAL mode except on power loss of the OS.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": 30, "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]  # Chinese is the source language; locale/en holds the English catalogue
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600  # the switch is remembered by the browser, and per user (language.py)
PLANWATCH_OFFICE_NAME = os.environ.get("PLANWATCH_OFFICE_NAME", "大连金普新区发展和改革局")
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
WHITENOISE_USE_FINDERS = True  # serve from the app folders in development and tests too
MEDIA_ROOT = DATA_DIR / "media"  # evidence files under generated names; served only by the permission-checked view
EVIDENCE_MAX_BYTES = int(os.environ.get("PLANWATCH_EVIDENCE_MAX_MB", "10")) * 1024 * 1024
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "overview"
LOGOUT_REDIRECT_URL = "public"
SESSION_COOKIE_AGE = 8 * 3600  # a working day
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # read from the cache, kept in the database
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
PLANWATCH_SHOW_SIMULATED = os.environ.get("PLANWATCH_SHOW_SIMULATED", "1") == "1"
# deadline reminders: in the platform always, by e-mail when an SMTP server is configured (Django's mail settings)
PLANWATCH_REMIND_DAYS = int(os.environ.get("PLANWATCH_REMIND_DAYS", "7"))
EMAIL_HOST = os.environ.get("PLANWATCH_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("PLANWATCH_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("PLANWATCH_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("PLANWATCH_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("PLANWATCH_EMAIL_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("PLANWATCH_EMAIL_FROM", "planwatch@localhost")

# Production hardening (python -m django check --deploy is clean with PLANWATCH_DEBUG unset and HTTPS on)
if len(SECRET_KEY) < 50 and not DEBUG:
    raise ImproperlyConfigured("PLANWATCH_SECRET_KEY 太短：请使用至少50个字符的随机密钥")
HTTPS = os.environ.get("PLANWATCH_HTTPS", "1" if not DEBUG else "0") == "1"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and os.environ.get("PLANWATCH_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("PLANWATCH_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = os.environ.get("PLANWATCH_HSTS_PRELOAD", "0") == "1"
# Preloading is irreversible for a domain and intranet names cannot be preloaded: opt-in, and its check is
# silenced only while it is off.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if os.environ.get("PLANWATCH_BEHIND_PROXY") else None
SECURE_REFERRER_POLICY = "same-origin"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
LOGIN_FAILURE_LIMIT = 5  # failed logins per user name and address …
LOGIN_FAILURE_WINDOW = 15 * 60  # … within this many seconds, then wait that long
# … counted by django-axes in the database (one count for every worker process), on every login path: the
# rules are in auth.py's docstring
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(seconds=LOGIN_FAILURE_WINDOW)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # the name at that address: a name is not locked everywhere
AXES_USERNAME_CALLABLE = "planwatch.web.auth.login_name"  # NFKC + case-folded, as Django matches names
AXES_LOCKOUT_CALLABLE = "planwatch.web.auth.locked_out"  # the login page, 429, 登录失败次数过多，请N分钟后再试
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # refused attempts do not extend the lockout

# With DEBUG off Django logs server errors nowhere but to mail_admins: send them to the server's stderr, where
# gunicorn's log collects them (the person sees the Chinese 500 page, never a traceback).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
                "planwatch": {"handlers": ["stderr"], "level": "WARNING", "propagate": False}},
}
