"""Concurrent across chats, in order within a chat, and no chat can crowd out the others.

A slow answer for one user must not hold up anyone else, so updates are
processed concurrently. But within one chat the order matters: a follow-up
("and in Son La?") has to reach Rasa after the question it follows. Each chat
therefore gets its own lock.

Waiting for a chat's turn must not take a place another chat could use. PTB
takes a slot of its own semaphore *before* it hands an update to
``do_process_update`` (``process_update`` is final), so if that semaphore
were the limit, one chat sending 300 messages at once would fill every slot
with updates that only wait for their own chat's lock, and everybody else
would queue behind them. So PTB's semaphore only admits (it never binds), and
the limit on real work is a semaphore of our own, taken *after* the chat's
lock: an update holds a work slot only while it is being handled.

PTB creates one task per fetched update whatever its semaphore says, so
admitting everything adds no task and no memory: the flood's updates wait as
the same tasks as before, on their chat's lock instead of on the semaphore.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any, Awaitable

from telegram import Update
from telegram.ext import BaseUpdateProcessor

DEFAULT_MAX_WORKING = 256

# PTB's semaphore: admit every update; waiting happens on the chat locks and work slots below.
_ADMIT_ALL = sys.maxsize


class PerChatUpdateProcessor(BaseUpdateProcessor):
    __slots__ = ("_chat_locks", "_waiting", "_work_slots", "_max_working")

    def __init__(self, max_working_updates: int = DEFAULT_MAX_WORKING):
        super().__init__(_ADMIT_ALL)
        if max_working_updates < 1:
            raise ValueError("max_working_updates must be a positive integer")
        self._max_working = max_working_updates
        self._work_slots = asyncio.BoundedSemaphore(max_working_updates)
        self._chat_locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}  # updates holding or queued for each chat's lock

    @property
    def max_working_updates(self) -> int:
        """How many updates may be handled at the same time (across all chats)."""
        return self._max_working

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            async with self._work_slots:
                await coroutine
            return
        # Nothing awaits before the lock is requested: updates queue on it in arrival order
        # (asyncio.Lock wakes its waiters first come, first served).
        lock = self._chat_locks.setdefault(chat.id, asyncio.Lock())
        self._waiting[chat.id] = self._waiting.get(chat.id, 0) + 1
        try:
            async with lock:  # this chat's turn: holds no work slot while waiting
                async with self._work_slots:
                    await coroutine
        finally:
            # Forget idle chats so the table does not grow with every chat ever seen.
            self._waiting[chat.id] -= 1
            if not self._waiting[chat.id]:
                del self._waiting[chat.id]
                del self._chat_locks[chat.id]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
