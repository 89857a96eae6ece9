"""Builds the python-telegram-bot Application and runs it."""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BasePersistence,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    PersistenceInput,
    PicklePersistence,
    filters,
)

from bot.access import ACCESS_GROUP, allow_list_handler
from bot.config import BotConfig
from bot.filters import ADDRESSED_TO_BOT
from bot.handlers import COMMAND_INTENTS, UNKNOWN_COMMAND_INTENT, Handlers
from bot.language import ChatLanguages
from bot.log_redaction import redact_secrets
from bot.menus import publish_command_menus
from bot.ordering import PerChatUpdateProcessor
from bot.rasa_client import RasaClient
from bot.relay import Relay
from bot.sender_id import SenderIds
from bot.startup import wait_for_telegram

logger = logging.getLogger(__name__)

# Updates the bot handles; asking only for these keeps Telegram from sending the rest.
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]

# Media we cannot read; the sender gets a short note instead of silence.
NOT_TEXT = (
    filters.Sticker.ALL
    | filters.VOICE
    | filters.AUDIO
    | filters.PHOTO
    | filters.VIDEO
    | filters.VIDEO_NOTE
    | filters.ANIMATION
    | filters.Document.ALL
    | filters.LOCATION
    | filters.VENUE
    | filters.CONTACT
)


def build_application(config: BotConfig) -> Application:
    redact_secrets(config.secrets())
    config.state_file.parent.mkdir(parents=True, exist_ok=True)
    rasa = RasaClient(config.rasa_url, timeout=config.rasa_timeout)

    async def post_init(application: Application) -> None:
        await forget_user_data_of_earlier_versions(application.persistence)
        await publish_command_menus(application.bot)

    async def post_shutdown(application: Application) -> None:
        await rasa.aclose()

    application = (
        ApplicationBuilder()
        .token(config.token)
        .base_url(config.api_base_url)
        .base_file_url(config.api_file_url)
        .rate_limiter(AIORateLimiter(max_retries=3))
        .concurrent_updates(PerChatUpdateProcessor())
        .persistence(
            PicklePersistence(
                config.state_file,
                # Only the payloads of long buttons (bot_data, see callback_store.py), so that
                # buttons sent before a restart keep working. Nothing about users is kept.
                store_data=PersistenceInput(
                    bot_data=True, chat_data=False, user_data=False, callback_data=False
                ),
                update_interval=30,
            )
        )
        .job_queue(None)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    chat_languages = ChatLanguages()
    relay = Relay(rasa, SenderIds(config.sender_id_secret), chat_languages)
    add_handlers(application, Handlers(relay, chat_languages), config)
    return application


async def forget_user_data_of_earlier_versions(persistence: BasePersistence) -> None:
    """Earlier versions kept each user's chosen language in the state file (user_data).
    The assistant keeps the language now; PicklePersistence would carry the old entries
    along unused at every write, so they are dropped once (each drop rewrites the file)."""
    stale = await persistence.get_user_data()
    for user_id in stale:
        await persistence.drop_user_data(user_id)
    if stale:
        logger.info("Dropped the data of %d users kept by an earlier version of the bot", len(stale))


def add_handlers(application: Application, handlers: Handlers, config: BotConfig) -> None:
    if not config.is_public:
        application.add_handler(
            allow_list_handler(config.allowed_user_ids, handlers.chat_languages), group=ACCESS_GROUP
        )

    # Commands are the assistant's intents: it answers them, in the conversation's language.
    for command, intent in COMMAND_INTENTS.items():
        application.add_handler(CommandHandler(command, handlers.forward(intent)))
    # Any other command in a private chat (a typo, an old menu entry): the assistant's help.
    application.add_handler(
        MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE, handlers.forward(UNKNOWN_COMMAND_INTENT))
    )
    application.add_handler(CallbackQueryHandler(handlers.button_pressed))
    application.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND & ADDRESSED_TO_BOT, handlers.question)
    )
    application.add_handler(MessageHandler(NOT_TEXT & ADDRESSED_TO_BOT, handlers.not_text))
    application.add_error_handler(handlers.log_error)


def run(config: BotConfig) -> None:
    """Long polling by default; a webhook server when TELEGRAM_WEBHOOK_URL is set."""
    # PTB's run_* methods use the current event loop: wait for Telegram on that same loop.
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.run_until_complete(wait_for_telegram(config))

    application = build_application(config)
    if config.webhook is None:
        logger.info("Starting long polling (Rasa at %s)", config.rasa_url)
        application.run_polling(allowed_updates=ALLOWED_UPDATES)
        return
    webhook = config.webhook
    logger.info(
        "Starting webhook server on %s:%s for %s (secret token %s)",
        webhook.listen,
        webhook.port,
        webhook.url,
        "generated for this run" if webhook.secret_generated else "from TELEGRAM_WEBHOOK_SECRET",
    )
    application.run_webhook(
        listen=webhook.listen,
        port=webhook.port,
        url_path=webhook.path,
        webhook_url=webhook.url,
        secret_token=webhook.secret,
        allowed_updates=ALLOWED_UPDATES,
    )
