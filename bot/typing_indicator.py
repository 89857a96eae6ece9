"""Shows "typing..." in a chat while the assistant works on an answer.

Telegram clears a chat action after about 5 seconds, so it is repeated every
4 seconds until the answer is ready.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import AsyncIterator

from telegram import Bot
from telegram.constants import ChatAction
from telegram.error import TelegramError

logger = logging.getLogger(__name__)

REPEAT_SECONDS = 4.0


@contextlib.asynccontextmanager
async def typing_shown(bot: Bot, chat_id: int, every: float = REPEAT_SECONDS) -> AsyncIterator[None]:
    task = asyncio.create_task(_keep_typing(bot, chat_id, every))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _keep_typing(bot: Bot, chat_id: int, every: float) -> None:
    while True:
        try:
            await bot.send_chat_action(chat_id, ChatAction.TYPING)
        except TelegramError as error:
            # Only cosmetic: the answer itself must not fail because of it.
            logger.debug("Could not show typing in chat %s: %s", chat_id, error)
        await asyncio.sleep(every)
