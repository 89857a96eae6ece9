"""Abbreviations and everyday names (aliases in db/seed/units.csv), alone and inside
sentences, on the real seed. "QN" names three provinces; only Quang Nam has figures,
so it is taken, and the others are offered as alternatives."""
from __future__ import annotations

import pytest

QN_OTHERS = {"quang_ninh", "quang_ngai"}


def _lineage_codes(candidates):
    return {c.unit_code.removesuffix("_2025") for c in candidates}


@pytest.mark.parametrize("text", ["QN", "qn", "Q.N.", "tỉnh QN"])
def test_qn_alone(adb, text):
    r = adb.resolve_place(text)
    assert r.status == "found" and r.candidates[0].unit_code == "quang_nam", r
    assert r.candidates[0].exact and r.candidates[0].matched_alias == "QN"
    assert _lineage_codes(r.alternatives) == QN_OTHERS and len(r.alternatives) == 2
    assert {"quang_ninh", "quang_ngai", "quang_ngai_2025"} <= {c.unit_code for c in r.candidates}


@pytest.mark.parametrize("text,first", [
    ("HN", "ha_noi"), ("Hà Thành", "ha_noi"), ("VN", "vn"), ("vn", "vn"),
    ("TP.HCM", "ho_chi_minh_2025"), ("TPHCM", "ho_chi_minh_2025"), ("TP HCM", "ho_chi_minh_2025"),
    ("HCM", "ho_chi_minh_2025"), ("HCMC", "ho_chi_minh_2025"), ("SG", "ho_chi_minh_2025"),
    ("Sài Gòn", "ho_chi_minh_2025"), ("Saigon", "ho_chi_minh_2025"), ("Sài Thành", "ho_chi_minh_2025"),
])
def test_abbreviations_and_everyday_names_alone(adb, text, first):
    r = adb.resolve_place(text)
    assert (r.status, r.candidates[0].unit_code, r.alternatives) == ("found", first, []), r
    if first == "ho_chi_minh_2025":       # one lineage: the old city is offered too
        assert "ho_chi_minh" in [c.unit_code for c in r.candidates]


CLUSTER_NAMES = ["Cụm II", "Cụm thi đua số II", "cụm thi đua 2", "Cum thi dua so 2", "cluster 2", "Cluster II",
                 "Emulation Cluster No. 2", "Emulation Cluster No. II", "Emulation Cluster 2", "klaster 2",
                 "Kluster 2", "Kluster II", "Kluster Emulasi II", "کلسٹر 2", "کلسٹر II", "کلسٹر ۲",
                 "ایمولیشن کلسٹر نمبر 2", "क्लस्टर 2", "क्लस्टर २", "क्लस्टर II", "क्लस्टर नंबर 2",
                 "अनुकरण क्लस्टर 2"]


@pytest.mark.parametrize("text", CLUSTER_NAMES)
def test_cluster_names_alone(adb, text):
    r = adb.resolve_place(text)
    assert (r.status, r.candidates[0].unit_code) == ("found", "emulation_cluster_2"), r


@pytest.mark.parametrize("text", ["CT", "QM", "QNN", "HNX", "SGN", "cluster 3", "cụm III", "VNA"])
def test_near_misses_of_short_names_are_not_found(adb, text):
    assert adb.resolve_place(text).status != "found", adb.resolve_place(text)


SENTENCES = [
    ("How much aid did QN get since 2019?", "en", ["quang_nam"]),
    ("So sánh QN và HN năm 2023", "vi", ["quang_nam", "ha_noi"]),
    ("VN nhận được bao nhiêu viện trợ năm 2023?", "vi", ["vn"]),
    ("what about TP.HCM and SG?", "en", ["ho_chi_minh_2025", "ho_chi_minh_2025"]),
    ("Sài Gòn và Hà Thành", "vi", ["ho_chi_minh_2025", "ha_noi"]),
    ("Cụm thi đua số II có bao nhiêu thành viên?", "vi", ["emulation_cluster_2"]),
    ("Cụm II có bao nhiêu thành viên?", "vi", ["emulation_cluster_2"]),
    ("cụm thi đua 2 ký bao nhiêu thỏa thuận quốc tế?", "vi", ["emulation_cluster_2"]),
    ("how many members does cluster 2 have?", "en", ["emulation_cluster_2"]),
    ("compare Emulation Cluster No. II with Son La", "en", ["emulation_cluster_2", "son_la"]),
    ("Berapa ahli kluster 2?", "ms", ["emulation_cluster_2"]),
    ("Berapa projek Klaster II pada 2024?", "ms", ["emulation_cluster_2"]),
    ("کلسٹر 2 کے کتنے ارکان ہیں؟", "ur", ["emulation_cluster_2"]),
    ("क्लस्टर 2 में कितने सदस्य हैं?", "hi", ["emulation_cluster_2"]),
    ("क्लस्टर २ में कितने सदस्य हैं?", "hi", ["emulation_cluster_2"]),
    # two-letter words that are not abbreviations of a place, and near misses
    ("I am in CT with QNA and HNX data", "en", []),
    ("the VNA photo, 1,000 billion VND", "en", []),
]


@pytest.mark.parametrize("text,lang,codes", SENTENCES, ids=[s[0][:40] for s in SENTENCES])
def test_abbreviations_inside_sentences(adb, text, lang, codes):
    found = adb.find_places(text, lang=lang)
    assert [(r.status, r.candidates[0].unit_code) for r in found] == [("found", c) for c in codes], \
        [(r.text, r.status, r.candidates[:2]) for r in found]


def test_qn_inside_a_sentence_reports_the_alternatives(adb):
    (r,) = adb.find_places("Bao nhiêu NGO ở QN?", lang="vi")
    assert (r.text, r.candidates[0].unit_code) == ("QN", "quang_nam")
    assert _lineage_codes(r.alternatives) == QN_OTHERS
    names = sorted(adb.unit_name(c.unit_code, "vi") for c in r.alternatives)
    assert names == ["Quảng Ngãi", "Quảng Ninh"]
