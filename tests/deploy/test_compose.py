"""docker-compose.yml against the project (Docker cannot run here, so the file is read and
every part of it checked against what it refers to): images, build context, commands,
ports, volumes, environment, depends_on, restart policies and health checks."""
from __future__ import annotations

import importlib.util
import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((REPO / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = {name for name, s in SERVICES.items() if "build" in s}
ONE_SHOT = {"db-init"}                       # runs to completion; everything else stays up
LONG_RUNNING = set(SERVICES) - ONE_SHOT
SECRET = re.compile(r"PASSWORD|TOKEN|SECRET")
VARIABLE = re.compile(r"\$\{([A-Z0-9_]+)(?::?([-?])([^}]*))?\}")
DOCKERIGNORE = [line.strip() for line in (REPO / ".dockerignore").read_text().splitlines() if line.strip()]
DOCKERFILE = (REPO / "Dockerfile").read_text()


def raw_env(service: str) -> dict:
    return {k: str(v) for k, v in (SERVICES[service].get("environment") or {}).items()}


def interpolate(value: str) -> str:
    """As compose would, with a stand-in for every required variable."""
    def one(match):
        name, kind, default = match.groups()
        return default if kind == "-" else f"value-of-{name.lower()}"
    return VARIABLE.sub(one, value)


def env(service: str) -> dict:
    return {k: interpolate(v) for k, v in raw_env(service).items()}


def command(service: str) -> list:
    cmd = SERVICES[service]["command"]
    return cmd if isinstance(cmd, list) else shlex.split(cmd)


def option(cmd: list, name: str) -> str:
    return cmd[cmd.index(name) + 1]


def shell_commands(service: str) -> list:
    """db-init's `sh -c` script as a list of commands (split at &&)."""
    cmd = command(service)
    assert cmd[:2] == ["sh", "-c"]
    return [shlex.split(part) for part in cmd[2].split("&&")]


def in_image(path: str) -> bool:
    """The path exists in the repository and is copied into the image (not .dockerignored)."""
    first = Path(path).parts[0]
    return (REPO / path).exists() and first not in DOCKERIGNORE


def python_module_exists(module: str) -> bool:
    base = REPO.joinpath(*module.split("."))
    return (base.with_suffix(".py")).exists() or (base / "__main__.py").exists() or (base / "__init__.py").exists()


def test_the_expected_services():
    assert set(SERVICES) == {"postgres", "redis", "db-init", "actions", "rasa", "bot"}
    assert APP_SERVICES == {"db-init", "actions", "rasa", "bot"}


def test_images_are_pinned_and_the_build_context_is_the_project():
    for name, service in SERVICES.items():
        if "build" in service:
            context = REPO / (service["build"] if isinstance(service["build"], str) else service["build"]["context"])
            assert (context / "Dockerfile").exists(), name
            assert context.resolve() == REPO
        else:
            image = service["image"]
            assert ":" in image and not image.endswith(":latest"), f"{name}: pin the image ({image})"


def test_the_model_is_built_into_the_image():
    train = re.search(r"rasa train[^\n]*--out (\S+)", DOCKERFILE)
    assert train, "the Dockerfile trains the model"
    assert "models" in DOCKERIGNORE     # never a stale model from the build context
    assert option(command("rasa"), "--model") == train.group(1)


def test_commands_refer_to_what_the_image_holds():
    requirements = (REPO / "requirements.txt").read_text().lower()
    for name, installed_from in (("actions", "rasa-sdk=="), ("bot", None)):
        cmd = command(name)
        assert cmd[:2] == ["python", "-m"], (name, cmd)
        if installed_from:      # a module of a pinned requirement, which the image installs
            assert importlib.util.find_spec(cmd[2]) and installed_from in requirements, (name, cmd)
        else:
            assert python_module_exists(cmd[2]), (name, cmd)
    assert python_module_exists(option(command("actions"), "--actions"))
    rasa = command("rasa")
    assert rasa[:2] == ["rasa", "run"]
    for flag in ("--credentials", "--endpoints"):
        assert in_image(option(rasa, flag)), (flag, option(rasa, flag))
    steps = shell_commands("db-init")
    modules = [s[s.index("-m") + 1] for s in steps if "-m" in s]
    assert modules[:2] == ["db", "db"] and [s[s.index("-m") + 2] for s in steps[:2]] == ["migrate", "seed"]
    assert all(python_module_exists(m) for m in modules), modules


def test_nothing_is_published_and_rasa_talks_only_inside():
    for name, service in SERVICES.items():
        assert "ports" not in service, f"{name} publishes ports on the host"
    networks = COMPOSE["networks"]
    assert networks["internal"].get("internal") is True
    outside = {name for name, s in SERVICES.items() if set(s.get("networks", ["default"])) - {"internal"}}
    assert outside == {"bot"}, f"only the bot may reach outside: {outside}"
    rasa_port = option(command("rasa"), "--port")
    assert SERVICES["rasa"]["expose"] == [rasa_port]
    users_of_rasa = {name for name in SERVICES if any(f"//rasa:{rasa_port}" in v for v in env(name).values())}
    assert users_of_rasa == {"bot"}
    assert option(command("rasa"), "--interface") == "0.0.0.0"    # the container's own interfaces


def test_every_secret_is_required_and_has_no_default():
    text = (REPO / "docker-compose.yml").read_text()
    seen = set()
    for match in VARIABLE.finditer(text):
        name, kind, _ = match.groups()
        if SECRET.search(name):
            seen.add(name)
            assert kind == "?", f"${{{name}}} must be required (:?), never defaulted"
    assert seen == {"POSTGRES_PASSWORD", "AID_READER_PASSWORD", "RASA_DB_PASSWORD",
                    "TELEGRAM_BOT_TOKEN", "SENDER_ID_SECRET"}
    for name, service in SERVICES.items():   # no secret written into the file itself
        for key, value in raw_env(name).items():
            if SECRET.search(key):
                assert VARIABLE.fullmatch(value), f"{name}.{key} must come from the environment"


def test_rasa_gets_every_variable_its_endpoints_file_needs():
    endpoints_path = option(command("rasa"), "--endpoints")
    endpoints_text = (REPO / endpoints_path).read_text()
    needed = set(re.findall(r"\$\{([A-Z0-9_]+)\}", endpoints_text))
    assert needed and needed <= set(env("rasa")), needed - set(env("rasa"))
    endpoints = yaml.safe_load(endpoints_text)
    # trackers in PostgreSQL (a Redis restart loses no conversation), locks in Redis
    assert endpoints["tracker_store"]["type"] in ("SQL", "sql", "serving.tracker_store.IndexedSQLTrackerStore")
    assert endpoints["lock_store"]["type"] == "serving.lock_store.AtomicRedisLockStore"
    tracker = urlsplit(env("rasa")["TRACKER_DATABASE_URL"])
    assert tracker.scheme.startswith("postgresql") and tracker.hostname == "postgres"
    assert env("rasa")["REDIS_HOST"] == "redis" and env("rasa")["LOCK_STORE_KEY_PREFIX"].isalnum()
    # the tracker and lock store types are importable from the image
    for store in ("tracker_store", "lock_store"):
        assert python_module_exists(endpoints[store]["type"].rsplit(".", 1)[0])


def test_urls_point_at_the_right_services_and_ports():
    action = urlsplit(env("rasa")["ACTION_ENDPOINT_URL"])
    assert (action.hostname, str(action.port)) == ("actions", option(command("actions"), "--port"))
    bot_rasa = urlsplit(env("bot")["RASA_URL"])
    assert (bot_rasa.hostname, str(bot_rasa.port)) == ("rasa", option(command("rasa"), "--port"))
    postgres_db = env("postgres")["POSTGRES_DB"]
    for name in ("actions", "rasa", "db-init"):
        url = urlsplit(env(name)["DATABASE_URL"])
        assert url.hostname == "postgres" and url.path == f"/{postgres_db}", name


def test_least_privilege_roles_are_made_by_db_init_and_used_by_the_servers():
    steps = [" ".join(s) for s in shell_commands("db-init")]
    reader = re.search(r"postgres_roles reader (\S+)", " ".join(steps)).group(1)
    tracker_db, tracker_owner = re.search(r"postgres_roles database (\S+) --owner (\S+)", " ".join(steps)).groups()
    for name in ("actions", "rasa"):       # the action server and Rasa's NLU pipeline
        assert urlsplit(env(name)["DATABASE_URL"]).username == reader, name
    tracker = urlsplit(env("rasa")["TRACKER_DATABASE_URL"])
    assert (tracker.username, tracker.path) == (tracker_owner, f"/{tracker_db}")
    assert urlsplit(env("db-init")["DATABASE_URL"]).username == env("postgres")["POSTGRES_USER"]
    assert "SENDER_ID_SECRET" in env("bot") and "SENDER_ID_SECRET" not in env("rasa")


def test_volumes_are_declared_and_mounted_where_they_are_used():
    declared = set(COMPOSE.get("volumes") or {})
    used = set()
    for name, service in SERVICES.items():
        for volume in service.get("volumes") or []:
            source, target = volume.split(":")[:2]
            if source.startswith((".", "/")):
                assert (REPO / source).exists(), f"{name}: bind mount {source} does not exist"
            else:
                assert source in declared, f"{name}: undeclared volume {source}"
                used.add(source)
    assert used == declared
    assert "pgdata:/var/lib/postgresql/data" in SERVICES["postgres"]["volumes"]
    state_dir = str(Path(env("bot")["BOT_STATE_FILE"]).parent)
    assert f"botstate:{state_dir}" in SERVICES["bot"]["volumes"]
    assert f"mkdir -p {state_dir}" in DOCKERFILE and "chown" in DOCKERFILE   # writable by the image's user


def test_depends_on_names_real_services_with_the_right_conditions():
    for name, service in SERVICES.items():
        depends = service.get("depends_on") or {}
        for other, how in (depends.items() if isinstance(depends, dict) else ((d, {}) for d in depends)):
            assert other in SERVICES and other != name, (name, other)
            condition = how.get("condition", "service_started")
            if condition == "service_healthy":
                assert "healthcheck" in SERVICES[other], f"{name} waits for {other}'s health check"
            if condition == "service_completed_successfully":
                assert other in ONE_SHOT
    order, visiting = [], set()

    def visit(n):                          # no cycles
        assert n not in visiting, f"depends_on cycle at {n}"
        visiting.add(n)
        for d in SERVICES[n].get("depends_on") or {}:
            visit(d)
        visiting.discard(n)
    for n in SERVICES:
        visit(n)
    assert set(SERVICES["rasa"]["depends_on"]) >= {"actions", "redis", "db-init"}
    assert set(SERVICES["db-init"]["depends_on"]) == {"postgres"}


@pytest.mark.parametrize("name", sorted(LONG_RUNNING))
def test_long_running_services_restart_and_have_health_checks(name):
    service = SERVICES[name]
    assert service.get("restart") in ("unless-stopped", "always")
    test = service["healthcheck"]["test"]
    assert test[0] in ("CMD", "CMD-SHELL")
    if name in APP_SERVICES and name != "bot":
        port = option(command(name), "--port")
        assert f"127.0.0.1:{port}" in " ".join(test), f"{name}: health check on another port"


def test_the_one_shot_job_is_retried_until_it_succeeds():
    assert SERVICES["db-init"]["restart"] == "on-failure"
