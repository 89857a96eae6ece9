"""The scaled-out assistant on this machine, the way docker-compose.yml runs it, without
Docker: the aid database on PostgreSQL (migrated and seeded by `python -m db`), read by a
role that may only SELECT (scripts/postgres_roles.py), Rasa's trackers in a PostgreSQL
database of their own owned by a tracker role, conversation locks in Redis, one action
server and N `rasa run` processes configured by deploy/endpoints.yml, all on loopback.

Every database, role and Redis key is made for this run (pid + random part) and removed
by `stop()`. Used by tests/deploy/test_scale_out.py and bench/scale_bench.py."""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import httpx
import redis
import sqlalchemy as sa

from tests.support import postgres
from tests.support.assistant import MODEL, free_port, wait_for_http

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
STARTUP_SECONDS = 240
REDIS_HOST, REDIS_PORT, LOCK_DB = "127.0.0.1", 6379, 1


def _run(args: List[str], env: Dict[str, str]) -> None:
    result = subprocess.run([sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")


@dataclass
class Cluster:
    workdir: Path
    aid_database: str = ""
    tracker_database: str = ""
    reader_role: str = ""
    tracker_role: str = ""
    lock_prefix: str = ""
    admin_aid_url: str = ""
    reader_aid_url: str = ""
    tracker_url: str = ""
    actions_port: int = 0
    rasa_ports: List[int] = field(default_factory=list)
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def rasa_urls(self) -> List[str]:
        return [f"http://127.0.0.1:{p}" for p in self.rasa_ports]

    # ----------------------------------------------------------------- lifecycle

    def provision(self) -> None:
        env = self._env()
        self.aid_database = postgres.unique_name("aidscale")
        self.reader_role = postgres.unique_name("aidreader")
        self.tracker_database = postgres.unique_name("rasatrackers")
        self.tracker_role = postgres.unique_name("rasatracker")
        self.lock_prefix = "aidtest" + postgres.unique_name("").replace("_", "")
        admin = sa.create_engine(postgres.POSTGRES_URL, future=True, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{self.aid_database}"'))
        admin.dispose()
        self.admin_aid_url = postgres.url_for(self.aid_database)
        # the aid data, as `python -m db migrate && python -m db seed` with DATABASE_URL
        for command in (["-m", "db", "migrate"], ["-m", "db", "seed"]):
            _run(command, {**env, "DATABASE_URL": self.admin_aid_url})
        _run(["-m", "scripts.postgres_roles", "reader", self.reader_role], {**env, "DATABASE_URL": self.admin_aid_url})
        _run(["-m", "scripts.postgres_roles", "database", self.tracker_database, "--owner", self.tracker_role],
             {**env, "DATABASE_URL": postgres.POSTGRES_URL})
        self.reader_aid_url = postgres.url_for(self.aid_database, self.reader_role)
        self.tracker_url = postgres.url_for(self.tracker_database, self.tracker_role, driver="postgresql")

    def _env(self, **extra: str) -> Dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("TELEGRAM_", "SENDER_ID_SECRET", "DATABASE_URL", "TRACKER_DATABASE_URL"))}
        env.update(PYTHONPATH=str(REPO), TF_CPP_MIN_LOG_LEVEL="3", RASA_TELEMETRY_ENABLED="false",
                   SQLALCHEMY_SILENCE_UBER_WARNING="1")
        env.update(extra)
        return env

    def serving_env(self) -> Dict[str, str]:
        """What every Rasa process and the action server get (docker-compose.yml's values)."""
        return self._env(
            DATABASE_URL=self.reader_aid_url, SANIC_HOST="127.0.0.1",
            ACTION_ENDPOINT_URL=f"http://127.0.0.1:{self.actions_port}/webhook",
            TRACKER_DATABASE_URL=self.tracker_url, REDIS_HOST=REDIS_HOST, REDIS_PORT=str(REDIS_PORT),
            LOCK_STORE_REDIS_DB=str(LOCK_DB), LOCK_STORE_KEY_PREFIX=self.lock_prefix)

    def start(self, rasa_instances: int = 2, action_workers: int = 1) -> None:
        self.actions_port = free_port()
        self.rasa_ports = [free_port() for _ in range(rasa_instances)]
        env = self.serving_env()
        self._spawn("actions", [sys.executable, "-m", "rasa_sdk", "--actions", "actions",
                                "--port", str(self.actions_port)],
                    {**env, "ACTION_SERVER_SANIC_WORKERS": str(action_workers)})
        for i, port in enumerate(self.rasa_ports):
            self._spawn(f"rasa{i}", [str(VENV_BIN / "rasa"), "run", "--model", str(MODEL), "--interface",
                                     "127.0.0.1", "--port", str(port), "--credentials",
                                     str(REPO / "credentials.yml"), "--endpoints",
                                     str(REPO / "deploy" / "endpoints.yml")], env)
        self._wait(f"http://127.0.0.1:{self.actions_port}/health", "actions")
        for i, url in enumerate(self.rasa_urls):
            self._wait(url + "/", f"rasa{i}")

    def restart_actions(self, workers: int) -> None:
        """The action server again, with `workers` Sanic worker processes."""
        process = self.processes.pop("actions")
        process.terminate()
        process.wait(30)
        self._spawn("actions", [sys.executable, "-m", "rasa_sdk", "--actions", "actions",
                                "--port", str(self.actions_port)],
                    {**self.serving_env(), "ACTION_SERVER_SANIC_WORKERS": str(workers)})
        self._wait(f"http://127.0.0.1:{self.actions_port}/health", "actions")

    def _spawn(self, name: str, command: List[str], env: Dict[str, str]) -> None:
        with open(self.workdir / f"{name}.log", "ab") as log:
            self.processes[name] = subprocess.Popen(command, cwd=REPO, env=env, stdout=log,
                                                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def _wait(self, url: str, name: str) -> None:
        wait_for_http(url, self.processes[name], lambda: self.log(name), STARTUP_SECONDS)

    def log(self, name: str) -> str:
        path = self.workdir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop_processes(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
        self.processes.clear()

    def stop(self) -> None:
        """Processes, then every database, role and Redis key of this run."""
        self.stop_processes()
        admin = sa.create_engine(postgres.POSTGRES_URL, future=True, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for database in (self.tracker_database, self.aid_database):
                if database:
                    conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            for role in (self.tracker_role, self.reader_role):
                if role:
                    conn.execute(sa.text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()
        if self.lock_prefix:
            client = redis.Redis(REDIS_HOST, REDIS_PORT, db=LOCK_DB)
            for key in client.scan_iter(f"{self.lock_prefix}:*"):
                client.delete(key)
            client.close()

    # ----------------------------------------------------------------- use

    def events(self, sender: str) -> List[dict]:
        """Every stored event of a conversation, in id order (the tracker store's order)."""
        import json
        engine = sa.create_engine(postgres.url_for(self.tracker_database), future=True)
        with engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"),
                                {"s": sender}).scalars().all()
        engine.dispose()
        return [json.loads(r) for r in rows]


def start_cluster(workdir: Path, rasa_instances: int = 2, action_workers: int = 1) -> Cluster:
    cluster = Cluster(Path(workdir))
    try:
        cluster.provision()
        cluster.start(rasa_instances, action_workers)
    except BaseException:
        cluster.stop()
        raise
    return cluster


def ask(url: str, sender: str, text: str, timeout: float = 60, client: Optional[httpx.Client] = None) -> List[dict]:
    client = client or httpx
    response = client.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=timeout)
    response.raise_for_status()
    return response.json()


def text_of(replies: List[dict]) -> str:
    return "\n".join(m.get("text", "") for m in replies)
