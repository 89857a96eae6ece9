"""Builds the python-telegram-bot Application and runs it."""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    PersistenceInput,
    PicklePersistence,
    filters,
)

from bot.access import ACCESS_GROUP, allow_list_handler
from bot.callback_store import LANGUAGE_PREFIX, REF_PREFIX, SAY_PREFIX
from bot.config import BotConfig
from bot.filters import ADDRESSED_TO_BOT
from bot.handlers import Handlers, command_menu, log_error
from bot.log_redaction import redact_secrets
from bot.ordering import PerChatUpdateProcessor
from bot.rasa_client import RasaClient
from bot.sender_id import SenderIds
from bot.startup import wait_for_telegram
from bot.relay import Relay
from i18n import languages

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
        await publish_command_menus(application)

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
                # Chosen languages (user_data) and button payloads (bot_data).
                store_data=PersistenceInput(chat_data=False, callback_data=False),
                update_interval=30,
            )
        )
        .job_queue(None)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    add_handlers(application, Handlers(Relay(rasa, SenderIds(config.sender_id_secret))), config)
    return application


def add_handlers(application: Application, handlers: Handlers, config: BotConfig) -> None:
    if not config.is_public:
        application.add_handler(allow_list_handler(config.allowed_user_ids), group=ACCESS_GROUP)

    application.add_handler(CommandHandler("start", handlers.start))
    application.add_handler(CommandHandler("help", handlers.help))
    application.add_handler(CommandHandler("language", handlers.language_menu))
    application.add_handler(CommandHandler("sources", handlers.sources))
    # Any other command in a private chat (a typo, an old menu entry): show the help.
    application.add_handler(MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE, handlers.help))
    application.add_handler(
        CallbackQueryHandler(handlers.language_chosen, pattern=f"^{LANGUAGE_PREFIX}")
    )
    application.add_handler(
        CallbackQueryHandler(handlers.button_pressed, pattern=f"^({SAY_PREFIX}|{REF_PREFIX})")
    )
    application.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND & ADDRESSED_TO_BOT, handlers.question)
    )
    application.add_handler(MessageHandler(NOT_TEXT & ADDRESSED_TO_BOT, handlers.not_text))
    application.add_error_handler(log_error)


async def publish_command_menus(application: Application) -> None:
    """The command menu in each supported language, English for all other app languages."""
    bot = application.bot
    try:
        await bot.set_my_commands(command_menu(languages.default()))
        for code in languages.supported():
            await bot.set_my_commands(command_menu(code), language_code=code)
    except TelegramError as error:
        # A missing menu is no reason not to answer questions.
        logger.warning("Could not publish the command menus: %s", error)


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
