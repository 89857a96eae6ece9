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
from tests.support.fake_rasa import FakeRasa
from tests.support.telegram_api import TelegramApiStandIn


def bot_config(
    api: TelegramApiStandIn,
    rasa: FakeRasa | str,
    state_dir: Path,
    **overrides,
) -> BotConfig:
    """A config pointing the bot at the stand-ins (``rasa`` may be a URL, e.g. a refused one)."""
    settings = dict(
        token=api.token,
        api_base_url=api.base_url,
        rasa_url=rasa if isinstance(rasa, str) else rasa.url,
        state_file=Path(state_dir) / "bot-state.pickle",
    )
    settings.update(overrides)
    return BotConfig(**settings)


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
