"""The repository needs nothing beside it: a copy of its tracked files migrates and
seeds a fresh database with every figure (the seed documents live in db/seed/documents/)."""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

REPO = Path(__file__).resolve().parents[2]


def _tracked_files() -> list[str]:
    done = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z"], capture_output=True, check=True)
    return [name for name in done.stdout.decode("utf-8").split("\0") if name]


def _run(args, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "db", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_a_copy_of_the_tracked_files_migrates_and_seeds_alone(tmp_path):
    copy = tmp_path / "checkout"
    files = _tracked_files()
    assert "db/seed/documents/001_d7d57bf3f151efc6.txt" in files
    for name in files:
        source = REPO / name
        if not source.is_file():        # a tracked file deleted in the working tree
            continue
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    assert not (copy.parent / "shared").exists()
    database = tmp_path / "fresh.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in ("SEEDS_DIR", "DATABASE_URL", "PYTHONPATH")}
    env.update(DATABASE_URL=f"sqlite:///{database}", PYTHONPATH=str(copy), SQLALCHEMY_SILENCE_UBER_WARNING="1")

    migrated = _run(["migrate"], copy, env)
    assert migrated.returncode == 0, migrated.stderr
    seeded = _run(["seed"], copy, env)
    assert seeded.returncode == 0, seeded.stderr

    with open(copy / "db" / "seed" / "figures.csv", encoding="utf-8", newline="") as fh:
        figure_ids = {row["id"] for row in csv.DictReader(fh)}
    with open(copy / "db" / "seed" / "citations.csv", encoding="utf-8", newline="") as fh:
        citations = sum(1 for _ in csv.DictReader(fh))
    engine = sa.create_engine(f"sqlite:///{database}", future=True)
    with engine.connect() as conn:
        stored = set(conn.execute(sa.text("SELECT id FROM reported_figure")).scalars())
        cited = set(conn.execute(sa.text("SELECT DISTINCT figure_id FROM figure_citation")).scalars())
        stored_citations = conn.execute(sa.text("SELECT count(*) FROM figure_citation")).scalar()
        documents = set(conn.execute(sa.text("SELECT file FROM source")).scalars())
    engine.dispose()
    assert len(figure_ids) >= 32
    assert stored == figure_ids == cited
    assert stored_citations == citations
    assert documents == {p.name for p in (copy / "db" / "seed" / "documents").glob("*.txt")}
    # the quotes were checked against the copy's own documents, not against anything outside it
    assert f"figures {len(figure_ids)}" in seeded.stdout
