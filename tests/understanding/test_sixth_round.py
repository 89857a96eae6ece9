"""Causes found by the sixth blind set (F), each checked on messages of its own: the
words differ from the set's, the cause is the same."""
import pytest

from nlu.language_id import identify
from tests.support.understanding import metrics_of, parse, values


@pytest.mark.parametrize("text,metric", [
    # the assistant's own label read back (Hindi "संरक्षण", a truncated English word)
    ("नागरिक संरक्षण के कितने मामले थे", "citizen_protection_cases"),
    ("citizen protect cases h1", "citizen_protection_cases"),
    # experts and volunteers are the visitors
    ("कितने विशेषज्ञ आए हर साल", "visitors"),
    ("kitne razakar aaye", "visitors"),
    ("brp wilayah yg tumbuh lagi laju", "localities_above_average_growth"),
    ("sở ngoại vụ nào thuộc cụm", "group_members"),
])
def test_more_words_of_each_metric(text, metric):
    assert metrics_of(text) == [metric]


def test_a_total_in_malay_is_no_money_word():
    """"jumlah keseluruhan" is "the whole number": of the members here, not money."""
    assert metrics_of("jumlah keseluruhan ahli kluster") == ["group_members"]


def test_unaccented_that_is_is_no_dollar():
    """"do la" is "đó là" (that is) far more often than "đô la" (dollar)."""
    assert metrics_of("do la so lieu nam nao") == []


def test_mous_with_foreign_localities_ask_for_the_mous():
    assert metrics_of("Can Tho ne videshi localities ke saath kitne MOU kiye", "ask_count") == ["mous"]


def test_countries_with_twinning_ties_ask_for_the_countries():
    assert metrics_of("kitne mumalik ke saath twinning relations hain", "ask_count") == ["partner_countries"]


@pytest.mark.parametrize("text", ["projects & worth in h1 2024", "ngo projects + value 2023"])
def test_a_count_and_money_joined_by_a_sign_are_both_asked(text):
    assert sorted(metrics_of(text, "ask_aid_amount")) == ["aid_received", "programmes_projects"]


@pytest.mark.parametrize("text,metric", [
    ("Son La có bao nhiêu NGO project năm 2023", "programmes_projects"),     # English order inside Vietnamese
    ("berapa delegation NGO datang ke Son La", "delegations"),              # Malay order of the same loans
])
def test_the_donor_word_describes_the_other_loanword_in_either_order(text, metric):
    assert metrics_of(text, "ask_count") == [metric]


def test_two_kinds_of_one_thing_side_by_side_are_both_asked():
    assert sorted(metrics_of("doan vao doan ra la bao nhieu")) == ["delegations_incoming", "delegations_outgoing"]


def test_a_period_the_tagger_took_for_a_place_is_no_place():
    parsed = parse("Son La nhận bao nhiêu dự án trong H2/2023", "ask_count", crf_places=["trong H2/2023"])
    assert values(parsed, "place") == ["son_la"]


@pytest.mark.parametrize("text", ["kitne log aate hn", "GRDP me top pe kitne hn"])
def test_hn_after_a_hindi_urdu_verb_is_no_hanoi(text):
    assert "ha_noi" not in values(parse(text), "place")


@pytest.mark.parametrize("text", ["सीमा पार कितने गाँव हैं", "wilayah tersebut ada brp agensi", "Tương ứng mấy dự án"])
def test_everyday_words_are_no_places(text):
    assert values(parse(text, crf_places=[text.split()[0]]), "place") == []


@pytest.mark.parametrize("text", ["yani pooray mulk mein 2022 mein", "saray mulk ko kitna mila"])
def test_the_whole_country_in_roman_urdu_is_vietnam(text):
    assert values(parse(text), "place") == ["vn"]


@pytest.mark.parametrize("text,period", [
    ("cl2 abtc h1/24", "2024-01-01..2024-06-30"),
    ("consular h2/23", "2023-07-01..2023-12-31"),
])
def test_halves_with_a_slash_and_a_short_year(text, period):
    assert values(parse(text), "period") == [period]


def test_the_cluster_as_typed_in_a_hurry():
    assert values(parse("cl2 delegations"), "place") == ["emulation_cluster_2"]


@pytest.mark.parametrize("text", ["क्या ये आँकड़े प्रति वर्ष के हैं", "یہ کتنے عرصے کے اعداد ہیں"])
def test_period_questions_in_devanagari_and_urdu_script(text):
    assert parse(text, "ask_briefing")["intent"]["name"] == "follow_up"


def test_more_than_last_year_in_hindi_is_the_change_not_last_year():
    parsed = parse("सहायता पिछले वर्ष से कितनी अधिक रही")
    assert set(values(parsed, "metric")) == {"aid_change"} and values(parsed, "period") == []


def test_a_lowercase_vietnamese_acronym_is_weak_evidence_of_vietnamese():
    assert identify("son la tcpcp projects how many").code == "en"


@pytest.mark.parametrize("text", ["un villages ko kitni funding mili", "how much money did the sister cities get"])
def test_money_asked_of_something_without_a_sum_is_unavailable(text):
    parsed = parse(text, "ask_aid_amount")
    assert values(parsed, "metric") == [] and len(values(parsed, "unavailable")) == 1


@pytest.mark.parametrize("text", ["how much aid did Son La get for its projects",
                                  "kitni videshi NGO sahayata mili Son La ko"])
def test_money_of_projects_and_from_donors_is_still_money(text):
    parsed = parse(text, "ask_aid_amount")
    assert values(parsed, "unavailable") == [] and values(parsed, "metric")


def test_approximately_in_urdu_is_no_event():
    assert values(parse("تقریباً کتنے منصوبے تھے", "ask_count"), "metric") == ["programmes_projects"]


@pytest.mark.parametrize("text", ["which ones are they?", "là những tỉnh nào vậy", "kaun kaun se", "yg mana satu"])
def test_which_ones_is_a_follow_up_asking_for_names(text):
    parsed = parse(text, "ask_briefing")
    assert parsed["intent"]["name"] == "follow_up" and values(parsed, "which_ones") == ["list"]


def test_a_phrase_never_spans_a_place_between_its_words():
    """"so với [Sơn La] năm 2023" compares with Son La; it is no "so với năm" (a change)."""
    assert "aid_change" not in metrics_of("so vs Son La nam 2023 thi ben nao dc cam ket nhieu tien hon", "compare")


# The seventh set (G), read after it was scored once: its causes, on messages of their own.

@pytest.mark.parametrize("text,period", [
    ("aid to QN between 2019 and March 2024", "2019-01-01..2024-03-31"),
    ("tu nam 2020 den het thang 6/2023 bao nhieu du an", "2020-01-01..2023-06-30"),
    ("dari 2019 hingga Mac 2024 brp", "2019-01-01..2024-03-31"),
])
def test_a_range_that_ends_with_a_month(text, period):
    assert values(parse(text, "ask_aid_amount"), "period") == [period]


def test_an_english_sentence_with_one_vietnamese_word_is_english():
    assert identify("how many khách come to Son La each year").code == "en"


@pytest.mark.parametrize("text", ["Great. How many MOUs did the city sign?", "when tho"])
def test_everyday_english_is_no_place(text):
    assert values(parse(text, "ask_count", crf_places=[text.split()[0].rstrip(".")]), "place") == []


@pytest.mark.parametrize("text,metric", [
    ("nr of prj in son la", "programmes_projects"),
    ("how many foreign affairs departments are in cluster 2", "group_members"),
    ("berapa yg dianggotai Can Tho", "international_memberships"),
    ("brp wilayah growth atas average", "localities_above_average_growth"),
])
def test_more_words_of_the_seventh_round(text, metric):
    assert metrics_of(text, "ask_count") == [metric]


def test_a_word_between_a_question_word_and_what_it_counts_such_as_approximately():
    assert metrics_of("berapakah anggaran nilai komitmen projek di Son La", "ask_count") == ["aid_committed"]
