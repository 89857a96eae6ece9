"""Databases for the db tests: every fixture runs on SQLite (temp file) AND PostgreSQL.

PostgreSQL (TEST_POSTGRES_URL) is shared with other test runs, so each database
made here is a freshly created schema `aidtest_<pid>_<random>`, selected through
the URL's search_path option (Alembic, the CLI and the API all follow it), and
dropped afterwards.
"""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

from db.api import AidDatabase  # noqa: E402
from db.config import make_engine  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from db.seed_loader import load_seed  # noqa: E402
from tests.support.postgres import fresh_schema  # noqa: E402

DB_KINDS = ["sqlite", "postgresql"]


@contextmanager
def fresh_database(kind: str, tmp_dir: Path):
    """URL of a new, empty database of `kind`; removed on exit."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_dir / f'aid_{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    with fresh_schema() as url:
        yield url


@contextmanager
def migrated_database(kind: str, tmp_dir: Path, seed: bool = False, seed_figures: bool = True):
    with fresh_database(kind, tmp_dir) as url:
        upgrade(url)
        if seed:
            engine = make_engine(url)
            load_seed(engine, include_figures=seed_figures)
            engine.dispose()
        adb = AidDatabase(url)
        adb.url = url
        try:
            yield adb
        finally:
            adb.close()


@pytest.fixture(scope="session", params=DB_KINDS)
def adb(request, tmp_path_factory):
    """Migrated and seeded from the real db/seed/ files. Shared: do not write to it."""
    with migrated_database(request.param, tmp_path_factory.mktemp("adb"), seed=True) as database:
        database.kind = request.param
        yield database


@pytest.fixture(params=DB_KINDS)
def empty_adb(request, tmp_path):
    """Migrated, nothing loaded; one per test."""
    with migrated_database(request.param, tmp_path) as database:
        database.kind = request.param
        yield database


@pytest.fixture(params=DB_KINDS)
def reference_adb(request, tmp_path):
    """Real units, groups, successions and sources, but no figures; one per test."""
    with migrated_database(request.param, tmp_path, seed=True, seed_figures=False) as database:
        database.kind = request.param
        yield database


@pytest.fixture(scope="session", params=DB_KINDS)
def tiny_adb(request, tmp_path_factory):
    """Migrated and loaded with the small hand-made set of tests/db/tiny_seed.py. Do not write."""
    from tests.db.tiny_seed import write_tiny_seed
    root = tmp_path_factory.mktemp("tiny")
    seed_dir, docs = write_tiny_seed(root)
    with migrated_database(request.param, root) as database:
        load_seed(database.engine, seed_dir, docs)
        database.clear_caches()
        database.kind = request.param
        database.documents_dir = docs
        yield database


def table_snapshot(adb: AidDatabase) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: for "nothing changed" assertions."""
    from db.models import Base
    out = {}
    with adb.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            rows = conn.execute(sa.select(table)).all()
            out[table.name] = sorted((tuple(str(v) for v in row) for row in rows))
    return out
