"""Custom actions against a real, seeded SQLite database (no Rasa server needed).

Messages are parsed by the project's own NLU components (tests/support/understanding.py);
the intent is the one the classifier would give."""
import json

import pytest

from actions.actions import (
    ActionAnswerAid, ActionAnswerCount, ActionBriefing, ActionChooseLanguage, ActionCompare,
    ActionDefaultFallback, ActionFollowUp, ActionHistory, ActionRank,
    ActionSources, ActionAvailableData,
)
from actions import services
from tests.support.understanding import parse

QN_QUESTION = "how much NGO funding did Quang Nam get since 2019?"


def test_aid_question_states_figures_with_period_and_source(conversation):
    reply = conversation.text(ActionAnswerAid(), QN_QUESTION, "ask_aid_amount")
    assert "more than US$43 million" in reply
    assert "more than VND 1,000 billion" in reply
    assert "31 October 2024" in reply
    assert "https://baoquangnam.vn/" in reply
    assert "Da Nang" in reply                      # the 2025 merger is explained
    assert conversation.slots["last_question"]["places"] == ["quang_nam"]
    assert len(conversation.slots["last_figures"]) == 2


def test_every_reply_tells_the_front_end_its_language(conversation):
    messages, _ = conversation.run(ActionAnswerCount(), "Sơn La có bao nhiêu tổ chức phi chính phủ?", "ask_count")
    assert len(messages) == 1      # on the answer itself: no event of its own
    assert messages[-1].get("custom") == {"language": "vi"} and "31" in messages[-1]["text"]


def test_follow_up_changes_the_place_and_keeps_the_question(conversation):
    conversation.text(ActionAnswerAid(), QN_QUESTION, "ask_aid_amount")
    reply = conversation.text(ActionFollowUp(), "and in Son La?", "follow_up")
    assert "nearly US$4.9 million" in reply
    assert "43" not in reply


def test_follow_up_changes_the_metric_and_keeps_the_place(conversation):
    conversation.text(ActionAnswerCount(), "how many MOUs did Can Tho sign?", "ask_count")
    reply = conversation.text(ActionFollowUp(), "and partners?", "follow_up")
    assert "more than 40" in reply and "124" not in reply
    reply = conversation.text(ActionFollowUp(), "how many projects was that?", "ask_count")
    assert "about 50" in reply


def test_follow_up_that_names_nothing_repeats_the_figure_with_its_period(conversation):
    conversation.text(ActionAnswerCount(), "how many MOUs did Can Tho sign?", "ask_count")
    reply = conversation.text(ActionFollowUp(), "over what years?", "follow_up")
    assert "124" in reply and "2004" in reply


def test_worth_after_a_count_asks_for_the_money_of_the_same_place_and_period(conversation):
    conversation.text(ActionAnswerCount(), "how many projects did Son La get in 2023", "ask_count")
    reply = conversation.text(ActionFollowUp(), "worth how much?", "follow_up")
    assert "nearly US$4.9 million" in reply and "6" not in reply.split("Sources")[0].replace("4.9", "")


def test_a_new_full_question_starts_fresh(conversation):
    conversation.text(ActionAnswerAid(), "aid to son la in 2023", "ask_aid_amount")
    reply = conversation.text(ActionAnswerCount(), "how many NGOs does Quang Nam have", "ask_count")
    assert "77" in reply and "2023" not in reply.split("Sources")[0]


def test_after_which_place_a_bare_name_completes_the_question(conversation):
    reply = conversation.text(ActionAnswerCount(), "how many foreign NGOs are registered?", "ask_count")
    assert "Which province or city" in reply
    reply = conversation.text(ActionFollowUp(), "Son La", "follow_up")
    assert "31" in reply


def test_follow_up_with_a_period_inside_a_longer_figure_says_the_period_differs(conversation):
    conversation.text(ActionAnswerAid(), QN_QUESTION, "ask_aid_amount")
    reply = conversation.text(ActionFollowUp(), "what about 2022?", "follow_up")
    assert "I have no figure for exactly 2022" in reply
    assert "more than US$43 million (from 2019 to 31 October 2024)" in reply


def test_a_figure_for_half_the_year_is_labelled_as_part_of_it(conversation):
    reply = conversation.text(ActionAnswerCount(), "how many projects did cluster 2 get in 2024", "ask_count")
    assert "I have no figure for the whole of 2024" in reply
    assert "about 100" in reply


def test_period_without_data_says_so_and_lists_what_exists(conversation):
    reply = conversation.text(ActionAnswerAid(), "how much aid did Son La get in 2022?", "ask_aid_amount")
    assert "I have no figure for aid in Son La for 2022" in reply
    assert "4.9" not in reply
    assert "Aid committed (2023)" in reply          # what exists, without its value


def test_stated_change_answers_how_much_more(conversation):
    reply = conversation.text(ActionAnswerAid(), "how much more aid did Vietnam get in 2023 than in 2022",
                              "ask_aid_amount")
    assert "US$4.9 million" in reply
    assert "228.7" in reply         # the amount the change led to, same period
    assert "223.8" not in reply     # the base year is not what was asked


def test_change_between_two_years_is_the_later_years_change(conversation):
    reply = conversation.text(ActionAnswerAid(), "how much did foreign aid to VN rise by between 2022 and 2023",
                              "ask_aid_amount")
    assert "US$4.9 million" in reply and "228.7" in reply
    assert "no figure for the whole" not in reply


def test_relative_half_of_the_conversations_year(conversation):
    conversation.text(ActionAnswerCount(), "cluster II number of projects 2024 first half", "ask_count")
    reply = conversation.text(ActionFollowUp(), "and in the second half", "follow_up")
    assert "second half of 2024" in reply and "about 100" not in reply


def test_the_year_after(conversation):
    conversation.text(ActionAnswerAid(), "total ngo aid to vietnam in 2022", "ask_aid_amount")
    reply = conversation.text(ActionFollowUp(), "and the yr after", "follow_up")
    assert "228.7" in reply and "223.8" not in reply


def test_vietnamese_question_gets_a_vietnamese_answer(conversation):
    reply = conversation.text(ActionAnswerCount(), "Sơn La có bao nhiêu tổ chức phi chính phủ?", "ask_count")
    assert "Sơn La" in reply and "31" in reply
    assert "12 tháng 4 năm 2024" in reply


def test_unaccented_vietnamese_with_teencode_gets_a_vietnamese_answer(conversation):
    reply = conversation.text(ActionAnswerCount(), "son la co bn to chuc pcpnn vay ad", "ask_count")
    assert "Sơn La" in reply and "31" in reply and "tháng" in reply


@pytest.mark.parametrize("metadata,expected", [
    ({"language_code": "ur"}, "ur"), ({"language_code": "hi"}, "hi"), ({}, None)])
def test_hindustani_in_latin_letters_is_answered_in_hindi_or_urdu(conversation, metadata, expected):
    _, events = conversation.run(ActionAnswerCount(), "Son La mein kitne NGO hain", "ask_count", metadata=metadata)
    lang = conversation.slots["reply_language"]
    assert lang in ("hi", "ur") and (expected is None or lang == expected)


def test_urdu_words_in_latin_letters_get_urdu_unless_telegram_says_hindi(conversation):
    conversation.run(ActionAnswerAid(), "Quang Nam ko kitni imdad mili", "ask_aid_amount")
    assert conversation.slots["reply_language"] == "ur"
    conversation.slots.clear()
    conversation.run(ActionAnswerAid(), "Quang Nam ko kitni imdad mili", "ask_aid_amount",
                     metadata={"language_code": "hi"})
    assert conversation.slots["reply_language"] == "hi"


def test_a_short_message_keeps_the_previous_reply_language(conversation):
    conversation.text(ActionAnswerCount(), "Sơn La có bao nhiêu tổ chức phi chính phủ?", "ask_count")
    conversation.text(ActionFollowUp(), "2023?", "follow_up")
    assert conversation.slots["reply_language"] == "vi"


def test_a_message_whose_words_tie_two_languages_keeps_the_conversations(conversation):
    conversation.text(ActionAnswerAid(), "son la dapat brp bantuan thn 2023", "ask_aid_amount")
    assert conversation.slots["reply_language"] == "ms"
    conversation.text(ActionCompare(), "compare dgn quang nam punya total funding", "compare")
    assert conversation.slots["reply_language"] == "ms"


@pytest.mark.parametrize("first,follow_up", [
    ("Can Tho sign brp MOU dgn rakan asing", "over how many years tu?"),     # English with a Malay word
    ("brp delegasi datang ke Quang Nam setiap thn", "Is that per year?"),     # short English
])
def test_an_english_follow_up_in_a_malay_conversation_stays_malay(conversation, first, follow_up):
    conversation.text(ActionAnswerCount(), first, "ask_count")
    assert conversation.slots["reply_language"] == "ms"
    conversation.text(ActionFollowUp(), follow_up, "follow_up")
    assert conversation.slots["reply_language"] == "ms"


def test_a_full_english_question_switches_a_malay_conversation_to_english(conversation):
    conversation.text(ActionAnswerCount(), "brp delegasi datang ke Quang Nam setiap thn", "ask_count")
    conversation.text(ActionAnswerCount(), "how many NGOs are there in Son La", "ask_count")
    assert conversation.slots["reply_language"] == "en"


def test_last_year_after_a_question_about_2023_is_2022(conversation):
    conversation.text(ActionAnswerAid(), "vietnam ko 2023 me kitni sahayata mili", "ask_aid_amount")
    reply = conversation.text(ActionFollowUp(), "to pichle sal kitna tha", "follow_up")
    assert "223.8" in reply.replace("22.38", "223.8") and "228.7" not in reply and "22.87" not in reply


def test_two_years_compared_then_a_new_place_compares_its_two_years(conversation):
    conversation.text(ActionCompare(), "son la aid 2023 vs 2022", "compare")
    reply = conversation.text(ActionFollowUp(), "and vietnam as a whole for those years", "follow_up")
    assert "228.7" in reply and "223.8" in reply


def test_which_ones_after_a_count_without_names_says_the_sources_do_not_say(conversation):
    conversation.text(ActionAnswerCount(), "how many cluster 2 members grow faster than the national average", "ask_count")
    reply = conversation.text(ActionFollowUp(), "which ones are they?", "follow_up")
    assert "not which ones" in reply and "10" not in reply and "Emulation Cluster II" in reply


def test_which_ones_after_a_count_with_names_gives_the_names(conversation):
    conversation.text(ActionAnswerCount(), "how many members does cluster 2 have", "ask_count")
    reply = conversation.text(ActionFollowUp(), "kaun kaun se", "follow_up")
    assert "Hai Phong" in reply or "ہائی فونگ" in reply or "हाई फोंग" in reply


def test_hindi_amounts_use_crore(conversation):
    reply = conversation.text(ActionAnswerAid(), "क्वांग नाम को 2019 से कितनी मदद मिली?", "ask_aid_amount")
    assert "4.3 करोड़ अमेरिकी डॉलर से अधिक" in reply
    assert "क्वांग नाम" in reply


def test_chosen_language_wins_over_the_message_language(conversation):
    conversation.slots["chosen_language"] = "ms"
    reply = conversation.text(ActionAnswerCount(), "how many NGOs in Son La?", "ask_count",
                              metadata={"language_code": "en"})
    assert "Son La" in reply and "31" in reply
    assert "Sumber" in reply


def test_a_question_that_asks_for_a_language_is_answered_in_it_and_the_choice_holds(conversation):
    reply = conversation.text(ActionAnswerCount(), "answer in Vietnamese pls: how many NGOs in Son La", "ask_count")
    assert "31" in reply and "Sơn La" in reply
    assert conversation.slots["chosen_language"] == "vi"
    reply = conversation.text(ActionFollowUp(), "and Quang Nam?", "follow_up")
    assert "77" in reply and "Quảng Nam" in reply


def test_vietnamese_dong_is_no_language_request(conversation):
    conversation.text(ActionAnswerAid(), QN_QUESTION, "ask_aid_amount")
    conversation.text(ActionFollowUp(), "how much is that in vietnamese dong", "follow_up")
    assert conversation.slots.get("chosen_language") is None
    assert conversation.slots["reply_language"] == "en"


def test_choose_language_sets_the_slot_and_confirms_in_that_language(conversation):
    messages, _ = conversation.run(ActionChooseLanguage(), "please answer in Urdu", "choose_language")
    assert conversation.slots["chosen_language"] == "ur"
    assert "اردو" in messages[0]["text"]
    assert {"set_language": "ur", "language": "ur"} in [m.get("custom") for m in messages]


def test_ambiguous_place_asks_with_short_button_payloads(conversation):
    messages, _ = conversation.run(ActionAnswerAid(), "how much aid did Bac get?", "ask_aid_amount",
                                   crf_places=["Bac"])
    buttons = messages[0]["buttons"]
    assert len(buttons) >= 2
    for button in buttons:
        assert len(button["payload"].encode()) <= 64
        intent, _, entities = button["payload"][1:].partition("{")
        assert intent == "follow_up" and json.loads("{" + entities)["place"]
    # pressing a button completes the pending question
    payload = next(b["payload"] for b in buttons if "bac_giang" in b["payload"])
    reply = conversation.text(ActionFollowUp(), payload, "follow_up",
                              entities=[{"entity": "place", "value": "bac_giang"}])
    assert "Bac Giang" in reply


def test_unknown_place_says_so_without_numbers(conversation):
    reply = conversation.text(ActionAnswerAid(), "how much aid did Atlantis get?", "ask_aid_amount",
                              crf_places=["Atlantis"])
    assert "Atlantis" in reply
    assert "43" not in reply


def test_compare_periods_shows_both_and_the_stated_change_and_no_false_verdict(conversation):
    reply = conversation.text(ActionCompare(), "compare aid to Vietnam in 2022 and 2023", "compare")
    assert "more than US$223.8 million" in reply and "more than US$228.7 million" in reply
    assert "not stated directly" in reply
    assert "US$4.9 million" in reply
    assert "is higher than" not in reply and "don't show which is higher" not in reply


def test_more_than_the_year_before_is_answered_with_the_stated_change(conversation):
    """2022's total is only worked out from 2023's and the change: asked whether 2023 got
    more, the change the source states is the answer, beside the later figure."""
    reply = conversation.text(ActionCompare(), "was aid to vietnam in 2023 more than in 2022", "compare")
    assert reply.startswith("Vietnam:")
    assert "US$4.9 million" in reply and "more than US$228.7 million" in reply
    assert "223.8" not in reply and "don't show which is higher" not in reply


def test_each_years_figure_when_asked_for_those_years_somewhere_else(conversation):
    conversation.text(ActionCompare(), "son la aid 2023 vs 2022", "compare")
    reply = conversation.text(ActionFollowUp(), "and vietnam's figures for both those years", "follow_up")
    assert "more than US$223.8 million" in reply and "more than US$228.7 million" in reply
    assert "US$4.9 million" in reply and "don't show which is higher" not in reply


def test_a_year_without_a_figure_is_said_and_the_other_not_restated(conversation):
    conversation.text(ActionAnswerCount(), "how many projects did Son La have in 2023", "ask_count")
    reply = conversation.text(ActionCompare(), "and 2021, to compare", "compare")
    assert "2021: no figure for this." in reply
    assert "Programmes and projects (2023)" in reply and ": 6" not in reply


def test_the_other_direction_named_with_a_broad_word_is_the_opposite(conversation):
    conversation.text(ActionAnswerCount(), "incoming delegations to Quang Nam per year", "ask_count")
    reply = conversation.text(ActionFollowUp(), "the other way round, delegations going overseas?", "follow_up")
    assert "no figure for Outgoing delegations" in reply and "150" not in reply


def test_a_question_about_periods_opening_a_conversation_lists_what_there_is(conversation):
    reply = conversation.text(ActionFollowUp(), "which years have you got", "follow_up")
    assert "I have figures for:" in reply and "Which province" not in reply


def test_a_question_about_the_period_repeats_the_last_figure(conversation):
    conversation.text(ActionAnswerCount(), "MOUs signed by Can Tho", "ask_count")
    reply = conversation.text(ActionFollowUp(), "over which stretch of years?", "ask_available_data")
    assert "124" in reply and "2004" in reply


def test_compare_with_periods_that_differ_gives_no_verdict(conversation):
    reply = conversation.text(ActionCompare(), "compare projects in Quang Nam and Son La in 2023", "compare")
    assert "is higher than" not in reply


def test_rank_lists_only_provinces_in_order(conversation):
    reply = conversation.text(ActionRank(), "which province has the most foreign NGOs?", "rank")
    assert reply.index("77") < reply.index("31")
    assert "Vietnam" not in reply.split("Sources")[0]


def test_history_of_merged_and_absorbing_units(conversation):
    reply = conversation.text(ActionHistory(), "what happened to Quang Nam?", "ask_history")
    assert "merged into Da Nang" in reply and "1 July 2025" in reply and "202/2025/QH15" in reply
    reply = conversation.text(ActionHistory(), "what happened to Soc Trang?", "ask_history")
    assert "Can Tho" in reply


def test_sources_quote_the_sentences_of_the_last_answer(conversation):
    conversation.text(ActionAnswerAid(), QN_QUESTION, "ask_aid_amount")
    reply = conversation.text(ActionSources(), "where is this from?", "ask_source")
    assert "43 million USD" in reply                 # the quote, verbatim from the document
    assert "baoquangnam.vn" in reply


def test_briefing_on_a_new_unit_uses_its_predecessors_figures(conversation):
    reply = conversation.text(ActionBriefing(), "tell me about Da Nang", "ask_briefing")
    assert "Quang Nam" in reply and "US$43 million" in reply


def test_database_failure_gives_a_polite_answer(conversation, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:////nonexistent-dir/aid.sqlite3")
    services.aid_database.cache_clear()
    reply = conversation.text(ActionAnswerCount(), "/ask_count", "ask_count",
                              entities=[{"entity": "place", "value": "son_la"}])
    assert "something went wrong" in reply


def test_fallback_answers_in_telegram_language_for_unreadable_text(conversation):
    reply = conversation.text(ActionDefaultFallback(), "🙂🙂", "nlu_fallback", metadata={"language_code": "vi"})
    assert reply and "Sorry" not in reply


@pytest.mark.parametrize("intent", ["nlu_fallback", "greet", "out_of_scope"])
def test_a_message_that_is_only_a_place_gets_its_briefing(conversation, intent):
    """The router makes any such message a follow-up (rules: action_follow_up)."""
    assert parse("son la?", intent)["intent"]["name"] == "follow_up"
    reply = conversation.text(ActionFollowUp(), "son la?", intent)
    assert "31" in reply and "Son La" in reply and "Sources" in reply


def test_crafted_place_text_is_not_echoed(conversation):
    text = '/ask_aid_amount{"place": "x\'; DROP TABLE admin_unit; --"}'
    reply = conversation.text(ActionAnswerAid(), text, "ask_aid_amount",
                              entities=[{"entity": "place", "value": "x'; DROP TABLE admin_unit; --"}])
    assert "DROP" not in reply
    assert "I don't know that place." in reply


def test_a_yearly_rate_answers_a_question_about_one_year(conversation):
    reply = conversation.text(ActionAnswerCount(), "how many delegations came to Quang Nam in 2023?", "ask_count")
    assert "about 150–250 (per year)" in reply
    assert "I have no figure" not in reply


def test_only_changed_slots_are_sent(conversation):
    _, first = conversation.run(ActionAnswerCount(), "how many NGOs in Son La?", "ask_count")
    _, again = conversation.run(ActionAnswerCount(), "how many NGOs in Son La?", "ask_count")
    assert {e["name"] for e in first if e.get("event") == "slot"} >= {"reply_language", "last_question"}
    assert [e for e in again if e.get("event") == "slot"] == []


def test_a_foreign_country_is_named_and_answered_without_figures(conversation):
    reply = conversation.text(ActionAnswerAid(), "how much aid did Cambodia get in 2023", "ask_aid_amount")
    assert "Cambodia is not part of Vietnam" in reply
    assert "US$" not in reply


def test_the_lao_side_of_the_twinned_villages(conversation):
    conversation.text(ActionAnswerCount(), "how many villages of Quang Nam are twinned across the border", "ask_count")
    reply = conversation.text(ActionFollowUp(), "and on the Lao side?", "follow_up")
    assert "16" in reply and "Sekong" in reply


def test_agencies_cooperating_with_sekong_are_quang_nams(conversation):
    reply = conversation.text(ActionAnswerCount(), "how many agencies cooperate with Sekong", "ask_count")
    assert "26" in reply and "Quang Nam" in reply


@pytest.mark.parametrize("tagged", [(), ("Bihar",)])
def test_an_unknown_place_asked_about_beside_a_known_one_is_not_answered_with_the_known(conversation, tagged):
    reply = conversation.text(ActionAnswerAid(), "Bihar ko Vietnam ke NGOs se kitni sahayata mili",
                              "ask_aid_amount", crf_places=tagged)
    assert "Bihar" in reply
    assert "228.7" not in reply and "22.87" not in reply and "223.8" not in reply


def test_a_listing_of_places_keeps_the_conversations_question(conversation):
    conversation.text(ActionAnswerAid(), "Thừa Thiên Huế nhận bao nhiêu viện trợ nước ngoài năm 2023",
                      "ask_aid_amount")
    conversation.text(ActionAvailableData(), "vậy bạn có số liệu của những tỉnh nào", "ask_available_data")
    reply = conversation.text(ActionFollowUp(), "Sơn La thì sao", "follow_up")
    assert "4,9 triệu USD" in reply


def test_a_relation_asked_per_country_is_no_figure_the_sources_give(conversation):
    reply = conversation.text(ActionAnswerCount(), "QN ki sister locality Thailand me kitni hain", "ask_count")
    assert "Thailand" in reply
    assert "11" not in reply and ": 7" not in reply        # neither total passed off as the part


def test_two_places_without_a_common_period_are_shown_side_by_side_without_a_verdict(conversation):
    reply = conversation.text(ActionCompare(), "how does quang nam's 43 million compare with what all of "
                              "vietnam got in 2023", "compare")
    assert "US$43 million" in reply and "228.7" in reply
    assert "higher" not in reply


def test_compared_with_a_year_gives_the_stated_change(conversation):
    conversation.text(ActionAnswerAid(), "acha poore VN ko 2023 me kitna paisa mila NGOs se", "ask_aid_amount")
    reply = conversation.text(ActionCompare(), "2022 se compare kro to", "compare")
    assert "49 लाख" in reply or "4.9" in reply


def test_a_language_chosen_after_an_answer_gives_that_answer_again_in_it(conversation):
    conversation.text(ActionAnswerAid(), QN_QUESTION, "ask_aid_amount")
    messages, _ = conversation.run(ActionChooseLanguage(), "can u write that in vietnamese for her pls",
                                   "choose_language")
    texts = "\n".join(m.get("text") or "" for m in messages)
    assert "Tiếng Việt" in texts and "hơn 43 triệu USD" in texts


def test_after_a_member_asked_alone_the_next_metric_is_the_clusters(conversation):
    conversation.text(ActionAnswerCount(), "how many consular cases did cluster 2 handle", "ask_count")
    alone = conversation.text(ActionFollowUp(), "and Hanoi on its own?", "follow_up")
    assert "Hanoi" in alone and "52" not in alone.split("Emulation Cluster II")[0]
    reply = conversation.text(ActionFollowUp(), "and citizen protection cases?", "follow_up")
    assert reply.startswith("Emulation Cluster II") and "38" in reply


def test_which_has_more_compares_the_places_asked_one_after_another(conversation):
    conversation.text(ActionAnswerCount(), "how many foreign NGOs in Son La", "ask_count")
    conversation.text(ActionFollowUp(), "and Can Tho?", "follow_up")
    reply = conversation.text(ActionCompare(), "which of the two has more?", "compare")
    assert "31" in reply and "more than 40" in reply


def test_an_average_per_project_shows_the_money_and_the_projects_and_no_ratio(conversation):
    conversation.text(ActionAnswerAid(), "how much aid did Quang Nam get", "ask_aid_amount")
    reply = conversation.text(ActionFollowUp(), "average per project?", "follow_up")
    assert "US$43 million" in reply and "489" in reply
    body = reply.split("Sources")[0]
    assert all(number not in body for number in ("87,900", "88,000", "0.09"))


def test_both_years_after_a_stated_change_shows_each_year_and_the_change(conversation):
    conversation.text(ActionAnswerAid(), "how much did NGO aid to Vietnam grow in 2023", "ask_aid_amount")
    reply = conversation.text(ActionFollowUp(), "show me both years' totals", "follow_up")
    assert "223.8" in reply and "228.7" in reply and "4.9" in reply
