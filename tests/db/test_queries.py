"""Figures, successions, groups, comparisons and ranking (tiny hand-made seed set)."""
from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from db.api import PeriodQuery

Y2022 = PeriodQuery(date(2022, 1, 1), date(2022, 12, 31))
Y2023 = PeriodQuery(date(2023, 1, 1), date(2023, 12, 31))


def _ids(matches):
    return [m.figure.id for m in matches]


def test_figures_are_frozen_with_decimals_and_citations(tiny_adb):
    (match,) = tiny_adb.figures("son_la", "aid_received", Y2022)
    fig = match.figure
    assert (fig.id, match.relation) == ("sl_aid_2022", "exact")
    assert fig.value_low == Decimal("3000000") and isinstance(fig.value_low, Decimal)
    assert fig.citations[0].source.id == "doc_en" and "3 million USD in 2022" in fig.citations[0].quote
    with pytest.raises(dataclasses.FrozenInstanceError):
        fig.metric = "x"


def test_fractional_values_stay_exact(tiny_adb):
    (match,) = tiny_adb.figures("son_la", "aid_received", PeriodQuery(date(2023, 1, 1), date(2023, 12, 31)))[:1]
    assert match.figure.value_low == Decimal("4900000")


def test_successor_gets_predecessor_figures(tiny_adb):
    matches = tiny_adb.figures("da_nang_2025", "aid_received")
    assert {(m.figure.id, m.figure.unit_code) for m in matches} == {
        ("qn_aid", "quang_nam"), ("dn_aid_2023", "da_nang")}
    assert all(m.relation == "any" for m in matches)
    assert tiny_adb.figures("da_nang_2025", "aid_received", include_predecessors=False) == []


def test_disjoint_periods_are_left_out_and_ordered_by_relation(tiny_adb):
    assert _ids(tiny_adb.figures("son_la", "aid_received", Y2022)) == ["sl_aid_2022"]
    in_2023 = tiny_adb.figures("da_nang_2025", "aid_received", Y2023)
    assert [(m.figure.id, m.relation) for m in in_2023] == [("dn_aid_2023", "exact"), ("qn_aid", "contains")]


def test_per_year_and_as_of_relations(tiny_adb):
    (per_year,) = tiny_adb.figures("quang_nam", "delegations", Y2023)
    assert per_year.relation == "contains" and per_year.figure.period_kind == "per_year"
    assert per_year.figure.value_high == Decimal("250")
    assert tiny_adb.figures("son_la", "foreign_ngos", Y2023) == []       # counted in April 2024
    (ngos,) = tiny_adb.figures("son_la", "foreign_ngos", PeriodQuery(date(2024, 1, 1), date(2024, 12, 31)))
    assert ngos.relation == "inside"


def test_available_lists_periods_including_predecessors(tiny_adb):
    rows = tiny_adb.available("da_nang_2025")
    assert {(a.unit_code, a.metric, a.period_start, a.period_end) for a in rows} == {
        ("quang_nam", "aid_received", date(2019, 1, 1), date(2024, 10, 31)),
        ("quang_nam", "delegations", None, None),
        ("da_nang", "aid_received", date(2023, 1, 1), date(2023, 12, 31)),
    }


def test_unit_info_and_lineage(tiny_adb):
    info = tiny_adb.unit("quang_nam")
    assert info.successor == "da_nang_2025" and info.successor_date == date(2025, 7, 1)
    assert info.valid_to == date(2025, 6, 30) and info.names["ur"] == "کوانگ نام"
    assert tiny_adb.unit("da_nang_2025").predecessors == ["da_nang", "quang_nam"]
    assert tiny_adb.predecessors("bac_ninh_2025") == ["bac_giang", "bac_ninh"]
    assert tiny_adb.successor("son_la") is None
    assert tiny_adb.unit("atlantis") is None
    assert tiny_adb.unit("son_la").groups == ["cluster_x"]


def test_unit_name_falls_back_to_english(tiny_adb):
    assert tiny_adb.unit_name("son_la", "vi") == "Sơn La"
    assert tiny_adb.unit_name("bac_ninh", "hi") == "Bac Ninh"


def test_group_members(tiny_adb):
    assert tiny_adb.group_members("cluster_x") == ["bac_giang", "bac_ninh", "son_la"]
    assert tiny_adb.unit("cluster_x").members == ["bac_giang", "bac_ninh", "son_la"]


def test_compare_periods(tiny_adb):
    c = tiny_adb.compare_periods("son_la", "aid_received", Y2023, Y2022)
    assert c.comparable and c.difference == Decimal("1900000")
    assert c.left.figure.id == "sl_aid_2023" and c.right.figure.id == "sl_aid_2022"


def test_compare_periods_without_data_for_one_side(tiny_adb):
    c = tiny_adb.compare_periods("son_la", "aid_received", Y2023, PeriodQuery(date(2015, 1, 1), date(2015, 12, 31)))
    assert (c.comparable, c.reason, c.right) == (False, "missing_right", None)


def test_compare_periods_covered_by_one_figure_is_not_a_comparison(tiny_adb):
    c = tiny_adb.compare_periods("quang_nam", "aid_received", Y2022, Y2023)
    assert (c.comparable, c.reason, c.difference) == (False, "same_figure", None)


def test_compare_units(tiny_adb):
    c = tiny_adb.compare_units("da_nang", "son_la", "aid_received", Y2023)
    assert c.comparable and c.difference == Decimal("5100000")


def test_compare_ranges_has_no_single_difference(tiny_adb):
    c = tiny_adb.compare_units("quang_nam", "bac_ninh", "foreign_ngos")
    assert c.reason == "missing_left"
    c = tiny_adb.compare_units("quang_nam", "son_la", "delegations")
    assert c.reason == "missing_right"


def test_rank_compares_one_unit_of_measure_and_period(tiny_adb):
    ranked = tiny_adb.rank("aid_received", Y2023)
    assert [(f.unit_code, f.unit) for f in ranked] == [("da_nang", "USD"), ("son_la", "USD")]
    assert [f.unit_code for f in tiny_adb.rank("aid_received", Y2023, group="cluster_x")] == ["son_la"]
    assert [f.unit_code for f in tiny_adb.rank("foreign_ngos")] == ["son_la", "bac_ninh"]
    assert tiny_adb.rank("aid_received", PeriodQuery(date(2010, 1, 1), date(2010, 12, 31))) == []


def test_sources_and_metrics(tiny_adb):
    assert [s.id for s in tiny_adb.sources()] == ["doc_en", "doc_ms"]
    assert tiny_adb.sources()[0].published == date(2024, 11, 1)
    assert "foreign_ngos" in tiny_adb.metrics() and "aid_received" in tiny_adb.metrics()
