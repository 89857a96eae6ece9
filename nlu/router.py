"""IntentRouter: the intent, corrected by what the message names.

The classifier reads the wording; the extractors know what the message is about.
When they disagree, the things named win:
- a message that names a place, a metric or a period is a question about figures,
  whatever small-talk intent (greeting, thanks, out of scope, low confidence) the
  classifier saw in it ("thanks, and Son La?", "Hai Duong?", "projek pula?");
- a change ("how much more aid", "did funding go up") is the question, the money
  words around it its subject;
- when a message names both money and something counted ("how much NGO funding",
  "how many aid projects"), the classifier's money-or-count reading decides which
  it asks about.
"""
from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT
from rasa.shared.nlu.training_data.message import Message

from db.vocabulary import AID_METRICS
from nlu.base import RuleComponent, entities, is_payload

MONEY = set(AID_METRICS) | {"aid_change"}
SMALL_TALK = {"greet", "goodbye", "thank", "out_of_scope", "nlu_fallback"}
QUESTION = "follow_up"      # a question that may lean on the conversation so far


def _names_something(message: Message) -> bool:
    if entities(message, "metric") or entities(message, "period"):
        return True
    return any(e.get("status") in ("found", "ambiguous") for e in entities(message, "place"))


def _keep_metrics(intent: str, metrics: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    if any(e.get("value") == "aid_change" for e in metrics):
        # "how much more aid than in 2022": the change is the question, "aid" its subject
        metrics = [e for e in metrics if e.get("value") not in AID_METRICS]
    money = [e for e in metrics if e.get("value") in MONEY]
    counts = [e for e in metrics if e.get("value") not in MONEY]
    if money and counts:
        if intent == "ask_aid_amount":
            return money
        if intent == "ask_count":
            return counts
    return metrics


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class IntentRouter(RuleComponent):
    def process_message(self, message: Message) -> None:
        if is_payload(message):
            return
        intent = (message.get(INTENT) or {}).get("name")
        if intent in SMALL_TALK and _names_something(message):
            confidence = (message.get(INTENT) or {}).get("confidence", 0.0)
            message.set(INTENT, {"name": QUESTION, "confidence": confidence, "routed_from": intent},
                        add_to_output=True)
            intent = QUESTION
        metrics = entities(message, "metric")
        kept = _keep_metrics(intent, metrics)
        if len(kept) != len(metrics):
            others = [e for e in message.get(ENTITIES) or [] if e.get("entity") != "metric"]
            message.set(ENTITIES, others + kept, add_to_output=True)
