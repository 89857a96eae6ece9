"""import-figures / export-figures: all-or-nothing import with FILE:LINE reasons, round trip."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from db.__main__ import main
from db.csv_io import IMPORT_COLUMNS, export_figures
from db.config import seeds_dir
from tests.db.conftest import table_snapshot
from tests.db.tiny_seed import write_csv

REPO = Path(__file__).resolve().parents[2]
QUOTE_EN = ("Currently, there are a total of 26 departments, agencies, branches, associations and localities "
            "of the province that have friendly and cooperative relations with agencies, departments, branches "
            "and localities of Sekong province (Laos).")


def _source_of(adb, language):
    return next(s.id for s in adb.sources() if s.language == language)


def _good_row(adb, fid="import_qn_agencies", **changes):
    row = dict(id=fid, unit="quang_nam", metric="cooperating_agencies", value_low="26", value_high="",
               qualifier="exact", unit_of_measure="count", period_start="", period_end="",
               period_kind="unspecified", derived="false", derivation="", note="imported",
               source_id=_source_of(adb, "en"), quote=QUOTE_EN)
    row.update(changes)
    return [row[c] for c in IMPORT_COLUMNS]


def _write(path, rows):
    write_csv(path, [list(IMPORT_COLUMNS)] + rows)
    return path


@pytest.fixture
def cli(monkeypatch, capsys):
    def run(adb, *args):
        monkeypatch.setenv("DATABASE_URL", adb.url)
        code = main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err
    return run


def test_good_file_is_imported(reference_adb, tmp_path, cli):
    path = _write(tmp_path / "good.csv", [_good_row(reference_adb)])
    code, out, _ = cli(reference_adb, "import-figures", str(path))
    assert code == 0 and "imported 1 figure" in out
    (match,) = reference_adb.figures("quang_nam", "cooperating_agencies")
    assert str(match.figure.value_low) == "26" and match.figure.citations[0].quote == QUOTE_EN


BAD_ROWS = [
    (dict(unit="atlantis"), "unknown unit code 'atlantis'"),
    (dict(metric="happiness"), "unknown metric 'happiness'"),
    (dict(source_id="nobody"), "unknown source id 'nobody'"),
    (dict(value_low="twenty-six"), "value_low: 'twenty-six' is not a plain number"),
    (dict(value_low="30", value_high="20"), "value_high 20 is less than value_low 30"),
    (dict(period_start="2024-01-01", period_end="2023-01-01", period_kind="range"),
     "period_end 2023-01-01 is before period_start 2024-01-01"),
    (dict(period_start="2024-02-30", period_kind="range"), "period_start: '2024-02-30' is not a date"),
    (dict(qualifier="roughly"), "qualifier: 'roughly' is not one of"),
    (dict(quote="There are 27 departments."), "quote not found in seed document"),
]


@pytest.mark.parametrize("changes,reason", BAD_ROWS, ids=[r for _, r in BAD_ROWS])
def test_one_bad_row_rejects_the_whole_file(reference_adb, tmp_path, cli, changes, reason):
    rows = [_good_row(reference_adb, "import_a"), _good_row(reference_adb, "import_b", **changes),
            _good_row(reference_adb, "import_c")]
    path = _write(tmp_path / "bad.csv", rows)
    before = table_snapshot(reference_adb)
    code, _, err = cli(reference_adb, "import-figures", str(path))
    assert code == 2
    assert f"{path}:3: " in err and reason in err
    assert f"{path}:2:" not in err and f"{path}:4:" not in err
    assert table_snapshot(reference_adb) == before


def test_duplicate_ids_are_reported(reference_adb, tmp_path, cli):
    first = _write(tmp_path / "first.csv", [_good_row(reference_adb, "import_a")])
    assert cli(reference_adb, "import-figures", str(first))[0] == 0
    rows = [_good_row(reference_adb, "import_a"),                      # already in the database
            _good_row(reference_adb, "import_b"),
            _good_row(reference_adb, "import_b", value_low="27")]      # same id, different figure
    path = _write(tmp_path / "dups.csv", rows)
    before = table_snapshot(reference_adb)
    code, _, err = cli(reference_adb, "import-figures", str(path))
    assert code == 2
    assert f"{path}:2: duplicate id 'import_a': the database already has this figure" in err
    assert f"{path}:4: duplicate id 'import_b' with different figure values" in err
    assert table_snapshot(reference_adb) == before


def test_every_bad_row_is_reported_on_stderr_by_the_real_command(reference_adb, tmp_path):
    rows = [_good_row(reference_adb, "import_a", unit="atlantis"), _good_row(reference_adb, "import_b"),
            _good_row(reference_adb, "import_c", qualifier="roughly")]
    path = _write(tmp_path / "bad.csv", rows)
    env = {**os.environ, "DATABASE_URL": reference_adb.url, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "db", "import-figures", str(path)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert f"{path}:2: unknown unit code 'atlantis'" in done.stderr
    assert f"{path}:4: qualifier: 'roughly' is not one of" in done.stderr
    assert reference_adb.figures("quang_nam") == []


def test_missing_columns_and_missing_file(reference_adb, tmp_path, cli):
    path = tmp_path / "short.csv"
    write_csv(path, [["id", "unit"], ["x", "quang_nam"]])
    code, _, err = cli(reference_adb, "import-figures", str(path))
    assert code == 2 and f"{path}:1: missing column(s): metric" in err
    code, _, err = cli(reference_adb, "import-figures", str(tmp_path / "nope.csv"))
    assert code == 2 and "file not found" in err


def test_export_import_round_trip(adb, reference_adb, tmp_path, cli):
    """Every seeded figure (with all its citations) survives export -> import -> export."""
    original = io.StringIO()
    rows = export_figures(adb.engine, original)
    assert rows > len({m.figure.id for m in adb.figures("da_nang_2025")})
    path = tmp_path / "export.csv"
    path.write_text(original.getvalue(), encoding="utf-8")
    code, out, err = cli(reference_adb, "import-figures", str(path))
    assert code == 0, err
    code, again, _ = cli(reference_adb, "export-figures", "-")
    assert code == 0 and again == original.getvalue()
    assert reference_adb.figures("da_nang_2025") == adb.figures("da_nang_2025")


def test_quotes_are_checked_against_the_shared_seed_documents():
    assert any(seeds_dir().glob("*.txt")), "SEEDS_DIR must hold the seed documents"
