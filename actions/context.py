"""How a turn's frame and the conversation's last question make the question to answer.

- A turn that lacks a place, a metric or a period takes it from the last question;
  what the turn names replaces only that part ("and Son La?" keeps the metric and
  period; "and partners?" keeps the place; "2022 then?" keeps place and metric;
  "over which years?" names nothing and re-asks the same question).
- A new full question (a place and what to count, or a place with a question that
  needs nothing else) starts fresh: nothing is carried over.
- After "which place do you mean?" the last question is the unfinished one, so a
  bare place name completes it.
- "compare with Son La" / "and Can Tho?" after a comparison replace or add the
  second place (or period).
- Memory beyond the last question: after "and Hanoi?" following the cluster, a turn
  naming no place is about the cluster again; places asked one after another are what
  "which of the two has more?" compares.
- A ratio, share or average shows the figures it is made of (no ratio is worked out).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Callable, Optional, Sequence

from actions import metrics
from actions.frame import Frame
from i18n.periods import LAST_YEAR
from actions.question import (
    AVAILABLE, BRIEFING, COMPARE, FIGURES, HISTORY, RANK, Period, Question,
)

KIND_OF_INTENT = {
    "ask_aid_amount": FIGURES, "ask_count": FIGURES, "ask_briefing": BRIEFING, "compare": COMPARE,
    "rank": RANK, "ask_available_data": AVAILABLE, "ask_history": HISTORY,
}
FOLLOW_UP = "follow_up"
# Kinds whose question is complete with a place alone.
PLACE_IS_ENOUGH = {BRIEFING, AVAILABLE, HISTORY}


def _kind(intent: str, frame: Frame, previous: Optional[Question]) -> str:
    if intent in KIND_OF_INTENT:
        kind = KIND_OF_INTENT[intent]
        # "tell me about NGOs in Son La" is a question about NGOs; "how many cluster 2
        # members are among the top in GRDP" names its place: no ranking of places
        if (kind in PLACE_IS_ENOUGH and frame.metrics) or (kind == RANK and frame.places):
            return FIGURES
        return kind
    if previous is None:
        if not frame.names_anything:
            return AVAILABLE    # "what years do you have?" opening a conversation: what there is
        return FIGURES if frame.metrics else BRIEFING
    if frame.metrics and previous.kind in PLACE_IS_ENOUGH:
        return FIGURES
    if _years_compared(previous) and not frame.periods and len(frame.places) < 2:
        return COMPARE      # "and nationally?" after "2023 vs 2022": the same two years there
    if previous.kind == COMPARE and len(frame.places) < 2 and len(frame.periods) < 2:
        return FIGURES      # "and Can Tho?" after a comparison of places asks about Can Tho
    return previous.kind


def _years_compared(question: Question) -> bool:
    """A comparison of one place's two periods ("Son La 2023 vs 2022")."""
    return question.kind == COMPARE and len(question.periods) >= 2 and len(question.places) < 2


def _is_full(kind: str, intent: str, frame: Frame) -> bool:
    if kind == RANK and intent == "rank":
        return bool(frame.metrics)
    if intent == FOLLOW_UP or not frame.places:
        return False
    if kind in PLACE_IS_ENOUGH:
        return True
    if kind == COMPARE:
        return len(frame.places) >= 2 or (len(frame.periods) >= 2 and bool(frame.places))
    return bool(frame.metrics) or intent == "ask_aid_amount"


def _money(intent: str, frame: Frame) -> bool:
    """"How much did Son La get?" asks for money even though it names no money word."""
    return intent == "ask_aid_amount" and not frame.metrics


def _resolved(frame: Frame, previous: Optional[Question]) -> Frame:
    """"And Quang Nam that year?": the period the conversation is about; "and the year
    before / after?": a year before or after it; "and the second half?": that half of its
    year (with no period in the conversation, none: each figure's own period is stated)."""
    frame = _last_year(frame, previous)
    if not any(p.relative for p in frame.periods):
        return frame
    named = [p for p in frame.periods if not p.relative]
    base = named[0] if named else (previous.periods[0] if previous is not None and previous.periods else None)
    if base is None or (base.start is None and base.end is None):
        # "6 tháng đầu năm", "that year" with no year in the conversation: the figure's
        # own period answers (it is stated with the figure)
        return replace(frame, periods=tuple(named))

    year = (base.start or base.end).year

    def resolved(period: Period) -> Period:
        if period.relative == "year_before":
            return replace(base.shifted(-1), text=period.text)
        if period.relative == "year_after":
            return replace(base.shifted(1), text=period.text)
        if period.relative == "that_period":
            return replace(base, text=period.text)
        if period.relative == "first_half_rel":
            return Period(date(year, 1, 1), date(year, 6, 30), period.text)
        if period.relative == "second_half_rel":
            return Period(date(year, 7, 1), date(year, 12, 31), period.text)
        return period
    periods = tuple(resolved(p) for p in frame.periods if p.relative) if named else \
        tuple(resolved(p) for p in frame.periods)
    return replace(frame, periods=periods)


def _last_year(frame: Frame, previous: Optional[Question]) -> Frame:
    """"to pichle sal kitna tha?", "năm trước thì sao?" after a question about 2023: the year
    before 2023, the year the conversation is about; named with a place ("Son La last year"),
    or with no year in the conversation, the year before today."""
    if not any(p.relative == LAST_YEAR for p in frame.periods):
        return frame
    base = previous.periods[0] if previous is not None and len(previous.periods) == 1 else None
    one_year = base is not None and base.start is not None and base.end is not None \
        and base.start.year == base.end.year
    periods = tuple(
        (replace(base.shifted(-1), text=p.text) if one_year and not frame.places else replace(p, relative=None))
        if p.relative == LAST_YEAR else p for p in frame.periods)
    return replace(frame, periods=periods)


PARTNER_LISTS = ("sister_localities", "partner_countries")
MEMBER_LISTS = {"group_members"}


def countries_among_partners(frame: Frame, previous: Optional[Question]) -> Frame:
    """"Is Belarus one of them?", "ada malaysia x dlm tu" after the sister localities: a
    country named alone asks about the list of their countries, not about itself; "is
    Hanoi one of them?" after the cluster's members asks about the members, whose answer
    names them."""
    if frame.among and previous is not None and not frame.metrics and frame.places and \
            MEMBER_LISTS & set(previous.metrics):
        return replace(frame, places=(), place_problems=(), periods=())
    if not frame.among or previous is None or frame.places or frame.metrics or not frame.place_problems:
        return frame
    if not all(p.kind == "foreign" and not p.city for p in frame.place_problems):
        return frame
    if not set(previous.metrics) & set(PARTNER_LISTS):
        return frame
    return replace(frame, place_problems=(), metrics=("partner_countries",))


def merge(intent: str, frame: Frame, previous: Optional[Question],
          groups_of: Callable[[str], Sequence[str]] = lambda code: ()) -> Question:
    """`groups_of(unit code)`: the groups a unit belongs to (the database's)."""
    # "which ones?" and "compare" ask this turn for names or for each side; the next turn asks afresh
    question = _merged(intent, _resolved(frame, previous), previous)
    return replace(question, which_ones=frame.which_ones, both_figures=question.both_figures or frame.side_by_side,
                   within=_within(question, frame, previous, groups_of), recent=_recent(question, frame, previous))


MAX_RECENT = 3


def _recent(question: Question, frame: Frame, previous: Optional[Question]) -> tuple:
    """"Son La?", then "and Can Tho?": the places asked about one after another, one at a
    time, for "which of them has more?"; a question about a period, several places or
    anything but figures starts afresh."""
    if previous is None or frame.periods or len(question.places) != 1 \
            or not frame.places or question.kind != FIGURES:
        return question.places if question.kind != COMPARE else ()
    before = previous.recent or previous.places
    return tuple(dict.fromkeys(before + question.places))[-MAX_RECENT:]


def _within(question: Question, frame: Frame, previous: Optional[Question],
            groups_of: Callable[[str], Sequence[str]]) -> str:
    """"riêng Hà Nội thì sao?" after the cluster: one member asked about on its own (the
    sources give no member's share); the group it was picked from, for the next turn."""
    if previous is None or len(frame.places) != 1 or len(question.places) != 1:
        return ""
    group = previous.within or (previous.places[0] if len(previous.places) == 1 else "")
    return group if group and group in groups_of(question.places[0]) else ""


def _merged(intent: str, frame: Frame, previous: Optional[Question]) -> Question:
    if frame.unavailable and not frame.metrics:
        # "and FDI?": something no source reports, about the conversation's place
        places = frame.places or (previous.places if previous else ())
        return Question(FIGURES, places, frame.periods, (), unavailable=frame.unavailable)
    if frame.ratio and previous is not None and previous.kind == FIGURES and (
            not frame.places or set(frame.places) <= set(previous.places) or frame.metrics):
        return _parts_of_ratio(frame, previous)
    if frame.side_by_side and previous is not None and not frame.periods and not frame.places \
            and "aid_change" in previous.metrics and len(previous.periods) == 1:
        # "dono varsh ke aankde bhi" after a year's change: that year and the year before, each
        year = previous.periods[0]
        return Question(COMPARE, previous.places[:1], (year.shifted(-1), year), (), True, both_figures=True)
    kind = _kind(intent, frame, previous)
    money = _money(intent, frame)
    if previous is not None and kind == RANK and intent == "rank" and frame.metrics:
        # a new ranking; the conversation's place is kept in case nothing ranks ("how
        # many cluster members are among the top in GRDP?" is about the cluster)
        return Question(RANK, frame.places or previous.places, frame.periods, frame.metrics, money)
    if previous is None or _is_full(kind, intent, frame):
        return _checked(Question(kind, frame.places, frame.periods, frame.metrics, money))

    # "and agreements?" after "and Hanoi?" (a member of the cluster asked on its own): the cluster
    places = frame.places or ((previous.within,) if previous.within else previous.places)
    # "what happened to Quang Nam in 2025?" dates the merger; it is no period of figures
    periods = frame.periods or (previous.periods if previous.kind != HISTORY else ())
    both_figures = kind == COMPARE and _years_compared(previous) and not frame.periods
    if both_figures:
        places = frame.places[:1] or previous.places[:1]    # the same two years, somewhere else
    elif kind == COMPARE and len(frame.periods) >= 2:
        places = previous.places[:1]        # "compare 2022 and 2023" about the last place
    elif kind in (COMPARE, RANK) and not frame.places and len(previous.places) < 2 and len(previous.recent) >= 2:
        # "dono me zyada kis ke", "so sánh 3 nơi đó": the places just asked one after another
        # (more than two are shown side by side, figure by figure)
        kind, places = (COMPARE if len(previous.recent) == 2 else FIGURES), previous.recent
    elif kind == COMPARE:
        places = _second(previous.places, frame.places)
        periods = _second(previous.periods, frame.periods)

    if frame.metrics:
        asked, money = frame.metrics, False
    elif money:
        asked = ()
    elif intent == "ask_count" and (previous.money or any(m in metrics.MONEY for m in previous.metrics)):
        asked = ()          # "and how many?" after a money question: every count
    else:
        asked, money = previous.metrics, previous.money
        if "aid_change" in asked and (frame.periods or (frame.places and set(frame.places) != set(previous.places))):
            # "and in 2022?" after "how much more than the year before?": the total of 2022;
            # "son la's share of that?": Son La's aid (the change was the country's)
            asked = tuple(m for m in asked if m != "aid_change")
            money = money or not asked
    if not frame.metrics and frame.places and set(frame.places) != set(previous.places):
        asked = tuple(dict.fromkeys(metrics.carried(m) for m in asked))
    if frame.reverse and (not frame.metrics or all(
            set(metrics.family(m)) >= set(previous.metrics) for m in frame.metrics)):
        # "and the other direction?", "the other direction? delegations going overseas" after
        # incoming delegations: the opposite of the last metric (a broad word names no direction)
        asked = tuple(metrics.OPPOSITE.get(m, m) for m in (asked if not frame.metrics else previous.metrics))
    carried = not frame.periods and bool(periods) and (
        previous.periods_carried or bool(frame.places) or bool(frame.metrics))
    return _checked(Question(kind, tuple(places), tuple(periods), tuple(asked), money, carried,
                             both_figures=both_figures))


def _parts_of_ratio(frame: Frame, previous: Question) -> Question:
    """"Average per project?", "what share of the members is that?" after a figure: the
    figures the ratio is made of, this turn's metric beside the last one (the assistant
    states figures, it works out no ratio); "Son La ke NGOs se iska anupaat" sets the last
    place's figure beside another place's ("Son La's share of that?", naming no metric, is a
    question about Son La's own figure: the merge's plain rules)."""
    # each part with its own period ("what percent was the rise?" after 2022's total: the
    # 2023 rise), unless this turn names one
    periods = frame.periods
    if len(frame.places) == 1 and previous.places and frame.places[0] not in previous.places:
        return Question(COMPARE, (previous.places[0],) + frame.places, periods,
                        frame.metrics or previous.metrics, previous.money and not frame.metrics)
    # "how much did Quang Nam get?" asked for any sum of money: each of them
    before = previous.metrics or (metrics.AID if previous.money else ())
    asked = tuple(dict.fromkeys(frame.metrics + before))
    return Question(FIGURES, frame.places or previous.places, periods, asked)


def _checked(question: Question) -> Question:
    """A comparison with one side is a plain question about that side."""
    if question.kind == COMPARE and len(question.places) < 2 and len(question.periods) < 2:
        return replace(question, kind=FIGURES)
    return question


def _second(before: tuple, named: tuple) -> tuple:
    """A comparison's sides: a single new one replaces the second (or joins the first)."""
    if not named:
        return before
    if len(named) == 1 and before:
        return (before[0], named[0]) if before[0] != named[0] else before
    return named
