"""A running server sees new data without restart: `python -m db seed` and
`import-figures` (other processes) change the data version, and an AidDatabase looks
at it at most once every 2 seconds and then drops its caches."""
from __future__ import annotations

import copy
import os
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

from db.api import AidDatabase
from tests.db.tiny_seed import FIGURES, UNITS, write_csv, write_tiny_seed

REPO = Path(__file__).resolve().parents[2]
WAIT = AidDatabase.DATA_VERSION_CHECK_SECONDS + 0.3


def _cli(url: str, docs: Path, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "SEEDS_DIR": str(docs), "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "db", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done


def _version(url: str) -> tuple:
    engine = sa.create_engine(url, future=True)
    with engine.connect() as conn:
        row = conn.execute(sa.text("SELECT version, token FROM data_version")).one()
    engine.dispose()
    return tuple(row)


def test_readers_see_a_new_seed_and_an_import_without_restart(empty_adb, tmp_path):
    url = empty_adb.url
    seed_dir, docs = write_tiny_seed(tmp_path / "v1")
    _cli(url, docs, "seed", "--dir", str(seed_dir))
    first, second = AidDatabase(url), AidDatabase(url)
    try:
        # both have built their caches
        for adb in (first, second):
            assert adb.unit_name("son_la", "en") == "Son La"
            assert adb.resolve_place("Lai Chau").status == "unknown"
            assert adb.resolve_place("Đà Nẵng").candidates[0].unit_code == "da_nang"   # it holds the figure
        token = second.data_version()

        # another process seeds new names and a new unit
        units = copy.deepcopy(UNITS)
        son_la = next(r for r in units if r[0] == "son_la")
        son_la[units[0].index("name_en")] = "Son La Province of the North"
        units.append(["lai_chau", "province", "2004-01-01", "", "Lai Châu", "Lai Chau", "", "", "", ""])
        seed_dir2, docs2 = write_tiny_seed(tmp_path / "v2", {"units.csv": units})
        _cli(url, docs2, "seed", "--dir", str(seed_dir2))
        assert second.data_version() != token
        time.sleep(WAIT)
        for adb in (first, second):
            assert adb.unit_name("son_la", "en") == "Son La Province of the North"
            assert adb.resolve_place("Lai Chau").candidates[0].unit_code == "lai_chau"
            assert adb.resolve_place("Lai Chau").status == "found"

        # another process imports a figure for the new Da Nang: now both Da Nangs hold
        # figures, and the current one comes first
        extra = tmp_path / "extra.csv"
        write_csv(extra, [FIGURES[0] + ["source_id", "quote"],
                          ["dn2025_aid", "da_nang_2025", "aid_received", "10000000", "", "exact", "USD",
                           "2023-01-01", "2023-12-31", "range", "false", "", "", "doc_en",
                           "Da Nang received 10 million USD in 2023."]])
        token = second.data_version()
        _cli(url, docs2, "import-figures", str(extra))
        assert second.data_version() != token
        time.sleep(WAIT)
        for adb in (first, second):
            assert adb.resolve_place("Đà Nẵng").candidates[0].unit_code == "da_nang_2025"
            assert [m.figure.id for m in adb.figures("da_nang_2025", include_predecessors=False)] == ["dn2025_aid"]
    finally:
        first.close()
        second.close()


def test_the_version_moves_only_when_the_data_changes(empty_adb, tmp_path):
    url = empty_adb.url
    before = _version(url)
    seed_dir, docs = write_tiny_seed(tmp_path / "v1")
    _cli(url, docs, "seed", "--dir", str(seed_dir))
    seeded = _version(url)
    assert seeded[0] == before[0] + 1 and seeded[1] != before[1]
    _cli(url, docs, "seed", "--dir", str(seed_dir))                 # the same seed again
    assert _version(url) == seeded
    _cli(url, docs, "seed", "--dir", str(seed_dir), "--no-figures")  # a different seed
    assert _version(url)[0] == seeded[0] + 1


def test_the_version_is_read_at_most_every_two_seconds(tiny_adb):
    statements = []

    def record(conn, cursor, statement, *args):
        if "data_version" in statement:
            statements.append(time.monotonic())

    reader = AidDatabase(tiny_adb.url)
    event.listen(reader.engine, "before_cursor_execute", record)
    try:
        start = time.monotonic()
        while time.monotonic() - start < 1.0:
            reader.resolve_place("Son La")
            reader.unit("son_la")
            reader.figures("da_nang_2025")
        assert len(statements) == 1
        time.sleep(WAIT)
        reader.unit("son_la")
        assert len(statements) == 2
        assert statements[1] - statements[0] >= AidDatabase.DATA_VERSION_CHECK_SECONDS
    finally:
        reader.close()
