"""Which language the bot's own few texts are in.

The assistant owns the language of the conversation: a choice made with
/language or by asking ("answer in Urdu") is its ``chosen_language`` slot, in
its tracker, and nowhere else. The bot keeps no choice of its own. For the
texts only it can say (the assistant is unavailable, a button expired, "I can
only read text"), it speaks the language the assistant last answered that chat
in, which the assistant states with every reply as a custom message
``{"language": code}`` (``{"set_language": code}`` after a choice counts too).

Those languages are kept in memory per chat, for a bounded number of chats
(least recently answered forgotten first). For a chat the assistant has not
answered since the bot started: the language of the user's Telegram app, else
the default language.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Iterable

from telegram import Update

from i18n import catalog, languages

DEFAULT_CAPACITY = 10_000  # chats; an entry is a few dozen bytes


def telegram_language_code(update: object) -> str | None:
    """The user's app language as Telegram reports it (e.g. "en-US"), unchanged."""
    user = update.effective_user if isinstance(update, Update) else None
    return user.language_code if user else None


def supported_code(value: Any) -> str | None:
    """``value`` as a registry language code, or None (not a string, not supported)."""
    return languages.normalize(value) if isinstance(value, str) else None


@dataclass(frozen=True)
class AssistantLanguage:
    """What the assistant said about languages in one reply."""

    reply: str | None = None  # the language the reply is in
    chosen: str | None = None  # the user has just chosen this language

    @classmethod
    def of(cls, customs: Iterable[Any]) -> "AssistantLanguage":
        """Read ``{"language": code}`` and ``{"set_language": code}`` from the custom
        payloads of a reply; a choice wins, else the last stated language."""
        reply = chosen = None
        for custom in customs:
            if not isinstance(custom, dict):
                continue
            reply = supported_code(custom.get("language")) or reply
            chosen = supported_code(custom.get("set_language")) or chosen
        return cls(reply=chosen or reply, chosen=chosen)


class ChatLanguages:
    """The language of the assistant's latest reply, per chat, for a bounded number of chats."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY):
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self._latest: OrderedDict[int, str] = OrderedDict()

    def learn(self, chat_id: int, code: str) -> None:
        self._latest[chat_id] = code
        self._latest.move_to_end(chat_id)
        while len(self._latest) > self.capacity:
            self._latest.popitem(last=False)

    def latest(self, chat_id: int) -> str | None:
        return self._latest.get(chat_id)

    def __len__(self) -> int:
        return len(self._latest)

    def for_update(self, update: object) -> str:
        """The latest reply's language in this chat, else the app language, else the default."""
        chat = update.effective_chat if isinstance(update, Update) else None
        return (
            (self.latest(chat.id) if chat else None)
            or supported_code(telegram_language_code(update))
            or languages.default()
        )

    def translator(self, update: object):
        """gettext for the bot's own texts, in the language for this update."""
        return catalog.translator(self.for_update(update), domain="bot")
