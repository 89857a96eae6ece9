"""Runs the bot's real Application inside a test's event loop.

``Application.run_polling`` owns the event loop, so tests cannot call it. This
does what it does, step for step (initialize, post_init, start polling, start;
then the same in reverse), with the Application built by ``bot.app``::

    async with running_bot(bot_config(api, rasa, tmp_path)) as application:
        api.inject(api.command(user, "/start"))
        ...
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import AsyncIterator

from telegram.ext import Application

from bot.app import ALLOWED_UPDATES, build_application
from bot.config import BotConfig
from bot.sender_id import sender_id
from tests.support.fake_rasa import FakeRasa
from tests.support.telegram_api import TelegramApiStandIn


# The sender id secret of test bots (the real one comes from SENDER_ID_SECRET).
TEST_SENDER_ID_SECRET = "test-sender-id-secret-0123456789abcdef"


def bot_config(
    api: TelegramApiStandIn,
    rasa: FakeRasa | str,
    state_dir: Path,
    **overrides,
) -> BotConfig:
    """A config pointing the bot at the stand-ins (``rasa`` may be a URL, e.g. a refused one)."""
    settings = dict(
        token=api.token,
        sender_id_secret=TEST_SENDER_ID_SECRET,
        api_base_url=api.base_url,
        rasa_url=rasa if isinstance(rasa, str) else rasa.url,
        state_file=Path(state_dir) / "bot-state.pickle",
    )
    settings.update(overrides)
    return BotConfig(**settings)


def sender_of(config: BotConfig, chat_id: int) -> str:
    """The sender id the bot with ``config`` gives Rasa for ``chat_id``."""
    return sender_id(config.sender_id_secret, chat_id)


@contextlib.asynccontextmanager
async def running_bot(config: BotConfig) -> AsyncIterator[Application]:
    application = build_application(config)
    await application.initialize()
    try:
        if application.post_init:
            await application.post_init(application)
        await application.updater.start_polling(poll_interval=0.0, timeout=5, allowed_updates=ALLOWED_UPDATES)
        await application.start()
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()
    finally:
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)
