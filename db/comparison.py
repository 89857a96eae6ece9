"""Can two reported figures be put in order, and which way? The one rule of the project.

A stated figure is not a number but a statement about a number: "more than 40",
"about 150 - 250", "nearly 4.9 million". Each qualifier is read as the interval
of true values it allows (v = the stated value; low-high = a stated range):

    exact       [v, v]           a plain range low-high -> [low, high]
    about       [v*0.9, v*1.1]   a range -> [low*0.9, high*1.1]
    more_than   (v, inf)
    at_least    [v, inf)
    nearly      [v*0.9, v)
    less_than   [0, v)

Two figures can be ordered only when

1. they measure the same thing: same metric and same unit of measure (USD is
   never compared with VND, a count never with money);
2. over the same period: equal start, end and period kind, or both are yearly
   rates (`per_year`, compared as rates whatever years they are stated for).
   Two figures whose source gives no period (kind `unspecified`, no dates) have
   equal periods by this rule; the dialogue must still say the period is not stated.
   When two DIFFERENT periods were asked (compare_periods: 2023 against 2022), each
   figure must be a figure for its own asked period instead (stored period exactly
   the asked one; a stock `as_of` a day may lie inside it), and the two periods must
   be alike: same kind and same length (whole months, else days; never open-ended),
   so a year is compared with a year, never with six months or with 2019-2024;
   yearly rates are compared as rates here too;
3. and their intervals do not overlap (an end point shared by two closed ends is
   an overlap). "more than 40" vs 77 overlap; "more than 228.7 million" vs
   "more than 223.8 million" overlap; two exact equal values are `equal`.

`difference` (left - right) is given only when both figures are single exact values.

The function is pure: it reads attributes of two figure-like objects (db.records.Figure)
and touches no database, so db.api computes every Comparison's verdict with it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Optional

from db.period_relation import relation

ORDERS = ("left_higher", "right_higher", "equal")
REASONS = ("missing_left", "missing_right", "same_figure", "different_metric", "different_unit",
           "different_periods", "uncertain_qualifiers")

ABOUT_MARGIN = Decimal("0.1")    # "about v" may be 10 % either side
NEARLY_MARGIN = Decimal("0.1")   # "nearly v" is at most 10 % below v


@dataclass(frozen=True)
class Interval:
    """Possible true values; None = unbounded on that side."""
    low: Optional[Decimal]
    low_closed: bool
    high: Optional[Decimal]
    high_closed: bool

    @property
    def is_point(self) -> bool:
        return self.low is not None and self.low == self.high and self.low_closed and self.high_closed


@dataclass(frozen=True)
class Verdict:
    comparable: bool                # True only when the order is certain
    order: Optional[str]            # "left_higher" | "right_higher" | "equal" | None
    reason: Optional[str]           # why not comparable (a REASONS code), None when comparable
    difference: Optional[Decimal]   # left - right, only when both are single exact values


def value_interval(value_low: Decimal, value_high: Optional[Decimal], qualifier: str) -> Interval:
    """The interval of true values a stated (value, qualifier) allows."""
    low = Decimal(value_low)
    high = Decimal(value_high) if value_high is not None else low
    if qualifier == "exact":
        return Interval(low, True, high, True)
    if qualifier == "about":
        ends = (low * (1 - ABOUT_MARGIN), low * (1 + ABOUT_MARGIN),
                high * (1 - ABOUT_MARGIN), high * (1 + ABOUT_MARGIN))
        return Interval(min(ends), True, max(ends), True)
    if qualifier == "more_than":
        return Interval(low, False, None, False)
    if qualifier == "at_least":
        return Interval(low, True, None, False)
    if qualifier == "nearly":
        if high > 0:
            return Interval(low * (1 - NEARLY_MARGIN), True, high, False)
        # "nearly -10" (a decrease of nearly 10): a little less in size, i.e. above -10
        return Interval(low, False, high * (1 - NEARLY_MARGIN), True)
    if qualifier == "less_than":
        if high > 0:
            return Interval(Decimal(0), True, high, False)
        return Interval(None, False, high, False)
    raise ValueError(f"unknown qualifier {qualifier!r}")


def _entirely_above(a: Interval, b: Interval) -> bool:
    """Every value a allows is greater than every value b allows."""
    if a.low is None or b.high is None:
        return False
    return a.low > b.high or (a.low == b.high and not (a.low_closed and b.high_closed))


def same_period(left, right) -> bool:
    """Equal start, end and kind, or both yearly rates."""
    if left.period_kind == "per_year" and right.period_kind == "per_year":
        return True
    return ((left.period_start, left.period_end, left.period_kind)
            == (right.period_start, right.period_end, right.period_kind))


def _length(start: Optional[date], end: Optional[date]):
    """("months", n) for a run of whole calendar months, else ("days", n); None if open."""
    if start is None or end is None:
        return None
    if start.day == 1 and (end + timedelta(days=1)).day == 1:
        return "months", (end.year - start.year) * 12 + end.month - start.month + 1
    return "days", (end - start).days + 1


def _for_asked_period(figure, asked) -> bool:
    rel = relation(figure.period_start, figure.period_end, figure.period_kind, asked)
    return rel == "exact" or (figure.period_kind == "as_of" and rel == "inside")


def alike_periods(left, right, left_asked, right_asked) -> bool:
    """Figures for two different asked periods: each is a figure for its own period, and
    the periods are alike (same kind and length), or both are yearly rates."""
    if left.period_kind == "per_year" and right.period_kind == "per_year":
        return True
    if left.period_kind != right.period_kind or left.period_kind not in ("range", "as_of"):
        return False
    if not (_for_asked_period(left, left_asked) and _for_asked_period(right, right_asked)):
        return False
    if left.period_kind == "as_of":
        return True
    length = _length(left.period_start, left.period_end)
    return length is not None and length == _length(right.period_start, right.period_end)


def _figure_interval(figure) -> Interval:
    return value_interval(figure.value_low, figure.value_high, figure.qualifier)


def _is_exact_value(figure) -> bool:
    return figure.qualifier == "exact" and figure.value_high is None


def _not_comparable(reason: str) -> Verdict:
    return Verdict(comparable=False, order=None, reason=reason, difference=None)


def compare_figures(left, right, left_period=None, right_period=None) -> Verdict:
    """Verdict on `left` against `right` (figure-like objects, either may be None).

    `left_period` / `right_period`: the periods asked for each side (db.records.PeriodQuery)
    when two different periods are compared; otherwise (None, or the same period) the
    figures' own periods must be equal."""
    if left is None:
        return _not_comparable("missing_left")
    if right is None:
        return _not_comparable("missing_right")
    if left.id == right.id:
        return _not_comparable("same_figure")
    if left.metric != right.metric:
        return _not_comparable("different_metric")
    if left.unit != right.unit:
        return _not_comparable("different_unit")
    across = left_period is not None and right_period is not None and left_period != right_period
    if not (alike_periods(left, right, left_period, right_period) if across else same_period(left, right)):
        return _not_comparable("different_periods")
    li, ri = _figure_interval(left), _figure_interval(right)
    if _entirely_above(li, ri):
        order = "left_higher"
    elif _entirely_above(ri, li):
        order = "right_higher"
    elif li.is_point and ri.is_point and li.low == ri.low:
        order = "equal"
    else:
        return _not_comparable("uncertain_qualifiers")
    difference = left.value_low - right.value_low if _is_exact_value(left) and _is_exact_value(right) else None
    return Verdict(comparable=True, order=order, reason=None, difference=difference)


__all__ = ["Interval", "Verdict", "alike_periods", "compare_figures", "same_period", "value_interval",
           "ORDERS", "REASONS"]
