"""PlaceExtractor and PeriodExtractor on whole messages, against the seeded database."""
import pytest

from tests.support.understanding import parse, spans, values


@pytest.mark.parametrize("text,codes", [
    ("how many NGOs in quang nam", ["quang_nam"]),
    ("so sánh Sơn La và Cần Thơ", ["son_la", "can_tho"]),
    ("کوانگ نام کو کتنی امداد ملی", ["quang_nam"]),
    ("सोन ला में कितने एनजीओ", ["son_la"]),
    ("brp NGO kat wilayah Son La", ["son_la"]),
])
def test_known_places_are_found_in_any_script(text, codes):
    assert values(parse(text), "place") == codes


def test_a_place_the_crf_tagged_that_nobody_knows_is_reported_unknown():
    parsed = parse("how much aid did Atlantis get", "ask_aid_amount", crf_places=["Atlantis"])
    place = next(e for e in parsed["entities"] if e["entity"] == "place")
    assert place["status"] == "unknown" and place["value"] == "Atlantis"


def test_a_crf_guess_that_is_a_metric_word_is_dropped():
    parsed = parse("how many delegations", "ask_count", crf_places=["delegations"])
    assert values(parsed, "place") == []


@pytest.mark.parametrize("text,value", [
    ("aid since 2019", "2019-01-01.."),
    ("viện trợ năm 2023", "2023-01-01..2023-12-31"),
    ("2019 se 2024 tak kitni madad", "2019-01-01..2024-12-31"),
    ("bantuan pada tahun 2022", "2022-01-01..2022-12-31"),
    ("पहले 6 महीनों में 2024", None),
])
def test_periods_with_their_spans(text, value):
    found = values(parse(text), "period")
    if value is None:
        assert all(".." in v for v in found)
    else:
        assert found == [value]


def test_an_impossible_year_is_reported_invalid():
    parsed = parse("aid to son la in 3024", "ask_aid_amount")
    period = next(e for e in parsed["entities"] if e["entity"] == "period")
    assert period["status"] == "invalid"


def test_period_spans_cover_the_typed_words():
    assert spans(parse("Quang Nam funding from 2019 to 2024"), "period") == [
        ("from 2019 to 2024", "2019-01-01..2024-12-31")]


@pytest.mark.parametrize("text,code", [("how much aid did Cambodia get", "KH"), ("Thái Lan có bao nhiêu NGO", "TH"),
                                       ("bantuan ke Jepun brp", "JP")])
def test_a_country_the_database_does_not_hold_is_foreign_not_unknown(text, code):
    place = next(e for e in parse(text)["entities"] if e["entity"] == "place")
    assert (place["status"], place["value"]) == ("foreign", code)


def test_laos_is_a_unit_of_the_database_not_just_a_country():
    assert values(parse("how many villages on the Laos side"), "place") == ["laos"]


@pytest.mark.parametrize("text,name", [
    ("how much aid did Atlantis get?", "Atlantis"),
    ("tỉnh Hòa Phong có bao nhiêu NGO", "Hòa Phong"),
    ("foreign ngo projects in song hong province 2023", "song hong"),
    ("wilayah Hoa Lam dpt brp funding asing", "Hoa Lam"),
])
def test_a_place_nobody_knows_is_found_without_the_tagger(text, name):
    place = next(e for e in parse(text)["entities"] if e["entity"] == "place")
    assert (place["status"], place["text"]) == ("unknown", name)


@pytest.mark.parametrize("text", ["How many NGOs are there?", "thanks a lot", "what about 2022?", "and the Lao side?"])
def test_ordinary_words_are_no_unknown_place(text):
    assert [e for e in parse(text)["entities"] if e["entity"] == "place" and e["status"] == "unknown"] == []


def test_kind_words_after_a_count_word_name_no_place():
    assert values(parse("mấy tỉnh thuộc top đầu cả nước về GRDP", "rank"), "place") == []
    assert values(parse("how many events has the city organised", "ask_count"), "place") == []
    # "tính" (count) is no "tỉnh" (province) when typed with its accent
    assert values(parse("nhiêu đó là tính chung cho mấy tỉnh thành", "follow_up"), "place") == []


def test_an_unknown_name_is_looked_for_on_the_languages_side_of_a_kind_word():
    assert spans(parse("How much foreign aid did Thanh Long province recieve", "ask_aid_amount"), "place") == \
        [("Thanh Long", "Thanh Long")]
    assert spans(parse("tỉnh Hòa Phong có bao nhiêu NGO nước ngoài", "ask_count"), "place") == \
        [("Hòa Phong", "Hòa Phong")]


def test_an_unknown_recipient_beside_a_known_country():
    parsed = parse("Bihar ko Vietnam ke NGOs se kitni sahayata mili", "ask_aid_amount")
    assert [(e["text"], e["status"]) for e in parsed["entities"] if e["entity"] == "place"] == \
        [("Bihar", "unknown"), ("Vietnam", "found")]


def test_a_full_name_keeps_a_word_that_is_also_a_kind_word():
    assert values(parse("Ha Tinh pulak dpt brp", "follow_up"), "place") == ["ha_tinh"]


def test_relative_halves_and_months_in_short_forms():
    assert values(parse("diorang hantar brp delegasi 6 bln pertama 2024", "ask_count"), "period") == \
        ["2024-01-01..2024-06-30"]


def test_a_country_inside_a_currency_phrase_is_no_foreign_place():
    assert values(parse("dlm duit Vietnam", "follow_up"), "place") == []
