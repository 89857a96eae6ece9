"""IntentRouter: what the message names corrects the classifier's intent."""
import pytest

from tests.support.understanding import parse, values


@pytest.mark.parametrize("intent", ["greet", "thank", "out_of_scope", "nlu_fallback", "goodbye"])
def test_small_talk_that_names_something_is_a_question(intent):
    assert parse("thanks, and Son La?", intent)["intent"]["name"] == "follow_up"
    assert parse("projek pula?", intent)["intent"]["name"] == "follow_up"


@pytest.mark.parametrize("intent", ["greet", "thank", "out_of_scope"])
def test_small_talk_that_names_nothing_stays_small_talk(intent):
    assert parse("thank you so much", intent)["intent"]["name"] == intent


def test_money_and_count_words_together_follow_the_question_word():
    assert values(parse("how many NGOs came to help with funding", "ask_aid_amount"), "metric") == ["foreign_ngos"]
    assert values(parse("kitne NGO madad ke liye aaye", "ask_aid_amount"), "metric") == ["foreign_ngos"]
    assert values(parse("how much funding did the NGOs give", "ask_count"), "metric") == ["aid_received"]


def test_without_a_question_word_the_classifier_decides():
    text = "NGO projects and their funding"
    assert values(parse(text, "ask_count"), "metric") == ["programmes_projects"]
    assert values(parse(text, "ask_aid_amount"), "metric") == ["aid_received"]


def test_a_narrower_metric_wins_before_the_head_noun_rule():
    # "hantar delegasi ke luar negara": outgoing, not a modifier of "delegasi"
    assert values(parse("diorang hantar brp delegasi ke luar negara", "ask_count"), "metric") == \
        ["delegations_outgoing"]
    assert values(parse("pledged value of foreign NGO grants to Son La", "ask_aid_amount"), "metric") == \
        ["aid_committed"]


def test_two_joined_metrics_are_both_asked():
    # the count includes organisations and individuals: neither only describes the other
    assert sorted(values(parse("क्वांग नाम में कितनी विदेशी संस्थाएं और लोग मदद करने आए हैं?", "ask_aid_amount"),
                         "metric")) == ["foreign_ngos", "visitors"]


def test_the_thing_right_after_an_either_question_word_is_asked():
    parsed = parse("Quang Nam میں کتنی foreign NGOs آئیں aid کے لیے", "ask_aid_amount")
    assert values(parsed, "metric") == ["foreign_ngos"]
    # "how much" asks for money even when NGOs follow it
    assert values(parse("how much foreign NGO money did quang nam get", "ask_count"), "metric") == ["aid_received"]
    assert values(parse("berapa duit NGO asing bagi kat Vietnam", "ask_count"), "metric") == ["aid_received"]


def test_a_period_question_names_no_metric():
    parsed = parse("is that per yr or in total", "ask_aid_amount")
    assert values(parsed, "metric") == [] and parsed["intent"]["name"] == "follow_up"


def test_a_source_question_needs_a_source_word():
    assert parse("so the difference is", "ask_source")["intent"]["name"] == "follow_up"
    assert parse("where does the aid figure come from", "ask_source")["intent"]["name"] == "ask_source"


def test_a_change_against_one_year_is_no_comparison_of_places():
    parsed = parse("2022 के मुकाबले देश स्तर पर कितना फर्क आया", "compare")
    assert parsed["intent"]["name"] == "follow_up" and set(values(parsed, "metric")) == {"aid_change"}


def test_rank_words_inside_a_metric_ask_for_no_ranking():
    parsed = parse("mấy tỉnh thuộc top đầu cả nước về GRDP", "rank")
    assert parsed["intent"]["name"] == "follow_up"
    assert set(values(parsed, "metric")) == {"localities_leading_grdp"}


def test_which_has_more_with_nothing_named_compares_the_last_answer():
    assert parse("mana lg byk", "nlu_fallback")["intent"]["name"] == "rank"


def test_a_metric_and_its_modifier_described_only_among_heads():
    assert values(parse("Cần Thơ đón bao nhiêu đoàn khách quốc tế mỗi năm", "ask_count"), "metric") == \
        ["delegations_incoming"]


def test_a_relation_counted_in_one_country_is_not_reported():
    parsed = parse("how many sister cities does Quang Nam have in Japan", "ask_count")
    assert values(parsed, "metric") == [] and values(parsed, "unavailable") == ["sister cities – Japan"]
    # asked for the whole, a country named beside it is only context
    parsed = parse("thailand is one of QN's partner countries right? how many partner countries does QN have "
                   "in total", "ask_count")
    assert "partner_countries" in values(parsed, "metric") and values(parsed, "unavailable") == []
