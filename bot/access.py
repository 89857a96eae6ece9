"""The allow-list: when ALLOWED_USER_IDS is set, only those users are served.

Registered in handler group -1, so it sees every update before any other
handler. For anyone else it answers politely and stops the update there:
nothing they send, typed or pressed, reaches Rasa.
"""

from __future__ import annotations

import logging
from typing import Collection

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes, TypeHandler, filters

from bot.filters import ADDRESSED_TO_BOT
from bot.language import ChatLanguages

logger = logging.getLogger(__name__)

ACCESS_GROUP = -1


def allow_list_handler(allowed_user_ids: Collection[int], chat_languages: ChatLanguages) -> TypeHandler:
    allowed = frozenset(allowed_user_ids)

    async def refuse_strangers(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user = update.effective_user
        if user is not None and user.id in allowed:
            return
        logger.info("Refused an update from user %s (not in ALLOWED_USER_IDS)", user.id if user else None)
        await _tell_refused(update, context, chat_languages)
        raise ApplicationHandlerStop

    return TypeHandler(Update, refuse_strangers)


async def _tell_refused(
    update: Update, context: ContextTypes.DEFAULT_TYPE, chat_languages: ChatLanguages
) -> None:
    # Nothing of a stranger's reaches the assistant, so this one the bot says itself.
    refusal = chat_languages.translator(update).gettext(
        "Sorry, this assistant is open only to authorised users. "
        "Please contact the administrator if you need access."
    )
    if update.callback_query:
        await update.callback_query.answer(refusal, show_alert=True)
    elif update.message and _speaks_to_bot(update):
        await update.message.reply_text(refusal)
    # Anything else (group chatter, edits, ...) is dropped without a word.


def _speaks_to_bot(update: Update) -> bool:
    # A group member who is just talking to others must not get a refusal.
    return bool(ADDRESSED_TO_BOT.check_update(update) or filters.COMMAND.check_update(update))
