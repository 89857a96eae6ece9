"""`make run` with TRACKER_DATABASE_URL on PostgreSQL: the same tracker store, conversations
kept across a restart of the whole stack (a database of its own for this run, dropped after)."""
from __future__ import annotations

import uuid

import sqlalchemy as sa

from tests.support import postgres
from tests.support.assistant import seeded_database
from tests.support.stack import Stack


def test_a_restart_keeps_the_conversation_in_postgresql(tmp_path):
    with postgres.fresh_database("rasarun") as database:
        tracker_url = postgres.url_for(database, driver="postgresql")
        stack = Stack(tmp_path, seeded_database(tmp_path), extra_env={"TRACKER_DATABASE_URL": tracker_url})
        who = f"pg-{uuid.uuid4().hex[:8]}"
        try:
            stack.start()
            assert "31" in stack.text(who, "How many NGOs are in Son La?")
            assert stack.stop() == 0
            stack.start()
            answer = stack.text(who, "and Quang Nam?")
        finally:
            stack.kill_all()
        assert "77" in answer and "Quang Nam" in answer
        engine = sa.create_engine(tracker_url)
        with engine.connect() as conn:
            stored = conn.execute(sa.text("SELECT count(*) FROM events WHERE sender_id = :s"), {"s": who}).scalar()
        engine.dispose()
        assert stored > 0                                   # in PostgreSQL, not in var/
        assert not (stack.var_dir / "tracker.sqlite3").exists()
