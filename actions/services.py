"""The action server's connections to the outside: one wrapper per service."""
from __future__ import annotations

from functools import lru_cache

from db.api import AidDatabase


@lru_cache(maxsize=1)
def aid_database() -> AidDatabase:
    """One engine per process (DATABASE_URL); each query opens its own session."""
    return AidDatabase.from_env()
