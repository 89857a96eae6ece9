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


def test_money_and_count_words_together_follow_the_classifier():
    text = "funding of NGOs: how many organisations gave it"
    assert set(values(parse(text, "ask_count"), "metric")) == {"foreign_ngos"}
    assert set(values(parse(text, "ask_aid_amount"), "metric")) == {"aid_received"}
