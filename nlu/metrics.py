"""MetricExtractor: what a question counts ("NGOs", "funding", "đoàn ra", "wafood").

Words and phrases per metric and language are data (locale/metric_words.yml);
the longest phrase wins, so "NGO funding" is money and "aid projects" projects.
Entities: value = metric code.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, List, Set, Tuple

import yaml
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from db.vocabulary import METRICS
from nlu.base import RuleComponent, entities, is_payload, replace_entities
from nlu.lexicon import Match, PhraseMatcher
from nlu.text import LOCALE_DIR, fold

METRIC_WORDS_FILE = LOCALE_DIR / "metric_words.yml"
NOT_A_METRIC = "_not_metrics"
REVERSE = "_reverse"            # "and the other direction?"
UNAVAILABLE = "_unavailable"    # "FDI": asked about, never reported by the sources
NARROWER, DESCRIBED, DONORS, AMBIGUOUS = "_narrower", "_described", "_donors", "_ambiguous"
CURRENCIES = "_currencies"
RELATIONS = (NARROWER, DESCRIBED, DONORS, AMBIGUOUS, CURRENCIES)
CUES = (NOT_A_METRIC, REVERSE, UNAVAILABLE)


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for key in data:
        if key not in (*CUES, *RELATIONS) and key not in METRICS:
            raise ValueError(f"{path}: unknown metric {key!r}")
    for section in (NARROWER, DESCRIBED):
        for key, listed in (data.get(section) or {}).items():
            unknown = [m for m in [key, *listed] if m not in METRICS]
            if unknown:
                raise ValueError(f"{path}: {section}: unknown metrics {unknown}")
    return data


def load_metric_words(path: Path = METRIC_WORDS_FILE) -> List[Tuple[str, str]]:
    """(phrase, metric code) pairs; unknown metric codes are an error."""
    pairs = []
    for metric, by_lang in _load(path).items():
        if metric in RELATIONS:
            continue
        for words in (by_lang or {}).values():
            pairs += [(str(word), metric) for word in words or []]
    return pairs


@dataclass(frozen=True)
class MetricRelations:
    narrower: Dict[str, Set[str]]       # broad metric -> narrower ones
    described: Dict[str, Set[str]]      # metric -> metrics that only describe it
    donors: Set[str]                    # name who gives in a question about an amount
    ambiguous: Set[str]                 # folded words that also mean "help" or "thanks"
    currencies: Set[str]                # folded money words that name a currency ("dollars me")


@lru_cache(maxsize=1)
def metric_relations(path: Path = METRIC_WORDS_FILE) -> MetricRelations:
    data = _load(path)
    return MetricRelations({k: set(v) for k, v in (data.get(NARROWER) or {}).items()},
                           {k: set(v) for k, v in (data.get(DESCRIBED) or {}).items()},
                           set(data.get(DONORS) or ()),
                           {fold(w) for w in data.get(AMBIGUOUS) or ()},
                           {fold(w) for w in data.get(CURRENCIES) or ()})


@lru_cache(maxsize=1)
def metric_matcher() -> PhraseMatcher:
    return PhraseMatcher(load_metric_words())


def find_metrics(text: str, skip: Iterable[Tuple[int, int]] = ()) -> List[Match]:
    return [m for m in metric_matcher().find(text, list(skip)) if m.label not in CUES]


def _capitalised_name(text: str, place: dict) -> bool:
    """"Phu Lang", "Kota Kinabalu": a place nobody knows, typed as a name of two or more
    capitalised words, holds no metric word ("làng" is a village, "Lang" part of a name)."""
    typed = text[place["start"]:place["end"]].split()
    return place.get("status") in ("unknown", "foreign") and len(typed) >= 2 and all(w[:1].isupper() for w in typed)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class MetricExtractor(RuleComponent):
    def process_message(self, message: Message) -> None:
        if is_payload(message):
            return
        text = message.get(TEXT)
        places = [(e["start"], e["end"]) for e in entities(message, "place")
                  if e.get("start") is not None and (e.get("status") == "found" or _capitalised_name(text, e))]
        found = [{"entity": "metric", "start": m.start, "end": m.end, "value": m.label,
                  "text": text[m.start:m.end], "extractor": "MetricExtractor"}
                 for m in find_metrics(text, places)]
        replace_entities(message, "metric", found)
        cues = [m for m in metric_matcher().find(text, places) if m.label in (REVERSE, UNAVAILABLE)]
        replace_entities(message, "direction", [
            {"entity": "direction", "start": m.start, "end": m.end, "value": "reverse",
             "text": text[m.start:m.end], "extractor": "MetricExtractor"} for m in cues if m.label == REVERSE])
        replace_entities(message, "unavailable", [
            {"entity": "unavailable", "start": m.start, "end": m.end, "value": text[m.start:m.end],
             "text": text[m.start:m.end], "extractor": "MetricExtractor"} for m in cues if m.label == UNAVAILABLE])
