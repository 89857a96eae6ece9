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
