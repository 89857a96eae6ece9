"""Places abroad that the sources name (Laos and its Sekong province), and figures about a
relation between two places (counterpart_unit), through the public API on the real seed."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from db.api import PeriodQuery

NAMES = {
    "laos": dict(vi="Lào", en="Laos", ur="لاؤس", hi="लाओस", ms="Laos"),
    "sekong": dict(vi="Sê Kông", en="Sekong", ur="سیکونگ", hi="सेकोंग", ms="Sekong"),
}


@pytest.mark.parametrize("code", sorted(NAMES))
def test_names_in_every_language(adb, code):
    info = adb.unit(code)
    assert info.names == NAMES[code]
    for lang, name in NAMES[code].items():
        assert adb.unit_name(code, lang) == name


@pytest.mark.parametrize("text,code", [
    ("Sekong", "sekong"), ("Xekong", "sekong"), ("Se Kong", "sekong"), ("Sê Kông", "sekong"),
    ("Xê Kông", "sekong"), ("se kong", "sekong"), ("tỉnh Sê Kông", "sekong"), ("Sekong province", "sekong"),
    ("سیکونگ", "sekong"), ("سیکونگ صوبے", "sekong"), ("सेकोंग", "sekong"), ("wilayah Sekong", "sekong"),
    ("Lào", "laos"), ("Lao", "laos"), ("Laos", "laos"), ("LAOS", "laos"), ("لاؤس", "laos"), ("لاوس", "laos"),
    ("लाओस", "laos"), ("Lao PDR", "laos"), ("nước Lào", "laos"),
])
def test_foreign_places_resolve(adb, text, code):
    res = adb.resolve_place(text)
    assert res.status == "found", res
    assert res.candidates[0].unit_code == code and res.candidates[0].exact


def test_the_typed_spelling_is_reported(adb):
    assert adb.resolve_place("Lào").candidates[0].matched_alias == "Lào"
    assert adb.resolve_place("Lao").candidates[0].matched_alias == "Lao"
    assert adb.resolve_place("Sê Kông").candidates[0].matched_alias == "Sê Kông"


def test_lao_cai_is_still_lao_cai(adb):
    assert adb.resolve_place("Lào Cai").candidates[0].unit_code == "lao_cai_2025"
    found = adb.find_places("So sánh Lào Cai và Lào", lang="vi")
    assert [r.candidates[0].unit_code for r in found] == ["lao_cai_2025", "laos"]


@pytest.mark.parametrize("text,lang,codes", [
    ("how many agencies cooperate with Sekong?", "en", ["sekong"]),
    ("twinned villages on the Lao side", "en", ["laos"]),
    ("Quang Nam and Sekong province (Laos)", "en", ["quang_nam", "sekong", "laos"]),
    ("Quảng Nam kết nghĩa với bao nhiêu bản của tỉnh Sê Kông, Lào?", "vi", ["quang_nam", "sekong", "laos"]),
    ("سیکونگ صوبے (لاوس) کی ایجنسیوں", "ur", ["sekong", "laos"]),
    ("सेकोंग में कितने गाँव हैं?", "hi", ["sekong"]),
    ("Berapa kampung di Sekong, Laos?", "ms", ["sekong", "laos"]),
    # "lao" inside Vietnamese words that are not places
    ("Bộ Lao động và bệnh lao ở Cù Lao Chàm", "vi", []),
    ("Huân chương Lao động hạng Nhất cho Cần Thơ", "vi", ["can_tho"]),
])
def test_foreign_places_in_sentences(adb, text, lang, codes):
    found = adb.find_places(text, lang=lang)
    assert [(r.status, r.candidates[0].unit_code) for r in found] == [("found", c) for c in codes], \
        [(r.text, r.candidates[:2]) for r in found]


def test_unit_info_of_foreign_places(adb):
    sekong, laos = adb.unit("sekong"), adb.unit("laos")
    assert (sekong.kind, sekong.is_foreign, sekong.parent) == ("foreign_province", True, "laos")
    assert (laos.kind, laos.is_foreign, laos.parent, laos.children) == ("foreign_country", True, None, ["sekong"])
    assert sekong.successor is None and sekong.predecessors == []
    quang_nam = adb.unit("quang_nam")
    assert (quang_nam.is_foreign, quang_nam.parent, quang_nam.children) == (False, None, [])
    assert adb.unit("vn").is_foreign is False


def test_foreign_places_are_not_vietnamese_provinces(adb):
    # "which places do you have figures for" lists Vietnamese places only
    assert "sekong" not in adb.units_with_figures() and "laos" not in adb.units_with_figures()
    assert "quang_nam" in adb.units_with_figures()
    assert "sekong" in adb.units_with_figures(include_foreign=True)
    # rankings compare Vietnamese provinces and cities only
    ranked = adb.rank("twinned_villages")
    assert [f.unit_code for f in ranked] == ["quang_nam"]
    for day in (date(2024, 1, 1), date(2025, 7, 1)):
        codes = adb.province_level_units(day)
        assert "sekong" not in codes and "laos" not in codes


# --- figures about a relation: counterpart_unit ------------------------------------------------------

def _by_id(matches):
    return {m.figure.id: m for m in matches}


def test_twinned_villages_both_sides(adb):
    qn = _by_id(adb.figures("quang_nam", "twinned_villages"))
    assert set(qn) == {"quang_nam_twinned_villages", "sekong_twinned_villages"}
    own, other = qn["quang_nam_twinned_villages"], qn["sekong_twinned_villages"]
    assert (own.via, own.figure.unit_code, own.figure.counterpart_unit, own.figure.value_low) == (
        "unit", "quang_nam", "sekong", Decimal(35))
    assert (other.via, other.figure.unit_code, other.figure.counterpart_unit, other.figure.value_low) == (
        "counterpart", "sekong", "quang_nam", Decimal(16))
    # own figures come first
    assert [m.figure.id for m in adb.figures("quang_nam", "twinned_villages")] == [
        "quang_nam_twinned_villages", "sekong_twinned_villages"]
    assert [m.figure.id for m in adb.figures("sekong", "twinned_villages")] == [
        "sekong_twinned_villages", "quang_nam_twinned_villages"]
    # the counterpart figure cites the same sentence in both documents
    quotes = {c.source.id: c.quote for c in other.figure.citations}
    assert quotes == {c.source.id: c.quote for c in own.figure.citations} and len(quotes) == 2


def test_agencies_cooperating_with_sekong(adb):
    (match,) = adb.figures("sekong", "cooperating_agencies")
    assert (match.via, match.figure.unit_code, match.figure.value_low) == ("counterpart", "quang_nam", Decimal(26))
    assert adb.figures("sekong", "cooperating_agencies", include_counterparts=False) == []


def test_counterparts_of_predecessors_reach_the_successor(adb):
    matches = _by_id(adb.figures("da_nang_2025", "twinned_villages"))
    assert {k: (m.via, m.figure.unit_code) for k, m in matches.items()} == {
        "quang_nam_twinned_villages": ("predecessor", "quang_nam"),
        "sekong_twinned_villages": ("counterpart", "sekong")}


def test_available_lists_counterpart_figures(adb):
    rows = {(a.unit_code, a.metric, a.counterpart_unit) for a in adb.available("sekong")}
    assert rows == {("sekong", "twinned_villages", "quang_nam"), ("quang_nam", "twinned_villages", "sekong"),
                    ("quang_nam", "cooperating_agencies", "sekong")}
    assert adb.available("sekong")[0].unit_code == "sekong"      # own first
    assert {(a.unit_code, a.metric) for a in adb.available("sekong", include_counterparts=False)} == {
        ("sekong", "twinned_villages")}
    assert ("sekong", "twinned_villages", "quang_nam") in {
        (a.unit_code, a.metric, a.counterpart_unit) for a in adb.available("quang_nam")}


def test_compare_the_two_sides(adb):
    c = adb.compare_units("quang_nam", "sekong", "twinned_villages")
    assert (c.left.figure.id, c.right.figure.id) == ("quang_nam_twinned_villages", "sekong_twinned_villages")
    assert (c.comparable, c.verdict.order, c.difference, c.verdict.difference) == (
        True, "left_higher", Decimal(19), Decimal(19))
    # Sekong's own figure, not Quang Nam's that names it, is Sekong's side of a comparison
    c = adb.compare_units("quang_nam", "sekong", "cooperating_agencies")
    assert (c.comparable, c.reason, c.right) == (False, "missing_right", None)


# --- the comparison rule on real figures ------------------------------------------------------------

def test_real_comparisons(adb):
    # 489 projects over 2019-2024 against 6 in 2023: different periods
    c = adb.compare_units("quang_nam", "son_la", "programmes_projects")
    assert (c.comparable, c.reason, c.difference, c.verdict.order) == (False, "different_periods", None, None)
    # 77 (no period) against more than 40 (2004-2023)
    c = adb.compare_units("quang_nam", "can_tho", "foreign_ngos")
    assert (c.comparable, c.reason) == (False, "different_periods")
    # USD against VND is never compared, even for one unit
    c = adb.compare_units("quang_nam", "vn", "aid_received")
    assert c.reason == "missing_right"
    y2023 = PeriodQuery(date(2023, 1, 1), date(2023, 12, 31))
    # Son La committed nearly 4.9 M in 2023, the cluster more than 1 M in the first half of 2024
    c = adb.compare_units("son_la", "emulation_cluster_2", "aid_committed", y2023)
    assert c.reason == "missing_right"
