"""Stated changes (base periods), source titles per language, and the 2025 reorganisation
computed from the units table - through the public API on the real seed (and the tiny one)."""
from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from db.api import PeriodQuery
from db.vocabulary import CHANGE_OF, METRICS

Y2021 = PeriodQuery(date(2021, 1, 1), date(2021, 12, 31))
Y2022 = PeriodQuery(date(2022, 1, 1), date(2022, 12, 31))
Y2023 = PeriodQuery(date(2023, 1, 1), date(2023, 12, 31))
SEED = Path(__file__).resolve().parents[2] / "db" / "seed"
LANGS = ("en", "vi", "ur", "hi", "ms")


# --- stated changes --------------------------------------------------------------------------------

def test_change_metrics_are_vocabulary_data(adb):
    assert CHANGE_OF == {"aid_change": "aid_disbursed"}
    assert adb.change_metrics() == CHANGE_OF
    assert all(m in METRICS for pair in CHANGE_OF.items() for m in pair)


def test_stated_change_in_the_asked_order(adb):
    change = adb.stated_change("vn", "aid_disbursed", Y2022, Y2023)
    assert change.figure.id == "vn_aid_change" and change.metric == "aid_disbursed"
    assert (change.figure.base_period_start, change.figure.base_period_end) == (date(2022, 1, 1), date(2022, 12, 31))
    assert (change.reversed, change.change_low, change.change_high, change.sign, change.direction) == (
        False, Decimal("4900000"), None, 1, "increase")
    assert (change.period_from, change.period_to) == (Y2022, Y2023)


def test_stated_change_asked_backwards(adb):
    change = adb.stated_change("vn", "aid_disbursed", Y2023, Y2022)
    assert change.figure.id == "vn_aid_change"
    assert (change.reversed, change.change_low, change.sign, change.direction) == (
        True, Decimal("-4900000"), -1, "decrease")
    # the stored figure itself is untouched
    assert change.figure.value_low == Decimal("4900000")


def test_stated_change_by_its_own_metric(adb):
    assert adb.stated_change("vn", "aid_change", Y2022, Y2023).change_low == Decimal("4900000")


@pytest.mark.parametrize("unit,metric,p_from,p_to", [
    ("vn", "aid_disbursed", Y2021, Y2023),      # base period is 2022, not 2021
    ("vn", "aid_disbursed", Y2021, Y2022),      # nothing stated for 2022 against 2021
    ("vn", "aid_disbursed", Y2023, Y2023),      # one period is no change
    ("vn", "aid_received", Y2022, Y2023),       # no change metric of aid_received
    ("son_la", "aid_disbursed", Y2022, Y2023),  # Son La has no stated change
    ("vn", "aid_disbursed", PeriodQuery(), Y2023),
])
def test_no_stated_change(adb, unit, metric, p_from, p_to):
    assert adb.stated_change(unit, metric, p_from, p_to) is None


def test_compare_periods_carries_the_stated_change(adb):
    c = adb.compare_periods("vn", "aid_disbursed", Y2023, Y2022)
    assert (c.left.figure.id, c.right.figure.id) == ("vn_aid_disbursed_2023", "vn_aid_disbursed_2022")
    # "more than 228.7 M" against "more than 223.8 M": the order is not certain from the totals ...
    assert (c.comparable, c.reason, c.difference, c.verdict.order) == (False, "uncertain_qualifiers", None, None)
    # ... but the source states the change: oriented like difference (left - right), an increase
    assert (c.stated_change.figure.id, c.stated_change.change_low, c.stated_change.direction) == (
        "vn_aid_change", Decimal("4900000"), "increase")
    c = adb.compare_periods("vn", "aid_disbursed", Y2022, Y2023)
    assert (c.stated_change.change_low, c.stated_change.sign) == (Decimal("-4900000"), -1)
    assert adb.compare_periods("son_la", "aid_committed", Y2023, Y2022).stated_change is None


def test_compare_periods_with_a_certain_order(tiny_adb):
    # nearly 4.9 M in 2023 against exactly 3 M in 2022
    c = tiny_adb.compare_periods("son_la", "aid_received", Y2023, Y2022)
    assert (c.comparable, c.verdict.order, c.verdict.difference, c.difference) == (
        True, "left_higher", None, Decimal("1900000"))
    assert c.stated_change is None
    # Quang Nam's one figure covers both years: no comparison
    c = tiny_adb.compare_periods("quang_nam", "aid_received", Y2022, Y2023)
    assert (c.comparable, c.reason) == (False, "same_figure")


# --- source titles --------------------------------------------------------------------------------

def test_every_source_has_a_short_title_in_every_language(adb):
    for source in adb.sources():
        assert set(source.titles) == set(LANGS), source.id
        assert all(t and t == t.strip() for t in source.titles.values())
        assert source.original_title == source.title
        for lang in LANGS:
            assert source.title_in(lang) == source.titles[lang]


def test_no_stored_title_carries_the_descriptive_marker(adb):
    for source in adb.sources():
        for title in [source.title, source.original_title, *source.titles.values()]:
            assert "descriptive" not in title.lower(), (source.id, title)
    with open(SEED / "sources.csv", encoding="utf-8", newline="") as fh:
        assert not any("(descriptive title)" in row["title"] for row in csv.DictReader(fh))


def test_descriptive_flags_and_originals(adb):
    by_id = {s.id: s for s in adb.sources()}
    flags = {sid: s.title_is_descriptive for sid, s in by_id.items()}
    assert flags == {"s000_ur_quang_nam": True, "s001_en_quang_nam": True, "s002_ms_ngo_conference_son_la": False,
                     "s003_hi_emulation_cluster_2": True, "s004_ur_can_tho": True}
    # the one document with a title of its own keeps it, in its language
    malay = by_id["s002_ms_ngo_conference_son_la"]
    assert malay.original_title == ("Persidangan dalam talian kebangsaan mengenai kerja organisasi bukan "
                                    "kerajaan asing pada tahun 2024")
    assert malay.original_title in (SEED / "documents" / "002_445a92742309ceb6.txt").read_text(encoding="utf-8")
    assert malay.titles["ms"] == malay.original_title
    # the Urdu and English versions of the Quang Nam article share their titles
    assert by_id["s000_ur_quang_nam"].titles == by_id["s001_en_quang_nam"].titles
    assert "Quảng Nam" in by_id["s001_en_quang_nam"].titles["vi"]
    assert "Cần Thơ" in by_id["s004_ur_can_tho"].titles["vi"]


def test_citations_carry_the_titles(adb):
    (fig,) = adb.figures_by_ids(["son_la_foreign_ngos"])
    source = fig.citations[0].source
    assert source.id == "s002_ms_ngo_conference_son_la" and source.titles["vi"].startswith("Hội nghị")


# --- the 2025 reorganisation, from the units table ---------------------------------------------------

def test_reorganisation_from_the_seed(adb):
    r = adb.reorganisation()
    assert r.effective_date == date(2025, 7, 1)
    assert (r.legal_basis, r.legal_bases) == ("Resolution 202/2025/QH15", ("Resolution 202/2025/QH15",))
    assert (r.units_before, r.units_after, r.merged_units, r.new_units) == (63, 34, 52, 23)
    assert adb.reorganisation(date(2025, 7, 1)) == r
    assert adb.reorganisation(date(2020, 1, 1)) is None
    assert len(adb.province_level_units(date(2025, 6, 30))) == 63
    assert "can_tho" in adb.province_level_units(date(2025, 6, 30))
    assert "can_tho_2025" in adb.province_level_units(date(2025, 7, 1))
    assert "can_tho" not in adb.province_level_units(date(2025, 7, 1))
    # Can Tho and Hau Giang were formed on 1 January 2004: neither existed in 2003
    assert "can_tho" not in adb.province_level_units(date(2003, 12, 31))


def test_reorganisation_is_counted_not_hard_coded(tiny_adb):
    """The tiny seed has 6 province-level units before 1 July 2025 and 3 after."""
    r = tiny_adb.reorganisation()
    assert (r.effective_date, r.units_before, r.units_after, r.merged_units, r.new_units) == (
        date(2025, 7, 1), 6, 3, 4, 2)
    assert r.legal_basis == "Resolution 202/2025/QH15"


def test_reorganisation_without_successions(empty_adb):
    assert empty_adb.reorganisation() is None


def test_unit_info_legal_bases(adb):
    qn = adb.unit("quang_nam")
    assert (qn.successor, qn.successor_legal_basis, qn.formed_legal_basis) == (
        "da_nang_2025", "Resolution 202/2025/QH15", None)
    dn = adb.unit("da_nang_2025")
    assert (dn.successor_legal_basis, dn.formed_legal_basis) == (None, "Resolution 202/2025/QH15")
    assert adb.unit("son_la").successor_legal_basis is None and adb.unit("son_la").formed_legal_basis is None
