"""Causes found by the fourteenth and fifteenth blind sets (N, P), each checked on messages
of its own: the words differ from the sets', the cause is the same."""
import pytest

from nlu.text import words
from tests.support.understanding import metrics_of, parse, values


def _places(parsed):
    return [e["value"] for e in parsed["entities"] if e["entity"] == "place"]


@pytest.mark.parametrize("text, metric", [
    ("Sơn La năm 2023 có mấy DA", "programmes_projects"),
    ("Cụm 2 có bao nhiêu TV", "group_members"),
])
def test_a_short_form_typed_in_capitals_is_expanded(text, metric):
    assert metric in metrics_of(text, "ask_count")


def test_the_same_letters_in_lower_case_stay_an_everyday_word():
    assert [w.expanded for w in words("da giai ngan")][0] == ("da",)
    assert "programmes_projects" not in metrics_of("vn da giai ngan bao nhieu nam 2023", "ask_aid_amount")


def test_no_place_name_runs_across_a_comma():
    parsed = parse("nghe nói viện trợ nhiều lắm, hổng biết tổng bao nhiêu", "ask_aid_amount")
    assert not [p for p in _places(parsed) if p.startswith("lam_dong")]


def test_a_short_word_of_latin_hindi_and_urdu_is_no_place_abbreviation():
    assert _places(parse("unke kitne projects hn", "ask_count")) == []


def test_a_number_asked_with_no_place_is_no_history_question():
    assert parse("toh 2022 semua berapa", "ask_history")["intent"]["name"] == "follow_up"


@pytest.mark.parametrize("text, expected", [
    ("Son La: projects how many, and the committed value how much?", {"programmes_projects", "aid_committed"}),
    ("Can Tho ke kitne MOU hain aur kitne desh ke partner", {"mous", "partner_countries"}),
    ("kitne projects mile, unki maaliyat kya thi", {"programmes_projects", "aid_received"}),
])
def test_two_things_asked_in_clauses_of_their_own_are_both_asked(text, expected):
    assert expected <= set(metrics_of(text, "ask_count"))


def test_one_question_about_projects_and_their_value_stays_one():
    assert metrics_of("how many aid projects did Son La get", "ask_count") == ["programmes_projects"]


def test_a_kind_word_beside_a_name_is_no_evidence_of_its_letters():
    parsed = parse("Tỉnh Quảng Nam received how much aid since 2019?", "ask_aid_amount")
    assert parsed["language"]["code"] == "en"


def test_a_vietnamese_question_with_a_kind_word_stays_vietnamese():
    assert parse("Tỉnh Quảng Nam nhận bao nhiêu viện trợ", "ask_aid_amount")["language"]["code"] == "vi"


def test_a_capitalised_unknown_name_holds_no_metric_word():
    parsed = parse("Tan Lang nhận bao nhiêu tiền", "ask_aid_amount", crf_places=["Tan Lang"])
    assert "twinned_villages" not in values(parsed, "metric")


@pytest.mark.parametrize("text", ["average per NGO?", "chiếm bao nhiêu phần trăm vậy", "iska anupaat kya hai",
                                  "berapa peratus tu"])
def test_a_ratio_word_is_passed_on(text):
    assert values(parse(text, "follow_up"), "ratio") == ["parts"]


def test_above_the_average_names_its_metric_and_asks_no_ratio():
    parsed = parse("bao nhiêu địa phương tăng trưởng cao hơn bình quân cả nước", "ask_count")
    assert values(parsed, "ratio") == []


def test_both_years_asked_alone_is_a_follow_up_for_each_side():
    parsed = parse("dono saal ke figures dikhao", "ask_available_data")
    assert parsed["intent"]["name"] == "follow_up" and values(parsed, "side_by_side") == ["both"]


def test_that_figure_for_another_place_is_a_follow_up():
    assert parse("Son La ke liye bhi wahi aankda", "ask_available_data")["intent"]["name"] == "follow_up"


@pytest.mark.parametrize("text, metric", [
    ("Son La mein kitte toliyan aayi", "delegations"),
    ("kitte prajekt chal rahe", "programmes_projects"),
    ("how many sister-province links does Son La have", "sister_localities"),
    ("which members outpaced the rest", "localities_above_average_growth"),
    ("how many bodies has Can Tho become a member of", "international_memberships"),
    ("QN depts working with Laos", "cooperating_agencies"),
    ("Quang Nam hantar brp delegasi luar negeri", "delegations_outgoing"),
    ("Cần Thơ ký bao nhiêu biên bản hợp tác", "mous"),
    ("có bao nhiêu người đi theo", "visitors"),
    ("har saal kitne afraad", "visitors"),
    ("bahir sy kitny aye wafood", "delegations_incoming"),
    ("pichly saal sy zyada ya kam", "aid_change"),
    ("kitne jaate hain har saal", "delegations_outgoing"),
])
def test_new_words_name_their_metric(text, metric):
    assert metric in metrics_of(text, "ask_count")


def test_how_many_many_counts_the_ngos_not_people():
    assert metrics_of("berapa ramai NGO asing di Can Tho", "ask_count") == ["foreign_ngos"]


def test_partners_after_with_describe_the_mous_even_in_the_singular():
    assert metrics_of("how many MOU with partner did Can Tho sign", "ask_count") == ["mous"]


def test_more_in_one_year_than_another_is_a_comparison():
    parsed = parse("did Son La get more projects in 2023 than 2022", "compare")
    assert parsed["intent"]["name"] == "compare"


@pytest.mark.parametrize("text, code", [("dhanyavad ji", "hi"), ("kluster 2 masuk plak", "ms")])
def test_words_of_one_language(text, code):
    assert parse(text, "thank")["language"]["code"] == code


def test_a_case_typed_the_hindustani_way_is_no_malay_evidence():
    parsed = parse("2022 me consular kes kitne the", "ask_count")
    assert set(parsed["language"]["candidates"]) <= {"hi", "ur"}


def test_the_whole_country_typed_short_is_vietnam():
    assert _places(parse("năm 2022 cả nc nhận bn tiền", "ask_aid_amount")) == ["vn"]


def test_the_us_named_as_a_country():
    from nlu.countries import find_countries
    assert [m.label for m in find_countries("is the US among them")] == ["US"]


@pytest.mark.parametrize("text", ["Son La mein kitna NGO sanstha aaya", "Can Tho me kitna videshi NGO aaya tha madad dene"])
def test_ngos_that_came_are_counted_even_after_an_amount_word(text):
    assert set(metrics_of(text, "ask_aid_amount")) == {"foreign_ngos"}


def test_ngos_that_gave_stay_the_givers_of_the_money_asked():
    assert metrics_of("how much did Son La get from foreign NGOs", "ask_aid_amount") == []


@pytest.mark.parametrize("text", ["sebelah Vietnam pula?", "aur vietnam wali taraf?"])
def test_the_vietnamese_side_is_the_twinned_villages_not_the_country(text):
    parsed = parse(text, "follow_up")
    assert values(parsed, "metric") == ["twinned_villages"] and _places(parsed) == []


@pytest.mark.parametrize("text", ["ODA funding from Korea for Son La how much", "vốn viện trợ ODA Hàn Quốc cho Sơn La"])
def test_money_from_one_country_is_something_the_sources_do_not_report(text):
    parsed = parse(text, "ask_aid_amount")
    assert values(parsed, "metric") == [] and values(parsed, "unavailable")


@pytest.mark.parametrize("text", ["how much of it went to education", "trong đó cho y tế bao nhiêu", "sehat pe kitna"])
def test_a_share_for_a_sector_is_something_the_sources_do_not_report(text):
    parsed = parse(text, "follow_up")
    assert values(parsed, "unavailable") and values(parsed, "metric") == []
