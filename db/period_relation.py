"""How a stored figure's period relates to an asked period.

Relations (of the STORED period to the ASKED one), as in docs/design.md:
  exact        same start and same end (open ends equal open ends)
  inside       stored lies within asked ("2023" asked "2019-2024")
  contains     stored covers more than asked ("2019-Oct 2024" asked "2023")
  overlapping  they share some days but neither holds the other
  none         no day in common
  any          nothing was asked

What a stored period means depends on its period_kind:
  range        [period_start, period_end]; an empty bound is open
               ("since 2019" has no end, "until 2024" no start).
  as_of        a stock measured on one day ("31 NGOs registered as of 12 Apr 2024"):
               the single day period_end (or period_start if only that is given).
               Asked 2024 -> inside; asked 2023 -> none (honest "no 2023 figure").
  per_year     a yearly rate ("every year about 150-250 delegations"): compared by
               the years for which the rate is stated ([start, end], open when empty).
               No new relation value is needed: asked "2023" within those years ->
               "contains" (the statement covers more than the asked year); the
               figure's period_kind tells the dialogue that the value is per year
               and must not be summed or read as a total.
  unspecified  the source gives no period; asked anything -> "overlapping"
               (it may apply, the dialogue must say the period is not stated).
"""
from __future__ import annotations

from datetime import date
from typing import Optional

from db.records import PeriodQuery

RELATIONS = ("exact", "inside", "contains", "overlapping", "none", "any")
# Preference when one answer must be picked for an asked period.
RELATION_RANK = {"exact": 0, "inside": 1, "contains": 2, "overlapping": 3, "any": 4, "none": 5}

_MIN, _MAX = date.min, date.max


def stored_interval(start: Optional[date], end: Optional[date], kind: str) -> Optional[tuple[date, date]]:
    """Closed interval the stored figure speaks about; None when unknown (unspecified)."""
    if kind == "as_of":
        day = end or start
        return (day, day) if day else None
    if kind == "unspecified" and start is None and end is None:
        return None
    return (start or _MIN, end or _MAX)


def relation(start: Optional[date], end: Optional[date], kind: str,
             asked: Optional[PeriodQuery]) -> str:
    if asked is None or asked.is_any:
        return "any"
    stored = stored_interval(start, end, kind)
    if stored is None:
        return "overlapping"
    s0, s1 = stored
    a0, a1 = asked.start or _MIN, asked.end or _MAX
    if s1 < a0 or a1 < s0:
        return "none"
    if (s0, s1) == (a0, a1):
        return "exact"
    if a0 <= s0 and s1 <= a1:
        return "inside"
    if s0 <= a0 and a1 <= s1:
        return "contains"
    return "overlapping"
