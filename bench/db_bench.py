"""Benchmark of the aid database at scale (not part of `make test`).

Builds a database with the real seed plus N synthetic IATI transactions (default
1,000,000) on SQLite (temp file) and on PostgreSQL (own schema, dropped after),
times the main queries with many repetitions each, and writes bench/RESULTS-db.md.

    PYTHONPATH=. .venv/bin/python bench/db_bench.py [--transactions N] [--reps R]
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timezone
from pathlib import Path

os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
import sqlalchemy as sa  # noqa: E402

from db.api import AidDatabase, PeriodQuery  # noqa: E402
from db.config import make_engine  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from db.seed_loader import load_seed  # noqa: E402
from db.synthetic import generate  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "RESULTS-db.md"
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")
PLACE_QUERIES = ["Quảng Nam", "quang nahm", "Bac", "کین تھو", "क्वांग नाम प्रांत", "wilayah Son La",
                 "Thành phố Hồ Chí Minh", "Paris"]


def _percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def _time(fn, reps):
    fn()  # warm up (caches, plans)
    samples = []
    for i in range(reps):
        t0 = time.perf_counter()
        fn(i)
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples), _percentile(samples, 95)


def _queries(adb: AidDatabase, units: list[str], rng: random.Random):
    years = list(range(2013, 2025))

    def pick(i):
        r = random.Random(i)
        unit = r.choice(units)
        y = r.choice(years)
        # a period with partial months at both ends, as users ask ("from 15 March ...")
        start = date(y, r.randint(1, 6), r.randint(1, 28))
        end = date(min(y + r.randint(0, 2), 2025), r.randint(7, 12), r.randint(1, 28))
        return unit, y, PeriodQuery(start, end)

    def year(y):
        return PeriodQuery(date(y, 1, 1), date(y, 12, 31))

    return {
        "transaction_totals(unit, period)": lambda i=0: adb.transaction_totals(
            pick(i)[0], 3, pick(i)[2], include_synthetic=True),
        "rank_units_by_transactions(year)": lambda i=0: adb.rank_units_by_transactions(
            3, year(pick(i)[1]), "USD", 10, include_synthetic=True),
        "activities_for_unit(unit, year)": lambda i=0: adb.activities_for_unit(
            pick(i)[0], year(pick(i)[1]), 20, include_synthetic=True),
        "sector_breakdown(unit, period)": lambda i=0: adb.sector_breakdown(
            pick(i)[0], 3, pick(i)[2], include_synthetic=True),
        "figures(da_nang_2025, period)": lambda i=0: adb.figures("da_nang_2025", None, year(2023)),
        "resolve_place(text)": lambda i=0: adb.resolve_place(PLACE_QUERIES[i % len(PLACE_QUERIES)]),
        "find_places(sentence)": lambda i=0: adb.find_places(
            "How much aid did Quang Nam province and Son La get in 2023?"),
    }


def run_one(kind: str, url: str, transactions: int, reps: int) -> dict:
    print(f"[{kind}] migrate + seed", flush=True)
    upgrade(url)
    engine = make_engine(url)
    load_seed(engine)
    t0 = time.perf_counter()
    counts = generate(engine, transactions, seed=1)
    load_s = time.perf_counter() - t0
    print(f"[{kind}] synthetic load {counts} in {load_s:.1f} s", flush=True)
    # fresh statistics (and, on PostgreSQL, a visibility map for index-only scans),
    # as autovacuum would provide on a live database
    if kind == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.execute(sa.text("ANALYZE"))
    engine.dispose()
    adb = AidDatabase(url)
    with adb.engine.connect() as conn:
        units = list(conn.execute(sa.text("SELECT DISTINCT unit_code FROM activity")).scalars())
    timings = {}
    for name, fn in _queries(adb, sorted(units), random.Random(1)).items():
        timings[name] = _time(fn, reps)
        print(f"[{kind}] {name:40} p50 {timings[name][0]:7.2f} ms  p95 {timings[name][1]:7.2f} ms", flush=True)
    adb.close()
    return {"load_s": load_s, "counts": counts, "timings": timings}


def _sqlite(transactions, reps):
    with tempfile.TemporaryDirectory() as tmp:
        return run_one("sqlite", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", transactions, reps)


def _postgres(transactions, reps):
    schema = f"aidbench_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(POSTGRES_URL, future=True)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        return run_one("postgresql", f"{POSTGRES_URL}?options=-csearch_path%3D{schema}", transactions, reps)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} CPUs{mem}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def write_report(results: dict, transactions: int, reps: int) -> None:
    lines = [
        "# Aid database benchmark",
        "",
        f"- Date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Machine: {_machine()} (shared with other jobs while running)",
        f"- Data: real seed (db/seed) + {transactions:,} synthetic IATI transactions "
        f"(`db/synthetic.py`, seed 1; all `is_synthetic`, queried with include_synthetic=True)",
        f"- Method: `PYTHONPATH=. .venv/bin/python bench/db_bench.py --transactions {transactions} --reps {reps}`; "
        f"each query is called once to warm up, then {reps} times through the public `db.api.AidDatabase` "
        "(one session per call, results as dataclasses) with varying units, years and periods whose ends fall "
        "mid-month (so both the monthly aggregate and the raw-transaction edges are read). "
        "Wall-clock per call, p50/p95 in milliseconds.",
        "- Goal: p50 <= 20 ms per query.",
        f"- Load average at the end: {' / '.join(f'{x:.1f}' for x in os.getloadavg())} (1/5/15 min): "
        "other jobs shared the CPUs, so p95 includes their interference.",
        "",
    ]
    for kind, res in results.items():
        c = res["counts"]
        lines += [f"## {kind}", "",
                  f"Synthetic load: {c['transactions']:,} transactions, {c['activities']:,} activities, "
                  f"{c['participating_orgs']:,} organisations in {res['load_s']:.1f} s "
                  "(includes rebuilding the monthly aggregate).", "",
                  "| query | p50 ms | p95 ms |", "|---|---:|---:|"]
        for name, (p50, p95) in res["timings"].items():
            lines.append(f"| {name} | {p50:.2f} | {p95:.2f} |")
        lines.append("")
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {RESULTS}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transactions", type=int, default=1_000_000)
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args(argv)
    results = {}
    if args.only in (None, "sqlite"):
        results["SQLite"] = _sqlite(args.transactions, args.reps)
    if args.only in (None, "postgresql"):
        results["PostgreSQL"] = _postgres(args.transactions, args.reps)
    write_report(results, args.transactions, args.reps)
    return 0


if __name__ == "__main__":
    sys.exit(main())
