"""The baseline for the Rasa speed benchmark: the stock `rasa init` bot.

    python -m bench.baseline [--bot-dir DIR] [--retrain] [bench options...]

creates the stock bot (`rasa init --no-prompt`, which also trains it) under
bench/out/stock-bot (gitignored), starts `rasa run --enable-api` on a free port
of 127.0.0.1, waits for /status, measures it with bench.rasa_bench and stops it.
`StockBot` is the context manager the compare runner uses.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DEFAULT_BOT_DIR = OUT / "stock-bot"
VENV_BIN = Path(sys.executable).parent
# Rasa must not phone home (telemetry) and must not look for a GPU.
RASA_ENV = {"RASA_TELEMETRY_ENABLED": "false", "CUDA_VISIBLE_DEVICES": "-1",
            "TF_CPP_MIN_LOG_LEVEL": "2", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}


def _rasa() -> str:
    exe = VENV_BIN / "rasa"
    return str(exe) if exe.exists() else "rasa"


def _env() -> dict:
    return {**os.environ, **RASA_ENV}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def create_stock_bot(bot_dir: Path = DEFAULT_BOT_DIR, retrain: bool = False,
                     timeout: float = 1200) -> dict:
    """`rasa init --no-prompt` into bot_dir unless a model is there already.

    Returns {"bot_dir", "init_seconds" (rasa init wall time incl. training), "reused"}."""
    bot_dir = Path(bot_dir)
    stamp = bot_dir / ".bench-init.json"
    if not retrain and stamp.exists() and list((bot_dir / "models").glob("*.tar.gz")):
        return {**json.loads(stamp.read_text()), "reused": True}
    bot_dir.mkdir(parents=True, exist_ok=True)
    for old in (bot_dir / "models").glob("*.tar.gz"):
        old.unlink()
    log = bot_dir / "init.log"
    print(f"[baseline] rasa init --no-prompt --init-dir {bot_dir} (trains; log {log})",
          file=sys.stderr)
    t0 = time.perf_counter()
    with open(log, "wb") as fh:
        proc = subprocess.Popen([_rasa(), "init", "--no-prompt", "--init-dir", str(bot_dir)],
                                cwd=bot_dir, env=_env(), stdout=fh, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            rc = proc.wait(timeout=timeout)
        finally:
            _stop(proc)
    seconds = round(time.perf_counter() - t0, 1)
    if rc != 0 or not list((bot_dir / "models").glob("*.tar.gz")):
        raise RuntimeError(f"rasa init failed (rc={rc}); see {log}:\n{_tail(log)}")
    info = {"bot_dir": str(bot_dir), "init_seconds": seconds}
    stamp.write_text(json.dumps(info))
    return {**info, "reused": False}


def _tail(path: Path, n: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return ""


def _stop(proc: subprocess.Popen, grace: float = 15) -> None:
    """Stop the process group we created for proc (start_new_session=True)."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


class RasaServer:
    """`rasa run --enable-api` in model_dir's project, on 127.0.0.1:<free port>."""

    def __init__(self, project_dir: Path, port: int | None = None, ready_timeout: float = 300,
                 log_path: Path | None = None):
        self.project_dir = Path(project_dir)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ready_timeout = ready_timeout
        self.log_path = log_path or self.project_dir / "rasa-run.log"
        self.proc: subprocess.Popen | None = None
        self.startup_seconds: float | None = None

    def __enter__(self) -> "RasaServer":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        cmd = [_rasa(), "run", "--enable-api", "-i", "127.0.0.1", "-p", str(self.port),
               "-m", "models", "--endpoints", "endpoints.yml", "--credentials", "credentials.yml"]
        print(f"[baseline] starting {' '.join(cmd[1:])} (log {self.log_path})", file=sys.stderr)
        t0 = time.perf_counter()
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(cmd, cwd=self.project_dir, env=_env(), stdout=self._log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True)
        try:
            self._wait_ready(t0)
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = round(time.perf_counter() - t0, 1)
        print(f"[baseline] ready at {self.url} after {self.startup_seconds} s", file=sys.stderr)

    def _wait_ready(self, t0: float) -> None:
        while time.perf_counter() - t0 < self.ready_timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"rasa run exited with {self.proc.returncode}:\n"
                                   f"{_tail(self.log_path)}")
            try:
                with urllib.request.urlopen(self.url + "/status", timeout=2) as r:
                    if r.status == 200 and json.loads(r.read() or b"{}").get("model_file"):
                        return
            except (OSError, ValueError):
                pass
            time.sleep(0.5)
        raise TimeoutError(f"rasa run not ready after {self.ready_timeout} s:\n{_tail(self.log_path)}")

    def stop(self) -> None:
        if self.proc is not None:
            _stop(self.proc)
            self.proc = None
        if getattr(self, "_log", None):
            self._log.close()
            self._log = None


class StockBot(RasaServer):
    """Create (or reuse) and run the stock bot. `.init` holds the rasa init timing."""

    def __init__(self, bot_dir: Path = DEFAULT_BOT_DIR, retrain: bool = False, **kw):
        self.init = create_stock_bot(bot_dir, retrain=retrain)
        super().__init__(Path(bot_dir), **kw)


def _sigterm_to_exit(*_):
    raise SystemExit(143)


def main(argv=None) -> int:
    import argparse
    from bench import rasa_bench

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bot-dir", type=Path, default=DEFAULT_BOT_DIR)
    p.add_argument("--retrain", action="store_true", help="run rasa init again even if a model exists")
    args, rest = p.parse_known_args(argv)
    signal.signal(signal.SIGTERM, _sigterm_to_exit)
    with StockBot(args.bot_dir, retrain=args.retrain) as bot:
        return rasa_bench.main(["run", "--url", bot.url, "--script",
                                str(rasa_bench.STOCK_SCRIPT), "--label", "baseline", *rest])


if __name__ == "__main__":
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    sys.exit(main())
