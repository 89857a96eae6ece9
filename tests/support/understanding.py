"""Runs the project's rule-based NLU components (nlu/) on a message, as Rasa would
after its classifier: the tests give the intent the classifier would have found
(and, where needed, the span its CRF would have tagged as a place)."""
from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Tuple

from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu.language_id import LanguageIdentifier
from nlu.language_names import LanguageNameExtractor
from nlu.metrics import MetricExtractor
from nlu.periods import PeriodExtractor
from nlu.places import PlaceExtractor
from nlu.router import IntentRouter

COMPONENTS = (PlaceExtractor, PeriodExtractor, LanguageIdentifier, MetricExtractor, LanguageNameExtractor,
              IntentRouter)


def parse(text: str, intent: str = "follow_up", crf_places: Iterable[str] = (),
          metadata: Optional[Dict] = None) -> Dict:
    """The parse data Rasa would store for `text` (what the actions read)."""
    guesses: List[Dict] = []
    for piece in crf_places:
        start = text.index(piece)
        guesses.append({"entity": "place", "start": start, "end": start + len(piece), "value": piece,
                        "extractor": "CRFEntityExtractor"})
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.9}, ENTITIES: guesses,
                            "metadata": metadata or {}})
    for component in COMPONENTS:
        component({}).process([message])
    data = message.as_dict(only_output_properties=False)
    return {"text": text, "intent": data[INTENT], "entities": data.get(ENTITIES) or [],
            "language": data.get("language"), "metadata": metadata or {}}


def values(parsed: Dict, kind: str) -> List[str]:
    return [e["value"] for e in parsed["entities"] if e["entity"] == kind]


def spans(parsed: Dict, kind: str) -> List[Tuple[str, str]]:
    return [(parsed["text"][e["start"]:e["end"]], e["value"]) for e in parsed["entities"] if e["entity"] == kind]


def metrics_of(text: str, intent: str = "follow_up") -> List[str]:
    """The metrics the pipeline keeps for `text` under the classifier's `intent`."""
    return values(parse(text, intent), "metric")
