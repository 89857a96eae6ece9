"""`make run`'s stack as a test drives it: scripts/run.sh (supervisord, the action server,
Rasa, the bot) on free loopback ports, its state in a work directory, and a Telegram
Bot API stand-in running in a thread of its own so that synchronous tests can use it."""
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

import httpx

from tests.support.assistant import free_port
from tests.support.telegram_api import TelegramApiStandIn

REPO = Path(__file__).resolve().parents[2]
VENV = Path(sys.executable).parent.parent      # the venv running the tests (not resolved: .venv may be a link)
STARTUP_SECONDS = 180
# Variables of the developer's shell that must not leak into the stack under test.
PRIVATE_PREFIXES = ("TELEGRAM_", "SENDER_ID_SECRET", "RASA_URL", "BOT_STATE_FILE", "ALLOWED_USER_IDS",
                    "TRACKER_DATABASE_URL", "ACTION_ENDPOINT_URL", "VAR_DIR")


class ThreadedTelegram:
    """TelegramApiStandIn on an event loop in a background thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.api: Optional[TelegramApiStandIn] = None

    def run(self, coroutine, timeout: float = 60) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def __enter__(self) -> "ThreadedTelegram":
        self.thread.start()

        async def start() -> TelegramApiStandIn:
            return await TelegramApiStandIn().start()

        self.api = self.run(start())
        return self

    def __exit__(self, *exc) -> None:
        self.run(self.api.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)

    def inject(self, update: Dict[str, Any]) -> int:
        async def inject() -> int:
            return self.api.inject(update)
        return self.run(inject())

    def wait_for_call(self, method: str, timeout: float = 30, **params: Any):
        return self.run(self.api.wait_for_call(method, timeout=timeout, **params), timeout + 5)


class Stack:
    """scripts/run.sh with its own VAR_DIR and ports; start() waits until both servers answer."""

    def __init__(self, workdir: Path, database_url: str, extra_env: Optional[Dict[str, str]] = None):
        self.workdir = Path(workdir)
        self.var_dir = self.workdir / "var"
        self.log_path = self.workdir / "run.log"
        self.actions_port, self.rasa_port = free_port(), free_port()
        self.rasa_url = f"http://127.0.0.1:{self.rasa_port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith(PRIVATE_PREFIXES)}
        env.update(VENV=str(VENV), VAR_DIR=str(self.var_dir), DATABASE_URL=database_url,
                   ACTIONS_PORT=str(self.actions_port), RASA_PORT=str(self.rasa_port),
                   TF_CPP_MIN_LOG_LEVEL="3")
        env.update(extra_env or {})
        self.env = env
        self.process: Optional[subprocess.Popen] = None

    def start(self) -> None:
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen([str(REPO / "scripts" / "run.sh")], cwd=REPO, env=self.env,
                                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                            start_new_session=True)
        deadline = time.monotonic() + STARTUP_SECONDS
        for url in (f"http://127.0.0.1:{self.actions_port}/health", f"{self.rasa_url}/"):
            while not self._answers(url):
                if self.process.poll() is not None:
                    raise RuntimeError(f"run.sh exited with {self.process.returncode}:\n{self.log()[-3000:]}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{url} not up after {STARTUP_SECONDS} s:\n{self.log()[-3000:]}")
                time.sleep(0.5)

    @staticmethod
    def _answers(url: str) -> bool:
        try:
            return httpx.get(url, timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def stop(self, timeout: float = 60) -> int:
        """SIGTERM to supervisord (run.sh execs it), as Ctrl-C or `docker stop` would."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else 0
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
            raise

    def kill_all(self) -> None:
        """Cleanup after a failure: the whole process group (supervisord and its children's
        groups are ended by supervisord on SIGTERM; anything left gets SIGKILL)."""
        if self.process and self.process.poll() is None:
            try:
                self.stop(30)
            except subprocess.TimeoutExpired:
                pass

    def supervisorctl(self, *args: str) -> str:
        result = subprocess.run([str(VENV / "bin" / "supervisorctl"), "-s",
                                 f"unix://{self.var_dir / 'supervisor.sock'}", *args],
                                capture_output=True, text=True, timeout=30)
        return result.stdout.strip()

    def pid(self, program: str) -> int:
        return int(self.supervisorctl("pid", program))

    def ask(self, sender: str, text: str, timeout: float = 30) -> List[Dict[str, Any]]:
        response = httpx.post(f"{self.rasa_url}/webhooks/rest/webhook",
                              json={"sender": sender, "message": text}, timeout=timeout)
        response.raise_for_status()
        return response.json()

    def text(self, sender: str, message: str) -> str:
        return "\n".join(m.get("text", "") for m in self.ask(sender, message))

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def listening_addresses(port: int) -> List[str]:
    """Local addresses with a listening TCP socket on `port` (IPv4 and IPv6), from /proc."""
    found = []
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, port_hex = fields[1].split(":")
            if fields[3] == "0A" and int(port_hex, 16) == port:   # 0A = LISTEN
                found.append(_address(address, width))
    return found


def _address(hex_address: str, width: int) -> str:
    if width == 8:
        return ".".join(str(int(hex_address[i:i + 2], 16)) for i in (6, 4, 2, 0))
    words = [hex_address[i:i + 8] for i in range(0, 32, 8)]
    raw = b"".join(bytes.fromhex(w)[::-1] for w in words)
    import ipaddress
    return str(ipaddress.IPv6Address(raw))
