"""How stored periods answer asked ones, and how asked periods are put into words."""
from __future__ import annotations

from typing import Optional

from db.api import PeriodQuery
from i18n import formatting

from actions.question import Period

# How a stored period relates to the asked one (db.period_relation).
ANSWERS = {"exact", "any"}
LONGER_OR_OVERLAPPING = {"contains", "overlapping"}
# A figure for part of the asked period answers it when it covers nearly all of it
# (2019 – 31 Oct 2024 for "2019–2024"), not when it covers half ("first half of 2024"
# for "2024").
MIN_COVERAGE = 0.8


def query(period: Optional[Period]) -> Optional[PeriodQuery]:
    return PeriodQuery(period.start, period.end) if period else None


def _coverage(figure, period: Period) -> float:
    if period.start is None or period.end is None or figure.period_start is None or figure.period_end is None:
        return 1.0      # an open-ended question ("since 2019") is answered by any figure inside it
    asked = (period.end - period.start).days + 1
    return ((figure.period_end - figure.period_start).days + 1) / asked if asked > 0 else 1.0


def answers(match, period: Optional[Period]) -> bool:
    """A figure answers the asked period when it is for that period (or nearly all of
    it); a stated yearly rate answers a question about any year it covers."""
    if match.relation in ANSWERS:
        return True
    if match.relation == "inside":
        return period is None or _coverage(match.figure, period) >= MIN_COVERAGE
    return match.figure.period_kind == "per_year" and match.relation == "contains"


def covers_part(match, period: Optional[Period]) -> bool:
    return match.relation == "inside" and not answers(match, period)


def _date_words(ctx, day, year_boundary: tuple) -> str:
    """A year alone when the date is the year's first/last day (as the user said it)."""
    if (day.month, day.day) == year_boundary:
        return str(day.year)       # years are never digit-grouped
    return formatting.format_date(day, ctx.lang)


def words(ctx, period: Period) -> str:
    if period.start and period.end:
        return formatting.format_period(period.start, period.end, "range", ctx.lang)
    if period.start:
        return ctx.gettext("since {date}", date=_date_words(ctx, period.start, (1, 1)))
    if period.end:
        return ctx.gettext("until {date}", date=_date_words(ctx, period.end, (12, 31)))
    return period.text
