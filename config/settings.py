"""The one settings module. Every value that differs between machines comes from the
environment (see .env.example); defaults give the embedded local mode of `make run`:
SQLite, Celery on kombu's filesystem transport, DEBUG on.

DJANGO_PRODUCTION=true switches on the secure defaults (HTTPS redirect, secure cookies,
HSTS) that `manage.py check --deploy` asks for; each can still be overridden one by one.
"""

from datetime import timedelta
from pathlib import Path
from typing import Any

import django_stubs_ext
import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.mail_settings import MailVariables, mail_settings
from config.secret_key import LOCAL_FALLBACK_KEY, production_secret_key
from config.storage_url import default_storage_from_url

# Lets runtime code subscript Django generics (QuerySet[User], ModelChoiceField[User]).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# ---------------------------------------------------------------------------
# Core
# ---------------------------------------------------------------------------
PRODUCTION = env.bool("DJANGO_PRODUCTION", default=False)
DEBUG = env.bool("DJANGO_DEBUG", default=False)
# The fallback key only exists so a fresh clone runs; production refuses to start without a
# key, or with a short or published one (config/secret_key.py).
SECRET_KEY = (
    production_secret_key(env.str("DJANGO_SECRET_KEY"))
    if PRODUCTION
    else env.str("DJANGO_SECRET_KEY", default=LOCAL_FALLBACK_KEY)
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "guardian",
    "axes",
    "csp",
    "simple_history",
    "core",
    "rollout",
    "roles",
    "sso",
    "notifications",
    "chat",
    "webhooks",
    "feeds",
    "discussion",
    "work",
    "staffing",
    "selection",
    "goals",
    "risks",
    "gates",
    "demo",
    "api",
    # The JSON API (api/): Django REST framework, its OpenAPI schema and the vendored
    # Swagger UI assets (served from our static files: no CDN).
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    # /healthz, asked by address over HTTP, answers before the host check and HTTPS redirect.
    "config.health.HealthzFirstMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A request from an ended session goes to sign-in and back, saying what was not saved.
    "core.session_ended.SessionEndedMiddleware",
    # Records who made each change in the audit trail (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.notifications",
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Database: SQLite unless DATABASE_URL names another (PostgreSQL in CI and production)
# ---------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A connection pooler between the app and PostgreSQL. "transaction": PgBouncer in
# transaction pooling mode, which hands each transaction whichever server connection is
# free, so nothing may outlive a transaction on the server: no server-side cursors (a named
# cursor opened in one transaction and read in the next would be on another connection).
# Django's own connections (CONN_MAX_AGE) then go to PgBouncer, which keeps them cheap.
DATABASE_POOLER = env.str("DJANGO_DATABASE_POOLER", default="")
if DATABASE_POOLER not in ("", "transaction"):
    raise ImproperlyConfigured(
        f"DJANGO_DATABASE_POOLER is {DATABASE_POOLER!r}; leave it empty, or say "
        "'transaction' for PgBouncer in transaction pooling mode"
    )
if DATABASE_POOLER == "transaction":
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded mode: the web and the worker write the same file. WAL lets them read
    # while the other writes; IMMEDIATE takes the write lock when a transaction begins (a
    # deferred one that reads first and then writes cannot wait for the lock: it fails at
    # once with "database is locked"); the timeout is how long a write waits for its turn.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env.int("DJANGO_SQLITE_TIMEOUT_SECONDS", default=20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------------------
# People, sign-in and permissions
# ---------------------------------------------------------------------------
AUTH_USER_MODEL = "roles.User"
LOGIN_URL = "roles:login"
LOGIN_REDIRECT_URL = "gates:home"
LOGOUT_REDIRECT_URL = "roles:login"

AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out person is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "sso.backends.LocalPasswordBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# false: only administrators (staff) sign in with a password kept here; everyone else
# through the directory (LDAP) or the identity provider (OIDC).
ROLLOUT_LOCAL_PASSWORDS = env.bool("ROLLOUT_LOCAL_PASSWORDS", default=True)
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Nobody is granted anything as "anonymous": every page needs a signed-in person.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False

# Failures and lockouts as database rows: every web node counts the same ones (a cache
# handler in process memory would give each node its own five tries).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# Lock the (username, address) pair: a guesser is stopped without letting anyone lock a
# colleague out from another machine.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client's address behind proxies: see "Sign-in lockout behind the TLS proxy" below.
AXES_VERBOSE = False

# ---------------------------------------------------------------------------
# OIDC: single sign-on through the company's OpenID Connect provider (sso/oidc.py)
# ---------------------------------------------------------------------------
# Off unless a client id is set. The authorization code flow with PKCE, state and nonce;
# the ID token's signature checked against the provider's published keys (JWKS).
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
# The `iss` the ID tokens must carry (required: with `sub` it names the person here).
OIDC_OP_ISSUER = env.str("OIDC_OP_ISSUER", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile")
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT_SECONDS", default=10)
# The name on the sign-in page's button: "Sign in with <name>".
OIDC_PROVIDER_NAME = env.str("OIDC_PROVIDER_NAME", default="")
# Which claims name the person, their department and their groups (DirectoryGroup maps a
# group to a department or a role; the provider alone never grants a role).
OIDC_CLAIM_USERNAME = env.str("OIDC_CLAIM_USERNAME", default="preferred_username")
OIDC_CLAIM_DEPARTMENT = env.str("OIDC_CLAIM_DEPARTMENT", default="department")
OIDC_CLAIM_GROUPS = env.str("OIDC_CLAIM_GROUPS", default="groups")
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:oidc_callback"
OIDC_REDIRECT_FIELD_NAME = "next"
if OIDC_ENABLED:
    _oidc_missing = [
        name
        for name in (
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
            "OIDC_OP_ISSUER",
        )
        if not globals()[name]
    ]
    if _oidc_missing:
        raise ImproperlyConfigured(
            "OIDC_RP_CLIENT_ID is set, so OIDC sign-in is on, but these are empty: "
            + ", ".join(_oidc_missing)
        )
    # After django-axes, which refuses a locked-out client before any backend runs.
    AUTHENTICATION_BACKENDS.insert(
        AUTHENTICATION_BACKENDS.index("sso.backends.LocalPasswordBackend") + 1,
        "sso.oidc.RolloutOIDCBackend",
    )
# ---------------------------------------------------------------------------
# (end of OIDC)

# ---------------------------------------------------------------------------
# Languages and time
# ---------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Money grouped in threes in both languages (config/formats/zh_Hans).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="Asia/Shanghai")
USE_TZ = True

# ---------------------------------------------------------------------------
# Static files (vendored: the app must work on a closed network)
# ---------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Only production collects static files; locally WhiteNoise serves them from static/.
STATIC_ROOT: Path | None = (
    Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
    if PRODUCTION or env.str("DJANGO_STATIC_ROOT", default="")
    else None
)
# Local runs serve static files straight from static/ (no collectstatic step).
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=not PRODUCTION)
# Evidence files and decision briefs: MEDIA_ROOT on this machine unless STORAGE_URL names an
# S3-compatible bucket (config/storage_url.py), which every node then shares.
STORAGES = {
    "default": default_storage_from_url(env.str("STORAGE_URL", default="")),
    "staticfiles": {
        "BACKEND": env.str(
            "DJANGO_STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))

# ---------------------------------------------------------------------------
# Security headers and cookies
# ---------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# No inline script or style: htmx and our own script get the per-request nonce.
CONTENT_SECURITY_POLICY: dict[str, Any] = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# ---------------------------------------------------------------------------
# The benchmark's reference page (config/reference.py) lists people across rollouts: only
# `make bench` turns it on, never a real installation.
ROLLOUT_REFERENCE_PAGE = env.bool("ROLLOUT_REFERENCE_PAGE", default=False)

# Celery: Redis when CELERY_BROKER_URL or REDIS_URL is set; otherwise kombu's filesystem
# transport, so `make run` runs scheduled work with no server at all.
# ---------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
# The cache: Redis when REDIS_URL is set, one for every web node and worker, so nothing a
# node caches can differ from another's; the process's own memory in the embedded mode (one
# process). What must be shared is never in process memory: axes' failures and lockouts
# (its database handler), password-change failures, sessions, the outboxes' claims and the
# feeds' keys are database rows.
CACHES: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env.str("ROLLOUT_CACHE_PREFIX", default="rollout"),
        # A Redis that takes connections and never answers holds a page a second at most
        # (redis-py's own default is 5 s a try): the page cache then computes instead.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
CELERY_FILESYSTEM_DIR = Path(
    env.str("CELERY_FILESYSTEM_DIR", default=str(BASE_DIR / "var" / "celery"))
)
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, Any] = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    # kombu's transport with messages written whole (config/celery_filesystem.py says why).
    CELERY_BROKER_TRANSPORT = "config.celery_filesystem:Transport"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_FILESYSTEM_DIR / "queue"),
        "data_folder_out": str(CELERY_FILESYSTEM_DIR / "queue"),
        "processed_folder": str(CELERY_FILESYSTEM_DIR / "processed"),
        "control_folder": str(CELERY_FILESYSTEM_DIR / "control"),
        "store_processed": False,
    }
else:
    # Fail fast when Redis is down: the web request must not hang waiting for the broker.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 2}
    # How long a message a killed worker had taken waits before Redis hands it out again
    # (kombu's default, an hour, when unset). The fault tests shorten it.
    if visibility_timeout := env.int("CELERY_VISIBILITY_TIMEOUT_SECONDS", default=0):
        CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] = visibility_timeout
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Celery gives up on the broker after 100 tries (about 45 minutes of Redis outage) and the
# worker stops; the outbox makes a late dispatch harmless, so keep trying for ever.
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Celery's scheduler plus a file touched on every tick (config/beat.py), whose age the beat
# container's healthcheck reads; a tick at least once a minute keeps the file fresh.
CELERY_BEAT_SCHEDULER = "config.beat:HeartbeatScheduler"
CELERY_BEAT_MAX_LOOP_INTERVAL = 60
ROLLOUT_BEAT_HEARTBEAT_FILE = Path(
    env.str("ROLLOUT_BEAT_HEARTBEAT_FILE", default=str(BASE_DIR / "var" / "beat-heartbeat"))
)
CELERY_BEAT_SCHEDULE: dict[str, Any] = {
    "heartbeat": {"task": "rollout.tasks.heartbeat", "schedule": 60.0},
    # The outbox: due reminders go out within a minute of being written (the fault tests
    # make it a second or two). The roles.tasks.* names are those notifications/tasks.py
    # registers: the tasks kept their names when they moved from roles.
    "dispatch-reminders": {
        "task": "roles.tasks.dispatch_reminders",
        "schedule": env.float("ROLLOUT_DISPATCH_EVERY_SECONDS", default=60.0),
    },
    "sweep-reminders": {"task": "roles.tasks.sweep_reminders", "schedule": 600.0},
    "daily-digest": {
        "task": "roles.tasks.send_email_digests",
        "schedule": crontab(hour=8, minute=0),
        "args": ("daily",),
    },
    # Expired sessions: Django never deletes them by itself (rollout.services.sessions).
    "clear-expired-sessions": {
        "task": "rollout.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=30),
    },
    "weekly-digest": {
        "task": "roles.tasks.send_email_digests",
        "schedule": crontab(hour=8, minute=5, day_of_week=1),
        "args": ("weekly",),
    },
}

# ---------------------------------------------------------------------------
# E-mail
# ---------------------------------------------------------------------------
# Locally (no server named), e-mails (digests, decisions with their PDF) are written to
# var/mail/. A company names its SMTP server in one EMAIL_URL or in separate variables
# (a separate one overrides its part of the URL); config/mail_settings.py reads them and
# refuses contradictions. Mail is sent only by the worker, from the outboxes.
_mail = mail_settings(
    MailVariables(
        url=env.str("EMAIL_URL", default=""),
        backend=env.str("DJANGO_EMAIL_BACKEND", default=""),
        host=env.str("EMAIL_HOST", default=""),
        port=env.int("EMAIL_PORT", default=None),
        user=env.str("EMAIL_HOST_USER", default=None),
        password=env.str("EMAIL_HOST_PASSWORD", default=None),
        use_tls=env.bool("EMAIL_USE_TLS", default=None),
        use_ssl=env.bool("EMAIL_USE_SSL", default=None),
    )
)
EMAIL_BACKEND = _mail.backend
EMAIL_HOST = _mail.host
EMAIL_PORT = _mail.port
EMAIL_HOST_USER = _mail.user
EMAIL_HOST_PASSWORD = _mail.password
EMAIL_USE_TLS = _mail.use_tls
EMAIL_USE_SSL = _mail.use_ssl
# Seconds the worker waits on the server; Django's default (none) would let a server that
# accepts the connection and then says nothing hold the dispatcher for ever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
EMAIL_FILE_PATH = env.str("DJANGO_EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="rollout@localhost")
# The sender of the site's own error reports to ADMINS.
SERVER_EMAIL = env.str("DJANGO_SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# ---------------------------------------------------------------------------
# Logging: errors to the console, never a traceback to the browser (DEBUG stays off).
# ---------------------------------------------------------------------------
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # django-axes logs every sign-in at INFO; keep failures and lockouts only.
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint and fontTools narrate every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# ---------------------------------------------------------------------------
# Sign-in lockout behind the TLS proxy (django-axes 8 with django-ipware)
# ---------------------------------------------------------------------------
# Behind a proxy every request comes from the proxy's address, so a lockout by (username,
# address) would lock that username for everyone: five wrong passwords from anywhere
# would shut the executive out. AXES_PROXY_COUNT is how many reverse proxies stand in
# front of gunicorn. Each appends the address it received the request from to
# X-Forwarded-For and the last one is REMOTE_ADDR, so the client is the entry
# AXES_PROXY_COUNT places from the right; whatever a client writes into the header
# itself stays to the left of it and is never read. django-ipware counts only the
# proxies after the client inside the header, one fewer. Not strict: a header with more
# entries (a client's own, or its company's forward proxy) still gives the entry counted
# from the right instead of falling back to the proxy's shared address. Assumes the
# proxies reach gunicorn from a private or loopback address (ipware prefers a public one).
PROXIES_IN_FRONT = env.int("AXES_PROXY_COUNT", default=0)
AXES_IPWARE_PROXY_COUNT: int | None
AXES_IPWARE_META_PRECEDENCE_ORDER: tuple[str, ...]
if PROXIES_IN_FRONT > 0:
    AXES_IPWARE_PROXY_COUNT = PROXIES_IN_FRONT - 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
else:
    # No proxy: the header is the client's own words; only the socket's address counts.
    AXES_IPWARE_PROXY_COUNT = None
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
AXES_IPWARE_PROXY_ORDER = "left-most"
IPWARE_STRICT = False

# ---------------------------------------------------------------------------
# LDAP / Active Directory sign-in (django-auth-ldap; sso/ldap_backend.py). Off unless
# LDAP_SERVER_URI is set; .env.example says what each variable is.
# ---------------------------------------------------------------------------
LDAP_SERVER_URI = env.str("LDAP_SERVER_URI", default="")
if LDAP_SERVER_URI:
    from sso.ldap_settings import DEFAULT_ATTRIBUTES as ATTR
    from sso.ldap_settings import Directory, ldap_settings, with_ldap_backend

    globals().update(
        ldap_settings(
            Directory(
                server_uri=LDAP_SERVER_URI,
                start_tls=env.bool("LDAP_START_TLS", default=True),
                ca_cert_file=env.str("LDAP_CA_CERT_FILE", default=""),
                bind_dn=env.str("LDAP_BIND_DN", default=""),
                bind_password=env.str("LDAP_BIND_PASSWORD", default=""),
                user_search_base=env.str("LDAP_USER_SEARCH_BASE"),
                user_filter=env.str("LDAP_USER_FILTER", default="(uid=%(user)s)"),
                group_search_base=env.str("LDAP_GROUP_SEARCH_BASE"),
                group_type=env.str("LDAP_GROUP_TYPE", default="groupOfNames"),
                attributes={
                    "first_name": env.str("LDAP_ATTR_FIRST_NAME", default=ATTR["first_name"]),
                    "last_name": env.str("LDAP_ATTR_LAST_NAME", default=ATTR["last_name"]),
                    "display_name": env.str("LDAP_ATTR_DISPLAY_NAME", default=ATTR["display_name"]),
                    "email": env.str("LDAP_ATTR_EMAIL", default=ATTR["email"]),
                    "language": env.str("LDAP_ATTR_LANGUAGE", default=ATTR["language"]),
                    "department": env.str("LDAP_ATTR_DEPARTMENT", default=ATTR["department"]),
                },
                timeout_seconds=env.int("LDAP_TIMEOUT_SECONDS", default=5),
            )
        )
    )
    AUTHENTICATION_BACKENDS = with_ldap_backend(AUTHENTICATION_BACKENDS)
# ---------------------------------------------------------------------------
# (end of LDAP)
# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# Signed-in pages, idle sessions, request size (issue #11; core/middleware.py)
# ---------------------------------------------------------------------------
# Answers to a signed-in person are never stored by a browser or proxy.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "core.middleware.NoStoreForSignedInMiddleware",
)
# A session ends after this long without a request. The time of the last request is saved
# at most every SESSION_ACTIVITY_SAVE_EVERY seconds; the session's own expiry (cookie and
# database row) follows, so an idle session also expires on the server.
SESSION_IDLE_TIMEOUT = env.int("DJANGO_SESSION_IDLE_MINUTES", default=120) * 60
SESSION_ACTIVITY_SAVE_EVERY = min(300, max(SESSION_IDLE_TIMEOUT // 10, 1))
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT + SESSION_ACTIVITY_SAVE_EVERY
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "core.middleware.IdleSessionTimeoutMiddleware",
)
# The whole body of one request, checked on its declared length before Django reads any of
# it: five evidence files of 10 MB and the form around them fit; anything larger is
# refused with a 413 page. Form fields without files stay under Django's 2.5 MB; files
# above 2.5 MB go to a temporary file instead of memory.
ROLLOUT_MAX_REQUEST_BYTES = env.int("ROLLOUT_MAX_REQUEST_MB", default=51) * 2**20
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 10
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1,
    "core.middleware.RequestSizeLimitMiddleware",
)
# Under /api/, every error answer not yet a problem (RFC 9457) becomes one: the 413 just
# above, a plain view's 405, Django's own 400 and 404 pages. Around the size limit and
# inside LocaleMiddleware, so the problem is in the caller's language.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1,
    "api.middleware.ApiProblemsMiddleware",
)
# Wrong current passwords on the password-change page, counted per person like sign-in
# failures: after this many in a row the form refuses every attempt for the cool-off.
PASSWORD_CHANGE_FAILURE_LIMIT = AXES_FAILURE_LIMIT
PASSWORD_CHANGE_COOLOFF = AXES_COOLOFF_TIME

# ---------------------------------------------------------------------------
# Outgoing webhooks (issue #16; webhooks/)
# ---------------------------------------------------------------------------
# How long one delivery may take in all (connecting, sending, reading the answer), however
# slowly the receiver answers; at most 60 s, well under the outbox's claim. The dispatcher
# tries each endpoint that did not answer once a run, so one receiver away holds no other back.
ROLLOUT_WEBHOOKS_TIMEOUT_SECONDS = env.float("ROLLOUT_WEBHOOKS_TIMEOUT_SECONDS", default=10.0)
# Off: an endpoint on a loopback, private or link-local address is refused (what it answers
# is shown on its page, so such an address would let the page read the inside network).
# On for a receiver on the same machine or network, and in the tests.
ROLLOUT_WEBHOOKS_ALLOW_PRIVATE = env.bool("ROLLOUT_WEBHOOKS_ALLOW_PRIVATE", default=False)

# ---------------------------------------------------------------------------
# Chat robots (issue #16; chat/)
# ---------------------------------------------------------------------------
# Off: a robot's webhook URL must be on its platform's own host, over https
# (qyapi.weixin.qq.com, oapi.dingtalk.com, open.feishu.cn or open.larksuite.com), so a
# robot's messages cannot be pointed anywhere else. On for a relay in a closed network
# (the URL then names the relay) and in the tests' loopback server.
ROLLOUT_CHAT_ALLOW_ANY_HOST = env.bool("ROLLOUT_CHAT_ALLOW_ANY_HOST", default=False)

# ---------------------------------------------------------------------------
# The JSON API (issue #16; api/). Personal tokens (Authorization: Bearer) or the browser's
# session (CSRF enforced on writes); errors as RFC 9457 problem details.
# ---------------------------------------------------------------------------
# Requests a minute (or /s, /hour, /day) one token may make. DRF counts them in the cache,
# which is Redis when REDIS_URL is set: every node counts the same requests.
ROLLOUT_API_RATE = env.str("ROLLOUT_API_RATE", default="600/min")
# Days a new token lasts unless its person picks another expiry, and the longest they may.
ROLLOUT_API_TOKEN_DAYS = env.int("ROLLOUT_API_TOKEN_DAYS", default=90)
ROLLOUT_API_TOKEN_MAX_DAYS = env.int("ROLLOUT_API_TOKEN_MAX_DAYS", default=365)
# Tokens one person may have that work (neither revoked nor expired) at the same time.
ROLLOUT_API_TOKEN_MAX_LIVE = env.int("ROLLOUT_API_TOKEN_MAX_LIVE", default=10)
REST_FRAMEWORK: dict[str, Any] = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerTokenThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problems.problem_exception_handler",
}
SPECTACULAR_SETTINGS: dict[str, Any] = {
    "TITLE": "Rollout API",
    "DESCRIPTION": (
        "Read the rollouts you hold a role in, their tasks, logs, commitments, staffing "
        "requests, gates and decisions; log work, claim it done, verify or send it back, "
        "confirm a commitment, answer a staffing request. Authenticate with "
        "`Authorization: Bearer <token>` (make one on /me/api-tokens/). Errors are RFC 9457 "
        "problem details (application/problem+json) in the language of Accept-Language, "
        "or, without that header, the token holder's preferred language. Lists are paged "
        "(page, page_size); the rollouts, a task's logs and the gates' decisions take "
        "updated_since (tasks, commitments and staffing requests record no update time)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema is for signed-in people and token holders, as every page is.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/",
}
