"""Shared frame of the rule-based pipeline components (no training, data files only)."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData


class RuleComponent(GraphComponent):
    """Runs `process_message` on every message at prediction time; leaves training data alone."""

    def __init__(self, config: Dict[Text, Any]):
        self.config = config

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "RuleComponent":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if isinstance(message.get(TEXT), str):
                self.process_message(message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process_message(self, message: Message) -> None:
        raise NotImplementedError


def is_payload(message: Message) -> bool:
    """A button payload or a crafted "/intent{...}" message: Rasa parsed it already."""
    return message.get(TEXT, "").startswith("/")


def replace_entities(message: Message, kind: str, new: List[Dict[str, Any]]) -> None:
    """Drop the entities of `kind` other components found and add ours."""
    kept = [e for e in message.get(ENTITIES, []) or [] if e.get("entity") != kind]
    message.set(ENTITIES, kept + new, add_to_output=True)


def entities(message: Message, kind: str) -> List[Dict[str, Any]]:
    return [e for e in message.get(ENTITIES, []) or [] if e.get("entity") == kind]
