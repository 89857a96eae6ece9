"""Waiting for the Telegram Bot API at startup.

When the machine boots before its network is up, or Telegram has a hiccup, the
bot should wait and say so in the log, not exit, and not wait silently either
(PTB's own startup retries log only at debug level). A rejected token is not
a network problem: it stops the bot at once.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Bot
from telegram.error import NetworkError

from bot.config import BotConfig

logger = logging.getLogger(__name__)

MAX_DELAY_SECONDS = 30.0


async def wait_for_telegram(config: BotConfig, first_delay: float = 1.0) -> None:
    """Return once getMe succeeds; raise InvalidToken if Telegram rejects the token."""
    bot = Bot(config.token, base_url=config.api_base_url, base_file_url=config.api_file_url)
    delay = first_delay
    try:
        while True:
            try:
                await bot.get_me()
                return
            except NetworkError as error:  # also TimedOut
                logger.warning(
                    "Cannot reach the Telegram Bot API at %s (%s); trying again in %g s",
                    config.api_base_url,
                    error,
                    delay,
                )
            await asyncio.sleep(delay)
            delay = min(delay * 2, MAX_DELAY_SECONDS)
    finally:
        await bot.shutdown()
