"""What the bot does with each kind of update. One small callback per job.

The bot has one voice: the assistant's. Commands are forwarded to it as the
intents they stand for (Rasa's REST channel reads a message "/intent" as that
intent), and whatever it answers is relayed: the greeting with its example
questions, the help, the list of sources, the language menu. The bot itself
only says what the assistant cannot: that it is unavailable, that a button
expired, that only text can be read.
"""

from __future__ import annotations

import logging
from typing import Awaitable, Callable

from telegram import Update
from telegram.ext import ContextTypes

from bot.callback_store import CallbackStore
from bot.filters import without_mention
from bot.language import ChatLanguages
from bot.relay import Relay

logger = logging.getLogger(__name__)

# Each command of the menu (bot/texts.py) and the assistant's intent it stands for.
COMMAND_INTENTS = {
    "start": "/greet",
    "help": "/help",
    "sources": "/ask_source",
    "language": "/choose_language",
}
# What a command the bot does not know (a typo, an old menu entry) is taken for.
UNKNOWN_COMMAND_INTENT = "/help"

Callback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]


class Handlers:
    def __init__(self, relay: Relay, chat_languages: ChatLanguages):
        self.relay = relay
        self.chat_languages = chat_languages

    def forward(self, intent: str) -> Callback:
        """A command callback that asks the assistant ``intent`` in the user's name."""

        async def forward_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            await self.relay.ask(update, context, intent)

        forward_command.__name__ = f"forward_{intent.lstrip('/')}"
        return forward_command

    async def question(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        text = without_mention(update.effective_message.text, context.bot.username)
        # Only "@bot" in a group: show what can be asked.
        await self.relay.ask(update, context, text or UNKNOWN_COMMAND_INTENT)

    async def button_pressed(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A button from the assistant: its payload becomes the user's next message."""
        query = update.callback_query
        await query.answer()
        payload = CallbackStore.in_bot_data(context.bot_data).payload(query.data or "")
        if payload is None:  # dropped from the store, or a button of an older version of the bot
            tr = self.chat_languages.translator(update)
            await context.bot.send_message(
                update.effective_chat.id, tr.gettext("This button has expired, please ask again.")
            )
            return
        await self.relay.ask(update, context, payload)

    async def not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        tr = self.chat_languages.translator(update)
        await update.effective_message.reply_text(
            tr.gettext("I can only read text questions. Please type your question.")
        )

    async def log_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log every error with its traceback; tell the user if we know who they are."""
        update_id = update.update_id if isinstance(update, Update) else None
        logger.error("Error while handling update %s", update_id, exc_info=context.error)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        try:
            tr = self.chat_languages.translator(update)
            await context.bot.send_message(
                update.effective_chat.id, tr.gettext("Sorry, something went wrong. Please try again.")
            )
        except Exception:  # the error handler itself must never raise
            logger.exception("Could not tell chat %s about the error", update.effective_chat.id)
