"""The command menu (/start, /help, /language, /sources) in each supported language.

At startup the bot publishes one menu per language; Telegram shows each user
the one of their app language (English for any other). After the user
chooses a language in a private chat, that chat's menu follows the choice.
"""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.texts import COMMANDS
from i18n import catalog, languages

logger = logging.getLogger(__name__)


def command_menu(lang: str) -> list[BotCommand]:
    tr = catalog.translator(lang, domain="bot")
    return [BotCommand(command, tr.gettext(description)) for command, description in COMMANDS]


async def publish_command_menus(bot: Bot) -> None:
    """The command menu in each supported language, the default one for all other app languages."""
    try:
        await bot.set_my_commands(command_menu(languages.default()))
        for code in languages.supported():
            await bot.set_my_commands(command_menu(code), language_code=code)
    except TelegramError as error:
        # A missing menu is no reason not to answer questions.
        logger.warning("Could not publish the command menus: %s", error)


async def set_chat_command_menu(bot: Bot, chat_id: int, lang: str) -> None:
    try:
        await bot.set_my_commands(command_menu(lang), scope=BotCommandScopeChat(chat_id))
    except TelegramError as error:
        logger.warning("Could not set the command menu of chat %s: %s", chat_id, error)
