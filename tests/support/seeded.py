"""A real SQLite database, migrated and seeded by the project's own CLI (as `make db` does)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def seeded_sqlite(directory: Path) -> str:
    url = f"sqlite:///{directory / 'aid.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(REPO)}
    for command in ("migrate", "seed"):
        subprocess.run([sys.executable, "-m", "db", command], cwd=REPO, env=env, check=True, capture_output=True)
    return url
