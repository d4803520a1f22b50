"""docker-compose.yml, the Dockerfile and .dockerignore are safe by default for a company
installing Rollout (issue #15). No Docker engine runs here: the files are read as Compose
and Docker read them, and each promise is checked. tests/test_container_healthchecks.py
runs the healthchecks' commands against real processes."""

import fnmatch
import re

from config.storage_url import S3_STORAGE, default_storage_from_url
from tests.compose_file import APP_SERVICES, ROOT, compose, container_environment, service

DOCKERFILE = (ROOT / "Dockerfile").read_text()
DOCKERIGNORE = [
    line.strip()
    for line in (ROOT / ".dockerignore").read_text().splitlines()
    if line.strip() and not line.startswith("#")
]


def app_directories() -> set[str]:
    """Top-level Django apps (a folder with apps.py) and config, the project package."""
    return {path.parent.name for path in ROOT.glob("*/apps.py")} | {"config"}


def _segments_match(pattern: list[str], path: list[str]) -> bool:
    if not pattern:
        return True  # a matched folder takes everything inside it with it
    if pattern[0] == "**":
        return any(_segments_match(pattern[1:], path[i:]) for i in range(len(path) + 1))
    return bool(path) and (
        fnmatch.fnmatchcase(path[0], pattern[0]) and _segments_match(pattern[1:], path[1:])
    )


def docker_ignores(path: str) -> bool:
    """Docker's rule: patterns from the context's root, `**` for any folders, `!` for an
    exception, the last pattern that matches decides."""
    ignored = False
    for line in DOCKERIGNORE:
        exception = line.startswith("!")
        pattern = line.removeprefix("!").strip("/").split("/")
        if _segments_match(pattern, path.split("/")):
            ignored = not exception
    return ignored


def test_secrets_and_local_state_stay_out_of_the_image():
    kept_out = [
        ".env",
        ".env.production",
        ".venv/bin/python",
        "db.sqlite3",
        "db.sqlite3-wal",
        "var/media/evidence/plan.pdf",
        "var/mail/1.eml",
        "media/uploads/a.pdf",
        ".git/config",
        "staticfiles/app.css",
        ".mypy_cache/x.json",
        ".pytest_cache/v",
        "core/__pycache__/x.pyc",
        "test-results/trace.zip",
    ]
    assert [path for path in kept_out if not docker_ignores(path)] == []


def test_every_app_and_the_env_example_go_into_the_image():
    wanted = [*sorted(app_directories()), ".env.example", "manage.py", "templates", "static"]
    assert [path for path in wanted if docker_ignores(f"{path}/x.py")] == []


def test_the_dockerfile_copies_the_whole_context_so_no_app_is_forgotten():
    """Listing apps one COPY at a time once left an app out of the image; the whole
    context (minus .dockerignore) cannot."""
    copies = re.findall(r"^COPY\s+(.+)$", DOCKERFILE, re.MULTILINE)
    assert copies == ["pyproject.toml ./", ". ."]


def test_the_image_runs_as_a_user_and_has_the_backup_tools():
    user = re.findall(r"^USER\s+(\S+)$", DOCKERFILE, re.MULTILINE)
    assert (user, "postgresql-client" in DOCKERFILE) == (["rollout"], True)


def test_the_build_signs_nothing_with_a_fixed_key():
    keys = re.findall(r"DJANGO_SECRET_KEY=(.+)", DOCKERFILE)
    assert keys and all("secrets.token_urlsafe" in key for key in keys)


def test_no_secret_is_written_in_the_compose_file():
    """Every password or key reaches a container from .env: through env_file, or as a
    ${VARIABLE:?...} that Compose fills in from .env and refuses to leave empty."""
    literal = []
    for name, spec in compose()["services"].items():
        for variable, value in (spec.get("environment") or {}).items():
            secret = re.search(r"PASSWORD|SECRET|KEY", variable) and not str(value).startswith("${")
            in_url = re.search(r"://[^:/@]+:(?!\$\{)[^@]+@", str(value))
            if secret or in_url:
                literal.append(f"{name}.{variable}")
    assert literal == []


def test_the_database_password_comes_from_env_into_both_ends():
    required = "${POSTGRES_PASSWORD:?"
    assert service("db")["environment"]["POSTGRES_PASSWORD"].startswith(required)
    assert all(required in service(name)["environment"]["DATABASE_URL"] for name in APP_SERVICES)


def test_the_env_file_is_neither_committed_nor_missing_from_the_example():
    gitignore = (ROOT / ".gitignore").read_text().splitlines()
    example = (ROOT / ".env.example").read_text()
    assert (".env" in gitignore, re.search(r"^POSTGRES_PASSWORD=$", example, re.M) is not None) == (
        True,
        True,
    )
    assert all(service(name)["env_file"] == ".env" for name in APP_SERVICES)


def test_postgres_and_the_uploaded_files_live_in_named_volumes():
    volumes = compose()["volumes"]
    media_root = service("web")["environment"]["DJANGO_MEDIA_ROOT"]
    assert "pgdata:/var/lib/postgresql/data" in service("db")["volumes"]
    assert all(f"media:{media_root}" in service(name)["volumes"] for name in APP_SERVICES)
    assert {"pgdata", "media"} <= set(volumes)


def test_every_long_running_service_restarts_and_migrate_runs_once():
    policies = {name: spec.get("restart") for name, spec in compose()["services"].items()}
    assert policies == {
        "db": "unless-stopped",
        "redis": "unless-stopped",
        "migrate": "no",
        "web": "unless-stopped",
        "worker": "unless-stopped",
        "beat": "unless-stopped",
        "pgbouncer": "unless-stopped",
        "web-b": "unless-stopped",
        "worker-b": "unless-stopped",
        "haproxy": "unless-stopped",
    }


def test_web_worker_and_beat_wait_for_the_migrations():
    waits = {name: service(name)["depends_on"]["migrate"] for name in ("web", "worker", "beat")}
    assert waits == {name: {"condition": "service_completed_successfully"} for name in waits}
    assert service("migrate")["depends_on"] == {
        "db": {"condition": "service_healthy"},
        # The scale profile's pooler, waited for only where that profile runs.
        "pgbouncer": {"condition": "service_started", "required": False},
    }


def test_only_the_migrate_service_migrates():
    commands = {name: " ".join(service(name)["command"]) for name in APP_SERVICES}
    assert [name for name, command in commands.items() if "migrate" in command] == ["migrate"]
    assert commands["migrate"] == "python manage.py migrate --noinput"


def test_web_worker_and_beat_have_healthchecks():
    tests = {name: " ".join(service(name)["healthcheck"]["test"]) for name in APP_SERVICES[1:]}
    assert "urllib.request.urlopen('http://127.0.0.1:8000/healthz'" in tests["web"]
    assert "curl" not in tests["web"]
    assert "celery -A config inspect ping -d celery@$$HOSTNAME" in tests["worker"]
    heartbeat = service("beat")["environment"]["ROLLOUT_BEAT_HEARTBEAT_FILE"]
    assert f"os.path.getmtime('{heartbeat}')" in tests["beat"]


def test_exactly_one_beat_runs():
    """Two beats would send every sweep and digest twice: one beat service, not scaled,
    and no worker running a beat of its own (-B)."""
    services = compose()["services"]
    beats = [
        name
        for name, spec in services.items()
        if "beat" in spec.get("command", []) or {"-B", "--beat"} & set(spec.get("command", []))
    ]
    beat = services["beat"]
    assert beats == ["beat"]
    assert (beat.get("scale", 1), beat.get("deploy", {}).get("replicas", 1)) == (1, 1)


def test_the_scale_profile_adds_a_node_a_worker_a_pooler_and_a_balancer_but_no_beat():
    """`docker compose --profile scale`: the layout make test-cluster runs (docs/scale-out.md)."""
    services = compose()["services"]
    scale = sorted(name for name, spec in services.items() if "scale" in spec.get("profiles", []))
    assert scale == ["haproxy", "pgbouncer", "web-b", "worker-b"]
    assert [n for n, spec in services.items() if spec.get("profiles") and n not in scale] == []
    for copy, original in (("web-b", "web"), ("worker-b", "worker")):
        assert service(copy)["command"] == service(original)["command"]
        assert service(copy)["healthcheck"] == service(original)["healthcheck"]
        assert service(copy)["environment"] == service(original)["environment"]


def test_the_scale_profile_pools_transactions_and_balances_with_the_tested_config():
    pooler = service("pgbouncer")["environment"]
    haproxy = service("haproxy")
    config = (ROOT / "config" / "haproxy.cfg").read_text()
    assert (pooler["POOL_MODE"], pooler["DB_HOST"]) == ("transaction", "db")
    assert "./config/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro" in haproxy["volumes"]
    servers = re.findall(r"^\s*server (\S+) (\S+):8000", config, re.MULTILINE)
    assert servers == [("web", "web"), ("web-b", "web-b")]
    assert "balance roundrobin" in config and not re.search(r"\b(cookie|stick)\b", config)
    assert "uri /healthz" in config
    # The app reaches PostgreSQL through the pooler when .env says so (default: directly).
    assert "@${ROLLOUT_DATABASE_ADDRESS:-db:5432}/" in service("web")["environment"]["DATABASE_URL"]


# What reads or writes the files in the scale profile: both nodes serve downloads and take
# uploads, both workers render the briefs.
FILE_SERVICES = ("web", "web-b", "worker", "worker-b")
BUCKET_ENV = {
    "POSTGRES_PASSWORD": "0123abcd",
    "COMPOSE_PROFILES": "scale",
    "STORAGE_URL": "s3://rollout-files?endpoint_url=https://s3.example.com&region_name=cn-north-1",
    "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "example-secret",
}
STORAGE_VARIABLES = ("STORAGE_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")


def storage_seen(name: str, dotenv: dict[str, str]) -> tuple[str | None, ...]:
    found = container_environment(name, dotenv)
    return tuple(found.get(variable) for variable in STORAGE_VARIABLES)


def test_the_scale_profile_gives_both_nodes_and_both_workers_the_same_bucket_and_keys():
    seen = {name: storage_seen(name, BUCKET_ENV) for name in FILE_SERVICES}
    expected = tuple(BUCKET_ENV[variable] for variable in STORAGE_VARIABLES)
    assert seen == dict.fromkeys(FILE_SERVICES, expected)


def test_the_bucket_every_node_and_worker_gets_is_the_s3_endpoint_of_the_env_file():
    urls = {container_environment(name, BUCKET_ENV)["STORAGE_URL"] for name in FILE_SERVICES}
    (url,) = urls
    storage = default_storage_from_url(url)
    assert (storage["BACKEND"], storage["OPTIONS"]["bucket_name"]) == (S3_STORAGE, "rollout-files")
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.com"


def test_storage_url_comes_from_the_env_file_and_the_keys_are_not_written_in_compose():
    """One line in the shared block, filled in from .env; the keys reach the containers
    only through env_file, so no service can hold other keys than its neighbour."""
    written = {name: service(name)["environment"] for name in (*APP_SERVICES, "web-b", "worker-b")}
    assert {env["STORAGE_URL"] for env in written.values()} == {"${STORAGE_URL:-}"}
    assert [
        n for n, env in written.items() if {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"} & set(env)
    ] == []
    assert all(service(name)["env_file"] == ".env" for name in FILE_SERVICES)


def test_without_storage_url_every_node_and_worker_shares_the_media_volume():
    """STORAGE_URL left out of .env: the local folder everywhere, and one volume behind it,
    so a file uploaded through one node is there for the other on the same host."""
    local = {k: v for k, v in BUCKET_ENV.items() if k not in STORAGE_VARIABLES}
    environments = {name: container_environment(name, local) for name in FILE_SERVICES}
    assert {env["STORAGE_URL"] for env in environments.values()} == {""}
    assert default_storage_from_url("")["BACKEND"] != S3_STORAGE
    media_roots = {env["DJANGO_MEDIA_ROOT"] for env in environments.values()}
    (media_root,) = media_roots
    assert all(f"media:{media_root}" in service(name)["volumes"] for name in FILE_SERVICES)
