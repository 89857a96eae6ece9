"""Throw-away PostgreSQL databases, schemas and roles for tests.

The server (TEST_POSTGRES_URL, default the local `test` database as `postgres`) is
shared with other test runs, so every name made here carries the process id and a
random part, and everything is dropped on exit, also when the test fails.
"""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from typing import Iterator

import sqlalchemy as sa
from sqlalchemy.engine import make_url

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")


def unique_name(prefix: str) -> str:
    return f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"


def _admin() -> sa.engine.Engine:
    return sa.create_engine(POSTGRES_URL, future=True, isolation_level="AUTOCOMMIT")


def url_for(database: str, username: str | None = None, driver: str = "postgresql+psycopg2") -> str:
    """URL of `database` on the test server, as `username` (default: the admin user)."""
    base = make_url(POSTGRES_URL)
    url = base.set(drivername=driver, database=database)
    if username is not None:
        url = url.set(username=username, password=None)
    return url.render_as_string(hide_password=False)


@contextmanager
def fresh_database(prefix: str = "aidtest") -> Iterator[str]:
    """Name of a new, empty database; dropped on exit (with any open connections)."""
    name = unique_name(prefix)
    admin = _admin()
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield name
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def fresh_schema(prefix: str = "aidtest") -> Iterator[str]:
    """URL of the test database with a new schema first on its search path; dropped on exit."""
    schema = unique_name(prefix)
    admin = _admin()
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        sep = "&" if "?" in POSTGRES_URL else "?"
        yield f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def drop_role(name: str) -> None:
    """Drop a login role made by a test (its grants went with its database)."""
    admin = _admin()
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP ROLE IF EXISTS "{name}"'))
    admin.dispose()
