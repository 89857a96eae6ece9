"""Where the database and the seed material live (environment first, repo defaults second)."""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.future import create_engine

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_DATA_DIR = Path(__file__).resolve().parent / "seed"
# The five source documents the seed's citations quote, kept in the repository.
SEED_DOCUMENTS_DIR = SEED_DATA_DIR / "documents"


def database_url() -> str:
    """`DATABASE_URL`, else a SQLite file in `<repo>/var/` (created on demand)."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    var_dir = REPO_ROOT / "var"
    var_dir.mkdir(exist_ok=True)
    return f"sqlite:///{var_dir / 'aid.sqlite3'}"


def seeds_dir() -> Path:
    """Folder of the seed source documents that citations quote: `SEEDS_DIR` if set,
    else the repository's own copy in db/seed/documents/."""
    override = os.environ.get("SEEDS_DIR")
    return Path(override) if override else SEED_DOCUMENTS_DIR


def _enable_sqlite_foreign_keys(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    """A 2.0-style engine; SQLite gets foreign keys switched on for every connection.

    A PostgreSQL schema is chosen with the URL itself, e.g.
    ``...?options=-csearch_path%3Dmy_schema``, so the CLI, Alembic and the API
    all see the same tables.
    """
    url = url or database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, future=True)
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
        return engine
    return create_engine(url, future=True, pool_pre_ping=True)
