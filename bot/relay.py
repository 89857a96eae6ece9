"""Passing a user's message to Rasa and Rasa's answers back to the chat."""

from __future__ import annotations

import logging

from telegram import Bot, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.callback_store import CallbackStore
from bot.language import choose_language, chosen_language, telegram_language_code, translator
from bot.rasa_client import RasaClient, RasaMessage, RasaUnavailable, UserMessage
from bot.replies import inline_keyboard, split_text
from bot.sender_id import SenderIds
from bot.typing_indicator import typing_shown
from i18n import languages

logger = logging.getLogger(__name__)


class Relay:
    def __init__(self, rasa: RasaClient, sender_ids: SenderIds):
        self.rasa = rasa
        self.sender_ids = sender_ids

    async def ask(self, update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
        """Send ``text`` to Rasa as the user's message and post every answer, in order."""
        chat_id = update.effective_chat.id
        tr = translator(update, context)
        message = UserMessage(
            sender=self.sender_ids(chat_id),
            text=text,
            language_code=telegram_language_code(update),
            chosen_language=chosen_language(context),
        )
        try:
            async with typing_shown(context.bot, chat_id):
                answers = await self.rasa.send(message)
        except RasaUnavailable as problem:
            logger.warning("Rasa unavailable for chat %s: %s", chat_id, problem)
            await context.bot.send_message(
                chat_id,
                tr.gettext("The assistant is temporarily unavailable, please try again in a moment."),
            )
            return

        apply_assistant_settings(answers, context)
        answers = [answer for answer in answers if not answer.is_empty]
        if not answers:
            await context.bot.send_message(
                chat_id, tr.gettext("I have no answer to that. Send /help to see what you can ask.")
            )
            return
        store = CallbackStore.in_bot_data(context.bot_data)
        for answer in answers:
            await _post(context.bot, chat_id, answer, store, tr)


def apply_assistant_settings(answers, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The assistant says {"set_language": code} when the user chose a language in
    the conversation ("answer in Urdu"): the bot's own texts follow that choice too."""
    for answer in answers:
        custom = answer.custom if isinstance(answer.custom, dict) else {}
        code = languages.normalize(custom.get("set_language"))
        if code:
            choose_language(context, code)


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
