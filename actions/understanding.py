"""From a turn to database terms: places to unit codes, periods to dates, metric codes."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

from db.normalize import normalize_name
from i18n import periods as period_parser

from actions import metrics
from actions.question import Period
from actions.turn import Turn


@dataclass(frozen=True)
class PlaceProblem:
    text: str                         # what the user typed
    kind: str                         # "unknown" | "ambiguous"
    candidates: Tuple[str, ...] = ()  # unit codes: suggestions or the ambiguous ones


@dataclass(frozen=True)
class PlaceLookup:
    codes: Tuple[str, ...] = ()
    problems: Tuple[PlaceProblem, ...] = ()


@dataclass(frozen=True)
class PeriodLookup:
    periods: Tuple[Period, ...] = ()
    invalid: Optional[str] = None     # the text of a period that makes no sense


def _add(codes: List[str], code: str) -> None:
    if code not in codes:
        codes.append(code)


def _from_resolution(text: str, resolution, codes: List[str], problems: List[PlaceProblem]) -> None:
    candidates = tuple(c.unit_code for c in resolution.candidates)
    if resolution.status == "found":
        _add(codes, candidates[0])
    elif resolution.status == "ambiguous":
        problems.append(PlaceProblem(text, "ambiguous", candidates))
    else:
        problems.append(PlaceProblem(text, "unknown", candidates))


def find_places(turn: Turn, adb, lang: str) -> PlaceLookup:
    codes: List[str] = []
    problems: List[PlaceProblem] = []
    for entity in (e for e in turn.entities if e.name == "place"):
        if adb.unit(entity.value) is not None:      # a button payload carries the code
            _add(codes, entity.value)
            continue
        _from_resolution(entity.text, adb.resolve_place(entity.text, lang=lang), codes, problems)
    if not codes and not problems and not turn.is_payload and turn.text:
        # The NLU model missed the name: look for known places in the whole sentence.
        for resolution in adb.find_places(turn.text, lang=lang):
            if resolution.status != "unknown" and resolution.candidates:
                _from_resolution(resolution.candidates[0].matched_alias, resolution, codes, problems)
    return PlaceLookup(tuple(codes), tuple(problems))


def find_periods(turn: Turn, lang: str) -> PeriodLookup:
    texts = turn.texts("period")
    found: List[Period] = []
    try:
        for entity in (e for e in turn.entities if e.name == "period"):
            text = _with_neighbours(turn.text, entity) if entity.start is not None else entity.text
            parsed = period_parser.parse_period(text, lang) or period_parser.parse_period(entity.text, lang)
            if parsed is not None:
                found.append(Period(parsed.start, parsed.end, entity.text))
        if not texts and not turn.is_payload and turn.text:
            # The NLU model missed it: years are unambiguous enough to find anywhere
            # ("2022 vs 2023" gives two periods).
            found += [Period(p.start, p.end, "") for p in period_parser.find_periods(turn.text, lang)]
    except period_parser.InvalidPeriod as error:
        return PeriodLookup(invalid=error.text or (texts[0] if texts else turn.text))
    return PeriodLookup(tuple(found))


METRIC_WORDS_FILE = Path(__file__).resolve().parents[1] / "locale" / "metric_words.yml"


@lru_cache(maxsize=1)
def _metric_phrases() -> Tuple[Tuple[str, str], ...]:
    """(normalised phrase, metric) pairs, longest phrase first."""
    raw: Dict[str, Dict[str, List[str]]] = yaml.safe_load(METRIC_WORDS_FILE.read_text(encoding="utf-8"))
    pairs = {(normalize_name(word), metric)
             for metric, by_lang in raw.items() if metrics.known(metric)
             for words in by_lang.values() for word in words}
    return tuple(sorted((p for p in pairs if p[0]), key=lambda p: -len(p[0])))


def _with_neighbours(text: str, entity) -> str:
    """The entity's span widened by one word on each side: the NLU model sometimes tags
    "2019" in "2019 से" or "sejak 2019" without its keyword, which changes the meaning."""
    before = text[:entity.start].split()
    after = text[entity.end:].split()
    return " ".join(before[-1:] + [text[entity.start:entity.end]] + after[:1])


def find_metric(turn: Turn) -> Optional[str]:
    """The metric the NLU model tagged, else the longest known metric words in the text."""
    for value in turn.values("metric"):
        if metrics.known(value):
            return value
    if turn.is_payload or not turn.text:
        return None
    text = f" {normalize_name(turn.text)} "
    return next((metric for phrase, metric in _metric_phrases() if f" {phrase} " in text), None)


BARE_PLACE_MAX_WORDS = 5


def bare_place(turn: Turn, adb, lang: str) -> Optional[str]:
    """The unit code when the whole message is just a place name ("Hai Duong?").

    Such a message asks for the place's briefing, whatever intent the model gave
    it (a name like "Hai Duong" starts like a greeting).
    """
    if turn.is_payload or not turn.text:
        return None
    text = turn.text.strip(" ?!.,;:؟।")
    if not text or len(text.split()) > BARE_PLACE_MAX_WORDS:
        return None
    resolution = adb.resolve_place(text, lang=lang)
    return resolution.candidates[0].unit_code if resolution.status == "found" else None
