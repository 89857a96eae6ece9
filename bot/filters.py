"""Which messages are meant for the bot.

In a private chat, every message. In a group, only messages that mention the
bot (@name) or reply to one of its messages; commands are matched by
CommandHandler, which already checks a ``/cmd@name`` suffix.
"""

from __future__ import annotations

import re

from telegram import Chat, Message, MessageEntity
from telegram.ext import filters


class _AddressedToBot(filters.MessageFilter):
    __slots__ = ()

    def filter(self, message: Message) -> bool:
        if message.chat.type == Chat.PRIVATE:
            return True
        bot = message.get_bot()
        replied = message.reply_to_message
        if replied and replied.from_user and replied.from_user.id == bot.id:
            return True
        return _mentions(message, bot.id, bot.username)


ADDRESSED_TO_BOT = _AddressedToBot(name="ADDRESSED_TO_BOT")


def _mentions(message: Message, bot_id: int, username: str | None) -> bool:
    mention_types = [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
    found = {**message.parse_entities(mention_types), **message.parse_caption_entities(mention_types)}
    for entity, text in found.items():
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            return True
        if entity.type == MessageEntity.MENTION and username and text.lower() == f"@{username.lower()}":
            return True
    return False


def without_mention(text: str, username: str | None) -> str:
    """The question without "@botname", so Rasa sees only what the user asked."""
    if not username:
        return text.strip()
    return re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE).strip()
