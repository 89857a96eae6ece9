"""The sender id the bot gives Rasa for a Telegram chat: unguessable, stable.

Rasa keys a conversation (the tracker: the last question, the figures just
shown, the chosen language) by the sender id alone, and its REST channel
believes whatever sender a request names. With ``tg-<chat id>``, anyone who
could reach Rasa's port could speak in a Telegram user's conversation and
read back that user's last answer ("where is this from?"); chat ids are no
secret (a user's id is their chat id, and bots, groups and forwards reveal it).

So the sender id is a keyed hash of the chat id: ``tg-`` + the first 32 hex
digits (128 bits) of HMAC-SHA256(SENDER_ID_SECRET, chat id). The same chat
always gets the same id (its conversation goes on across restarts of the bot),
and without the secret nobody can compute the id of a chat. Changing the
secret starts every conversation afresh.
"""

from __future__ import annotations

import hashlib
import hmac

PREFIX = "tg-"
HEX_DIGITS = 32
MIN_SECRET_LENGTH = 32


def sender_id(secret: str, chat_id: int) -> str:
    digest = hmac.new(secret.encode("utf-8"), str(int(chat_id)).encode("ascii"), hashlib.sha256)
    return PREFIX + digest.hexdigest()[:HEX_DIGITS]


class SenderIds:
    """``sender_ids(chat_id)``: the Rasa sender id of a chat, with the secret bound in."""

    __slots__ = ("_secret",)

    def __init__(self, secret: str):
        if not secret:
            raise ValueError("a sender id secret is required")
        self._secret = secret

    def __call__(self, chat_id: int) -> str:
        return sender_id(self._secret, chat_id)

    def __repr__(self) -> str:  # never the secret
        return "SenderIds(<secret>)"
