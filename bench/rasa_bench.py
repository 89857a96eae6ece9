"""Speed benchmark for a Rasa 3.6 assistant over its REST channel.

    python -m bench.rasa_bench run --url http://127.0.0.1:5005 --script bench/conversations/assistant.yml
    python -m bench.rasa_bench compare [--target-url URL] [--train-seconds S] [--rounds N]

`run` measures one server and prints/saves JSON. `compare` starts the stock
`rasa init` bot (bench/baseline.py), measures it and the already-running target
phase by phase in the same run (order alternates per round), saves the raw JSON
under bench/out/ and writes bench/RESULTS-rasa.md. See bench/README.md.

Phases: single (one user, N fresh 5-turn conversations), concurrent (16 users
holding 5-turn conversations for a fixed time), long (one user, 120 turns, then
/session_start + 10 turns, then a new sender id + 10 turns). Each phase warms up
first and every loop is bounded in count and time.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shlex
import signal
import statistics
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import aiohttp
import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
STOCK_SCRIPT = BENCH / "conversations" / "stock.yml"
ASSISTANT_SCRIPT = BENCH / "conversations" / "assistant.yml"
RESULTS = BENCH / "RESULTS-rasa.md"
GOAL_P50_MS = 40.0        # one user, p50 round trip
GOAL_MSG_PER_S = 25.0     # 16 concurrent users
PHASES = ("single", "concurrent", "long", "history")


# ---------------------------------------------------------------- script

@dataclass
class Script:
    name: str
    conversations: list[list[tuple[str, dict | None]]]
    long: list[tuple[str, dict | None]] = field(default_factory=list)


def _turn(t, meta: dict | None) -> tuple[str, dict | None]:
    if isinstance(t, str):
        return t, meta
    if isinstance(t, dict) and isinstance(t.get("text"), str):
        return t["text"], {**(meta or {}), **(t.get("metadata") or {})} or None
    raise ValueError(f"bad turn {t!r}: a string or {{text, metadata}}")


def load_script(path: str | Path) -> Script:
    """YAML or JSON: a list of conversations, or {name, metadata, conversations, long}.
    A conversation is a list of turns or {language, metadata, turns}; a turn is a
    string or {text, metadata}. `language` becomes metadata.language_code."""
    path = Path(path)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))  # YAML is a superset of JSON
    if isinstance(doc, list):
        doc = {"conversations": doc}
    base = doc.get("metadata") or None
    convs = []
    for c in doc.get("conversations") or []:
        meta, turns = base, c
        if isinstance(c, dict):
            meta = {**(base or {}), **(c.get("metadata") or {})}
            if c.get("language"):
                meta["language_code"] = c["language"]
            meta, turns = meta or None, c.get("turns") or []
        if not isinstance(turns, list) or not turns:
            raise ValueError(f"{path}: empty or bad conversation {c!r}")
        convs.append([_turn(t, meta) for t in turns])
    if not convs:
        raise ValueError(f"{path}: no conversations")
    long = [_turn(t, base) for t in doc.get("long") or []] or [t for c in convs for t in c]
    return Script(doc.get("name") or path.stem, convs, long)


# ---------------------------------------------------------------- client

class PhaseFailed(RuntimeError):
    pass


class Client:
    """POST /webhooks/rest/webhook; records failures instead of raising (up to a limit)."""

    def __init__(self, url: str, session: aiohttp.ClientSession, max_errors: int = 20):
        self.url = url.rstrip("/")
        self.session = session
        self.max_errors = max_errors
        self.errors: list[str] = []
        self.empty_replies = 0

    async def send(self, sender: str, turn: tuple[str, dict | None]) -> float | None:
        """Latency in seconds, or None on failure."""
        body = {"sender": sender, "message": turn[0]}
        if turn[1]:
            body["metadata"] = turn[1]
        t0 = time.perf_counter()
        try:
            async with self.session.post(self.url + "/webhooks/rest/webhook", json=body) as r:
                data = await r.read()
                dt = time.perf_counter() - t0
                if r.status != 200:
                    raise ValueError(f"HTTP {r.status}: {data[:200]!r}")
                replies = json.loads(data)
                if not isinstance(replies, list):
                    raise ValueError(f"not a list: {data[:200]!r}")
                if not replies:
                    self.empty_replies += 1
                return dt
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as e:
            self.errors.append(f"{type(e).__name__}: {e}"[:300])
            if len(self.errors) > self.max_errors:
                raise PhaseFailed(f"more than {self.max_errors} failed requests; "
                                  f"last: {self.errors[-1]}") from e
            return None

    def report(self) -> dict:
        return {"errors": len(self.errors), "error_samples": self.errors[:5],
                "empty_replies": self.empty_replies}


def _sender(label: str, phase: str, i) -> str:
    return f"bench-{label}-{phase}-{uuid.uuid4().hex[:8]}-{i}"


def pct(xs: list[float], q: float) -> float | None:
    """Linear-interpolated percentile, q in 0..100."""
    if not xs:
        return None
    s = sorted(xs)
    k = (len(s) - 1) * q / 100
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def stats_ms(lat_s: list[float]) -> dict:
    ms = [x * 1000 for x in lat_s]
    r = lambda v: None if v is None else round(v, 1)  # noqa: E731
    return {"n": len(ms), "p50_ms": r(pct(ms, 50)), "p95_ms": r(pct(ms, 95)),
            "mean_ms": r(statistics.fmean(ms)) if ms else None,
            "min_ms": r(min(ms, default=None)), "max_ms": r(max(ms, default=None))}


# ---------------------------------------------------------------- phases

async def warm_up(client: Client, script: Script, label: str, turns: int) -> None:
    flat = [t for c in script.conversations for t in c]
    sender = _sender(label, "warmup", 0)
    for i in range(turns):
        if i and i % 5 == 0:
            sender = _sender(label, "warmup", i)
        await client.send(sender, flat[i % len(flat)])


async def phase_single(client: Client, script: Script, label: str, cfg) -> dict:
    await warm_up(client, script, label, cfg.warmup_turns)
    client.errors.clear()
    lat, deadline = [], time.monotonic() + cfg.phase_timeout
    for i in range(cfg.conversations):
        sender = _sender(label, "single", i)
        for turn in script.conversations[i % len(script.conversations)]:
            if time.monotonic() > deadline:
                break
            dt = await client.send(sender, turn)
            if dt is not None:
                lat.append(dt)
    return {"conversations": cfg.conversations, **stats_ms(lat), **client.report()}


async def _load(client: Client, script: Script, label: str, users: int, seconds: float,
                max_messages: int) -> tuple[list[float], float, int]:
    lat: list[float] = []
    sent = 0
    t0 = time.monotonic()
    deadline = t0 + seconds

    async def user(u: int) -> None:
        nonlocal sent
        k = u
        while time.monotonic() < deadline and sent < max_messages:
            sender = _sender(label, f"u{u}", k)
            for turn in script.conversations[k % len(script.conversations)]:
                if time.monotonic() >= deadline or sent >= max_messages:
                    return
                sent += 1
                dt = await client.send(sender, turn)
                if dt is not None:
                    lat.append(dt)
            k += users

    await asyncio.gather(*(user(u) for u in range(users)))
    return lat, time.monotonic() - t0, sent


async def phase_concurrent(client: Client, script: Script, label: str, cfg) -> dict:
    await _load(client, script, label + "-w", cfg.users, cfg.warmup_seconds, cfg.max_messages)
    client.errors.clear()
    lat, elapsed, sent = await _load(client, script, label, cfg.users,
                                     min(cfg.duration, cfg.phase_timeout), cfg.max_messages)
    return {"users": cfg.users, "duration_s": round(elapsed, 2), "sent": sent,
            "msg_per_s": round(len(lat) / elapsed, 2) if elapsed else None,
            **stats_ms(lat), **client.report()}


def _windows(turns: int) -> list[tuple[int, int]]:
    mid = max(turns // 2, 10)
    return [(1, 10), (mid - 9, mid), (turns - 9, turns)]


async def phase_long(client: Client, script: Script, label: str, cfg) -> dict:
    await warm_up(client, script, label, cfg.warmup_turns)
    client.errors.clear()
    deadline = time.monotonic() + cfg.phase_timeout
    turns = script.long

    async def run(sender: str, n: int, start: int = 0) -> list[float | None]:
        out = []
        for i in range(n):
            if time.monotonic() > deadline:
                raise PhaseFailed(f"long conversation exceeded {cfg.phase_timeout} s at turn {i + 1}")
            dt = await client.send(sender, turns[(start + i) % len(turns)])
            out.append(None if dt is None else round(dt * 1000, 2))
        return out

    sender = _sender(label, "long", 0)
    per_turn = await run(sender, cfg.long_turns)
    events_before = await _tracker_events(client, sender)
    t0 = time.perf_counter()
    ok = await client.send(sender, ("/session_start", None))
    session_start_ms = round((time.perf_counter() - t0) * 1000, 1) if ok is not None else None
    after_restart = await run(sender, cfg.after_turns)
    new_sender = await run(_sender(label, "long-new", 1), cfg.after_turns)

    def p50(xs):
        xs = [x for x in xs if x is not None]
        return round(pct(xs, 50), 1) if xs else None

    windows = {f"{a}-{b}": p50(per_turn[a - 1:b]) for a, b in _windows(cfg.long_turns)}
    every10 = {f"{a}-{a + 9}": p50(per_turn[a - 1:a + 9]) for a in range(1, cfg.long_turns + 1, 10)}
    first, last = list(windows.values())[0], list(windows.values())[-1]
    after_p50, new_p50 = p50(after_restart), p50(new_sender)
    ratio = lambda a, b: round(a / b, 2) if a and b else None  # noqa: E731
    events_after = await _tracker_events(client, sender)
    return {"turns": cfg.long_turns, "windows_p50_ms": windows, "every10_p50_ms": every10,
            "growth_ratio": ratio(last, first), "session_start_ms": session_start_ms,
            "after_session_start_p50_ms": after_p50,
            "after_session_start_ratio": ratio(after_p50, first),
            "new_sender_p50_ms": new_p50, "new_sender_ratio": ratio(new_p50, first),
            "tracker_events": {"at_last_turn": events_before, "at_end": events_after}, "per_turn_ms": per_turn,
            "after_session_start_ms": after_restart, "new_sender_ms": new_sender,
            **client.report()}


async def phase_history(client: Client, script: Script, label: str, cfg) -> dict:
    """A returning user: --history-turns earlier turns in sessions of --session-turns (each
    begun with /session_start, as an expired session would be), then /session_start and
    --after-turns turns; against --after-turns turns of a new sender measured right after.
    Goal: the returning user's p50 at most 1.2 x the new user's."""
    await warm_up(client, script, label, cfg.warmup_turns)
    client.errors.clear()
    deadline = time.monotonic() + cfg.phase_timeout
    turns = script.long
    sender = _sender(label, "history", 0)
    build_started = time.monotonic()
    for i in range(cfg.history_turns):
        if time.monotonic() > deadline:
            raise PhaseFailed(f"history exceeded {cfg.phase_timeout} s at turn {i + 1}")
        if i and i % cfg.session_turns == 0:
            await client.send(sender, ("/session_start", None))
        await client.send(sender, turns[i % len(turns)])
    build_s = round(time.monotonic() - build_started, 1)

    async def ten(who: str) -> list[float]:
        out = []
        for i in range(cfg.after_turns):
            dt = await client.send(who, turns[i % len(turns)])
            if dt is not None:
                out.append(dt * 1000)
        return out

    await client.send(sender, ("/session_start", None))
    returning = await ten(sender)
    new = await ten(_sender(label, "history-new", 1))
    p = lambda xs: round(pct(xs, 50), 1) if xs else None  # noqa: E731
    r, n = p(returning), p(new)
    return {"history_turns": cfg.history_turns, "session_turns": cfg.session_turns, "build_s": build_s,
            "returning_p50_ms": r, "new_sender_p50_ms": n,
            "returning_vs_new": round(r / n, 2) if r and n else None,
            "returning_ms": [round(x, 2) for x in returning], "new_ms": [round(x, 2) for x in new],
            **client.report()}


async def _tracker_events(client: Client, sender: str) -> int | None:
    """Events stored for sender (needs --enable-api; best effort, not timed)."""
    try:
        async with client.session.get(f"{client.url}/conversations/{sender}/tracker",
                                      params={"include_events": "ALL"}) as r:
            return len((await r.json()).get("events") or []) if r.status == 200 else None
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        return None


PHASE_FUNCS = {"single": phase_single, "concurrent": phase_concurrent, "long": phase_long,
               "history": phase_history}


async def _server_info(session: aiohttp.ClientSession, url: str) -> dict:
    info = {"url": url}
    for path in ("/version", "/status"):
        try:
            async with session.get(url.rstrip("/") + path) as r:
                if r.status == 200:
                    info[path.strip("/")] = await r.json()
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
            pass
    return info


def _session(cfg) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=cfg.users + 4),
        timeout=aiohttp.ClientTimeout(total=cfg.request_timeout))


async def run_phase(url: str, script: Script, label: str, phase: str, cfg) -> dict:
    print(f"[bench] {label}: {phase} ...", file=sys.stderr, flush=True)
    t0 = time.monotonic()
    async with _session(cfg) as s:
        client = Client(url, s)
        try:
            res = await asyncio.wait_for(PHASE_FUNCS[phase](client, script, label, cfg),
                                         cfg.phase_timeout + cfg.request_timeout + 60)
        except (PhaseFailed, asyncio.TimeoutError) as e:
            res = {"failed": str(e) or type(e).__name__, **client.report()}
    res["wall_s"] = round(time.monotonic() - t0, 1)
    print(f"[bench] {label}: {phase} {_brief(phase, res)}", file=sys.stderr, flush=True)
    return res


def _brief(phase: str, r: dict) -> str:
    if "failed" in r:
        return f"FAILED: {r['failed']}"
    if phase == "history":
        return (f"{r['history_turns']} earlier turns (built in {r['build_s']} s): returning user "
                f"{r['returning_p50_ms']} ms, new user {r['new_sender_p50_ms']} ms, x{r['returning_vs_new']}")
    if phase == "long":
        return (f"windows {r['windows_p50_ms']} growth x{r['growth_ratio']}, after "
                f"/session_start {r['after_session_start_p50_ms']} ms, new sender "
                f"{r['new_sender_p50_ms']} ms")
    extra = f"{r['msg_per_s']} msg/s, " if phase == "concurrent" else ""
    return f"{extra}p50 {r['p50_ms']} ms p95 {r['p95_ms']} ms (n={r['n']}, errors {r['errors']})"


# ---------------------------------------------------------------- summary / report

def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu_model": model or platform.processor(),
            "python": platform.python_version(), "platform": platform.platform(),
            "aiohttp": aiohttp.__version__}


def summarize(rounds: list[dict]) -> dict:
    """Headline numbers of one side: median over rounds of each round's value."""
    keys = {"p50_1user_ms": ("single", "p50_ms"), "p95_1user_ms": ("single", "p95_ms"),
            "mean_1user_ms": ("single", "mean_ms"), "msg_per_s_16": ("concurrent", "msg_per_s"),
            "p50_16users_ms": ("concurrent", "p50_ms"), "p95_16users_ms": ("concurrent", "p95_ms"),
            "long_growth_ratio": ("long", "growth_ratio"),
            "after_session_start_p50_ms": ("long", "after_session_start_p50_ms"),
            "after_session_start_ratio": ("long", "after_session_start_ratio"),
            "new_sender_p50_ms": ("long", "new_sender_p50_ms"),
            "history_returning_p50_ms": ("history", "returning_p50_ms"),
            "history_new_p50_ms": ("history", "new_sender_p50_ms"),
            "history_returning_vs_new": ("history", "returning_vs_new")}
    out = {}
    for k, (ph, m) in keys.items():
        vals = [r[ph][m] for r in rounds if ph in r and r[ph].get(m) is not None]
        out[k] = round(statistics.median(vals), 2) if vals else None
    wins = [r["long"]["windows_p50_ms"] for r in rounds if "windows_p50_ms" in r.get("long", {})]
    for w in (wins[0] if wins else {}):
        vals = [x[w] for x in wins if x.get(w) is not None]
        out[f"long_p50_turns_{w}_ms"] = round(statistics.median(vals), 1) if vals else None
    added = [list(w.values())[-1] - list(w.values())[0] for w in wins
             if list(w.values())[0] is not None and list(w.values())[-1] is not None]
    out["long_growth_ms"] = round(statistics.median(added), 1) if added else None
    ev = [r["long"]["tracker_events"]["at_last_turn"] for r in rounds
          if (r.get("long", {}).get("tracker_events") or {}).get("at_last_turn") is not None]
    out["tracker_events_at_last_turn"] = statistics.median(ev) if ev else None
    out["errors"] = sum(r[ph].get("errors", 0) for r in rounds for ph in r if isinstance(r[ph], dict))
    out["failed_phases"] = [f"{ph}: {r[ph]['failed']}" for r in rounds for ph in r
                            if isinstance(r[ph], dict) and "failed" in r[ph]]
    return out


def _fmt(v, unit="") -> str:
    return "—" if v is None else f"{v:g}{unit}"


def write_results(path: Path, data: dict) -> None:
    b = data["sides"]["baseline"]["summary"]
    t = data["sides"].get("target", {}).get("summary")
    m, cfg = data["machine"], data["config"]
    tcol = "target" if t else "target (not measured)"
    rows = [("p50 latency, 1 user (ms)", "p50_1user_ms", f"≤ {GOAL_P50_MS:g}", lambda v: v <= GOAL_P50_MS),
            ("p95 latency, 1 user (ms)", "p95_1user_ms", "", None),
            ("mean latency, 1 user (ms)", "mean_1user_ms", "", None),
            (f"messages/s, {cfg['users']} users", "msg_per_s_16", f"≥ {GOAL_MSG_PER_S:g}",
             lambda v: v >= GOAL_MSG_PER_S),
            (f"p50 latency, {cfg['users']} users (ms)", "p50_16users_ms", "", None),
            (f"p95 latency, {cfg['users']} users (ms)", "p95_16users_ms", "", None)]
    wins = [k for k in b if k.startswith("long_p50_turns_")] or \
           [k for k in (t or {}) if k.startswith("long_p50_turns_")]
    for k in wins:
        rows.append((f"long conversation p50, turns {k[15:-3]} (ms)", k, "", None))
    rows += [(f"long growth ratio (last 10 / first 10 turns)", "long_growth_ratio", "", None),
             ("long growth, ms added (last 10 − first 10 turns)", "long_growth_ms", "", None),
             ("after /session_start: p50 of next 10 turns (ms)", "after_session_start_p50_ms", "", None),
             ("after /session_start / first 10 turns", "after_session_start_ratio", "", None),
             ("new sender id: p50 of 10 turns (ms)", "new_sender_p50_ms", "", None),
             (f"returning user after {cfg.get('history_turns', 1000)} earlier turns and a new session: p50 of "
              f"{cfg['after_turns']} turns (ms)", "history_returning_p50_ms", "", None),
             (f"new user right after: p50 of {cfg['after_turns']} turns (ms)", "history_new_p50_ms", "", None),
             ("returning / new user", "history_returning_vs_new", "≤ 1.2", lambda v: v <= 1.2),
             ("tracker events at the long conversation's last turn", "tracker_events_at_last_turn", "", None),
             ("training time (s)", "train_seconds", "", None),
             ("failed requests", "errors", "0", None)]
    lines = [f"| metric | baseline (stock `rasa init` bot) | {tcol} | target / baseline | goal | target meets goal |",
             "|---|---|---|---|---|---|"]
    for name, key, goal, ok in rows:
        bv, tv = b.get(key), (t or {}).get(key)
        ratio = f"{tv / bv:.2f}" if isinstance(bv, (int, float)) and isinstance(tv, (int, float)) and bv else "—"
        meets = ("yes" if ok(tv) else "**no**") if ok and tv is not None else ""
        lines.append(f"| {name} | {_fmt(bv)} | {_fmt(tv)} | {ratio} | {goal} | {meets} |")
    every = {}  # side -> window -> median over rounds
    for s, d in data["sides"].items():
        per_round = [r["long"]["every10_p50_ms"] for r in d.get("rounds", [])
                     if "every10_p50_ms" in r.get("long", {})]
        every[s] = {w: statistics.median([x[w] for x in per_round if x.get(w) is not None] or [None])
                    for w in (per_round[0] if per_round else {})}
    long_lines = []
    if any(every.values()):
        cols = [s for s in every if every[s]]
        long_lines = ["| turns | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
        for w in every[cols[0]]:
            long_lines.append(f"| {w} | " + " | ".join(_fmt(every[s].get(w)) for s in cols) + " |")
    sides_txt = "\n".join(
        f"- {s}: {d['server'].get('url')} (Rasa {d['server'].get('version', {}).get('version', '?')}), "
        f"script `{d['script']}`" + (f", model `{d['server'].get('status', {}).get('model_file', '?')}`")
        for s, d in data["sides"].items())
    failed = [f"- {s}: {f}" for s, d in data["sides"].items() for f in d["summary"]["failed_phases"]]
    txt = f"""# Rasa speed benchmark: results

**Status: {data['note']}**

- Date: {data['started']} → {data['finished']} (UTC)
- Machine: {m['nproc']} CPU ({m['cpu_model']}), {m['platform']}; load average at start {data['load_start']}, at end {data['load_end']}
- Software: Python {m['python']}, aiohttp {m['aiohttp']} client
- Command: `{data['command']}`
- Raw JSON: `{data['raw_json']}` (gitignored; per-turn latencies of the long conversation are there)
{sides_txt}

## Headline numbers (median over {cfg['rounds']} round(s))

{chr(10).join(lines)}

Training time: baseline = wall time of `rasa init --no-prompt` (includes training the stock
model{'; reused an existing model, time from its first run' if data['sides']['baseline'].get('init', {}).get('reused') else ''}); target = `--train-seconds` as given.
{chr(10).join(['', '**Failed phases:**', *failed, '']) if failed else ''}
## Long conversation: p50 per 10 turns (ms)

{chr(10).join(long_lines) if long_lines else '—'}

## Method

- REST channel: `POST /webhooks/rest/webhook` with `{{"sender", "message", "metadata"}}`, one
  aiohttp session with keep-alive per side and phase; latency = request sent → full JSON reply
  read, measured on the client (`time.perf_counter`). A reply must be HTTP 200 with a JSON list.
- One user: {cfg['warmup_turns']} warm-up turns, then {cfg['conversations']} conversations of the script's
  ~5 turns, a fresh sender id per conversation, one request at a time.
- {cfg['users']} users: {cfg['warmup_seconds']} s warm-up under the same load (discarded), then each user
  holds 5-turn conversations (fresh sender id each) back to back for {cfg['duration']} s
  (cap {cfg['max_messages']} messages); msg/s = successful replies / wall time.
- Long conversation: {cfg['warmup_turns']} warm-up turns on another sender, then one sender sends
  {cfg['long_turns']} turns (the script's turns cycled); then `/session_start` and {cfg['after_turns']}
  more turns on the same sender; then {cfg['after_turns']} turns on a new sender id.
  Growth ratio = p50 of the last 10 turns / p50 of turns 1-10.
- Returning user: one sender sends {cfg.get('history_turns')} turns in sessions of {cfg.get('session_turns')}
  (each begun with `/session_start`, as an expired session would be), then `/session_start` and
  {cfg['after_turns']} turns; a new sender's {cfg['after_turns']} turns right after are the reference.
- Baseline and target are measured in the same run, phase by phase, order alternating per
  round, so both see the same machine load. The machine is shared: compare ratios, not
  absolute numbers across runs.
"""
    path.write_text(txt, encoding="utf-8")


# ---------------------------------------------------------------- CLI

def _add_measure_opts(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("measurement")
    g.add_argument("--phases", default=",".join(PHASES), help="comma list of single,concurrent,long,history")
    g.add_argument("--conversations", type=int, default=30, help="one-user conversations (default 30)")
    g.add_argument("--warmup-turns", type=int, default=10)
    g.add_argument("--users", type=int, default=16)
    g.add_argument("--duration", type=float, default=30, help="seconds of concurrent load (default 30)")
    g.add_argument("--max-messages", type=int, default=5000, help="cap of the concurrent phase")
    g.add_argument("--warmup-seconds", type=float, default=5)
    g.add_argument("--long-turns", type=int, default=120)
    g.add_argument("--after-turns", type=int, default=10)
    g.add_argument("--history-turns", type=int, default=1000, help="returning user's earlier turns")
    g.add_argument("--session-turns", type=int, default=50, help="turns per earlier session")
    g.add_argument("--request-timeout", type=float, default=30)
    g.add_argument("--phase-timeout", type=float, default=600, help="upper bound per phase (s)")
    g.add_argument("--quick", action="store_true", help="smoke test: few conversations, 8 s load, 30-turn long")


def _cfg(args) -> argparse.Namespace:
    if args.quick:
        args.conversations, args.duration, args.warmup_seconds = 6, 8, 2
        args.long_turns, args.warmup_turns = 30, 5
        args.history_turns, args.session_turns = 60, 20
    args.long_turns = max(args.long_turns, 20)
    args.phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    bad = set(args.phases) - set(PHASES)
    if bad:
        raise SystemExit(f"unknown phases: {sorted(bad)}")
    return args


def _config_dict(cfg) -> dict:
    keys = ("phases", "conversations", "warmup_turns", "users", "duration", "max_messages",
            "warmup_seconds", "long_turns", "after_turns", "history_turns", "session_turns",
            "request_timeout", "rounds")
    return {k: getattr(cfg, k, 1) for k in keys}


async def _measure_sides(sides: dict, cfg) -> None:
    """sides: label -> {"url", "script_obj", ...}; fills side["rounds"]."""
    async with _session(cfg) as s:
        for side in sides.values():
            side["server"] = await _server_info(s, side["url"])
    labels = list(sides)
    for rnd in range(cfg.rounds):
        order = labels if rnd % 2 == 0 else labels[::-1]
        results = {lab: {} for lab in labels}
        for phase in cfg.phases:
            for lab in order:
                results[lab][phase] = await run_phase(sides[lab]["url"], sides[lab]["script_obj"],
                                                      lab, phase, cfg)
        for lab in labels:
            sides[lab].setdefault("rounds", []).append(results[lab])


def _save(data: dict, stem: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{stem}-{datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    data["raw_json"] = str(path.relative_to(ROOT))
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    return path


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def cmd_run(args) -> int:
    cfg = _cfg(args)
    cfg.rounds = 1
    side = {"url": args.url, "script": args.script, "script_obj": load_script(args.script)}
    started = _now()
    asyncio.run(_measure_sides({args.label: side}, cfg))
    side.pop("script_obj")
    side["summary"] = summarize(side["rounds"])
    data = {"started": started, "finished": _now(), "machine": machine(),
            "config": _config_dict(cfg),
            "command": "python -m bench.rasa_bench " + shlex.join(args.argv), "side": side}
    path = Path(args.out) if args.out else _save(data, f"rasa-run-{args.label}")
    if args.out:
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(side["summary"], indent=1))
    print(f"[bench] raw JSON: {path}", file=sys.stderr)
    return 1 if side["summary"]["failed_phases"] else 0


def cmd_compare(args) -> int:
    from bench import baseline as bl

    cfg = _cfg(args)
    data = {"started": _now(), "machine": machine(), "config": _config_dict(cfg),
            "command": "python -m bench.rasa_bench " + shlex.join(args.argv),
            "load_start": [round(x, 2) for x in os.getloadavg()],
            "note": args.note or ("baseline vs target" if args.target_url
                                  else "baseline only (no target measured)")}
    sides = {"baseline": {"script": args.baseline_script,
                          "script_obj": load_script(args.baseline_script)}}
    if args.target_url:
        sides["target"] = {"url": args.target_url, "script": args.target_script,
                           "script_obj": load_script(args.target_script),
                           "train_seconds": args.train_seconds}
    bot = None
    try:
        if args.baseline_url:
            sides["baseline"]["url"] = args.baseline_url
        else:
            bot = bl.StockBot(args.bot_dir, retrain=args.retrain)
            bot.start()
            sides["baseline"].update(url=bot.url, init=bot.init, startup_seconds=bot.startup_seconds)
        asyncio.run(_measure_sides(sides, cfg))
    finally:
        if bot:
            bot.stop()
    for name, side in sides.items():
        side.pop("script_obj")
        side["summary"] = summarize(side.get("rounds", []))
        train = side.get("train_seconds") if name == "target" else side.get("init", {}).get("init_seconds")
        if name == "baseline" and args.baseline_train_seconds is not None:
            train = args.baseline_train_seconds
        side["summary"]["train_seconds"] = train
    data.update(finished=_now(), load_end=[round(x, 2) for x in os.getloadavg()], sides=sides)
    path = _save(data, "rasa-compare")
    results = Path(args.results)
    write_results(results, data)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    print(json.dumps({k: v["summary"] for k, v in sides.items()}, indent=1))
    print(f"[bench] wrote {results} and {path}", file=sys.stderr)
    return 1 if any(s["summary"]["failed_phases"] for s in sides.values()) else 0


def _sigterm_to_exit(*_):
    raise SystemExit(143)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.rasa_bench",
                                description="Rasa REST speed benchmark (see bench/README.md)")
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="measure one running server")
    r.add_argument("--url", required=True, help="Rasa base URL, e.g. http://127.0.0.1:5005")
    r.add_argument("--script", default=str(ASSISTANT_SCRIPT), help="conversation script (YAML/JSON)")
    r.add_argument("--label", default="target")
    r.add_argument("--out", help="JSON output file (default bench/out/rasa-run-<label>-<time>.json)")
    _add_measure_opts(r)
    c = sub.add_parser("compare", help="stock bot baseline vs running target; writes RESULTS-rasa.md")
    c.add_argument("--target-url", help="running target; omit to measure the baseline only")
    c.add_argument("--target-script", default=str(ASSISTANT_SCRIPT))
    c.add_argument("--train-seconds", type=float, help="target's `rasa train` wall time, for the report")
    c.add_argument("--baseline-url", help="an already-running stock bot instead of starting one")
    c.add_argument("--baseline-script", default=str(STOCK_SCRIPT))
    c.add_argument("--baseline-train-seconds", type=float, help="override the stock bot's training time")
    c.add_argument("--bot-dir", type=Path, default=OUT / "stock-bot", help="where the stock bot lives")
    c.add_argument("--retrain", action="store_true", help="run `rasa init` again even if a model exists")
    c.add_argument("--rounds", type=int, default=1, help="repeat all phases; medians are reported")
    c.add_argument("--note", help="status line for RESULTS-rasa.md")
    c.add_argument("--results", default=str(RESULTS))
    _add_measure_opts(c)
    argv = list(sys.argv[1:] if argv is None else argv)
    args = p.parse_args(argv)
    args.argv = argv
    signal.signal(signal.SIGTERM, _sigterm_to_exit)
    return cmd_run(args) if args.cmd == "run" else cmd_compare(args)


if __name__ == "__main__":
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    sys.exit(main())
