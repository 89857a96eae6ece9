"""Places named in the seed documents, typed the way people type them, in the five
languages, resolved through the public API (`adb`: SQLite and PostgreSQL, seeded).

Expected codes follow docs/design.md: when an old unit and its 2025 successor share
a name (can_tho / can_tho_2025), the first candidate is the one that holds figures,
else the current one.
"""
from __future__ import annotations

from datetime import date

import pytest

# code -> names (vi, en, ur, hi, ms) and the spellings the seed texts use
SEED_PLACES = {
    "quang_nam": dict(vi="Quảng Nam", en="Quang Nam", ur="کوانگ نام", hi="क्वांग नाम", ms="Quang Nam",
                      seed=["کوانگ نام", "کوانگ نم", "Quang Nam"]),
    "son_la": dict(vi="Sơn La", en="Son La", ur="سون لا", hi="सोन ला", ms="Son La",
                   seed=["wilayah Son La", "Son La"]),
    "can_tho": dict(vi="Cần Thơ", en="Can Tho", ur="کین تھو", hi="कैन थो", ms="Can Tho",
                    seed=["کین تھو", "کین تھو شہر", "Can Tho"]),
    "ho_chi_minh": dict(vi="Thành phố Hồ Chí Minh", en="Ho Chi Minh City", ur="ہو چی منہ سٹی",
                        hi="हो ची मिन्ह सिटी", ms="Bandar Raya Ho Chi Minh",
                        seed=["ہو چی منہ سٹی", "ہو چی منہ شہر", "Bandar Raya Ho Chi Minh", "Bandar Ho Chi Minh"]),
    "vn": dict(vi="Việt Nam", en="Vietnam", ur="ویتنام", hi="वियतनाम", ms="Vietnam", seed=["Vietnam", "ویتنام"]),
    "emulation_cluster_2": dict(
        vi="Cụm thi đua số II", en="Emulation Cluster II", ur="ایمولیشن کلسٹر نمبر II",
        hi="अनुकरण क्लस्टर नंबर II", ms="Kluster Emulasi II",
        seed=["अनुकरण क्लस्टर नंबर II", "इम्यूलेशन क्लस्टर नंबर II", "एमुलेशन क्लस्टर नंबर 2",
              "इम्यूलेशन क्लस्टर संख्या II", "एमुलेशन क्लस्टर II", "इम्यूलेशन क्लस्टर II",
              "अनुकरण क्लस्टर संख्या II", "इम्यूलेशन क्लस्टर", "एमुलेशन क्लस्टर"]),
    # the 17 members of Emulation Cluster II, Hindi as document 003 spells them
    "hai_phong": dict(vi="Hải Phòng", en="Hai Phong", ur="ہائی فونگ", hi="हाई फोंग", ms="Hai Phong", seed=["हाई फोंग"]),
    "ha_noi": dict(vi="Hà Nội", en="Hanoi", ur="ہنوئی", hi="हनोई", ms="Hanoi", seed=["हनोई", "Hanoi", "Ha Noi"]),
    "bac_giang": dict(vi="Bắc Giang", en="Bac Giang", ur="باک گیانگ", hi="बाक गियांग", ms="Bac Giang", seed=["बाक गियांग"]),
    "phu_tho": dict(vi="Phú Thọ", en="Phu Tho", ur="فو تھو", hi="फु थो", ms="Phu Tho", seed=["फु थो"]),
    "thai_nguyen": dict(vi="Thái Nguyên", en="Thai Nguyen", ur="تھائی نگوین", hi="थाई गुयेन", ms="Thai Nguyen",
                        seed=["थाई गुयेन"]),
    "tuyen_quang": dict(vi="Tuyên Quang", en="Tuyen Quang", ur="توین کوانگ", hi="तुयेन क्वांग", ms="Tuyen Quang",
                        seed=["तुयेन क्वांग"]),
    "vinh_phuc": dict(vi="Vĩnh Phúc", en="Vinh Phuc", ur="ونہ فوک", hi="विन्ह फुक", ms="Vinh Phuc", seed=["विन्ह फुक"]),
    "bac_ninh": dict(vi="Bắc Ninh", en="Bac Ninh", ur="باک ننہ", hi="बाक निन्ह", ms="Bac Ninh", seed=["बाक निन्ह"]),
    "bac_kan": dict(vi="Bắc Kạn", en="Bac Kan", ur="باک کان", hi="बाक कान", ms="Bac Kan",
                    seed=["बाक कान", "Bắc Cạn", "Bac Can"]),
    "hai_duong": dict(vi="Hải Dương", en="Hai Duong", ur="ہائی ڈوونگ", hi="हाई डुओंग", ms="Hai Duong", seed=["हाई डुओंग"]),
    "ha_nam": dict(vi="Hà Nam", en="Ha Nam", ur="ہا نام", hi="हा नाम", ms="Ha Nam", seed=["हा नाम"]),
    "hoa_binh": dict(vi="Hòa Bình", en="Hoa Binh", ur="ہوا بنہ", hi="होआ बिन्ह", ms="Hoa Binh", seed=["होआ बिन्ह", "Hoà Bình"]),
    "hung_yen": dict(vi="Hưng Yên", en="Hung Yen", ur="ہنگ ین", hi="हंग येन", ms="Hung Yen", seed=["हंग येन"]),
    "nam_dinh": dict(vi="Nam Định", en="Nam Dinh", ur="نام ڈنہ", hi="नाम दीन्ह", ms="Nam Dinh", seed=["नाम दीन्ह"]),
    "ninh_binh": dict(vi="Ninh Bình", en="Ninh Binh", ur="ننہ بنہ", hi="निन्ह बिन्ह", ms="Ninh Binh", seed=["निन्ह बिन्ह"]),
    "yen_bai": dict(vi="Yên Bái", en="Yen Bai", ur="ین بائی", hi="येन बाई", ms="Yen Bai", seed=["येन बाई"]),
    "thai_binh": dict(vi="Thái Bình", en="Thai Binh", ur="تھائی بنہ", hi="थाई बिन्ह", ms="Thai Binh", seed=["थाई बिन्ह"]),
}
CLUSTER_MEMBERS = ["hai_phong", "ha_noi", "bac_giang", "phu_tho", "thai_nguyen", "tuyen_quang", "vinh_phuc",
                   "bac_ninh", "bac_kan", "hai_duong", "ha_nam", "hoa_binh", "hung_yen", "nam_dinh",
                   "ninh_binh", "yen_bai", "thai_binh"]
HOLDS_FIGURES = {"vn", "quang_nam", "son_la", "can_tho", "emulation_cluster_2"}

# Resolution 202/2025/QH15: new unit -> old units (the first gives its name)
MERGERS = {
    "tuyen_quang_2025": ["tuyen_quang", "ha_giang"], "lao_cai_2025": ["lao_cai", "yen_bai"],
    "thai_nguyen_2025": ["thai_nguyen", "bac_kan"], "phu_tho_2025": ["phu_tho", "vinh_phuc", "hoa_binh"],
    "bac_ninh_2025": ["bac_ninh", "bac_giang"], "hung_yen_2025": ["hung_yen", "thai_binh"],
    "hai_phong_2025": ["hai_phong", "hai_duong"], "ninh_binh_2025": ["ninh_binh", "ha_nam", "nam_dinh"],
    "quang_tri_2025": ["quang_tri", "quang_binh"], "da_nang_2025": ["da_nang", "quang_nam"],
    "quang_ngai_2025": ["quang_ngai", "kon_tum"], "gia_lai_2025": ["gia_lai", "binh_dinh"],
    "khanh_hoa_2025": ["khanh_hoa", "ninh_thuan"], "lam_dong_2025": ["lam_dong", "dak_nong", "binh_thuan"],
    "dak_lak_2025": ["dak_lak", "phu_yen"], "ho_chi_minh_2025": ["ho_chi_minh", "binh_duong", "ba_ria_vung_tau"],
    "dong_nai_2025": ["dong_nai", "binh_phuoc"], "tay_ninh_2025": ["tay_ninh", "long_an"],
    "can_tho_2025": ["can_tho", "soc_trang", "hau_giang"], "vinh_long_2025": ["vinh_long", "ben_tre", "tra_vinh"],
    "dong_thap_2025": ["dong_thap", "tien_giang"], "ca_mau_2025": ["ca_mau", "bac_lieu"],
    "an_giang_2025": ["an_giang", "kien_giang"],
}
UNCHANGED = ["ha_noi", "hue", "lai_chau", "dien_bien", "son_la", "lang_son", "quang_ninh", "thanh_hoa",
             "nghe_an", "ha_tinh", "cao_bang"]
LANGS = ("vi", "en", "ur", "hi", "ms")
# old units whose 2025 successor has the same name (the first unit of each merger)
SAME_NAME_SUCCESSOR = {olds[0] for olds in MERGERS.values()}


def first_choice(code: str) -> str:
    """The unit a name of `code` must resolve to first (design.md tie rule)."""
    if code in SAME_NAME_SUCCESSOR and code not in HOLDS_FIGURES:
        return code + "_2025"
    return code


def _cases():
    for code, names in SEED_PLACES.items():
        for lang in LANGS:
            yield pytest.param(names[lang], lang, code, id=f"{code}-{lang}")
        for i, spelling in enumerate(names["seed"]):
            yield pytest.param(spelling, None, code, id=f"{code}-seed{i}")


def assert_found(res, code):
    assert res.status == "found", (res.status, res.candidates[:3])
    assert res.candidates[0].unit_code == first_choice(code), res.candidates[:3]
    # the old unit itself is always among the candidates (group members are old units)
    assert code in [c.unit_code for c in res.candidates]


@pytest.mark.parametrize("text,lang,code", list(_cases()))
def test_seed_place_names_resolve(adb, text, lang, code):
    res = adb.resolve_place(text, lang=lang)
    assert_found(res, code)
    assert res.candidates[0].score == 100 and res.candidates[0].exact


@pytest.mark.parametrize("code", sorted(SEED_PLACES))
def test_stored_names_are_the_expected_ones(adb, code):
    info = adb.unit(code)
    assert info is not None
    for lang in LANGS:
        assert info.names[lang] == SEED_PLACES[code][lang], lang
        assert adb.unit_name(code, lang) == SEED_PLACES[code][lang]


@pytest.mark.parametrize("text,code", [
    # typos
    ("Quang Naam", "quang_nam"), ("Quang Nahm", "quang_nam"), ("Son Laa", "son_la"), ("Can Thoo", "can_tho"),
    ("Qang Nam", "quang_nam"),
    # missing diacritics
    ("Son La", "son_la"), ("Can Tho", "can_tho"), ("Quang Nam", "quang_nam"), ("Thai Nguyen", "thai_nguyen"),
    ("Ha Noi", "ha_noi"), ("Bac Kan", "bac_kan"), ("Viet Nam", "vn"),
    # case and spacing
    ("quangnam", "quang_nam"), ("SON  LA", "son_la"), ("  can   tho ", "can_tho"), ("QUẢNG NAM", "quang_nam"),
    ("cantho", "can_tho"),
    # kind words and common variants
    ("tỉnh Quảng Nam", "quang_nam"), ("Quang Nam province", "quang_nam"), ("wilayah Son La", "son_la"),
    ("thành phố Cần Thơ", "can_tho"), ("HCMC", "ho_chi_minh"), ("TP.HCM", "ho_chi_minh"),
    ("Saigon", "ho_chi_minh"), ("Sài Gòn", "ho_chi_minh"), ("Danang", "da_nang"), ("Thua Thien Hue", "hue"),
    ("Daklak", "dak_lak"), ("Đắc Lắc", "dak_lak"), ("Hanoi", "ha_noi"),
    # Emulation Cluster in other forms
    ("Emulation Cluster 2", "emulation_cluster_2"), ("cum thi dua so II", "emulation_cluster_2"),
])
def test_typos_diacritics_case_variants(adb, text, code):
    assert_found(adb.resolve_place(text), code)


def test_can_tho_is_found_not_ambiguous(adb):
    res = adb.resolve_place("Can Tho")
    assert res.status == "found"
    codes = [c.unit_code for c in res.candidates]
    assert codes[0] == "can_tho"            # the unit holding the figures
    assert "can_tho_2025" in codes          # its successor of the same name is offered too


@pytest.mark.parametrize("text", ["Bac", "Binh", "Quang"])
def test_truly_ambiguous(adb, text):
    res = adb.resolve_place(text)
    assert res.status == "ambiguous", res
    codes = {c.unit_code.removesuffix("_2025") for c in res.candidates}
    assert len(codes) >= 2


@pytest.mark.parametrize("text", ["Atlantis", "Paris", "xyzzy", "Vientiane"])  # Sekong is a unit now
def test_unknown_places(adb, text):
    res = adb.resolve_place(text)
    assert res.status == "unknown", res


# --- history: the 2025 mergers --------------------------------------------------------------

def test_quang_nam_merged_into_da_nang(adb):
    info = adb.unit("quang_nam")
    assert info.kind == "province"
    assert info.valid_to == date(2025, 6, 30)
    assert info.successor == "da_nang_2025" and info.successor_date == date(2025, 7, 1)
    assert adb.successor("quang_nam") == "da_nang_2025"
    new = adb.unit("da_nang_2025")
    assert new.kind == "city" and new.valid_from == date(2025, 7, 1) and new.valid_to is None
    assert sorted(new.predecessors) == ["da_nang", "quang_nam"]
    # typed as a place, Quang Nam is still Quang Nam (it holds the figures)
    assert_found(adb.resolve_place("Quảng Nam"), "quang_nam")


def test_soc_trang_merged_into_can_tho(adb):
    assert_found(adb.resolve_place("Sóc Trăng"), "soc_trang")
    assert adb.successor("soc_trang") == "can_tho_2025"
    assert sorted(adb.predecessors("can_tho_2025")) == ["can_tho", "hau_giang", "soc_trang"]
    assert adb.unit("can_tho").valid_from == date(2004, 1, 1)


@pytest.mark.parametrize("new", sorted(MERGERS))
def test_every_merger(adb, new):
    assert sorted(adb.predecessors(new)) == sorted(MERGERS[new])
    for old in MERGERS[new]:
        assert adb.successor(old) == new
        info = adb.unit(old)
        assert info.valid_to == date(2025, 6, 30) and info.successor_date == date(2025, 7, 1)
    assert adb.unit(new).valid_from == date(2025, 7, 1)
    # the new unit carries its namesake's name in every language
    for lang in LANGS:
        assert adb.unit_name(new, lang) == adb.unit_name(MERGERS[new][0], lang)


def test_unchanged_units_and_counts(adb):
    merged_old = {old for olds in MERGERS.values() for old in olds}
    assert len(merged_old) == 52 and len(MERGERS) == 23
    for code in UNCHANGED:
        info = adb.unit(code)
        assert info is not None and info.valid_to is None and info.successor is None, code
        assert code not in merged_old
    assert adb.unit("vn").kind == "country"
    assert adb.unit("hue").kind == "city"
    assert_found(adb.resolve_place("Thừa Thiên Huế"), "hue")
    assert adb.unit("atlantis") is None


def test_cluster_members(adb):
    assert sorted(adb.group_members("emulation_cluster_2")) == sorted(CLUSTER_MEMBERS)
    info = adb.unit("emulation_cluster_2")
    assert info.kind == "group" and sorted(info.members) == sorted(CLUSTER_MEMBERS)
    for code in CLUSTER_MEMBERS:
        assert "emulation_cluster_2" in adb.unit(code).groups


# --- places inside sentences -------------------------------------------------------------------

SENTENCES = [
    ("how much NGO funding did Quang Nam get since 2019?", "en", ["quang_nam"]),
    ("compare Quang Nam and Son La", "en", ["quang_nam", "son_la"]),
    ("How much aid did Vietnam receive in 2023?", "en", ["vn"]),
    ("what about TP.HCM and Can Tho?", "en", ["ho_chi_minh", "can_tho"]),
    ("Sơn La có bao nhiêu tổ chức phi chính phủ?", "vi", ["son_la"]),
    ("So sánh Quảng Nam và Cần Thơ năm 2023", "vi", ["quang_nam", "can_tho"]),
    ("tỉnh Quảng Nam nhận được bao nhiêu viện trợ từ 2019?", "vi", ["quang_nam"]),
    ("کوانگ نام کو کتنی امداد ملی؟", "ur", ["quang_nam"]),
    ("کین تھو میں کتنی مفاہمت کی یادداشتوں پر دستخط ہوئے؟", "ur", ["can_tho"]),
    ("کوانگ نام اور سون لا کا موازنہ کریں", "ur", ["quang_nam", "son_la"]),
    ("सोन ला में कितने एनजीओ हैं?", "hi", ["son_la"]),
    ("हनोई और हाई फोंग की तुलना करें", "hi", ["ha_noi", "hai_phong"]),
    ("इम्यूलेशन क्लस्टर नंबर II में कितने सदस्य हैं?", "hi", ["emulation_cluster_2"]),
    ("Berapa banyak NGO di Son La?", "ms", ["son_la"]),
    ("Bandingkan Son La dengan Bandar Raya Ho Chi Minh", "ms", ["son_la", "ho_chi_minh"]),
    ("Berapa banyak bantuan yang diterima Quang Nam sejak 2019?", "ms", ["quang_nam"]),
    # no place at all
    ("what can you do?", "en", []),
    ("xin chào, bạn có thể làm gì?", "vi", []),
    ("آپ کا نام کیا ہے؟", "ur", []),
    ("आपका नाम क्या है?", "hi", []),
    ("Terima kasih banyak", "ms", []),
]


@pytest.mark.parametrize("text,lang,codes", SENTENCES, ids=[s[0][:40] for s in SENTENCES])
def test_find_places_in_sentences(adb, text, lang, codes):
    found = adb.find_places(text, lang=lang)
    assert [r.status for r in found] == ["found"] * len(codes), [(r.text, r.status, r.candidates[:2]) for r in found]
    assert [r.candidates[0].unit_code for r in found] == [first_choice(c) for c in codes]


def test_find_places_in_the_hindi_member_list(adb):
    """Document 003's own first sentence names the cluster and its 17 members, in order."""
    sentence = ("अनुकरण क्लस्टर नंबर II में 7 सदस्य हैं, जो प्रांतों और शहरों के विदेश मामलों के विभाग हैं: "
                "हाई फोंग, हनोई, बाक गियांग, फु थो, थाई गुयेन, तुयेन क्वांग, विन्ह फुक और 10 सदस्य, जो प्रांतों "
                "और शहरों के पीपुल्स कमेटियों के कार्यालयों के तहत विदेश मामलों के विभाग हैं: बाक निन्ह, बाक कान, "
                "हाई डुओंग, हा नाम, होआ बिन्ह, हंग येन, नाम दीन्ह, निन्ह बिन्ह, येन बाई , थाई बिन्ह।")
    found = adb.find_places(sentence, lang="hi")
    want = ["emulation_cluster_2"] + CLUSTER_MEMBERS
    assert len(found) == len(want), [(r.text, r.candidates[0].unit_code) for r in found]
    for res, code in zip(found, want):
        assert res.status == "found", res
        assert code in [c.unit_code for c in res.candidates], (res.text, code)
        assert res.candidates[0].unit_code == first_choice(code)


@pytest.mark.parametrize("text,lang,codes", [
    ("Di titik pertemuan wilayah Son La, para pemimpin Jabatan Hal Ehwal Luar Negeri telah mempengerusikan "
     "persidangan tersebut.", "ms", ["son_la"]),
    ("کوانگ نام صوبے نے دوسرے ممالک کے بہت سے علاقوں کے ساتھ طویل مدتی، مستحکم، دوستانہ اور باہمی طور پر فائدہ مند "
     "تعاون پر مبنی تعلقات قائم کیے ہیں۔", "ur", ["quang_nam"]),
    ("دوسرا، میکانگ ڈیلٹا ریجن، ہو چی منہ سٹی اور ملک بھر کے دیگر صوبوں اور شہروں کے صوبوں کے ساتھ روابط اور "
     "تعاون کو مضبوط کریں۔", "ur", ["ho_chi_minh", "vn"]),      # "ملک بھر": nationwide
    ("Regarding the work of Overseas Vietnamese, the province has completed the integration of the software "
     "database of Quang Nam overseas Vietnamese", "en", ["quang_nam"]),
], ids=["ms-doc002", "ur-doc000", "ur-doc004", "en-doc001"])
def test_find_places_in_document_sentences(adb, text, lang, codes):
    found = adb.find_places(text, lang=lang)
    assert [r.status for r in found] == ["found"] * len(codes), [(r.text, r.status) for r in found]
    assert [r.candidates[0].unit_code for r in found] == [first_choice(c) for c in codes]
