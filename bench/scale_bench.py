"""`make bench-scale`: throughput of one vs two Rasa processes of the scaled-out assistant
(tests/support/cluster.py: PostgreSQL trackers and aid data through the read-only role,
Redis locks, one action server; deploy/endpoints.yml) beside the stock `rasa init` bot,
in the same run; then whether custom actions still block each other in the action server.
Writes bench/RESULTS-scale.md and raw JSON under bench/out/.

    python bench/scale_bench.py [--rounds 3] [--duration 30] [--users 16]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import aiohttp

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import rasa_bench as rb  # noqa: E402
from bench.baseline import StockBot  # noqa: E402
from tests.support.cluster import ask, start_cluster  # noqa: E402

RESULTS = REPO / "bench" / "RESULTS-scale.md"
ACTION_CONCURRENCY = (1, 4, 16)
ACTION_WORKERS = (1, 2)        # Sanic worker processes of the action server (ACTION_SERVER_SANIC_WORKERS)
ACTION_SCRIPT = ["How many foreign NGOs are there in Son La?", "and Quang Nam?", "and in Can Tho?",
                 "how much NGO funding did Quang Nam get since 2019?", "which province has the most foreign NGOs?",
                 "tell me about Can Tho", "where is this from?", "hello"]


async def load(urls: list[str], script: rb.Script, label: str, users: int, seconds: float,
               max_messages: int, timeout: float) -> dict:
    """`users` users holding 5-turn conversations back to back; user u's k-th message goes to
    urls[(u + k) % len(urls)], so every conversation alternates between the processes."""
    lat: list[float] = []
    sent = 0
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=users + 4),
                                     timeout=aiohttp.ClientTimeout(total=timeout)) as session:
        clients = [rb.Client(u, session) for u in urls]
        t0 = time.monotonic()
        deadline = t0 + seconds

        async def user(u: int) -> None:
            nonlocal sent
            k, n = u, 0
            while time.monotonic() < deadline and sent < max_messages:
                sender = rb._sender(label, f"u{u}", k)
                for turn in script.conversations[k % len(script.conversations)]:
                    if time.monotonic() >= deadline or sent >= max_messages:
                        return
                    sent += 1
                    dt = await clients[(u + n) % len(clients)].send(sender, turn)
                    n += 1
                    if dt is not None:
                        lat.append(dt)
                k += users

        await asyncio.gather(*(user(u) for u in range(users)))
        elapsed = time.monotonic() - t0
    errors = sum(len(c.errors) for c in clients)
    empty = sum(c.empty_replies for c in clients)
    return {"processes": len(urls), "users": users, "duration_s": round(elapsed, 1), "sent": sent,
            "msg_per_s": round(len(lat) / elapsed, 2), **rb.stats_ms(lat), "errors": errors,
            "empty_replies": empty}


def action_payloads(cluster) -> list[bytes]:
    """Real action-server requests: a conversation through the cluster, its stored events cut
    before each custom action, formatted the way Rasa formats them (RemoteAction)."""
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.load(str(REPO / "domain.yml"))
    sender = f"bench-actions-{os.getpid()}"
    for text in ACTION_SCRIPT:
        ask(cluster.rasa_urls[0], sender, text)
    events = cluster.events(sender)
    payloads = []
    for i, event in enumerate(events):
        if event["event"] == "action" and event["name"].startswith("action_") and \
                event["name"] not in ("action_listen", "action_session_start"):
            tracker = DialogueStateTracker.from_dict(sender, events[:i], domain.slots)
            body = RemoteAction(event["name"], None)._action_call_format(tracker, domain)
            payloads.append(json.dumps(body).encode())
    return payloads


async def hammer(url: str, payloads: list[bytes], concurrency: int, requests: int) -> dict:
    lat: list[float] = []
    errors = 0
    counter = iter(range(requests))
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        async def worker() -> None:
            nonlocal errors
            for i in counter:
                t0 = time.perf_counter()
                async with session.post(url, data=payloads[i % len(payloads)],
                                        headers={"Content-Type": "application/json"}) as r:
                    await r.read()
                    if r.status != 200:
                        errors += 1
                        continue
                lat.append(time.perf_counter() - t0)
        t0 = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.monotonic() - t0
    return {"concurrency": concurrency, "requests": requests, "per_s": round(len(lat) / elapsed, 1),
            **rb.stats_ms(lat), "errors": errors}


def median_of(rounds: list[dict], key: str):
    vals = [r[key] for r in rounds if r.get(key) is not None]
    return round(statistics.median(vals), 2) if vals else None


def write_results(data: dict) -> None:
    sides = data["sides"]
    rows = []
    for name, label in (("stock", "stock `rasa init` bot, 1 process (in-memory trackers)"),
                        ("one", "assistant, 1 Rasa process (PostgreSQL + Redis)"),
                        ("two", "assistant, 2 Rasa processes, every conversation alternating")):
        rs = sides[name]
        rows.append(f"| {label} | {median_of(rs, 'msg_per_s')} | {median_of(rs, 'p50_ms')} | "
                    f"{median_of(rs, 'p95_ms')} | {sum(r['errors'] + r['empty_replies'] for r in rs)} |")
    one, two, stock = (median_of(sides[k], "msg_per_s") for k in ("one", "two", "stock"))
    actions = data["actions"]
    arows = [f"| {a.get('workers', 1)} | {a['concurrency']} | {a['per_s']} | {a['p50_ms']} | {a['p95_ms']} | "
             f"{a['errors']} |" for a in actions["runs"]]
    m = data["machine"]
    text = f"""# Scale-out benchmark: results

- Date: {data['started']} → {data['finished']} (UTC); rounds: {data['rounds']} (medians below)
- Machine: {m['nproc']} CPU ({m['cpu_model']}); load average at start {data['load_start']}, at end {data['load_end']}
- Command: `{data['command']}`; raw JSON: `{data['raw_json']}` (gitignored)
- Assistant: tests/support/cluster.py: `rasa run` × 2 with deploy/endpoints.yml (indexed SQL
  tracker store on PostgreSQL, Redis lock store), one action server, aid data on PostgreSQL
  through the SELECT-only role; everything on this machine's loopback.

## Throughput: one vs two Rasa processes, beside the stock bot (same run)

{data['users']} users, each holding 5-turn conversations back to back for {data['duration']} s after a
5 s warm-up; the sides take turns within each round (order alternating per round).

| side | messages/s | p50 (ms) | p95 (ms) | failed or empty replies |
|---|---|---|---|---|
{chr(10).join(rows)}

Two processes / one: **{round(two / one, 2) if one and two else '—'} ×**; one process / stock bot:
{round(one / stock, 2) if one and stock else '—'} ×; two processes / stock bot: {round(two / stock, 2) if two and stock else '—'} ×.

## Do custom actions block each other? (the action server alone)

{len(actions['payloads'])} real action requests (a conversation through the cluster, cut before each
custom action and formatted as Rasa's RemoteAction sends them), posted straight to the action
server (rasa_sdk with one Sanic worker, as deployed, then two: ACTION_SERVER_SANIC_WORKERS; the
actions do their database work in `asyncio.to_thread`), {actions['requests']} requests per level, while the
rest of the cluster idles.

| Sanic workers | concurrent requests | requests/s | p50 (ms) | p95 (ms) | errors |
|---|---|---|---|---|---|
{chr(10).join(arows)}

{data.get('observations', '')}
"""
    RESULTS.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--duration", type=float, default=30)
    p.add_argument("--users", type=int, default=16)
    p.add_argument("--max-messages", type=int, default=5000)
    p.add_argument("--action-requests", type=int, default=300)
    args = p.parse_args(argv)
    data = {"started": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S"), "machine": rb.machine(),
            "load_start": [round(x, 2) for x in os.getloadavg()], "rounds": args.rounds,
            "users": args.users, "duration": args.duration,
            "command": "python bench/scale_bench.py " + " ".join(argv if argv is not None else sys.argv[1:]),
            "sides": {"stock": [], "one": [], "two": []}}
    stock_script = rb.load_script(rb.STOCK_SCRIPT)
    script = rb.load_script(rb.ASSISTANT_SCRIPT)
    with tempfile.TemporaryDirectory(prefix="aid-scale-bench-") as workdir:
        bot = StockBot()
        bot.start()
        cluster = None
        try:
            cluster = start_cluster(Path(workdir), rasa_instances=2)
            sides = {"stock": ([bot.url], stock_script), "one": (cluster.rasa_urls[:1], script),
                     "two": (cluster.rasa_urls, script)}
            for rnd in range(args.rounds):
                order = list(sides) if rnd % 2 == 0 else list(sides)[::-1]
                for name in order:
                    urls, scr = sides[name]
                    asyncio.run(load(urls, scr, name + "-w", args.users, 5, args.max_messages, 30))
                    result = asyncio.run(load(urls, scr, name, args.users, args.duration, args.max_messages, 30))
                    print(f"[scale] round {rnd + 1} {name}: {result['msg_per_s']} msg/s p50 {result['p50_ms']} ms",
                          file=sys.stderr, flush=True)
                    data["sides"][name].append(result)
            payloads = action_payloads(cluster)
            url = f"http://127.0.0.1:{cluster.actions_port}/webhook"
            runs = []
            for workers in ACTION_WORKERS:
                if workers != 1:
                    cluster.restart_actions(workers)
                asyncio.run(hammer(url, payloads, 4, 40))     # warm-up
                for c in ACTION_CONCURRENCY:
                    r = {"workers": workers, **asyncio.run(hammer(url, payloads, c, args.action_requests))}
                    runs.append(r)
                    print(f"[scale] actions, {workers} worker(s), x{c}: {r['per_s']} req/s p50 {r['p50_ms']} ms",
                          file=sys.stderr, flush=True)
            data["actions"] = {"payloads": [len(b) for b in payloads], "requests": args.action_requests,
                               "runs": runs}
        finally:
            if cluster:
                cluster.stop()
            bot.stop()
    data["finished"] = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    data["load_end"] = [round(x, 2) for x in os.getloadavg()]
    out = REPO / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    raw = out / f"scale-{datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    data["raw_json"] = str(raw.relative_to(REPO))
    raw.write_text(json.dumps(data, indent=1), encoding="utf-8")
    write_results(data)
    print(f"[scale] wrote {RESULTS} and {raw}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
