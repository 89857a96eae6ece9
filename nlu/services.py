"""The NLU pipeline's connection to the aid database (place names and aliases)."""
from __future__ import annotations

from functools import lru_cache

from db.api import AidDatabase


@lru_cache(maxsize=1)
def aid_database() -> AidDatabase:
    """One engine per Rasa process (DATABASE_URL), opened on first use."""
    return AidDatabase.from_env()
