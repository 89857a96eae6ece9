import os
import subprocess
import sys
from pathlib import Path

import pytest

from nlu import services

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """A real SQLite database, migrated and seeded by the project's own CLI."""
    url = f"sqlite:///{tmp_path_factory.mktemp('nlu-db') / 'aid.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(REPO)}
    for command in ("migrate", "seed"):
        subprocess.run([sys.executable, "-m", "db", command], cwd=REPO, env=env, check=True, capture_output=True)
    return url


@pytest.fixture(autouse=True)
def nlu_database(database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    services.aid_database.cache_clear()
    yield
    services.aid_database.cache_clear()
