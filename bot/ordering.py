"""Concurrent across chats, in order within a chat.

A slow answer for one user must not hold up anyone else, so updates are
processed concurrently. But within one chat the order matters: a follow-up
("and in Son La?") has to reach Rasa after the question it follows. Each chat
therefore gets its own lock; updates of different chats never share one.
"""

from __future__ import annotations

import asyncio
from typing import Any, Awaitable

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class PerChatUpdateProcessor(BaseUpdateProcessor):
    __slots__ = ("_chat_locks", "_waiting")

    def __init__(self, max_concurrent_updates: int = 256):
        super().__init__(max_concurrent_updates)
        self._chat_locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}  # updates holding or queued for each chat's lock

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock = self._chat_locks.setdefault(chat.id, asyncio.Lock())
        self._waiting[chat.id] = self._waiting.get(chat.id, 0) + 1
        try:
            async with lock:
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
