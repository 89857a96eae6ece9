"""db.comparison: when two figures can be put in order (pure function, no database)."""
from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from db.comparison import Interval, Verdict, compare_figures, same_period, value_interval
from db.records import Figure

QUALIFIERS = ("exact", "about", "more_than", "nearly", "at_least", "less_than")
Y2023 = dict(period_start=date(2023, 1, 1), period_end=date(2023, 12, 31), period_kind="range")


def fig(fid="a", value="100", qualifier="exact", high=None, metric="aid_received", unit="USD", **period):
    period = period or Y2023
    return Figure(id=fid, unit_code="son_la", metric=metric, value_low=Decimal(value),
                  value_high=Decimal(high) if high is not None else None, qualifier=qualifier, unit=unit,
                  scale_note=None, derived=False, derivation=None,
                  **{"period_start": None, "period_end": None, **period})


def pair(lq, lv, rq, rv, lh=None, rh=None):
    return compare_figures(fig("left", lv, lq, lh), fig("right", rv, rq, rh))


# --- intervals ---------------------------------------------------------------------------

D = Decimal


@pytest.mark.parametrize("value,high,qualifier,interval", [
    ("77", None, "exact", Interval(D(77), True, D(77), True)),
    ("150", "250", "exact", Interval(D(150), True, D(250), True)),
    ("100", None, "about", Interval(D(90), True, D(110), True)),
    ("150", "250", "about", Interval(D(135), True, D(275), True)),
    ("40", None, "more_than", Interval(D(40), False, None, False)),
    ("40", None, "at_least", Interval(D(40), True, None, False)),
    ("4900000", None, "nearly", Interval(D(4410000), True, D(4900000), False)),
    ("10", None, "less_than", Interval(D(0), True, D(10), False)),
])
def test_value_interval(value, high, qualifier, interval):
    got = value_interval(D(value), D(high) if high else None, qualifier)
    assert (got.low, got.low_closed, got.high, got.high_closed) == (
        interval.low, interval.low_closed, interval.high, interval.high_closed)


def test_unknown_qualifier_is_an_error():
    with pytest.raises(ValueError):
        value_interval(D(1), None, "roughly")


# --- every qualifier pair ------------------------------------------------------------------
# Rows: left qualifier, columns: right qualifier, both in QUALIFIERS order.
# L = left_higher, R = right_higher, = = equal, ? = not comparable (uncertain_qualifiers).

FAR_APART = """
exact      L L ? L ? L
about      L L ? L ? L
more_than  L L ? L ? L
nearly     L L ? L ? L
at_least   L L ? L ? L
less_than  ? ? ? ? ? ?
"""  # left stated as 1000, right as 10: only an unbounded right or a left that may be 0 stops it

SAME_VALUE = """
exact      = ? R L ? L
about      ? ? ? ? ? ?
more_than  L ? ? L ? L
nearly     R ? R ? R ?
at_least   ? ? ? L ? L
less_than  R ? R ? R ?
"""  # both stated as 100

SYMBOL = {"L": "left_higher", "R": "right_higher", "=": "equal", "?": None}


def _matrix(text):
    rows = {}
    for line in text.strip().splitlines():
        name, *cells = line.split()
        rows[name] = dict(zip(QUALIFIERS, (SYMBOL[c] for c in cells)))
    assert list(rows) == list(QUALIFIERS) and all(len(r) == 6 for r in rows.values())
    return rows


def _check(verdict: Verdict, expected_order):
    assert verdict.order == expected_order, verdict
    assert verdict.comparable is (expected_order is not None)
    assert verdict.reason == (None if expected_order else "uncertain_qualifiers")


PAIRS = [(lq, rq) for lq in QUALIFIERS for rq in QUALIFIERS]


@pytest.mark.parametrize("lq,rq", PAIRS, ids=[f"{l}-{r}" for l, r in PAIRS])
def test_far_apart_values(lq, rq):
    expected = _matrix(FAR_APART)[lq][rq]
    _check(pair(lq, "1000", rq, "10"), expected)
    # the same pair the other way round gives the mirrored answer
    mirrored = {"left_higher": "right_higher", None: None}[expected]
    _check(pair(rq, "10", lq, "1000"), mirrored)


@pytest.mark.parametrize("lq,rq", PAIRS, ids=[f"{l}-{r}" for l, r in PAIRS])
def test_same_stated_value(lq, rq):
    _check(pair(lq, "100", rq, "100"), _matrix(SAME_VALUE)[lq][rq])


@pytest.mark.parametrize("lq,rq", PAIRS, ids=[f"{l}-{r}" for l, r in PAIRS])
def test_overlapping_values_are_never_ordered_unless_bounds_separate_them(lq, rq):
    """105 and 100: within 10 %, so 'about' on either side overlaps the other."""
    verdict = pair(lq, "105", rq, "100")
    if "about" in (lq, rq):
        _check(verdict, None)
    elif lq == rq == "exact":
        _check(verdict, "left_higher")


@pytest.mark.parametrize("left,right,order", [
    (("more_than", "40"), ("exact", "77"), None),                       # more than 40 may be 80
    (("more_than", "228700000"), ("more_than", "223800000"), None),    # both open above
    (("exact", "10000000"), ("nearly", "4900000"), "left_higher"),
    (("nearly", "4900000"), ("exact", "3000000"), "left_higher"),      # nearly 4.9 M >= 4.41 M
    (("nearly", "4900000"), ("exact", "4500000"), None),               # 4.41 M .. 4.9 M holds 4.5 M
    (("about", "100"), ("exact", "111"), "right_higher"),               # 90..110 < 111
    (("about", "100"), ("exact", "110"), None),                         # 110 is possible on both sides
    (("more_than", "40"), ("exact", "40"), "left_higher"),              # open end: above 40
    (("at_least", "40"), ("exact", "40"), None),                        # 40 itself is possible
    (("less_than", "40"), ("exact", "40"), "right_higher"),
    (("exact", "0"), ("less_than", "1"), None),                         # 0 is possible for "less than 1"
])
def test_examples(left, right, order):
    _check(pair(left[0], left[1], right[0], right[1]), order)


def test_ranges():
    # 150-250 against 300 / 200 / 100
    _check(pair("exact", "150", "exact", "300", lh="250"), "right_higher")
    _check(pair("exact", "150", "exact", "200", lh="250"), None)
    _check(pair("exact", "150", "exact", "100", lh="250"), "left_higher")
    # about 150-250 reaches 275 and comes down to 135
    _check(pair("about", "150", "exact", "270", lh="250"), None)
    _check(pair("about", "150", "exact", "276", lh="250"), "right_higher")
    _check(pair("about", "150", "exact", "136", lh="250"), None)
    _check(pair("about", "150", "exact", "134", lh="250"), "left_higher")
    # two ranges that touch at a closed end overlap
    _check(pair("exact", "1", "exact", "3", lh="3", rh="5"), None)
    # identical ranges are not known to be equal
    _check(pair("exact", "150", "exact", "150", lh="250", rh="250"), None)


# --- difference -------------------------------------------------------------------------------

def test_difference_only_between_exact_single_values():
    assert pair("exact", "10000000", "exact", "4900000").difference == Decimal("5100000")
    assert pair("exact", "7", "exact", "7").difference == Decimal("0")
    assert pair("exact", "10000000", "nearly", "4900000").difference is None      # ordered, but not exact
    assert pair("more_than", "40", "exact", "40").difference is None
    assert pair("exact", "300", "exact", "150", rh="250").difference is None     # a range is not a value
    assert pair("about", "100", "exact", "111").difference is None


def test_difference_keeps_decimal_precision():
    assert pair("exact", "228.7", "exact", "4.9").difference == Decimal("223.8")


# --- what is compared -------------------------------------------------------------------------

def test_missing_and_same_figure():
    one = fig("one")
    assert compare_figures(None, one).reason == "missing_left"
    assert compare_figures(one, None).reason == "missing_right"
    assert compare_figures(None, None).reason == "missing_left"
    verdict = compare_figures(one, one)
    assert (verdict.comparable, verdict.order, verdict.reason, verdict.difference) == (
        False, None, "same_figure", None)


def test_different_metric_and_unit():
    assert compare_figures(fig("a"), fig("b", metric="aid_committed")).reason == "different_metric"
    # USD against VND: never, whatever the numbers
    verdict = compare_figures(fig("a", "43000000"), fig("b", "1000000000000", unit="VND"))
    assert (verdict.comparable, verdict.order, verdict.reason) == (False, None, "different_unit")
    assert compare_figures(fig("a", metric="mous", unit="count"),
                           fig("b", metric="mous", unit="USD")).reason == "different_unit"


def test_verdict_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        pair("exact", "1", "exact", "2").order = "equal"


# --- every period relation -----------------------------------------------------------------------

D2022 = dict(period_start=date(2022, 1, 1), period_end=date(2022, 12, 31), period_kind="range")
D2023 = Y2023
QN_2019_2024 = dict(period_start=date(2019, 1, 1), period_end=date(2024, 10, 31), period_kind="range")
H1_2023 = dict(period_start=date(2023, 1, 1), period_end=date(2023, 6, 30), period_kind="range")
MID_2023_2024 = dict(period_start=date(2023, 7, 1), period_end=date(2024, 6, 30), period_kind="range")
SINCE_2019 = dict(period_start=date(2019, 1, 1), period_end=None, period_kind="range")
ASOF_APR = dict(period_start=date(2024, 4, 12), period_end=date(2024, 4, 12), period_kind="as_of")
ASOF_JUN = dict(period_start=None, period_end=date(2024, 6, 30), period_kind="as_of")
RANGE_APR = dict(period_start=date(2024, 4, 12), period_end=date(2024, 4, 12), period_kind="range")
PER_YEAR = dict(period_start=None, period_end=None, period_kind="per_year")
PER_YEAR_2020S = dict(period_start=date(2020, 1, 1), period_end=date(2025, 12, 31), period_kind="per_year")
UNSPECIFIED = dict(period_start=None, period_end=None, period_kind="unspecified")


@pytest.mark.parametrize("left,right,comparable", [
    (D2023, D2023, True),                   # exact: same dates and kind
    (D2023, D2022, False),                  # disjoint years (489 over 2019-2024 vs 6 in 2023 is the same case)
    (QN_2019_2024, D2023, False),           # one contains the other
    (D2023, QN_2019_2024, False),           # inside
    (H1_2023, MID_2023_2024, False),        # overlapping
    (SINCE_2019, SINCE_2019, True),         # open-ended, equal
    (SINCE_2019, QN_2019_2024, False),      # same start, one open end
    (ASOF_APR, ASOF_APR, True),             # stock on the same day
    (ASOF_APR, ASOF_JUN, False),            # stock on different days
    (ASOF_APR, RANGE_APR, False),           # same dates, different kind
    (PER_YEAR, PER_YEAR, True),             # yearly rates
    (PER_YEAR, PER_YEAR_2020S, True),       # yearly rates stated for different years: still rates
    (PER_YEAR, D2023, False),               # a rate against a total
    (PER_YEAR, UNSPECIFIED, False),
    (UNSPECIFIED, UNSPECIFIED, True),       # neither source gives a period
    (UNSPECIFIED, D2023, False),
])
def test_period_relations(left, right, comparable):
    l, r = fig("l", "1000", **left), fig("r", "10", **right)
    assert same_period(l, r) is comparable and same_period(r, l) is comparable
    verdict = compare_figures(l, r)
    if comparable:
        assert (verdict.comparable, verdict.order, verdict.difference) == (True, "left_higher", Decimal("990"))
    else:
        assert (verdict.comparable, verdict.order, verdict.reason, verdict.difference) == (
            False, None, "different_periods", None)


def test_reasons_are_checked_in_order():
    """A different metric is reported before a different unit, which comes before periods."""
    a = fig("a", metric="aid_received", unit="USD", **D2023)
    b = fig("b", metric="foreign_ngos", unit="count", **D2022)
    assert compare_figures(a, b).reason == "different_metric"
    c = fig("c", metric="aid_received", unit="VND", **D2022)
    assert compare_figures(a, c).reason == "different_unit"
    d = fig("d", "1", qualifier="more_than", **D2022)
    assert compare_figures(a, d).reason == "different_periods"


# --- two different asked periods (compare_periods) ------------------------------------------------

from db.records import PeriodQuery  # noqa: E402

Q2022 = PeriodQuery(date(2022, 1, 1), date(2022, 12, 31))
Q2023 = PeriodQuery(date(2023, 1, 1), date(2023, 12, 31))
Q2024 = PeriodQuery(date(2024, 1, 1), date(2024, 12, 31))
D2024 = dict(period_start=date(2024, 1, 1), period_end=date(2024, 12, 31), period_kind="range")  # leap year
H1_2022 = dict(period_start=date(2022, 1, 1), period_end=date(2022, 6, 30), period_kind="range")
H2_2022 = dict(period_start=date(2022, 7, 1), period_end=date(2022, 12, 31), period_kind="range")
ASOF_MAR_2023 = dict(period_start=date(2023, 3, 1), period_end=date(2023, 3, 1), period_kind="as_of")
Q_H1_2022 = PeriodQuery(date(2022, 1, 1), date(2022, 6, 30))
Q_H2_2022 = PeriodQuery(date(2022, 7, 1), date(2022, 12, 31))
Q_SINCE_2019 = PeriodQuery(date(2019, 1, 1), None)
Q_SINCE_2020 = PeriodQuery(date(2020, 1, 1), None)
SINCE_2020 = dict(period_start=date(2020, 1, 1), period_end=None, period_kind="range")


@pytest.mark.parametrize("left,left_asked,right,right_asked,comparable", [
    (D2023, Q2023, D2022, Q2022, True),              # a year against a year
    (D2024, Q2024, D2023, Q2023, True),              # 366 days against 365: both twelve months
    (H1_2022, Q_H1_2022, H2_2022, Q_H2_2022, True),  # six months against six months (181 vs 184 days)
    (D2023, Q2023, QN_2019_2024, Q2022, False),      # 2019-2024 only contains 2022: not a 2022 figure
    (H1_2023, Q2023, D2022, Q2022, False),           # half a year inside 2023 against a whole year
    (D2023, Q2023, H1_2022, Q_H1_2022, False),       # exact each, but a year against six months
    (ASOF_APR, Q2024, ASOF_MAR_2023, Q2023, True),   # stocks counted on a day in each asked year
    (ASOF_APR, Q2024, D2023, Q2023, False),          # a stock against a total
    (PER_YEAR, Q2024, PER_YEAR_2020S, Q2023, True),  # yearly rates
    (UNSPECIFIED, Q2024, UNSPECIFIED, Q2023, False), # no period stated: not a figure for either year
    (SINCE_2019, Q_SINCE_2019, SINCE_2020, Q_SINCE_2020, False),   # open-ended: lengths unknown
])
def test_different_asked_periods(left, left_asked, right, right_asked, comparable):
    verdict = compare_figures(fig("l", "1000", **left), fig("r", "10", **right), left_asked, right_asked)
    assert verdict.comparable is comparable, verdict
    assert verdict.reason == (None if comparable else "different_periods")
    # without the asked periods the stored periods must be equal (they are not here)
    if left != right:
        plain = compare_figures(fig("l", "1000", **left), fig("r", "10", **right))
        assert plain.comparable is (left["period_kind"] == right["period_kind"] == "per_year")


def test_same_asked_period_uses_the_same_period_rule():
    same = compare_figures(fig("l", "1000", **D2023), fig("r", "10", **D2023), Q2023, Q2023)
    assert same.comparable and same.order == "left_higher"
    other = compare_figures(fig("l", "1000", **D2023), fig("r", "10", **QN_2019_2024), Q2023, Q2023)
    assert other.reason == "different_periods"


def test_qualifiers_still_decide_across_periods():
    """Vietnam 2022 (more than 223.8 M) against 2023 (more than 228.7 M): both open above."""
    v2022 = fig("v2022", "223800000", "more_than", **D2022)
    v2023 = fig("v2023", "228700000", "more_than", **D2023)
    verdict = compare_figures(v2023, v2022, Q2023, Q2022)
    assert (verdict.comparable, verdict.order, verdict.reason) == (False, None, "uncertain_qualifiers")
