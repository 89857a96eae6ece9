"""Passing a user's message to Rasa and Rasa's answers back to the chat."""

from __future__ import annotations

import logging

from telegram import Bot, Chat, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.callback_store import CallbackStore
from bot.language import AssistantLanguage, ChatLanguages, telegram_language_code
from bot.menus import set_chat_command_menu
from bot.rasa_client import RasaClient, RasaMessage, RasaUnavailable, UserMessage
from bot.replies import inline_keyboard, split_text
from bot.sender_id import SenderIds
from bot.typing_indicator import typing_shown

logger = logging.getLogger(__name__)


class Relay:
    def __init__(self, rasa: RasaClient, sender_ids: SenderIds, chat_languages: ChatLanguages):
        self.rasa = rasa
        self.sender_ids = sender_ids
        self.chat_languages = chat_languages

    async def ask(self, update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
        """Send ``text`` to Rasa as the user's message and post every answer, in order."""
        chat = update.effective_chat
        message = UserMessage(
            sender=self.sender_ids(chat.id),
            text=text,
            language_code=telegram_language_code(update),
        )
        try:
            async with typing_shown(context.bot, chat.id):
                answers = await self.rasa.send(message)
        except RasaUnavailable as problem:
            logger.warning("Rasa unavailable for chat %s: %s", chat.id, problem)
            await self._say_unavailable(update, context)
            return

        language = AssistantLanguage.of(answer.custom for answer in answers)
        if language.reply:
            self.chat_languages.learn(chat.id, language.reply)
        shown = [answer for answer in answers if not answer.is_empty]
        if not shown:
            # Every intent of the assistant has an answer. Rasa answers nothing when an action
            # failed or the action server is down (it logs the error, the REST reply is []).
            logger.warning("Rasa answered nothing to chat %s: is the action server up?", chat.id)
            await self._say_unavailable(update, context)
        else:
            tr = self.chat_languages.translator(update)
            store = CallbackStore.in_bot_data(context.bot_data)
            for answer in shown:
                await _post(context.bot, chat.id, answer, store, tr)
        if language.chosen and chat.type == Chat.PRIVATE:
            # The per-language menus follow the app language; after a choice this chat follows it.
            await set_chat_command_menu(context.bot, chat.id, language.chosen)

    async def _say_unavailable(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        tr = self.chat_languages.translator(update)
        await context.bot.send_message(
            update.effective_chat.id,
            tr.gettext("The assistant is temporarily unavailable, please try again in a moment."),
        )


async def _post(bot: Bot, chat_id: int, answer: RasaMessage, store: CallbackStore, tr) -> None:
    if answer.text or answer.buttons:
        chunks = split_text(answer.text or "") or [tr.gettext("Please choose:")]
        keyboard = inline_keyboard(answer.buttons, store) if answer.buttons else None
        for chunk in chunks[:-1]:
            await bot.send_message(chat_id, chunk)
        # Buttons go under the last part, where the user finishes reading.
        await bot.send_message(chat_id, chunks[-1], reply_markup=keyboard)
    if answer.image:
        await _post_image(bot, chat_id, answer.image)


async def _post_image(bot: Bot, chat_id: int, url: str) -> None:
    try:
        await bot.send_photo(chat_id, photo=url)
    except BadRequest as error:
        # Telegram could not fetch or use the image; the link still helps.
        logger.warning("Telegram refused image %s: %s", url, error)
        await bot.send_message(chat_id, url)
