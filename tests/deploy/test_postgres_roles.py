"""scripts/postgres_roles.py on the real PostgreSQL: idempotent (db-init runs it at every
`docker compose up`), SELECT only, also on tables a later migration adds, passwords only
from the environment."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from tests.support import postgres

REPO = Path(__file__).resolve().parents[2]


def roles(*args: str, url: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts.postgres_roles", *args], cwd=REPO,
                          env={**os.environ, "PYTHONPATH": str(REPO), "DATABASE_URL": url, **env},
                          capture_output=True, text=True, check=True)


def test_reader_and_tracker_database_roles():
    reader, owner = postgres.unique_name("rolesreader"), postgres.unique_name("rolesowner")
    tracker_db = postgres.unique_name("rolestrackers")
    admin = sa.create_engine(postgres.POSTGRES_URL, future=True, isolation_level="AUTOCOMMIT")
    try:
        with postgres.fresh_database("rolesaid") as aid:
            aid_url = postgres.url_for(aid)
            engine = sa.create_engine(aid_url, future=True, isolation_level="AUTOCOMMIT")
            with engine.connect() as conn:
                conn.execute(sa.text("CREATE TABLE figures (id int, value int)"))
            for _ in range(2):                                   # idempotent
                done = roles("reader", reader, "--password-env", "READER_PW", url=aid_url,
                             READER_PW="reader-secret-value")
                roles("database", tracker_db, "--owner", owner, url=postgres.POSTGRES_URL)
            assert "reader-secret-value" not in done.stdout + done.stderr
            with engine.connect() as conn:
                conn.execute(sa.text("CREATE TABLE added_later (id int)"))   # a later migration
                can = lambda table, what: conn.execute(sa.text(  # noqa: E731
                    "SELECT has_table_privilege(:r, :t, :w)"), {"r": reader, "t": table, "w": what}).scalar()
                assert can("figures", "SELECT") and can("added_later", "SELECT")
                assert not any(can(t, w) for t in ("figures", "added_later")
                               for w in ("INSERT", "UPDATE", "DELETE", "TRUNCATE"))
                assert not conn.execute(sa.text("SELECT has_schema_privilege(:r, 'public', 'CREATE')"),
                                        {"r": reader}).scalar()
            engine.dispose()
            with admin.connect() as conn:
                flags = conn.execute(sa.text(
                    "SELECT rolcanlogin, rolsuper, rolpassword IS NOT NULL FROM pg_authid WHERE rolname = :r"),
                    {"r": reader}).one()
                assert tuple(flags) == (True, False, True)
                assert conn.execute(sa.text(
                    "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = :d"), {"d": tracker_db}
                ).scalar() == owner
            # the owner can make Rasa's table in its database
            owner_engine = sa.create_engine(postgres.url_for(tracker_db, owner), future=True)
            with owner_engine.begin() as conn:
                conn.execute(sa.text("CREATE TABLE events (id int)"))
            owner_engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{tracker_db}" WITH (FORCE)'))
            for role in (reader, owner):
                conn.execute(sa.text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()
