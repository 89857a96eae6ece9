"""How a turn's frame and the last question make the question to answer (no database)."""
from dataclasses import replace
from datetime import date

from actions.context import merge
from actions.frame import Frame
from actions.question import AVAILABLE, BRIEFING, COMPARE, FIGURES, HISTORY, RANK, Period, Question

Y2019 = Period(date(2019, 1, 1), None, "since 2019")
Y2022 = Period(date(2022, 1, 1), date(2022, 12, 31), "2022")
Y2023 = Period(date(2023, 1, 1), date(2023, 12, 31), "2023")
QN_AID = Question(FIGURES, ("quang_nam",), (Y2019,), ("aid_received",))


def test_a_new_place_keeps_metric_and_period_as_a_hint():
    """The period was asked about another place: a hint (figures.py drops it when it finds nothing)."""
    assert merge("follow_up", Frame(places=("son_la",)), QN_AID) == \
        Question(FIGURES, ("son_la",), (Y2019,), ("aid_received",), periods_carried=True)


def test_a_new_metric_keeps_place_and_period_as_a_hint():
    assert merge("follow_up", Frame(metrics=("programmes_projects",)), QN_AID) == \
        Question(FIGURES, ("quang_nam",), (Y2019,), ("programmes_projects",), periods_carried=True)


def test_a_new_period_keeps_place_and_metric():
    assert merge("follow_up", Frame(periods=(Y2022,)), QN_AID) == \
        Question(FIGURES, ("quang_nam",), (Y2022,), ("aid_received",))


def test_nothing_named_repeats_the_question():
    assert merge("follow_up", Frame(), QN_AID) == QN_AID


def test_a_full_question_starts_fresh():
    assert merge("ask_count", Frame(places=("son_la",), metrics=("foreign_ngos",)), QN_AID) == \
        Question(FIGURES, ("son_la",), (), ("foreign_ngos",))


def test_how_much_without_a_money_word_asks_for_money():
    counted = Question(FIGURES, ("son_la",), (Y2023,), ("programmes_projects",))
    assert merge("ask_aid_amount", Frame(), counted) == Question(FIGURES, ("son_la",), (Y2023,), (), money=True)


def test_how_many_after_a_money_question_asks_for_every_count():
    assert merge("ask_count", Frame(), QN_AID) == Question(FIGURES, ("quang_nam",), (Y2019,), ())


def test_a_pending_question_is_completed_by_a_place():
    pending = Question(FIGURES, (), (), ("foreign_ngos",))
    assert merge("follow_up", Frame(places=("son_la",)), pending) == \
        Question(FIGURES, ("son_la",), (), ("foreign_ngos",))


def test_a_bare_place_with_no_conversation_asks_for_a_briefing():
    assert merge("follow_up", Frame(places=("son_la",)), None) == Question(BRIEFING, ("son_la",))


def test_a_metric_after_a_briefing_asks_for_that_metric():
    briefing = Question(BRIEFING, ("can_tho",))
    assert merge("follow_up", Frame(metrics=("mous",)), briefing) == Question(FIGURES, ("can_tho",), (), ("mous",))


def test_after_a_comparison_a_single_place_is_asked_about_alone():
    compared = Question(COMPARE, ("quang_nam", "son_la"), (), ("foreign_ngos",))
    assert merge("follow_up", Frame(places=("can_tho",)), compared) == \
        Question(FIGURES, ("can_tho",), (), ("foreign_ngos",))


def test_compare_again_with_a_new_place_replaces_the_second_side():
    compared = Question(COMPARE, ("quang_nam", "son_la"), (), ("foreign_ngos",))
    assert merge("compare", Frame(places=("can_tho",)), compared).places == ("quang_nam", "can_tho")


def test_a_comparison_with_one_side_is_a_plain_question():
    assert merge("compare", Frame(places=("son_la",), metrics=("foreign_ngos",)), None).kind == FIGURES


def test_the_other_direction_flips_the_metric():
    outgoing = Question(FIGURES, ("emulation_cluster_2",), (), ("delegations_outgoing",))
    assert merge("follow_up", Frame(reverse=True), outgoing).metrics == ("delegations_incoming",)


def test_compare_with_one_place_adds_it_to_the_last_one():
    assert merge("compare", Frame(places=("son_la",)), QN_AID).places == ("quang_nam", "son_la")
    assert merge("compare", Frame(periods=(Y2023,)), Question(FIGURES, ("vn",), (Y2022,), ())).periods == \
        (Y2022, Y2023)


def test_a_period_after_a_change_question_asks_for_that_periods_total():
    change = Question(FIGURES, ("vn",), (Y2023,), ("aid_change",))
    assert merge("follow_up", Frame(periods=(Y2022,)), change) == Question(FIGURES, ("vn",), (Y2022,), (), money=True)


def test_the_year_before_is_the_year_before_the_conversations_period():
    before = Period(None, None, "the year before", relative="year_before")
    asked = merge("follow_up", Frame(periods=(before,)), Question(FIGURES, ("vn",), (Y2023,), ("aid_disbursed",)))
    assert (asked.periods[0].start, asked.periods[0].end) == (date(2022, 1, 1), date(2022, 12, 31))


def test_that_year_is_the_conversations_period_and_holds():
    that_year = Period(None, None, "that year", relative="that_period")
    asked = merge("follow_up", Frame(places=("quang_nam",), periods=(that_year,)),
                  Question(FIGURES, ("son_la",), (Y2023,), ("programmes_projects",)))
    assert (asked.periods[0].start, asked.periods[0].end, asked.periods_carried) == \
        (date(2023, 1, 1), date(2023, 12, 31), False)


def test_comparing_two_periods_of_a_place_is_a_full_question():
    briefing = Question(BRIEFING, ("can_tho",))
    asked = merge("compare", Frame(places=("vn",), periods=(Y2022, Y2023), metrics=("aid_received",)), briefing)
    assert asked == Question(COMPARE, ("vn",), (Y2022, Y2023), ("aid_received",))
    asked = merge("compare", Frame(periods=(Y2022, Y2023)), Question(FIGURES, ("vn",), (Y2023,), ("aid_disbursed",)))
    assert (asked.kind, asked.places, asked.periods) == (COMPARE, ("vn",), (Y2022, Y2023))


def test_a_ranking_that_names_its_metric_starts_fresh_but_keeps_the_place_as_a_fallback():
    compared = Question(COMPARE, ("vn",), (Y2022, Y2023), ("aid_received",))
    assert merge("rank", Frame(metrics=("foreign_ngos",)), compared) == Question(RANK, ("vn",), (), ("foreign_ngos",))


def test_the_second_half_is_of_the_conversations_year():
    second = Period(None, None, "and the second half", relative="second_half_rel")
    first_half = Period(date(2024, 1, 1), date(2024, 6, 30), "H1 2024")
    asked = merge("follow_up", Frame(periods=(second,)), Question(FIGURES, ("emulation_cluster_2",), (first_half,), ()))
    assert (asked.periods[0].start, asked.periods[0].end) == (date(2024, 7, 1), date(2024, 12, 31))


def test_money_carried_to_another_place_asks_the_aid_it_reports():
    """Vietnam reports disbursed aid, Son La committed aid: "and Son La?" asks Son La's."""
    disbursed = Question(FIGURES, ("vn",), (Y2023,), ("aid_disbursed",))
    assert merge("follow_up", Frame(places=("son_la",)), disbursed).metrics == ("aid_received",)


def test_money_named_again_for_the_same_place_stays_what_was_named():
    disbursed = Question(FIGURES, ("son_la",), (Y2023,), ("aid_committed",))
    assert merge("follow_up", Frame(metrics=("aid_disbursed",)), disbursed).metrics == ("aid_disbursed",)


def test_a_relative_period_with_nothing_to_refer_to_is_dropped():
    """"6 tháng đầu năm" with no year in the conversation: each figure's own period answers."""
    first_half = Period(None, None, "6 tháng đầu năm", relative="first_half_rel")
    question = merge("ask_count", Frame(places=("emulation_cluster_2",), periods=(first_half,),
                                        metrics=("delegations_incoming",)), None)
    assert question.periods == ()


def test_a_country_asked_among_the_partners_asks_for_their_countries():
    from actions.context import countries_among_partners
    from actions.frame import PlaceProblem

    sisters = Question(FIGURES, ("quang_nam",), (), ("sister_localities",))
    belarus = Frame(place_problems=(PlaceProblem("Belarus", "foreign", (), "BY"),), among=True)
    assert countries_among_partners(belarus, sisters) == Frame(metrics=("partner_countries",), among=True)
    # a number asked about one country ("unme Japan me kitne") stays a question about it
    assert countries_among_partners(replace(belarus, among=False), sisters) == replace(belarus, among=False)


def test_the_year_of_a_history_question_is_no_period_of_figures():
    """"What happened to Quang Nam in 2025?" dates the merger; "how much did they give?"
    asks for the figures of Quang Nam, whatever their period."""
    merger = Question(HISTORY, ("quang_nam",), (Period(date(2025, 1, 1), date(2025, 12, 31), "2025"),), ())
    assert merge("ask_aid_amount", Frame(), merger) == Question(FIGURES, ("quang_nam",), (), (), money=True)


def test_two_years_compared_are_compared_again_for_a_new_place():
    """"national figures for those 2 yrs": each year's figure is asked, not only which is higher."""
    years = Question(COMPARE, ("son_la",), (Y2023, Y2022), ("aid_received",))
    assert merge("follow_up", Frame(places=("vn",)), years) == \
        Question(COMPARE, ("vn",), (Y2023, Y2022), ("aid_received",), periods_carried=True, both_figures=True)


def test_a_new_comparison_of_years_asks_which_is_higher():
    years = Question(COMPARE, ("son_la",), (Y2023, Y2022), ("aid_received",))
    assert not merge("compare", Frame(places=("vn",), periods=(Y2023, Y2022)), years).both_figures


def test_a_follow_up_naming_nothing_with_no_question_before_it_lists_what_there_is():
    assert merge("follow_up", Frame(), None).kind == AVAILABLE


def test_a_new_place_after_two_places_compared_is_asked_alone():
    places = Question(COMPARE, ("son_la", "quang_nam"), (Y2023, Y2019), ("aid_received",))
    assert merge("follow_up", Frame(places=("can_tho",)), places).kind == FIGURES


LAST_YEAR = Period(date(2025, 1, 1), date(2025, 12, 31), "pichle sal", relative="last_year")
VN_2023 = Question(FIGURES, ("vn",), (Y2023,), ("aid_disbursed",))


def test_last_year_in_a_follow_up_is_the_year_before_the_conversations():
    assert merge("follow_up", Frame(periods=(LAST_YEAR,)), VN_2023).periods == \
        (Period(date(2022, 1, 1), date(2022, 12, 31), "pichle sal"),)


def test_last_year_with_a_place_named_is_counted_from_today():
    asked = merge("ask_aid_amount", Frame(places=("son_la",), periods=(LAST_YEAR,)), VN_2023)
    assert asked.periods == (replace(LAST_YEAR, relative=None),)


def test_last_year_with_no_year_in_the_conversation_is_counted_from_today():
    assert merge("follow_up", Frame(periods=(LAST_YEAR,)), QN_AID).periods == (replace(LAST_YEAR, relative=None),)


def test_a_member_named_among_the_last_list_asks_about_the_list():
    from actions.context import countries_among_partners
    members = Question(FIGURES, ("emulation_cluster_2",), (), ("group_members",))
    frame = countries_among_partners(Frame(places=("ha_noi",), among=True), members)
    assert merge("follow_up", frame, members) == members


CLUSTER_CONSULAR = Question(FIGURES, ("emulation_cluster_2",), (), ("consular_cases",))


def _cluster_groups(code):
    return ("emulation_cluster_2",) if code in ("ha_noi", "hai_phong") else ()


def test_a_member_asked_alone_remembers_the_group_it_was_picked_from():
    member = merge("follow_up", Frame(places=("ha_noi",)), CLUSTER_CONSULAR, _cluster_groups)
    assert member.places == ("ha_noi",) and member.within == "emulation_cluster_2"
    other_member = merge("follow_up", Frame(places=("hai_phong",)), member, _cluster_groups)
    assert other_member.within == "emulation_cluster_2"


def test_after_a_member_asked_alone_a_turn_naming_no_place_is_about_the_group():
    member = merge("follow_up", Frame(places=("ha_noi",)), CLUSTER_CONSULAR, _cluster_groups)
    after = merge("follow_up", Frame(metrics=("citizen_protection_cases",)), member, _cluster_groups)
    assert after.places == ("emulation_cluster_2",) and after.within == ""


def test_a_place_outside_the_group_remembers_no_group():
    other = merge("follow_up", Frame(places=("son_la",)), CLUSTER_CONSULAR, _cluster_groups)
    assert other.within == ""


def test_places_asked_one_after_another_are_compared_when_asked_which_is_more():
    son_la = merge("ask_count", Frame(places=("son_la",), metrics=("foreign_ngos",)), None)
    can_tho = merge("follow_up", Frame(places=("can_tho",)), son_la)
    assert can_tho.recent == ("son_la", "can_tho")
    which = merge("compare", Frame(), can_tho)
    assert which.kind == COMPARE and which.places == ("son_la", "can_tho")


def test_three_places_asked_one_after_another_are_shown_side_by_side():
    asked = merge("ask_count", Frame(places=("son_la",), metrics=("foreign_ngos",)), None)
    for place in ("quang_nam", "can_tho"):
        asked = merge("follow_up", Frame(places=(place,)), asked)
    shown = merge("compare", Frame(metrics=("programmes_projects",)), asked)
    assert shown.kind == FIGURES and shown.places == ("son_la", "quang_nam", "can_tho")
    assert shown.metrics == ("programmes_projects",)


def test_a_question_about_a_period_starts_the_run_of_places_afresh():
    son_la = merge("ask_count", Frame(places=("son_la",), metrics=("foreign_ngos",)), None)
    in_2023 = merge("follow_up", Frame(places=("can_tho",), periods=(Y2023,)), son_la)
    assert in_2023.recent == ("can_tho",)


def test_a_ratio_shows_the_figures_it_is_made_of():
    ratio = merge("follow_up", Frame(metrics=("programmes_projects",), ratio=True), QN_AID)
    assert ratio.kind == FIGURES and ratio.places == ("quang_nam",)
    assert ratio.metrics == ("programmes_projects", "aid_received")


def test_a_ratio_after_money_asked_without_a_money_word_shows_every_sum():
    money = Question(FIGURES, ("quang_nam",), (), (), money=True)
    ratio = merge("follow_up", Frame(metrics=("programmes_projects",), ratio=True), money)
    assert ratio.metrics == ("programmes_projects", "aid_received", "aid_committed", "aid_disbursed")


def test_a_ratio_with_another_place_sets_the_two_places_side_by_side():
    ngos = Question(FIGURES, ("quang_nam",), (), ("foreign_ngos",))
    ratio = merge("follow_up", Frame(places=("son_la",), metrics=("foreign_ngos",), ratio=True), ngos)
    assert ratio.kind == COMPARE and ratio.places == ("quang_nam", "son_la")


def test_both_years_after_a_change_shows_the_year_and_the_one_before():
    change = Question(FIGURES, ("vn",), (Y2023,), ("aid_change",))
    both = merge("follow_up", Frame(side_by_side=True), change)
    assert both.kind == COMPARE and both.both_figures and both.money
    assert [p.start.year for p in both.periods] == [2022, 2023]
