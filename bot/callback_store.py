"""Short ids for button payloads that do not fit in Telegram's callback_data.

Telegram limits callback_data to 64 bytes. A Rasa payload in Vietnamese, Urdu
or Hindi, or an intent with JSON entities (``/ask_aid_amount{"place":"Quảng
Nam"}``), is often longer. Short payloads travel inside the button; long ones
are kept here under a short id. The store is bounded (least recently used
entries go first) and lives in ``bot_data`` so PicklePersistence keeps it
across restarts. A press on a button whose id was dropped finds nothing and
the user is asked to ask again.

PTB's arbitrary_callback_data would do the same job differently: always 64
bytes, one entry per keyboard sent (1,024 by default), so a greeting's example
buttons expire after a thousand other keyboards; here one entry per distinct
long payload serves every user, and short payloads need no entry at all
(measured in scripts/measure_callback_data.py).
"""

from __future__ import annotations

import base64
import hashlib
from collections import OrderedDict
from typing import MutableMapping

MAX_CALLBACK_BYTES = 64  # Telegram Bot API limit for InlineKeyboardButton.callback_data

# Prefixes of our callback_data.
SAY_PREFIX = "say:"  # the payload itself follows
REF_PREFIX = "ref:"  # a short id follows; the payload is in the store

DEFAULT_CAPACITY = 5000
BOT_DATA_KEY = "button_payloads"


class CallbackStore:
    def __init__(self, entries: MutableMapping[str, str], capacity: int = DEFAULT_CAPACITY):
        self._entries = entries
        self.capacity = capacity

    @classmethod
    def in_bot_data(cls, bot_data: dict, capacity: int = DEFAULT_CAPACITY) -> "CallbackStore":
        """The store kept in (persisted) ``bot_data``; created on first use."""
        entries = bot_data.setdefault(BOT_DATA_KEY, OrderedDict())
        return cls(entries, capacity)

    def callback_data(self, payload: str) -> str:
        """The callback_data for a button that should send ``payload`` to Rasa."""
        inline = SAY_PREFIX + payload
        if len(inline.encode("utf-8")) <= MAX_CALLBACK_BYTES:
            return inline
        return REF_PREFIX + self._remember(payload)

    def payload(self, callback_data: str) -> str | None:
        """The payload a pressed button stands for, or None if it has expired."""
        if callback_data.startswith(SAY_PREFIX):
            return callback_data[len(SAY_PREFIX) :]
        if callback_data.startswith(REF_PREFIX):
            key = callback_data[len(REF_PREFIX) :]
            payload = self._entries.get(key)
            if payload is not None:
                self._touch(key)
            return payload
        return None

    def __len__(self) -> int:
        return len(self._entries)

    def _remember(self, payload: str) -> str:
        # The id is derived from the payload: the same button offered twice shares one entry.
        digest = hashlib.blake2b(payload.encode("utf-8"), digest_size=12).digest()
        key = base64.urlsafe_b64encode(digest).decode("ascii")
        self._entries[key] = payload
        self._touch(key)
        while len(self._entries) > self.capacity:
            oldest = next(iter(self._entries))
            del self._entries[oldest]
        return key

    def _touch(self, key: str) -> None:
        if isinstance(self._entries, OrderedDict):
            self._entries.move_to_end(key)
        else:  # a plain dict keeps insertion order: re-insert to mark as recent
            self._entries[key] = self._entries.pop(key)
