"""The data version: one row (data_version.id = 1) whose token changes in the same
transaction as every write of `python -m db seed` (when the seed differs from the last
one written) and `python -m db import-figures`. Long-running readers (db.api) compare
the token now and then and drop their caches when it changed."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Optional

from sqlalchemy import select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from db.models import DataVersion

ROW_ID = 1


def current_token(conn: Connection) -> Optional[str]:
    """The token, or None when the row (or, before migration 0002, the table) is missing."""
    try:
        return conn.execute(select(DataVersion.token).where(DataVersion.id == ROW_ID)).scalar()
    except DBAPIError:
        return None


def last_seed_digest(conn: Connection) -> Optional[str]:
    return conn.execute(select(DataVersion.seed_digest).where(DataVersion.id == ROW_ID)).scalar()


def bump(conn: Connection, seed_digest: Optional[str] = None) -> str:
    """Record a change (inside the caller's transaction); returns the new token.
    `seed_digest` is stored when the seed wrote the change, kept otherwise."""
    token = uuid.uuid4().hex
    values = {"version": DataVersion.version + 1, "token": token, "changed_at": datetime.now(timezone.utc)}
    if seed_digest is not None:
        values["seed_digest"] = seed_digest
    done = conn.execute(update(DataVersion).where(DataVersion.id == ROW_ID).values(**values))
    if done.rowcount == 0:   # a database whose row was removed by hand
        conn.execute(DataVersion.__table__.insert(), {
            "id": ROW_ID, "version": 1, "token": token, "seed_digest": seed_digest,
            "changed_at": values["changed_at"]})
    return token
