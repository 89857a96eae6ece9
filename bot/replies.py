"""Turning Rasa's answers into Telegram messages.

Texts are sent as plain text (no parse_mode): figures, names and quotes from
documents arrive exactly as Rasa wrote them, and characters such as ``<``,
``&``, ``*`` or ``_`` can never break a message or be read as formatting.
"""

from __future__ import annotations

from typing import Iterable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit

from bot.callback_store import CallbackStore
from bot.rasa_client import RasaButton

MAX_MESSAGE_LENGTH = MessageLimit.MAX_TEXT_LENGTH  # 4096, counted by Telegram in UTF-16 units

# Where a long text may be cut, best first.
_BREAKS = ("\n\n", "\n", " ")


def split_text(text: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Cut ``text`` into messages Telegram accepts, at paragraph, line or word breaks."""
    chunks = []
    rest = text.strip()
    while rest:
        fit = _prefix_fitting(rest, limit)
        if fit == len(rest):
            chunks.append(rest)
            break
        cut = _best_break(rest, fit)
        chunk, rest = rest[:cut].rstrip(), rest[cut:].lstrip()
        if chunk:
            chunks.append(chunk)
    return chunks


def _prefix_fitting(text: str, limit: int) -> int:
    """Length (in code points) of the longest prefix within ``limit`` UTF-16 units."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


def _best_break(text: str, fit: int) -> int:
    # A break in the first half of the window would leave a stub message; look further.
    for separator in _BREAKS:
        position = text.rfind(separator, 0, fit)
        if position >= fit // 2:
            return position + len(separator)
    return fit  # one unbroken run of characters: cut it where the limit is


def inline_keyboard(buttons: Iterable[RasaButton], store: CallbackStore) -> InlineKeyboardMarkup:
    """One button per row: titles are whole questions and phones are narrow."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(button.title, callback_data=store.callback_data(button.payload))]
            for button in buttons
        ]
    )
