"""Causes found by the fourth blind set (D), each checked on messages of its own: the
words differ from the set's, the cause is the same."""
import pytest

from tests.support.understanding import metrics_of, parse, spans, values


@pytest.mark.parametrize("text,code", [
    ("aid to phnom penh kitni hai", "KH"),
    ("how much did vientiane receive", "LA"),
    ("lahore ke liye kitni imdad", "PK"),
])
def test_a_foreign_city_is_foreign_not_unknown(text, code):
    place = next(e for e in parse(text, "ask_aid_amount")["entities"] if e["entity"] == "place")
    assert (place["status"], place["value"], place.get("city")) == ("foreign", code, True)


@pytest.mark.parametrize("text", ["tương đương bao nhiêu tiền", "jumlah bantuan besar", "cho minh xin so lieu chung"])
def test_everyday_words_are_no_foreign_cities(text):
    assert values(parse(text), "place") == []


def test_a_year_typed_beside_last_year_is_the_year_meant():
    assert values(parse("pichle saal (2022) kitne projects mile"), "period") == ["2022-01-01..2022-12-31"]


@pytest.mark.parametrize("text,value", [
    ("delegations in the first half of 24", "2024-01-01..2024-06-30"),
    ("consular cases h2 23", "2023-07-01..2023-12-31"),
    ("separuh thn kedua 2023 brp", "2023-07-01..2023-12-31"),
])
def test_halves_with_short_years(text, value):
    assert values(parse(text), "period") == [value]


def test_a_malay_plural_typed_with_a_2_is_the_word():
    assert metrics_of("jabatan2 yg kerjasama dgn sekong brp") == ["cooperating_agencies"]


def test_a_word_next_to_something_unreported_describes_it():
    parsed = parse("FDI keluar brp")
    assert values(parsed, "metric") == [] and values(parsed, "unavailable") == ["FDI"]


def test_a_short_word_is_no_typo_of_a_place_name():
    """"hon binh" is "hơn bình (quân)", not Hòa Bình."""
    assert "hoa_binh" not in values(parse("bao nhieu tinh tang truong hon binh quan ca nuoc"), "place")


@pytest.mark.parametrize("text,metric", [
    ("is cluster me kul members kitne hain", "group_members"),
    ("agencies, localities etc that cooperate w sekong, how many", "cooperating_agencies"),
    ("aur kitne wafd bheje", "delegations_outgoing"),
    ("kitni antarrashtriya sansthaon me shamil hai", "international_memberships"),
    ("negara sahabat QN brp", "partner_countries"),
    ("cụm này gồm bao nhiêu tỉnh", "group_members"),
    ("ye 2022 se zyada hai kya", "aid_change"),
    ("tambah brp dari tahun sebelum", "aid_change"),
])
def test_metric_words_found_by_the_fourth_set(text, metric):
    assert metric in metrics_of(text)


@pytest.mark.parametrize("text,expected", [
    ("unhon ne kitne MOU sign kiye", {"hi", "ur"}),     # ergative "ne" is Hindi/Urdu too
    ("poore desh ka total batao", {"hi"}),              # "desh" decides, whatever else is named
])
def test_latin_hindi_urdu_language(text, expected):
    language = parse(text)["language"]
    assert (set(language["candidates"]) if language["code"] is None else {language["code"]}) == expected


# Causes found by the fifth blind set (E), checked on messages of their own.

@pytest.mark.parametrize("text,among", [
    ("is japan one of them", True),
    ("ada thailand dlm senarai tu", True),
    ("unme Japan me kitne hain", False),       # asks a number: a count per country
])
def test_a_country_asked_about_a_list(text, among):
    assert bool(values(parse(text), "among")) is among


@pytest.mark.parametrize("text,guess", [("các tỉnh phía Bắc có bao nhiêu dự án", "Bắc"),
                                         ("उत्तरी प्रांतों के क्लस्टर को कितनी सहायता", "उत्तरी प्रांतों")])
def test_phrases_that_name_no_place_are_never_places(text, guess):
    """Whatever the tagger guessed inside "phía Bắc" (the north) or "northern provinces"."""
    assert guess not in [typed for typed, _ in spans(parse(text, crf_places=[guess]), "place")]


@pytest.mark.parametrize("text", ["2023 के पहले छह महीनों में कितने", "sáu tháng đầu năm 2023", "the first six months of 2023",
                                  "2023 کے پہلے چھ مہینوں میں", "enam bulan pertama 2023"])
def test_six_months_in_words(text):
    assert values(parse(text), "period") == ["2023-01-01..2023-06-30"]


def test_a_change_against_the_year_before_keeps_the_conversation_period():
    """"berbanding tahun sebelumnya" is the change's base, not a period of its own."""
    parsed = parse("berapa peningkatan berbanding tahun sebelumnya")
    assert values(parsed, "period") == [] and "aid_change" in values(parsed, "metric")
