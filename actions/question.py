"""A question as the dialogue understands it, and how a follow-up changes it.

The last answered question is kept in the `last_question` slot as a plain dict,
so "and in Son La?" or "what about 2022?" re-asks it with one thing changed.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Dict, Optional, Tuple

# Intents whose question a follow-up can re-ask.
REASKABLE = {
    "ask_aid_amount", "ask_count", "ask_briefing", "compare", "rank",
    "ask_available_data", "ask_history",
}


@dataclass(frozen=True)
class Period:
    start: Optional[date]
    end: Optional[date]
    text: str                     # as the user typed it, for "I have nothing for <text>"

    def to_dict(self) -> Dict[str, Any]:
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "text": self.text,
        }

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
    intent: str
    places: Tuple[str, ...] = ()          # unit codes
    periods: Tuple[Period, ...] = ()
    metric: Optional[str] = None

    def to_slot(self) -> Dict[str, Any]:
        return {
            "intent": self.intent,
            "places": list(self.places),
            "periods": [p.to_dict() for p in self.periods],
            "metric": self.metric,
        }

    @staticmethod
    def from_slot(raw: Any) -> Optional["Question"]:
        if not isinstance(raw, dict) or raw.get("intent") not in REASKABLE:
            return None
        places = tuple(p for p in raw.get("places") or [] if isinstance(p, str))
        periods = tuple(
            p for p in (Period.from_dict(x) for x in raw.get("periods") or []) if p
        )
        metric = raw.get("metric") if isinstance(raw.get("metric"), str) else None
        return Question(raw["intent"], places, periods, metric)

    def follow_up(self, places: Tuple[str, ...], periods: Tuple[Period, ...],
                  metric: Optional[str]) -> "Question":
        """The same question with whatever the follow-up names replaced."""
        changed = self
        if places:
            # "and Son La?" after a comparison replaces the second place only.
            if self.intent == "compare" and len(self.places) == 2 and len(places) == 1:
                places = (self.places[0], places[0])
            changed = replace(changed, places=places)
        if periods:
            if self.intent == "compare" and len(self.periods) == 2 and len(periods) == 1:
                periods = (self.periods[0], periods[0])
            changed = replace(changed, periods=periods)
        if metric:
            changed = replace(changed, metric=metric)
        return changed
