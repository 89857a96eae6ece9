"""Name normalisation and place matching rules (tiny seed set; real-seed spellings
per language are in test_place_resolution.py)."""
from __future__ import annotations

import time

import pytest

from db.normalize import compact, normalize_name
from db.places import load_affixes, strip_affixes


@pytest.mark.parametrize("raw,expected", [
    ("Đà Nẵng", "da nang"),
    ("ĐÀ   NẴNG", "da nang"),
    ("Thành phố Hồ-Chí-Minh", "thanh pho ho chi minh"),
    ("TP.HCM", "tp hcm"),
    ("Ｑｕａｎｇ Ｎａｍ", "quang nam"),                  # full-width (NFKC)
    ("Sơn\u200b La", "son la"),                         # zero-width space is removed
    ("كوانگ نام", "کوانگ نام"),                         # Arabic kaf -> Urdu keheh
    ("يوسف", "یوسف"),                                  # Arabic yeh -> Farsi/Urdu yeh
    ("صوبة", "صوبہ"), ("صوبه", "صوبہ"),                 # teh marbuta / heh -> heh goal
    ("مُلتان", "ملتان"),                                 # harakat dropped
    ("क़्वांग", "क्वांग"),                                # nukta dropped
    ("हँस", "हंस"),                                     # chandrabindu -> anusvara
    ("क्वांग नाम।", "क्वांग नाम"),                        # danda is punctuation
    ("کوانگ نام۔", "کوانگ نام"),
])
def test_normalize_name(raw, expected):
    assert normalize_name(raw) == expected


def test_compact_ignores_word_breaks():
    assert compact(normalize_name("Quang Nam")) == compact(normalize_name("Quangnam")) == "quangnam"


def test_affixes_come_from_the_data_file():
    affixes = load_affixes()
    assert ("tinh",) in affixes and ("thanh", "pho") in affixes and ("صوبہ",) in affixes
    assert strip_affixes("tinh quang nam".split(), affixes) == ["quang", "nam"]
    assert strip_affixes("quang nam province".split(), affixes) == ["quang", "nam"]
    assert strip_affixes(["province"], affixes) == ["province"]   # never strips everything


@pytest.mark.parametrize("text,code", [
    ("Quảng Nam", "quang_nam"), ("quang nam", "quang_nam"), ("QUANGNAM", "quang_nam"),
    ("Quang Nahm", "quang_nam"),                                  # typo
    ("tỉnh Quảng Nam", "quang_nam"), ("Quang Nam province", "quang_nam"),
    ("كوانگ نام", "quang_nam"), ("کوانگ نام صوبہ", "quang_nam"), ("क्वांग नाम प्रांत", "quang_nam"),
    ("wilayah Son La", "son_la"), ("Sơn La", "son_la"),
    ("Bắc Cạn", "bac_kan"),                                       # alias
])
def test_resolve_found(tiny_adb, text, code):
    r = tiny_adb.resolve_place(text)
    assert (r.status, r.candidates[0].unit_code) == ("found", code), r


def test_exact_match_scores_100_and_fuzzy_less(tiny_adb):
    exact = tiny_adb.resolve_place("Quảng Nam").candidates[0]
    fuzzy = tiny_adb.resolve_place("Quang Nahm").candidates[0]
    assert (exact.score, exact.exact) == (100.0, True)
    assert 85 <= fuzzy.score < 100 and not fuzzy.exact
    assert exact.matched_alias == "Quảng Nam"      # the spelling that was typed, not "Quangnam"


def test_partial_name_shared_by_unrelated_units_is_ambiguous(tiny_adb):
    r = tiny_adb.resolve_place("Bac")
    assert r.status == "ambiguous"
    assert {"bac_ninh", "bac_giang", "bac_kan"} <= {c.unit_code for c in r.candidates}
    assert len({c.score for c in r.candidates[:3]}) == 1


def test_same_name_lineage_is_found_not_ambiguous(tiny_adb):
    # da_nang (old) and da_nang_2025 share the name; the old one holds figures
    r = tiny_adb.resolve_place("Đà Nẵng")
    assert r.status == "found"
    assert [c.unit_code for c in r.candidates[:2]] == ["da_nang", "da_nang_2025"]
    # the old bac_ninh holds a figure (bn_ngos), so it comes before bac_ninh_2025
    r = tiny_adb.resolve_place("Bac Ninh")
    assert r.status == "found" and r.candidates[0].unit_code == "bac_ninh"


def test_unknown_place_gives_suggestions_only_when_close(tiny_adb):
    assert tiny_adb.resolve_place("Paris").status == "unknown"
    assert tiny_adb.resolve_place("Paris").candidates == []
    r = tiny_adb.resolve_place("Son Lo")          # too far to be sure, close enough to suggest
    assert r.status == "unknown" and r.candidates[0].unit_code == "son_la"
    assert tiny_adb.resolve_place("").status == "unknown"
    assert tiny_adb.resolve_place("tỉnh").status == "unknown"


def test_find_places_in_sentences(tiny_adb):
    def found(text):
        return [(r.text, r.status, r.candidates[0].unit_code) for r in tiny_adb.find_places(text)]

    assert found("How much aid did Quang Nam province and Son La get in 2023?") == [
        ("Quang Nam province", "found", "quang_nam"), ("Son La", "found", "son_la")]
    assert found("Tỉnh Quảng Nam và Sơn La năm 2023") == [
        ("Tỉnh Quảng Nam", "found", "quang_nam"), ("Sơn La", "found", "son_la")]
    assert found("کوانگ نام صوبے نے 2019 سے کتنی امداد حاصل کی") == [("کوانگ نام صوبے", "found", "quang_nam")]
    assert found("Berapa bantuan wilayah Son La pada tahun 2023") == [("wilayah Son La", "found", "son_la")]
    assert found("what is the weather in Paris") == []
    assert found("compare Bac Ninh with Bac Giang") == [
        ("Bac Ninh", "found", "bac_ninh"), ("Bac Giang", "found", "bac_giang")]


def test_find_places_tolerates_typos_but_not_loose_words(tiny_adb):
    assert [r.candidates[0].unit_code for r in tiny_adb.find_places("aid to Quang Nahm")] == ["quang_nam"]
    assert tiny_adb.find_places("the son of a man") == []


def test_resolution_is_fast(adb):
    """< 5 ms per call on the real seed (index built once per AidDatabase)."""
    queries = ["Quảng Nam", "quang nahm", "Bac", "کین تھو", "क्वांग नाम प्रांत", "wilayah Son La", "Paris"]
    adb.resolve_place("warm up")
    start = time.perf_counter()
    for _ in range(20):
        for q in queries:
            adb.resolve_place(q)
    per_call_ms = (time.perf_counter() - start) * 1000 / (20 * len(queries))
    assert per_call_ms < 5, per_call_ms


# --- matching rules added with the abbreviations (a hand-built index, no database) ----------------

from db.normalize import normalize_name as _n  # noqa: E402
from db.places import AliasEntry, PlaceIndex  # noqa: E402


def _index(with_figures=("quang_nam",)):
    names = [("quang_nam", "Quảng Nam", "vi"), ("quang_ninh", "Quảng Ninh", "vi"), ("quang_ngai", "Quảng Ngãi", "vi"),
             ("quang_ngai_2025", "Quảng Ngãi", "vi"), ("kon_tum", "Kon Tum", "vi"), ("laos", "Lào", "vi"),
             ("laos", "Laos", "en"), ("lao_cai", "Lào Cai", "vi"), ("cluster", "Cụm thi đua số II", "vi"),
             ("ha_noi", "Hà Nội", "vi")]
    aliases = [("quang_nam", "QN"), ("quang_ninh", "QN"), ("quang_ngai", "QN"), ("quang_ngai_2025", "QN"),
               ("laos", "Lao"), ("cluster", "Cluster 2"), ("cluster", "क्लस्टर 2"), ("ha_noi", "HN")]
    entries = [AliasEntry(c, a, lang, _n(a)) for c, a, lang in names] + \
              [AliasEntry(c, a, None, _n(a)) for c, a in aliases]
    lineage = {"quang_ngai": "kon_tum", "quang_ngai_2025": "kon_tum", "kon_tum": "kon_tum"}
    current = {"quang_ninh", "quang_ngai_2025", "laos", "ha_noi", "cluster"}
    return PlaceIndex(entries, lineage, set(with_figures), current)


def test_a_name_of_several_units_goes_to_the_one_lineage_with_figures():
    r = _index().resolve("QN")
    assert r.status == "found" and r.candidates[0].unit_code == "quang_nam"
    # the others, one per lineage (Quang Ngai's current unit stands for its lineage)
    assert [c.unit_code for c in r.alternatives] == ["quang_ngai_2025", "quang_ninh"]
    assert all(c.exact for c in r.alternatives)
    assert {c.unit_code for c in r.candidates} == {"quang_nam", "quang_ninh", "quang_ngai", "quang_ngai_2025"}


def test_no_lineage_or_two_lineages_with_figures_stay_ambiguous():
    assert _index(with_figures=()).resolve("QN").status == "ambiguous"
    r = _index(with_figures=("quang_nam", "quang_ninh")).resolve("QN")
    assert r.status == "ambiguous" and r.alternatives == []


def test_partial_names_stay_ambiguous_even_when_one_has_figures():
    r = _index().resolve("Quang")
    assert r.status == "ambiguous" and r.alternatives == []


def test_plain_found_has_no_alternatives():
    r = _index().resolve("Quảng Ninh")
    assert (r.status, r.candidates[0].unit_code, r.alternatives) == ("found", "quang_ninh", [])


@pytest.mark.parametrize("text", ["QM", "QNN", "HNN", "Q", "N"])
def test_short_aliases_never_match_fuzzily(text):
    r = _index().resolve(text)
    assert r.status != "found" or r.candidates[0].matched_alias != "QN"
    assert all(c.matched_alias not in ("QN", "HN") for c in r.candidates)


def test_short_aliases_match_exactly_in_sentences():
    index = _index()
    found = index.find("số liệu của QN và HN năm 2023")
    assert [(r.text, r.candidates[0].unit_code) for r in found] == [("QN", "quang_nam"), ("HN", "ha_noi")]
    assert [c.unit_code for c in found[0].alternatives] == ["quang_ngai_2025", "quang_ninh"]
    assert index.find("QNX and HNA and qnn") == []


def test_phrases_that_are_not_places():
    index = _index()
    assert index.find("Bộ Lao động và bệnh lao, Cù Lao Chàm") == []
    assert [r.candidates[0].unit_code for r in index.find("lao động ở Lào và Lào Cai")] == ["laos", "lao_cai"]
    assert index.resolve("Lào").candidates[0].matched_alias == "Lào"      # the spelling typed
    assert index.resolve("Lao").candidates[0].matched_alias == "Lao"


@pytest.mark.parametrize("raw,expected", [("क्लस्टर २", "क्लस्टर 2"), ("کلسٹر ۲", "کلسٹر 2"), ("Cụm ２", "cum 2")])
def test_digits_of_any_script(raw, expected):
    assert normalize_name(raw) == expected


def test_digits_of_any_script_match_in_sentences():
    assert [r.candidates[0].unit_code for r in _index().find("क्लस्टर २ में कितने सदस्य हैं?")] == ["cluster"]


@pytest.mark.parametrize("text", ["Cluster 3", "Cluster 22", "Cụm thi đua số III", "Cum thi dua so I"])
def test_a_typo_never_changes_a_number(text):
    index = _index()
    assert index.resolve(text).status != "found", index.resolve(text)
    assert index.find(f"how many members does {text} have") == []


def test_a_typo_in_the_words_keeps_the_number():
    r = _index().resolve("Cum thi dua so II")
    assert (r.status, r.candidates[0].unit_code) == ("found", "cluster")
    r = _index().resolve("Clustre 2")
    assert r.candidates and r.candidates[0].unit_code == "cluster"
