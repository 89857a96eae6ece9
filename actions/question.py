"""A question as the dialogue understands it, kept between turns.

The last question is kept in the `last_question` slot as a plain dict, so a
follow-up ("and in Son La?", "2022 then?", "and partners?") re-asks it with only
what the new turn names replaced (actions.context).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Dict, Optional, Tuple

# Kinds of question, each answered by one module of actions.answers.
FIGURES, BRIEFING, COMPARE, RANK, AVAILABLE, HISTORY = (
    "figures", "briefing", "compare", "rank", "available", "history")
KINDS = (FIGURES, BRIEFING, COMPARE, RANK, AVAILABLE, HISTORY)


@dataclass(frozen=True)
class Period:
    start: Optional[date]
    end: Optional[date]
    text: str                     # as the user typed it, for "I have nothing for <text>"
    relative: Optional[str] = None  # i18n.periods.RELATIVE_KINDS: dates come from the conversation

    def shifted(self, years: int) -> "Period":
        """The same stretch of time some years earlier or later (2023 -> 2022)."""
        def move(day):
            return day.replace(year=day.year + years, day=min(day.day, 28 if day.month == 2 else day.day)) if day else None
        return Period(move(self.start), move(self.end), self.text)

    def to_dict(self) -> Dict[str, Any]:
        return {"start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None, "text": self.text}

    @staticmethod
    def from_dict(raw: Any) -> Optional["Period"]:
        if not isinstance(raw, dict):
            return None
        try:
            start = date.fromisoformat(raw["start"]) if raw.get("start") else None
            end = date.fromisoformat(raw["end"]) if raw.get("end") else None
        except (TypeError, ValueError):
            return None
        return Period(start=start, end=end, text=str(raw.get("text") or ""))


@dataclass(frozen=True)
class Question:
    kind: str
    places: Tuple[str, ...] = ()          # unit codes
    periods: Tuple[Period, ...] = ()
    metrics: Tuple[str, ...] = ()         # metric codes; empty = any (or money, below)
    money: bool = False                   # "how much did X get?": money, whatever the metric
    periods_carried: bool = False         # the periods come from an earlier question about
                                          # another place or metric: a hint, not a condition
    unavailable: str = ""                 # asked about something no source reports ("FDI")
    which_ones: bool = False              # "which ones are they?": names, which not every figure has
    both_figures: bool = False            # "national figures for those 2 yrs": this turn asks for
                                          # each period's figure, not which is higher
    # Memory of the conversation, not part of the question (equal questions compare equal):
    # `recent`, the places of this run of follow-ups that changed only the place (at most 3):
    # "which of them has more?" compares them; `within`, after "and Hanoi?" following the
    # cluster, the group the one place was picked from: a next turn naming no place is about
    # the group again.
    recent: Tuple[str, ...] = field(default=(), compare=False)
    within: str = field(default="", compare=False)

    def to_slot(self) -> Dict[str, Any]:
        return {"kind": self.kind, "places": list(self.places),
                "periods": [p.to_dict() for p in self.periods],
                "metrics": list(self.metrics), "money": self.money, "periods_carried": self.periods_carried,
                "unavailable": self.unavailable, "which_ones": self.which_ones, "within": self.within,
                "recent": list(self.recent)}

    @staticmethod
    def from_slot(raw: Any) -> Optional["Question"]:
        if not isinstance(raw, dict) or raw.get("kind") not in KINDS:
            return None
        places = tuple(p for p in raw.get("places") or [] if isinstance(p, str))
        periods = tuple(p for p in (Period.from_dict(x) for x in raw.get("periods") or []) if p)
        metrics = tuple(m for m in raw.get("metrics") or [] if isinstance(m, str))
        unavailable = raw.get("unavailable") if isinstance(raw.get("unavailable"), str) else ""
        within = raw.get("within") if isinstance(raw.get("within"), str) else ""
        return Question(raw["kind"], places, periods, metrics, bool(raw.get("money")),
                        bool(raw.get("periods_carried")), unavailable, bool(raw.get("which_ones")),
                        within=within, recent=tuple(p for p in raw.get("recent") or [] if isinstance(p, str)))
