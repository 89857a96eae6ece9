"""Custom actions against a real, seeded SQLite database (no Rasa server needed)."""
import json

import pytest

from actions.actions import (
    ActionAnswerAid, ActionAnswerCount, ActionBriefing, ActionChooseLanguage, ActionCompare,
    ActionDefaultFallback, ActionFollowUp, ActionGreet, ActionHistory, ActionOutOfScope, ActionRank,
    ActionSources,
)
from actions import services

QN_QUESTION = "how much NGO funding did Quang Nam get since 2019?"
QN_ENTITIES = [("place", "Quang Nam"), ("period", "since 2019"),
               ("metric", "NGO funding", "aid_received")]


def test_aid_question_states_figures_with_period_and_source(conversation):
    reply = conversation.text(ActionAnswerAid(), QN_QUESTION, "ask_aid_amount", QN_ENTITIES)
    assert "more than US$43 million" in reply
    assert "more than VND 1,000 billion" in reply
    assert "31 October 2024" in reply
    assert "https://baoquangnam.vn/" in reply
    assert "Da Nang" in reply                      # the 2025 merger is explained
    assert conversation.slots["last_question"]["places"] == ["quang_nam"]
    assert len(conversation.slots["last_figures"]) == 2


def test_follow_up_changes_the_place_and_keeps_the_question(conversation):
    conversation.text(ActionAnswerAid(), QN_QUESTION, "ask_aid_amount", QN_ENTITIES)
    text = "and in Son La?"
    reply = conversation.text(ActionFollowUp(), text, "follow_up", [("place", "Son La")])
    assert "nearly US$4.9 million" in reply
    assert "43" not in reply


def test_follow_up_with_a_period_inside_a_longer_figure_says_the_period_differs(conversation):
    conversation.text(ActionAnswerAid(), QN_QUESTION, "ask_aid_amount", QN_ENTITIES)
    text = "what about 2022?"
    reply = conversation.text(ActionFollowUp(), text, "follow_up", [("period", "2022")])
    assert "I have no figure for exactly 2022" in reply
    assert "more than US$43 million (from 2019 to 31 October 2024)" in reply


def test_period_without_data_says_so_and_lists_what_exists(conversation):
    text = "how much aid did Son La get in 2022?"
    reply = conversation.text(ActionAnswerAid(), text, "ask_aid_amount",
                              [("place", "Son La"), ("period", "in 2022")])
    assert "I have no figure for aid in Son La for 2022" in reply
    assert "4.9" not in reply
    assert "Aid committed (2023)" in reply          # what exists, without its value


def test_vietnamese_question_gets_a_vietnamese_answer(conversation):
    text = "Sơn La có bao nhiêu tổ chức phi chính phủ?"
    reply = conversation.text(ActionAnswerCount(), text, "ask_count",
                              [("place", "Sơn La"), ("metric", "tổ chức phi chính phủ", "foreign_ngos")])
    assert "Sơn La" in reply and "31" in reply
    assert "12 tháng 4 năm 2024" in reply


def test_hindi_amounts_use_crore(conversation):
    text = "क्वांग नाम को 2019 से कितनी मदद मिली?"
    reply = conversation.text(ActionAnswerAid(), text, "ask_aid_amount",
                              [("place", "क्वांग नाम"), ("period", "2019 से")])
    assert "4.3 करोड़ अमेरिकी डॉलर से अधिक" in reply
    assert "क्वांग नाम" in reply


def test_chosen_language_wins_over_the_message_language(conversation):
    text = "how many NGOs in Son La?"
    reply = conversation.text(ActionAnswerCount(), text, "ask_count",
                              [("place", "Son La"), ("metric", "NGOs", "foreign_ngos")],
                              metadata={"chosen_language": "ms", "language_code": "en"})
    assert "Son La" in reply and "31" in reply
    assert "April 2024" in reply                    # Malay date: "12 April 2024"
    assert "Sumber" in reply or "sumber" in reply


def test_choose_language_sets_the_slot_and_confirms_in_that_language(conversation):
    text = "please answer in Urdu"
    reply = conversation.text(ActionChooseLanguage(), text, "choose_language",
                              [("language", "Urdu", "ur")])
    assert conversation.slots["chosen_language"] == "ur"
    assert "اردو" in reply


def test_ambiguous_place_asks_with_short_button_payloads(conversation):
    text = "how much aid did Bac get?"
    messages, events = conversation.run(ActionAnswerAid(), text, "ask_aid_amount", [("place", "Bac")])
    buttons = messages[0]["buttons"]
    assert len(buttons) >= 2
    for button in buttons:
        assert len(button["payload"].encode()) <= 64
        intent, _, entities = button["payload"][1:].partition("{")
        assert intent == "follow_up" and json.loads("{" + entities)["place"]
    # pressing a button completes the pending question
    payload = next(b["payload"] for b in buttons if "bac_giang" in b["payload"])
    reply = conversation.text(ActionFollowUp(), payload, "follow_up",
                              [{"entity": "place", "value": "bac_giang"}])
    assert "Bac Giang" in reply


def test_unknown_place_says_so_without_numbers(conversation):
    text = "how much aid did Atlantis get?"
    reply = conversation.text(ActionAnswerAid(), text, "ask_aid_amount", [("place", "Atlantis")])
    assert "Atlantis" in reply
    assert "43" not in reply


def test_compare_periods_shows_the_derived_figure_as_derived(conversation):
    text = "compare aid to Vietnam in 2022 and 2023"
    reply = conversation.text(ActionCompare(), text, "compare",
                              [("place", "Vietnam"), ("period", "2022"), ("period", "2023")])
    assert "more than US$223.8 million" in reply and "more than US$228.7 million" in reply
    assert "not stated directly" in reply


def test_rank_lists_only_provinces_in_order(conversation):
    text = "which province has the most foreign NGOs?"
    reply = conversation.text(ActionRank(), text, "rank", [("metric", "foreign NGOs", "foreign_ngos")])
    assert reply.index("77") < reply.index("31")
    assert "Vietnam" not in reply.split("Sources")[0]


def test_history_of_merged_and_absorbing_units(conversation):
    text = "what happened to Quang Nam?"
    reply = conversation.text(ActionHistory(), text, "ask_history", [("place", "Quang Nam")])
    assert "merged into Da Nang" in reply and "1 July 2025" in reply
    text = "what happened to Soc Trang?"
    reply = conversation.text(ActionHistory(), text, "ask_history", [("place", "Soc Trang")])
    assert "Can Tho" in reply


def test_sources_quote_the_sentences_of_the_last_answer(conversation):
    conversation.text(ActionAnswerAid(), QN_QUESTION, "ask_aid_amount", QN_ENTITIES)
    reply = conversation.text(ActionSources(), "where is this from?", "ask_source")
    assert "43 million USD" in reply                 # the quote, verbatim from the document
    assert "baoquangnam.vn" in reply


def test_briefing_on_a_new_unit_uses_its_predecessors_figures(conversation):
    text = "tell me about Da Nang"
    reply = conversation.text(ActionBriefing(), text, "ask_briefing", [("place", "Da Nang")])
    assert "Quang Nam" in reply and "US$43 million" in reply


def test_database_failure_gives_a_polite_answer(conversation, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:////nonexistent-dir/aid.sqlite3")
    services.aid_database.cache_clear()
    text = "how many NGOs in Son La?"
    reply = conversation.text(ActionAnswerCount(), text, "ask_count", [("place", "Son La")])
    assert "something went wrong" in reply


def test_fallback_answers_in_telegram_language_for_unreadable_text(conversation):
    reply = conversation.text(ActionDefaultFallback(), "🙂🙂", "nlu_fallback",
                              metadata={"language_code": "vi"})
    assert reply and "Sorry" not in reply


@pytest.mark.parametrize("action,intent", [(ActionDefaultFallback(), "nlu_fallback"),
                                           (ActionGreet(), "greet"), (ActionOutOfScope(), "out_of_scope")])
def test_a_message_that_is_only_a_place_gets_its_briefing(conversation, action, intent):
    reply = conversation.text(action, "son la?", intent)
    assert "31" in reply and "Son La" in reply


def test_language_choice_tells_the_front_end(conversation):
    text = "answer in Hindi"
    messages, _ = conversation.run(ActionChooseLanguage(), text, "choose_language",
                                   [("language", "Hindi", "hi")])
    assert {"set_language": "hi"} in [m.get("custom") for m in messages]


@pytest.mark.parametrize("text,place,metric_value", [
    ("Sơn La có bao nhiêu tổ chức phi chính phủ?", "Sơn La", "31"),
    ("how many MOUs did Can Tho sign", "Can Tho", "124"),
])
def test_metric_words_are_found_when_the_model_tagged_none(conversation, text, place, metric_value):
    reply = conversation.text(ActionAnswerCount(), text, "ask_count", [("place", place)])
    assert metric_value in reply
    assert conversation.slots["last_question"]["metric"] is not None
    assert len(conversation.slots["last_figures"]) == 1


def test_crafted_place_text_is_not_echoed(conversation):
    text = '/ask_aid_amount{"place": "x\'; DROP TABLE admin_unit; --"}'
    reply = conversation.text(ActionAnswerAid(), text, "ask_aid_amount",
                              [{"entity": "place", "value": "x'; DROP TABLE admin_unit; --"}])
    assert "DROP" not in reply
    assert "I don't know that place." in reply


def test_a_year_tagged_without_its_keyword_keeps_its_meaning(conversation):
    """The model may tag "[2019] से" ("since 2019") as a bare year."""
    text = "2019 से क्वांग नाम को कितनी फंडिंग मिली?"
    conversation.text(ActionAnswerAid(), text, "ask_aid_amount", [("period", "2019"), ("place", "क्वांग नाम")])
    period = conversation.slots["last_question"]["periods"][0]
    assert period["start"] == "2019-01-01" and period["end"] is None


def test_a_yearly_rate_answers_a_question_about_one_year(conversation):
    text = "how many delegations came to Quang Nam in 2023?"
    reply = conversation.text(ActionAnswerCount(), text, "ask_count",
                              [("place", "Quang Nam"), ("period", "in 2023"),
                               ("metric", "delegations", "delegations")])
    assert "about 150–250 (per year)" in reply
    assert "I have no figure" not in reply
