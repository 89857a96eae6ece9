import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import services
from nlu import services as nlu_services
from tests.support.seeded import seeded_sqlite
from tests.support.understanding import parse


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """A real SQLite database, migrated and seeded by the project's own CLI."""
    return seeded_sqlite(tmp_path_factory.mktemp("actions-db"))


@pytest.fixture(autouse=True)
def action_database(database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    services.aid_database.cache_clear()
    nlu_services.aid_database.cache_clear()
    yield
    services.aid_database.cache_clear()
    nlu_services.aid_database.cache_clear()


class Conversation:
    """Drives actions the way Rasa does: the message parsed by the project's NLU
    components (the classifier's intent given by the test), events out, slots kept."""

    def __init__(self, sender="test-user", metadata=None):
        self.sender, self.metadata, self.slots = sender, metadata or {}, {}

    def run(self, action, text, intent, metadata=None, crf_places=(), entities=None):
        metadata = metadata if metadata is not None else self.metadata
        if entities is not None:        # a button payload: Rasa reads its entities directly
            message = {"text": text, "intent": {"name": intent, "confidence": 1.0},
                       "entities": entities, "metadata": metadata}
        else:
            message = parse(text, intent, crf_places=crf_places, metadata=metadata)
        tracker = Tracker(self.sender, dict(self.slots), message, [], False, None, {}, "action_listen")
        dispatcher = CollectingDispatcher()
        events = asyncio.run(action.run(dispatcher, tracker, {}))
        for event in events:
            if event.get("event") == "slot":
                self.slots[event["name"]] = event["value"]
        return dispatcher.messages, events

    def text(self, *args, **kwargs):
        messages, _ = self.run(*args, **kwargs)
        return "\n".join(m.get("text") or "" for m in messages)


@pytest.fixture
def conversation():
    return Conversation()
