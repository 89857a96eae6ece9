"""serving.tracker_store.IndexedSQLTrackerStore against Rasa's own SQLTrackerStore, on
SQLite and PostgreSQL: the same trackers from the same rows, read through indexes."""
from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted, BotUttered, DefinePrevUserUtteredFeaturization, SessionStarted, SlotSet, UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from serving.tracker_store import INDEXES, IndexedSQLTrackerStore
from tests.support.postgres import fresh_schema

REPO = Path(__file__).resolve().parents[2]
DOMAIN = Domain.load(str(REPO / "domain.yml"))


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tracker.sqlite3'}"
    else:
        with fresh_schema("trackertest") as schema_url:
            yield schema_url


def run(coroutine):
    return asyncio.run(coroutine)


def turn(tracker: DialogueStateTracker, text: str, action: str, slots: dict) -> None:
    tracker.update(UserUttered(text, {"name": "ask_count", "confidence": 1.0}, metadata={"n": text}))
    tracker.update(DefinePrevUserUtteredFeaturization(False))
    tracker.update(ActionExecuted(action))
    tracker.update(BotUttered(f"answer to {text}", data={"custom": {"language": "en"}}))
    for name, value in slots.items():
        tracker.update(SlotSet(name, value))
    tracker.update(ActionExecuted("action_listen"))


def new_session(tracker: DialogueStateTracker) -> None:
    """What Rasa 3.6's action_session_start appends (carrying the slots over): the slots are
    set after the session started, as Rasa creates them."""
    carried = [(e.key, e.value) for e in tracker.applied_events() if isinstance(e, SlotSet)]
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    for key, value in carried:
        tracker.update(SlotSet(key, value))
    tracker.update(ActionExecuted("action_listen"))


def conversation(store, sender: str, sessions: int, turns: int) -> None:
    """Store a conversation the way Rasa does: retrieve, add one turn, save."""
    for s in range(sessions):
        for t in range(turns):
            tracker = run(store.retrieve(sender))
            if tracker is None:
                tracker = DialogueStateTracker(sender, DOMAIN.slots)
                new_session(tracker)
            elif s and t == 0:
                new_session(tracker)
            turn(tracker, f"s{s} t{t}", "action_answer_count",
                 {"last_question": {"s": s, "t": t}, **({"chosen_language": "vi"} if t == 1 else {})})
            run(store.save(tracker))


def dump(tracker: DialogueStateTracker):
    return [e.as_dict() for e in tracker.events]


def test_the_latest_session_and_the_whole_conversation_are_rasas(url):
    store = IndexedSQLTrackerStore(domain=DOMAIN, host=url)
    conversation(store, "alice", sessions=3, turns=4)
    conversation(store, "bob", sessions=1, turns=2)
    rasa_store = SQLTrackerStore(domain=DOMAIN, host=url)   # Rasa's own, same rows

    for sender in ("alice", "bob"):
        ours, theirs = run(store.retrieve(sender)), run(rasa_store.retrieve(sender))
        assert dump(ours) == dump(theirs)
        assert ours.current_slot_values() == theirs.current_slot_values()
        assert dump(run(store.retrieve_full_tracker(sender))) == dump(run(rasa_store.retrieve_full_tracker(sender)))

    latest = run(store.retrieve("alice"))
    texts = [e.text for e in latest.events if isinstance(e, UserUttered)]
    assert texts == ["s2 t0", "s2 t1", "s2 t2", "s2 t3"]                  # only the latest session
    assert latest.get_slot("chosen_language") == "vi"                     # carried over
    full = run(store.retrieve_full_tracker("alice"))
    assert len([e for e in full.events if isinstance(e, UserUttered)]) == 12
    assert run(store.retrieve("nobody")) is None


def test_saving_stores_each_event_once(url):
    store = IndexedSQLTrackerStore(domain=DOMAIN, host=url)
    conversation(store, "carol", sessions=2, turns=3)
    tracker = run(store.retrieve("carol"))
    run(store.save(tracker))                     # nothing new: nothing written
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT data FROM events WHERE sender_id = 'carol' ORDER BY id")).scalars().all()
    engine.dispose()
    full = run(store.retrieve_full_tracker("carol"))
    assert [json.loads(r) for r in rows] == dump(full)
    assert len([e for e in full.events if isinstance(e, UserUttered)]) == 6


def test_rasas_store_continues_a_conversation_ours_started(url):
    """Either store can take over the other's table (a deployment can switch back to type: SQL)."""
    conversation(IndexedSQLTrackerStore(domain=DOMAIN, host=url), "dave", sessions=2, turns=2)
    rasa_store = SQLTrackerStore(domain=DOMAIN, host=url)
    tracker = run(rasa_store.retrieve("dave"))
    turn(tracker, "by rasa", "action_thank", {})
    run(rasa_store.save(tracker))
    ours = run(IndexedSQLTrackerStore(domain=DOMAIN, host=url).retrieve("dave"))
    assert [e.text for e in ours.events if isinstance(e, UserUttered)] == ["s1 t0", "s1 t1", "by rasa"]


def test_the_indexes_exist_and_serve_the_session_queries(tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.sqlite3'}"
    IndexedSQLTrackerStore(domain=DOMAIN, host=url)
    IndexedSQLTrackerStore(domain=DOMAIN, host=url)     # a second process: no error, no duplicate
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        names = {row[1] for row in conn.execute(sa.text("PRAGMA index_list(events)"))}
        start_plan = " ".join(str(r[-1]) for r in conn.execute(sa.text(
            "EXPLAIN QUERY PLAN SELECT max(id) FROM events "
            "WHERE sender_id = 'x' AND type_name = 'session_started'")))
        rows_plan = " ".join(str(r[-1]) for r in conn.execute(sa.text(
            "EXPLAIN QUERY PLAN SELECT data FROM events WHERE sender_id = 'x' AND id >= 1 ORDER BY id")))
    engine.dispose()
    assert set(INDEXES) <= names
    assert "ix_events_sender_type_id" in start_plan
    assert "ix_events_sender_id" in rows_plan and "id>?" in rows_plan


def test_the_indexes_exist_on_postgresql():
    with fresh_schema("trackertest") as url:
        IndexedSQLTrackerStore(domain=DOMAIN, host=url)
        IndexedSQLTrackerStore(domain=DOMAIN, host=url)
        engine = sa.create_engine(url)
        with engine.connect() as conn:
            names = set(conn.execute(sa.text(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'events' AND schemaname = current_schema()"
            )).scalars())
        engine.dispose()
    assert set(INDEXES) <= names


def test_a_message_stamped_before_the_session_began_but_stored_after_belongs_to_it(url):
    """Two messages of a new user at once: the second waits for the lock while the first
    starts the session, so it is stamped before the session_started it follows."""
    store = IndexedSQLTrackerStore(domain=DOMAIN, host=url)
    first = DialogueStateTracker("burst", DOMAIN.slots)
    waiting = UserUttered("second", {"name": "ask_count", "confidence": 1.0}, timestamp=1.0)
    new_session(first)
    turn(first, "first", "action_answer_count", {})
    run(store.save(first))
    tracker = run(store.retrieve("burst"))
    tracker.update(waiting)
    tracker.update(ActionExecuted("action_listen"))
    run(store.save(tracker))
    again = run(store.retrieve("burst"))
    assert [e.text for e in again.events if isinstance(e, UserUttered)] == ["first", "second"]
    run(store.save(again))      # nothing new: nothing stored twice
    full = run(store.retrieve_full_tracker("burst"))
    assert [e.text for e in full.events if isinstance(e, UserUttered)] == ["first", "second"]
