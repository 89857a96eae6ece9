"""MetricExtractor: what a question counts ("NGOs", "funding", "đoàn ra", "wafood").

Words and phrases per metric and language are data (locale/metric_words.yml);
the longest phrase wins, so "NGO funding" is money and "aid projects" projects.
Entities: value = metric code.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable, List, Tuple

import yaml
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from db.vocabulary import METRICS
from nlu.base import RuleComponent, entities, is_payload, replace_entities
from nlu.lexicon import Match, PhraseMatcher
from nlu.text import LOCALE_DIR

METRIC_WORDS_FILE = LOCALE_DIR / "metric_words.yml"
NOT_A_METRIC = "_not_metrics"


def load_metric_words(path: Path = METRIC_WORDS_FILE) -> List[Tuple[str, str]]:
    """(phrase, metric code) pairs; unknown metric codes are an error."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    pairs = []
    for metric, by_lang in data.items():
        if metric != NOT_A_METRIC and metric not in METRICS:
            raise ValueError(f"{path}: unknown metric {metric!r}")
        for words in (by_lang or {}).values():
            pairs += [(str(word), metric) for word in words or []]
    return pairs


@lru_cache(maxsize=1)
def metric_matcher() -> PhraseMatcher:
    return PhraseMatcher(load_metric_words())


def find_metrics(text: str, skip: Iterable[Tuple[int, int]] = ()) -> List[Match]:
    return [m for m in metric_matcher().find(text, list(skip)) if m.label != NOT_A_METRIC]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class MetricExtractor(RuleComponent):
    def process_message(self, message: Message) -> None:
        if is_payload(message):
            return
        places = [(e["start"], e["end"]) for e in entities(message, "place")
                  if e.get("start") is not None and e.get("status") == "found"]
        found = [{"entity": "metric", "start": m.start, "end": m.end, "value": m.label,
                  "text": message.get(TEXT)[m.start:m.end], "extractor": "MetricExtractor"}
                 for m in find_metrics(message.get(TEXT), places)]
        replace_entities(message, "metric", found)
