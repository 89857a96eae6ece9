"""Which language the bot speaks to a user.

Order: the language chosen with /language (kept in user_data, so it survives a
restart), else the language of the user's Telegram app, else the default.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from i18n import catalog, languages

CHOSEN_LANGUAGE_KEY = "chosen_language"


def chosen_language(context: ContextTypes.DEFAULT_TYPE) -> str | None:
    user_data = context.user_data
    if user_data is None:
        return None
    code = user_data.get(CHOSEN_LANGUAGE_KEY)
    return code if code in languages.supported() else None


def choose_language(context: ContextTypes.DEFAULT_TYPE, code: str) -> None:
    if context.user_data is not None:
        context.user_data[CHOSEN_LANGUAGE_KEY] = code


def telegram_language_code(update: object) -> str | None:
    """The user's app language as Telegram reports it (e.g. "en-US"), unchanged."""
    user = update.effective_user if isinstance(update, Update) else None
    return user.language_code if user else None


def user_language(update: object, context: ContextTypes.DEFAULT_TYPE) -> str:
    app_language = telegram_language_code(update)
    return (
        chosen_language(context)
        or (languages.normalize(app_language) if app_language else None)
        or languages.default()
    )


def translator(update: object, context: ContextTypes.DEFAULT_TYPE):
    """gettext for the bot's own texts, in this user's language."""
    return catalog.translator(user_language(update, context), domain="bot")
