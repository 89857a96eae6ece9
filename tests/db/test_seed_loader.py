"""Seed loader: validation with FILE:LINE reasons, nothing written on error, idempotence."""
from __future__ import annotations

import copy

import pytest

from db.csv_rows import DataFileError
from db.seed_loader import load_seed, parse_seed
from tests.db.conftest import table_snapshot
from tests.db.tiny_seed import CITATIONS, FIGURES, GROUPS, SOURCES, SUCCESSIONS, UNITS, write_tiny_seed


def _with_row(rows, index, column, value):
    rows = copy.deepcopy(rows)
    rows[index][rows[0].index(column)] = value
    return rows


BAD_SEEDS = [
    # (file, rows, line, expected words in the reason)
    ("units.csv", _with_row(UNITS, 2, "kind", "state"), 3, "kind: 'state' is not one of"),
    ("units.csv", _with_row(UNITS, 3, "valid_to", "2025-13-01"), 4, "valid_to: '2025-13-01' is not a date"),
    ("units.csv", UNITS + [UNITS[1]], len(UNITS) + 1, "duplicate unit code 'vn'"),
    ("successions.csv", _with_row(SUCCESSIONS, 1, "successor", "atlantis"), 2, "unknown unit code 'atlantis'"),
    ("groups.csv", _with_row(GROUPS, 2, "group_code", "son_la"), 3, "'son_la' is a province, not a group"),
    ("sources.csv", _with_row(SOURCES, 1, "file", "missing.txt"), 2, "seed document 'missing.txt' not found"),
    ("figures.csv", _with_row(FIGURES, 1, "unit", "atlantis"), 2, "unknown unit code 'atlantis'"),
    ("figures.csv", _with_row(FIGURES, 2, "qualifier", "roughly"), 3, "qualifier: 'roughly' is not one of"),
    ("figures.csv", _with_row(FIGURES, 3, "period_end", "31/12/2023"), 4, "period_end: '31/12/2023' is not a date"),
    ("figures.csv", _with_row(FIGURES, 3, "value_low", "4,9 million"), 4, "value_low: '4,9 million' is not a plain number"),
    ("figures.csv", _with_row(FIGURES, 4, "metric", "happiness"), 5, "unknown metric 'happiness'"),
    ("figures.csv", _with_row(FIGURES, 8, "value_high", "100"), 9, "value_high 100 is less than value_low 150"),
    ("figures.csv", _with_row(FIGURES, 2, "derived", "true"), 3, "derived figures need a derivation"),
    ("citations.csv", _with_row(CITATIONS, 2, "quote", "Da Nang received 11 million USD in 2023."), 3,
     "quote not found in seed document 'doc_en.txt'"),
    ("citations.csv", [r for r in CITATIONS if r[0] != "bn_ngos"], 7, "figure 'bn_ngos' has no citation"),
    ("citations.csv", _with_row(CITATIONS, 1, "source_id", "nobody"), 2, "unknown source id 'nobody'"),
]


@pytest.mark.parametrize("file,rows,line,reason", BAD_SEEDS, ids=[f"{b[0]}:{b[3][:30]}" for b in BAD_SEEDS])
def test_bad_seed_is_rejected_with_file_line_and_reason(tmp_path, file, rows, line, reason):
    seed_dir, docs = write_tiny_seed(tmp_path, {file: rows})
    with pytest.raises(DataFileError) as err:
        parse_seed(seed_dir, docs)
    expected_file = "figures.csv" if "has no citation" in reason else file
    assert any(p.startswith(f"{seed_dir / expected_file}:{line}: ") and reason in p for p in err.value.problems), \
        err.value.problems


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    figures = _with_row(_with_row(FIGURES, 1, "unit", "atlantis"), 3, "qualifier", "roughly")
    seed_dir, docs = write_tiny_seed(tmp_path, {"figures.csv": figures})
    with pytest.raises(DataFileError) as err:
        parse_seed(seed_dir, docs)
    lines = {p.split(":")[1] for p in err.value.problems if "figures.csv" in p}
    assert {"2", "4"} <= lines


def test_missing_file_and_column_are_reported(tmp_path):
    seed_dir, docs = write_tiny_seed(tmp_path, {"groups.csv": [["group", "member"], ["cluster_x", "son_la"]]})
    (seed_dir / "successions.csv").unlink()
    with pytest.raises(DataFileError) as err:
        parse_seed(seed_dir, docs)
    text = "\n".join(err.value.problems)
    assert f"{seed_dir / 'successions.csv'}:0: file not found" in text
    assert f"{seed_dir / 'groups.csv'}:1: missing column(s): group_code, member_code" in text


def test_failed_seed_writes_nothing(empty_adb, tmp_path):
    good_dir, docs = write_tiny_seed(tmp_path / "good")
    load_seed(empty_adb.engine, good_dir, docs)
    before = table_snapshot(empty_adb)
    bad_dir, bad_docs = write_tiny_seed(tmp_path / "bad", {"figures.csv": _with_row(FIGURES, 5, "unit", "atlantis")})
    with pytest.raises(DataFileError):
        load_seed(empty_adb.engine, bad_dir, bad_docs)
    assert table_snapshot(empty_adb) == before


def test_reseeding_gives_the_same_database(empty_adb, tmp_path):
    seed_dir, docs = write_tiny_seed(tmp_path)
    load_seed(empty_adb.engine, seed_dir, docs)
    first = table_snapshot(empty_adb)
    assert first["reported_figure"] and first["unit_alias"]
    load_seed(empty_adb.engine, seed_dir, docs)
    second = table_snapshot(empty_adb)
    # alias ids are surrogate keys and may be renumbered; compare content
    for snap in (first, second):
        snap["unit_alias"] = sorted(row[1:] for row in snap["unit_alias"])
    assert second == first


def test_reseeding_applies_changes_and_keeps_imported_figures(empty_adb, tmp_path):
    from db.csv_io import import_figures
    from tests.db.tiny_seed import write_csv
    seed_dir, docs = write_tiny_seed(tmp_path)
    load_seed(empty_adb.engine, seed_dir, docs)
    extra = tmp_path / "extra.csv"
    write_csv(extra, [FIGURES[0] + ["source_id", "quote"],
                      ["extra_ngos", "son_la", "foreign_ngos", "31", "", "exact", "count", "", "2024-04-12", "as_of",
                       "false", "", "", "doc_ms", "Di wilayah Son La, terdapat 31 pertubuhan bukan kerajaan (NGO) asing."]])
    import_figures(empty_adb.engine, extra, docs)
    changed = _with_row(FIGURES, 2, "value_low", "11000000")[:-1]  # new value, one figure dropped
    seed_dir2, docs2 = write_tiny_seed(tmp_path / "v2", {
        "figures.csv": changed, "citations.csv": [c for c in CITATIONS if c[0] != "qn_delegations"]})
    load_seed(empty_adb.engine, seed_dir2, docs2)
    ids = {m.figure.id: m.figure for m in empty_adb.figures("da_nang_2025")} | \
          {m.figure.id: m.figure for m in empty_adb.figures("son_la")}
    assert "extra_ngos" in ids and "qn_delegations" not in ids
    assert str(ids["dn_aid_2023"].value_low) == "11000000"


def test_seed_command_reports_problems_and_exits_2(empty_adb, tmp_path, monkeypatch, capsys):
    from db.__main__ import main
    seed_dir, docs = write_tiny_seed(tmp_path, {"figures.csv": _with_row(FIGURES, 2, "period_kind", "sometimes")})
    monkeypatch.setenv("DATABASE_URL", empty_adb.url)
    monkeypatch.setenv("SEEDS_DIR", str(docs))
    assert main(["seed", "--dir", str(seed_dir)]) == 2
    err = capsys.readouterr().err
    assert f"{seed_dir / 'figures.csv'}:3: period_kind: 'sometimes' is not one of" in err
    assert empty_adb.unit("son_la") is None


def test_real_seed_files_load(adb):
    """The real db/seed/ files passed validation (the fixture loaded them) and are queryable."""
    assert adb.sources() and adb.unit("vn") is not None
    assert adb.unit("da_nang_2025").predecessors  # a 2025 merger is recorded


def test_a_new_languages_names_are_a_new_column(empty_adb, tmp_path):
    """Adding a language is data: a name_<code> column in units.csv, no code change."""
    units = [row + [value] for row, value in zip(UNITS, ["name_th"] + [f"ชื่อ {r[0]}" for r in UNITS[1:]])]
    seed_dir, docs = write_tiny_seed(tmp_path, {"units.csv": units})
    load_seed(empty_adb.engine, seed_dir, docs)
    code = UNITS[1][0]
    assert empty_adb.unit_name(code, "th") == f"ชื่อ {code}"
    assert empty_adb.unit(code).names["th"] == f"ชื่อ {code}"


def test_vietnamese_and_english_names_are_required(tmp_path):
    seed_dir, docs = write_tiny_seed(tmp_path, {"units.csv": _with_row(UNITS, 2, "name_vi", "")})
    with pytest.raises(DataFileError) as error:
        parse_seed(seed_dir, docs)
    assert "units.csv:3: name_vi is required" in str(error.value)


# --- optional columns and files added with migration 0002 ----------------------------------------

def _with_column(rows, column, values: dict):
    """rows + a new column; values: {row index: value}."""
    out = [rows[0] + [column]]
    for i, row in enumerate(rows[1:], 1):
        out.append(row + [values.get(i, "")])
    return out


FOREIGN_UNITS = UNITS + [
    ["laos", "foreign_country", "", "", "Lào", "Laos", "", "", "", "Lao"],
    ["sekong", "foreign_province", "", "", "Sê Kông", "Sekong", "", "", "", "Xekong"],
]
N = len(UNITS)          # index of laos in FOREIGN_UNITS; sekong is N + 1
TITLES_HEADER = ["source_id", "lang", "title"]

BAD_NEW_SEEDS = [
    ("units.csv", _with_column(FOREIGN_UNITS, "parent", {}), N + 2, "a foreign_province needs its country in parent"),
    ("units.csv", _with_column(FOREIGN_UNITS, "parent", {N + 1: "son_la"}), N + 2,
     "parent: 'son_la' is a province, not a foreign_country"),
    ("units.csv", _with_column(FOREIGN_UNITS, "parent", {N + 1: "atlantis"}), N + 2, "parent: unknown unit code 'atlantis'"),
    ("units.csv", _with_column(FOREIGN_UNITS, "parent", {N + 1: "laos", 5: "laos"}), 6,
     "parent: a province cannot lie in the foreign_country 'laos'"),
    ("units.csv", _with_column(FOREIGN_UNITS, "parent", {N + 1: "laos", N: "laos"}), N + 1,
     "parent: a unit cannot lie in itself"),
    ("figures.csv", _with_column(FIGURES, "counterpart_unit", {1: "atlantis"}), 2,
     "counterpart_unit: unknown unit code 'atlantis'"),
    ("figures.csv", _with_column(FIGURES, "counterpart_unit", {1: "quang_nam"}), 2,
     "counterpart_unit is the figure's own unit"),
    ("figures.csv", _with_column(_with_column(FIGURES, "base_period_start", {3: "2022-01-01"}), "base_period_end",
                                 {3: "2022-12-31"}), 4, "base_period_start/base_period_end are only for change metrics"),
    ("figures.csv", _with_column(_with_column(FIGURES, "base_period_start", {3: "2022-13-01"}), "base_period_end", {}),
     4, "base_period_start: '2022-13-01' is not a date"),
    ("sources.csv", _with_column(SOURCES, "title_is_descriptive", {1: "perhaps"}), 2,
     "title_is_descriptive: 'perhaps' is not true/false"),
    ("source_titles.csv", [TITLES_HEADER, ["doc_en", "vi", "Tài liệu"], ["nobody", "en", "X"]], 3,
     "unknown source id 'nobody'"),
    ("source_titles.csv", [TITLES_HEADER, ["doc_en", "English", "X"]], 2, "lang: 'English' is not a language code"),
    ("source_titles.csv", [TITLES_HEADER, ["doc_en", "en", ""]], 2, "title is required"),
    ("source_titles.csv", [TITLES_HEADER, ["doc_en", "en", "A (descriptive title)"]], 2,
     "title must not contain '(descriptive title)'"),
    ("source_titles.csv", [TITLES_HEADER, ["doc_en", "en", "A"], ["doc_en", "en", "B"]], 3,
     "duplicate title of doc_en in 'en'"),
]


@pytest.mark.parametrize("file,rows,line,reason", BAD_NEW_SEEDS, ids=[f"{b[0]}:{b[3][:40]}" for b in BAD_NEW_SEEDS])
def test_bad_new_columns_are_rejected_with_file_line_and_reason(tmp_path, file, rows, line, reason):
    seed_dir, docs = write_tiny_seed(tmp_path, {file: rows})
    with pytest.raises(DataFileError) as err:
        parse_seed(seed_dir, docs)
    assert any(p.startswith(f"{seed_dir / file}:{line}: ") and reason in p for p in err.value.problems), \
        err.value.problems


def test_base_period_must_come_before_the_period(tmp_path):
    """A change metric's base period must end before its period starts."""
    figures = _with_column(_with_column(FIGURES + [
        ["vn_change", "vn", "aid_change", "1000", "", "exact", "USD", "2023-01-01", "2023-12-31", "range",
         "false", "", ""]], "base_period_start", {len(FIGURES): "2023-01-01"}), "base_period_end",
        {len(FIGURES): "2023-12-31"})
    citations = CITATIONS + [["vn_change", "doc_en", "Da Nang received 10 million USD in 2023."]]
    seed_dir, docs = write_tiny_seed(tmp_path, {"figures.csv": figures, "citations.csv": citations})
    with pytest.raises(DataFileError) as err:
        parse_seed(seed_dir, docs)
    assert any(f"figures.csv:{len(FIGURES) + 1}: the base period (to 2023-12-31) must end before the period "
               f"starts (2023-01-01)" in p for p in err.value.problems), err.value.problems


def test_foreign_units_parents_and_descriptive_titles_load(empty_adb, tmp_path):
    units = _with_column(FOREIGN_UNITS, "parent", {N + 1: "laos"})
    sources = _with_column(SOURCES, "title_is_descriptive", {1: "true"})
    sources[2][sources[0].index("title")] = "Test document (Malay) (descriptive title)"  # the old marker
    titles = [TITLES_HEADER, ["doc_en", "vi", "Tài liệu thử"], ["doc_en", "en", "Test document"]]
    figures = _with_column(FIGURES, "counterpart_unit", {1: "sekong"})
    seed_dir, docs = write_tiny_seed(tmp_path, {"units.csv": units, "sources.csv": sources,
                                                "source_titles.csv": titles, "figures.csv": figures})
    load_seed(empty_adb.engine, seed_dir, docs)
    assert empty_adb.unit("sekong").parent == "laos" and empty_adb.unit("laos").children == ["sekong"]
    assert empty_adb.unit("sekong").is_foreign and not empty_adb.unit("son_la").is_foreign
    by_id = {s.id: s for s in empty_adb.sources()}
    assert (by_id["doc_en"].title_is_descriptive, by_id["doc_en"].titles) == (
        True, {"vi": "Tài liệu thử", "en": "Test document"})
    # the marker in a title becomes the flag
    assert (by_id["doc_ms"].title, by_id["doc_ms"].original_title, by_id["doc_ms"].title_is_descriptive) == (
        "Test document (Malay)", "Test document (Malay)", True)
    assert by_id["doc_ms"].title_in("vi") == "Test document (Malay)" and by_id["doc_en"].title_in("vi") == "Tài liệu thử"
    (match,) = [m for m in empty_adb.figures("sekong") if m.figure.id == "qn_aid"]
    assert match.via == "counterpart" and match.figure.counterpart_unit == "sekong"


def test_a_seed_may_not_drop_a_unit_that_imported_figures_name(empty_adb, tmp_path):
    from db.csv_io import import_figures
    from tests.db.tiny_seed import write_csv
    units = _with_column(FOREIGN_UNITS, "parent", {N + 1: "laos"})
    seed_dir, docs = write_tiny_seed(tmp_path / "a", {"units.csv": units})
    load_seed(empty_adb.engine, seed_dir, docs)
    extra = tmp_path / "extra.csv"
    write_csv(extra, [FIGURES[0] + ["source_id", "quote", "counterpart_unit"],
                      ["qn_with_sekong", "son_la", "foreign_ngos", "31", "", "exact", "count", "", "2024-04-12",
                       "as_of", "false", "", "", "doc_ms",
                       "Di wilayah Son La, terdapat 31 pertubuhan bukan kerajaan (NGO) asing.", "sekong"]])
    assert import_figures(empty_adb.engine, extra, docs) == 1
    before = table_snapshot(empty_adb)
    seed_dir, docs = write_tiny_seed(tmp_path / "b")           # units.csv without laos and sekong
    with pytest.raises(DataFileError) as err:
        load_seed(empty_adb.engine, seed_dir, docs)
    assert "unit 'sekong' is missing but imported figures name it" in str(err.value)
    assert table_snapshot(empty_adb) == before
