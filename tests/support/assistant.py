"""Starts the real assistant for end-to-end tests: a seeded SQLite database,
the rasa-sdk action server and `rasa run` with the REST channel, on free
loopback ports, configured by the project's own endpoints.yml (conversations in
a SQLite tracker store in the work directory). Used by tests/e2e, the bot's
end-to-end test and bench/run_rasa_bench.py."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional

import httpx

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
MODEL = REPO / "models"
STARTUP_SECONDS = 180


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seeded_database(directory: Path) -> str:
    url = f"sqlite:///{directory / 'aid.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(REPO)}
    for command in (["migrate"], ["seed"]):
        subprocess.run([sys.executable, "-m", "db", *command], cwd=REPO, env=env, check=True,
                       capture_output=True)
    return url


def wait_for_http(url: str, process: subprocess.Popen, read_log: Callable[[], str],
                  seconds: float = STARTUP_SECONDS) -> None:
    """Until `url` answers 200; the process's log in the error if it exits or never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited early:\n{read_log()[-3000:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up in {seconds} s:\n{read_log()[-3000:]}")


def _wait(url: str, process: subprocess.Popen, log: Path) -> None:
    wait_for_http(url, process, log.read_text)


@dataclass
class RunningAssistant:
    rasa_url: str
    database_url: str
    processes: List[subprocess.Popen]

    def ask(self, sender: str, text: str, metadata: Optional[Dict] = None,
            timeout: float = 30) -> List[Dict]:
        body = {"sender": sender, "message": text}
        if metadata is not None:
            body["metadata"] = metadata
        response = httpx.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body, timeout=timeout)
        response.raise_for_status()
        return response.json()

    def text(self, sender: str, message: str, metadata: Optional[Dict] = None) -> str:
        return "\n".join(m.get("text", "") for m in self.ask(sender, message, metadata))

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def start_assistant(workdir: Path, with_actions: bool = True, enable_api: bool = False,
                    model: Path = MODEL, actions_package: str = "actions",
                    pythonpath: tuple = ()) -> RunningAssistant:
    """``with_actions=False``: Rasa alone, its action endpoint a port where nothing listens
    (the action server is down). ``enable_api``: Rasa's HTTP API too (the benchmark reads
    tracker sizes from it; loopback only, no token). ``model``, ``actions_package`` and
    ``pythonpath``: another model and action package (benchmark experiments)."""
    if not (model.is_file() or any(model.glob("*.tar.gz"))):
        raise RuntimeError("no trained model in models/: run `make train` (make test does it)")
    database_url = seeded_database(workdir)
    actions_port, rasa_port = free_port(), free_port()
    env = {**os.environ, "DATABASE_URL": database_url,
           "PYTHONPATH": os.pathsep.join([*map(str, pythonpath), str(REPO)]),
           "TF_CPP_MIN_LOG_LEVEL": "3", "RASA_TELEMETRY_ENABLED": "false", "SANIC_HOST": "127.0.0.1",
           # read by endpoints.yml
           "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{actions_port}/webhook",
           "TRACKER_DATABASE_URL": f"sqlite:///{workdir / 'tracker.sqlite3'}"}
    processes = []
    actions_log, rasa_log = workdir / "actions.log", workdir / "rasa.log"
    try:
        if with_actions:
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "rasa_sdk", "--actions", actions_package, "--port", str(actions_port)],
                cwd=REPO, env=env, stdout=actions_log.open("w"), stderr=subprocess.STDOUT))
        processes.append(subprocess.Popen(
            [str(VENV_BIN / "rasa"), "run", "--model", str(model), "--interface", "127.0.0.1",
             "--port", str(rasa_port), "--credentials", str(REPO / "credentials.yml"),
             "--endpoints", str(REPO / "endpoints.yml"), *(["--enable-api"] if enable_api else [])],
            cwd=REPO, env=env, stdout=rasa_log.open("w"), stderr=subprocess.STDOUT))
        if with_actions:
            _wait(f"http://127.0.0.1:{actions_port}/health", processes[0], actions_log)
        # Rasa loads the model before it starts listening: "/" answering means ready.
        _wait(f"http://127.0.0.1:{rasa_port}/", processes[-1], rasa_log)
    except Exception:
        for process in processes:
            process.kill()
        raise
    return RunningAssistant(f"http://127.0.0.1:{rasa_port}", database_url, processes)
