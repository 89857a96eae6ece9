"""What figures list (figure_item / db/seed/figure_items.csv): served in order with the
figure, validated with FILE:LINE reasons, carried through CSV export and import."""
from __future__ import annotations

import dataclasses

import pytest
from babel import Locale

from db.csv_rows import DataFileError
from db.seed_loader import load_seed, parse_seed
from tests.db.conftest import table_snapshot
from tests.db.tiny_seed import FIGURES, write_csv, write_tiny_seed

COUNTRIES = ["LA", "CN", "KR", "JP", "TH", "FR", "BY"]
CLUSTER = ["hai_phong", "ha_noi", "bac_giang", "phu_tho", "thai_nguyen", "tuyen_quang", "vinh_phuc",
           "bac_ninh", "bac_kan", "hai_duong", "ha_nam", "hoa_binh", "hung_yen", "nam_dinh",
           "ninh_binh", "yen_bai", "thai_binh"]
ORGANISATIONS = ["100 Resilient Cities", "International Association of Francophone Mayors (AIMF)",
                 "Global Covenant of Mayors for Climate & Energy (GCoM)"]


def _figure(adb, unit, fid):
    (fig,) = [m.figure for m in adb.figures(unit, include_predecessors=False) if m.figure.id == fid]
    return fig


@pytest.mark.parametrize("fid", ["quang_nam_partner_countries", "quang_nam_sister_localities"])
def test_quang_nam_partner_countries(adb, fid):
    fig = _figure(adb, "quang_nam", fid)
    assert [(i.position, i.kind, i.code, i.name) for i in fig.items] == [
        (n, "country", code, None) for n, code in enumerate(COUNTRIES, 1)]
    # the renderer names them per language from Babel
    assert [Locale.parse("en").territories[i.code] for i in fig.items] == [
        "Laos", "China", "South Korea", "Japan", "Thailand", "France", "Belarus"]
    assert Locale.parse("vi").territories[fig.items[0].code] == "Lào"
    with pytest.raises(dataclasses.FrozenInstanceError):
        fig.items[0].code = "VN"


def test_partner_countries_count_is_its_list(adb):
    fig = _figure(adb, "quang_nam", "quang_nam_partner_countries")
    assert fig.value_low == len(fig.items) == 7


def test_can_tho_memberships(adb):
    fig = _figure(adb, "can_tho", "can_tho_international_memberships")
    assert [(i.kind, i.code, i.name) for i in fig.items] == [("name", None, n) for n in ORGANISATIONS]
    assert fig.value_low == len(fig.items)


def test_cluster_members(adb):
    fig = _figure(adb, "emulation_cluster_2", "cluster2_group_members")
    assert [(i.position, i.kind, i.code) for i in fig.items] == [(n, "unit", c) for n, c in enumerate(CLUSTER, 1)]
    assert fig.value_low == len(fig.items)
    assert sorted(i.code for i in fig.items) == adb.group_members("emulation_cluster_2")


def test_figures_without_items_have_none(adb):
    assert _figure(adb, "son_la", "son_la_foreign_ngos").items == ()
    assert adb.figures_by_ids(["cluster2_group_members"])[0].items[0].code == "hai_phong"


# --- validation ---------------------------------------------------------------------------------

HEADER = ["figure_id", "position", "kind", "code", "name"]
GOOD = [HEADER, ["qn_aid", "1", "country", "LA", ""], ["qn_aid", "2", "unit", "son_la", ""],
        ["qn_aid", "3", "name", "", "Some Foundation"]]


@pytest.mark.parametrize("row,reason", [
    (["nothing", "1", "country", "LA", ""], "unknown figure id 'nothing'"),
    (["sl_ngos", "1", "country", "XX", ""], "code 'XX' is not an ISO 3166-1 alpha-2 country code"),
    (["sl_ngos", "1", "country", "la", ""], "code 'la' is not an ISO 3166-1 alpha-2 country code"),
    (["sl_ngos", "1", "country", "LAO", ""], "code 'LAO' is not an ISO 3166-1 alpha-2 country code"),
    (["sl_ngos", "1", "unit", "atlantis", ""], "unknown unit code 'atlantis'"),
    (["sl_ngos", "1", "name", "", ""], "an item of kind name needs a name"),
    (["sl_ngos", "1", "country", "", ""], "an item of kind country needs a code"),
    (["sl_ngos", "1", "planet", "X", ""], "kind: 'planet' is not one of"),
    (["sl_ngos", "0", "country", "LA", ""], "position: '0' is not a whole number from 1"),
    (["sl_ngos", "one", "country", "LA", ""], "position: 'one' is not a whole number from 1"),
    (["qn_aid", "2", "country", "CN", ""], "duplicate position 2 of qn_aid"),
    (["sl_ngos", "2", "country", "LA", ""], "positions of sl_ngos must be 1..1, found [2]"),
])
def test_bad_items_are_rejected_with_file_line(tmp_path, row, reason):
    seed_dir, docs = write_tiny_seed(tmp_path, {"figure_items.csv": GOOD + [row]})
    with pytest.raises(DataFileError) as err:
        parse_seed(seed_dir, docs)
    assert any(p.startswith(f"{seed_dir / 'figure_items.csv'}:5: ") and reason in p
               for p in err.value.problems), err.value.problems


def test_good_items_load_and_a_bad_file_writes_nothing(empty_adb, tmp_path):
    seed_dir, docs = write_tiny_seed(tmp_path / "good", {"figure_items.csv": GOOD})
    load_seed(empty_adb.engine, seed_dir, docs)
    (fig,) = empty_adb.figures_by_ids(["qn_aid"])
    assert [(i.kind, i.code, i.name) for i in fig.items] == [
        ("country", "LA", None), ("unit", "son_la", None), ("name", None, "Some Foundation")]
    before = table_snapshot(empty_adb)
    bad_dir, bad_docs = write_tiny_seed(tmp_path / "bad", {"figure_items.csv": GOOD + [
        ["sl_ngos", "1", "country", "ZZ", ""]]})
    with pytest.raises(DataFileError):
        load_seed(empty_adb.engine, bad_dir, bad_docs)
    assert table_snapshot(empty_adb) == before


def test_reseeding_replaces_items(empty_adb, tmp_path):
    seed_dir, docs = write_tiny_seed(tmp_path / "a", {"figure_items.csv": GOOD})
    load_seed(empty_adb.engine, seed_dir, docs)
    seed_dir, docs = write_tiny_seed(tmp_path / "b", {"figure_items.csv": [HEADER, ["sl_ngos", "1", "country", "JP", ""]]})
    load_seed(empty_adb.engine, seed_dir, docs)
    figs = {f.id: f for f in empty_adb.figures_by_ids(["qn_aid", "sl_ngos"])}
    assert figs["qn_aid"].items == () and [i.code for i in figs["sl_ngos"].items] == ["JP"]


# --- CSV import / export -------------------------------------------------------------------------

def test_import_with_items(empty_adb, tmp_path, monkeypatch):
    from db.__main__ import main
    from db.csv_io import EXPORT_COLUMNS, IMPORT_COLUMNS
    seed_dir, docs = write_tiny_seed(tmp_path / "seed")
    load_seed(empty_adb.engine, seed_dir, docs)
    monkeypatch.setenv("DATABASE_URL", empty_adb.url)
    monkeypatch.setenv("SEEDS_DIR", str(docs))
    row = dict(zip(FIGURES[0], ["bn_partners", "bac_ninh", "partner_countries", "2", "", "exact", "count", "",
                                "2024-06-30", "as_of", "false", "", ""]))
    row.update(source_id="doc_en", quote="By mid-2024, 12 foreign NGOs worked in Bac Ninh.",
               counterpart_unit="", base_period_start="", base_period_end="",
               items='[{"kind": "country", "code": "KR"}, {"kind": "country", "code": "JP"}]')
    good = tmp_path / "good.csv"
    write_csv(good, [list(EXPORT_COLUMNS), [row[c] for c in EXPORT_COLUMNS]])
    assert main(["import-figures", str(good)]) == 0
    (fig,) = empty_adb.figures_by_ids(["bn_partners"])
    assert [(i.position, i.code) for i in fig.items] == [(1, "KR"), (2, "JP")]

    from db.csv_io import import_figures
    for items, reason in [('[{"kind": "country", "code": "XK1"}]', "items[1]: code 'XK1' is not an ISO"),
                          ("not json", "items: not JSON"),
                          ('{"kind": "country"}', "items: expected a JSON list"),
                          ('[{"kind": "unit", "code": "atlantis"}]', "items[1]: unknown unit code 'atlantis'"),
                          ('[{"kind": "name", "name": "A", "colour": "red"}]', "items[1]: unknown key(s) colour")]:
        bad = tmp_path / "bad.csv"
        write_csv(bad, [list(EXPORT_COLUMNS), [{**row, "id": "bn_other", "items": items}[c] for c in EXPORT_COLUMNS]])
        before = table_snapshot(empty_adb)
        with pytest.raises(DataFileError) as err:
            import_figures(empty_adb.engine, bad, docs)
        assert any(p.startswith(f"{bad}:2: ") and reason in p for p in err.value.problems), err.value.problems
        assert table_snapshot(empty_adb) == before
    assert "items" not in IMPORT_COLUMNS      # old import files without the column stay valid
