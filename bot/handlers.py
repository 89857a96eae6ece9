"""What the bot does with each kind of update. One small callback per job."""

from __future__ import annotations

import contextlib
import logging

from telegram import (
    BotCommand,
    BotCommandScopeChat,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.callback_store import LANGUAGE_PREFIX, CallbackStore
from bot.filters import without_mention
from bot.language import choose_language, translator, user_language
from bot.relay import Relay
from bot.texts import COMMANDS, EXAMPLE_QUESTIONS
from i18n import catalog, languages

logger = logging.getLogger(__name__)


class Handlers:
    def __init__(self, relay: Relay):
        self.relay = relay

    async def start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Welcome, with example questions as buttons that ask them."""
        tr = translator(update, context)
        store = CallbackStore.in_bot_data(context.bot_data)
        examples = [tr.gettext(question) for question in EXAMPLE_QUESTIONS]
        keyboard = InlineKeyboardMarkup(
            [[InlineKeyboardButton(q, callback_data=store.callback_data(q))] for q in examples]
        )
        welcome = tr.gettext(
            "Hello, {name}! I answer questions about foreign aid to Vietnam's provinces: "
            "how much funding a province received, how many foreign NGOs and projects "
            "work there, and how provinces compare.\n\n"
            "Ask in your own words, or try one of these questions:",
            name=update.effective_user.first_name if update.effective_user else "",
        )
        await update.effective_message.reply_text(welcome, reply_markup=keyboard)

    async def help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text(_help_text(translator(update, context)))

    async def sources(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        tr = translator(update, context)
        await update.effective_message.reply_text(
            tr.gettext(
                "The figures come from public documents of Vietnamese provincial authorities "
                "and state bodies: reports on foreign non-governmental aid, international "
                "cooperation and foreign affairs.\n\n"
                "Every figure is stored with the document and the sentence that states it. "
                "Ask \"Where is this from?\" after an answer to see its source.\n\n"
                "Figures are given as the documents give them, including words such as "
                "\"about\" or \"more than\". For provinces merged on 1 July 2025, the figures "
                "of the provinces they were formed from are shown."
            )
        )

    async def language_menu(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Languages by their own names, the current one ticked."""
        current = user_language(update, context)
        keyboard = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        ("✓ " if code == current else "") + languages.get(code).native_name,
                        callback_data=LANGUAGE_PREFIX + code,
                    )
                ]
                for code in languages.supported()
            ]
        )
        tr = translator(update, context)
        await update.effective_message.reply_text(
            tr.gettext("Choose the language for my answers:"), reply_markup=keyboard
        )

    async def language_chosen(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        code = query.data[len(LANGUAGE_PREFIX) :]
        if code not in languages.supported():
            await query.answer()
            return
        choose_language(context, code)
        tr = translator(update, context)
        await query.answer()
        with contextlib.suppress(BadRequest):  # e.g. the menu was already closed
            await query.edit_message_reply_markup(reply_markup=None)
        # TRANSLATORS: the confirmation after choosing this catalog's language; name it.
        confirmation = tr.gettext("From now on I will answer in English.")
        await context.bot.send_message(update.effective_chat.id, confirmation)
        if update.effective_chat.type == Chat.PRIVATE:
            await _set_chat_command_menu(context, update.effective_chat.id, code)

    async def question(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        text = without_mention(update.effective_message.text, context.bot.username)
        if not text:  # only "@bot" in a group: show what can be asked
            await self.help(update, context)
            return
        await self.relay.ask(update, context, text)

    async def button_pressed(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A button from Rasa or /start: its payload becomes the user's next message."""
        query = update.callback_query
        await query.answer()
        payload = CallbackStore.in_bot_data(context.bot_data).payload(query.data or "")
        if payload is None:
            tr = translator(update, context)
            await context.bot.send_message(
                update.effective_chat.id, tr.gettext("This button has expired, please ask again.")
            )
            return
        await self.relay.ask(update, context, payload)

    async def not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        tr = translator(update, context)
        await update.effective_message.reply_text(
            tr.gettext("I can only read text questions. Please type your question.")
        )


def _help_text(tr) -> str:
    return tr.gettext(
        "Ask me a question in your own words, for example about the aid a province "
        "received, or its foreign NGOs, projects, delegations or agreements, for a year "
        "or a period.\n\n"
        "You can follow up with short questions such as \"And in Son La?\" or "
        "\"What about 2022?\".\n\n"
        "/language – choose the language of my answers\n"
        "/sources – where the data comes from\n"
        "/start – example questions"
    )


def command_menu(lang: str) -> list[BotCommand]:
    tr = catalog.translator(lang, domain="bot")
    return [BotCommand(command, tr.gettext(description)) for command, description in COMMANDS]


async def _set_chat_command_menu(context: ContextTypes.DEFAULT_TYPE, chat_id: int, lang: str) -> None:
    # The per-language menus follow the app language; after /language this chat follows the choice.
    try:
        await context.bot.set_my_commands(command_menu(lang), scope=BotCommandScopeChat(chat_id))
    except TelegramError as error:
        logger.warning("Could not set the command menu of chat %s: %s", chat_id, error)


async def log_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log every error with its traceback; tell the user if we know who they are."""
    update_id = update.update_id if isinstance(update, Update) else None
    logger.error("Error while handling update %s", update_id, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        tr = translator(update, context)
        await context.bot.send_message(
            update.effective_chat.id, tr.gettext("Sorry, something went wrong. Please try again.")
        )
    except Exception:  # the error handler itself must never raise
        logger.exception("Could not tell chat %s about the error", update.effective_chat.id)
