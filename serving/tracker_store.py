"""Rasa's SQL tracker store with a read path whose cost follows the session, not the history.

endpoints.yml::

    tracker_store:
      type: serving.tracker_store.IndexedSQLTrackerStore
      url: ${TRACKER_DATABASE_URL}    # a full SQLAlchemy URL, used as is by Rasa

Rasa 3.6's `SQLTrackerStore` (`type: SQL`) already returns only the latest conversation
session (`retrieve`; `retrieve_full_tracker` returns all of them), but for every message
it reads more than that session:

- it selects the session with ``sender_id = ? AND (timestamp >= (SELECT max(timestamp) ...
  WHERE type_name = 'session_started') OR ... IS NULL)`` on a table whose only index is
  ``sender_id``: the database visits every stored event of the sender, of all sessions,
  once to load the tracker and once more to count the stored events before saving;
- it builds an ORM object per row, and resolves the class of every event by walking all
  subclasses of ``Event`` (``Event.resolve_by_type``), which was a fifth of Rasa's time per
  message at 900 events (py-spy; bench/RESULTS-rasa.md, observations).

This subclass keeps the same table and rows and changes how they are read: two indexes,
the session's start first (an index seek), then the session's rows (an index range), the
``data`` column alone, and event classes looked up in a table built once. The latest
session is the events stored at or after the latest ``session_started``, in the order they
were stored (their id), not by timestamp as Rasa's: a message that waited for the lock
while another one started the session is stamped before the session began, yet belongs
to it (Rasa's store leaves it out of the session: tests/deploy/test_scale_out.py sends
such bursts). `type: SQL` and this store can replace each other on the same database.
"""
from __future__ import annotations

import itertools
import json
import logging
from typing import Any, Dict, Iterator, List, Optional, Text, Type

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses

logger = logging.getLogger(__name__)

# name -> columns of the events table (created by Rasa with an index on sender_id only).
INDEXES = {
    "ix_events_sender_type_id": ("sender_id", "type_name", "id"),
    "ix_events_sender_id": ("sender_id", "id"),
}

_event_classes: Optional[Dict[Text, Type[Event]]] = None


def _event_class(type_name: Text) -> Optional[Type[Event]]:
    """The class `Event.resolve_by_type` would return: the first subclass with that name."""
    global _event_classes
    if _event_classes is None:
        table: Dict[Text, Type[Event]] = {}
        for cls in all_subclasses(Event):
            table.setdefault(cls.type_name, cls)
        _event_classes = table
    return _event_classes.get(type_name)


def deserialise_event(data: Dict[Text, Any]) -> Optional[Event]:
    """`Event.from_parameters` without the walk over all Event subclasses per event."""
    cls = _event_class(data.get("event"))
    if cls is None:  # unknown here: Rasa's own path decides (None for "topic", else ValueError)
        return Event.from_parameters(data)
    return cls._from_parameters(data)


class IndexedSQLTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` whose per-message reads are bounded by the latest session."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_indexes()

    def _create_indexes(self) -> None:
        for name, columns in INDEXES.items():
            ddl = sa.text(f"CREATE INDEX IF NOT EXISTS {name} ON events ({', '.join(columns)})")
            try:
                with self.engine.begin() as connection:
                    connection.execute(ddl)
            except sa.exc.SQLAlchemyError as error:
                # Several Rasa processes starting together may race to create it; one wins.
                logger.warning(f"Could not create index {name} on the tracker events: {error}")

    # --- reading ---------------------------------------------------------------------

    def _session_start(self, session: Any, sender_id: Text) -> Optional[int]:
        event = self.SQLEvent
        return session.execute(
            sa.select(sa.func.max(event.id)).where(
                event.sender_id == sender_id, event.type_name == SessionStarted.type_name
            )
        ).scalar()

    def _where_session(self, session: Any, sender_id: Text, all_sessions: bool) -> List[Any]:
        event = self.SQLEvent
        conditions = [event.sender_id == sender_id]
        start = None if all_sessions else self._session_start(session, sender_id)
        if start is not None:
            conditions.append(event.id >= start)
        return conditions

    async def _retrieve(
        self, sender_id: Text, fetch_events_from_all_sessions: bool
    ) -> Optional[DialogueStateTracker]:
        with self.session_scope() as session:
            statement = (
                sa.select(self.SQLEvent.data)
                .where(*self._where_session(session, sender_id, fetch_events_from_all_sessions))
                .order_by(self.SQLEvent.id)
            )
            rows = session.execute(statement).scalars().all()

        if not self.domain or not rows:
            logger.debug(f"No stored events for sender id '{sender_id}'.")
            return None
        events = [event for event in map(deserialise_event, map(json.loads, rows)) if event]
        return DialogueStateTracker.from_events(sender_id, events, self.domain.slots)

    # --- writing ---------------------------------------------------------------------

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        """The tracker's events that are not stored yet (its session's stored ones come first)."""
        stored = session.execute(
            sa.select(sa.func.count()).select_from(self.SQLEvent)
            .where(*self._where_session(session, tracker.sender_id, False))
        ).scalar()
        return itertools.islice(tracker.events, stored, len(tracker.events))
