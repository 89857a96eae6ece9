"""Talks to Rasa's REST channel (``POST /webhooks/rest/webhook``).

Every way Rasa can fail us (refused connection, too slow, HTTP error, a body
that is not the expected JSON list) becomes one exception, ``RasaUnavailable``,
so the caller has a single case to turn into a polite message.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

import httpx

logger = logging.getLogger(__name__)

REST_WEBHOOK_PATH = "/webhooks/rest/webhook"


class RasaUnavailable(Exception):
    """Rasa could not give a usable answer in time."""


@dataclass(frozen=True)
class RasaButton:
    title: str
    payload: str


@dataclass(frozen=True)
class RasaMessage:
    text: str | None = None
    buttons: tuple[RasaButton, ...] = ()
    image: str | None = None
    custom: Any = None

    @property
    def is_empty(self) -> bool:
        return not (self.text or self.buttons or self.image)


@dataclass(frozen=True)
class UserMessage:
    """One message of a user to the assistant, with what Rasa needs to know about them."""

    sender: str  # one Rasa conversation per Telegram chat: bot/sender_id.py
    text: str
    # The user's app language as Telegram reports it ("vi", "en-US"): the assistant's
    # fallback for messages too short to tell. A chosen language is the assistant's own
    # (its chosen_language slot); the bot keeps none and sends none.
    language_code: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "sender": self.sender,
            "message": self.text,
            "metadata": {"language_code": self.language_code},
        }


@dataclass
class RasaClient:
    """One shared HTTP client for all chats; ``timeout`` bounds a whole exchange."""

    base_url: str
    timeout: float = 8.0
    _http: httpx.AsyncClient = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._http = httpx.AsyncClient(
            base_url=self.base_url.rstrip("/"),
            timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 3.0)),
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        )

    async def send(self, message: UserMessage) -> list[RasaMessage]:
        try:
            # httpx timeouts are per read/write; wait_for caps the whole exchange.
            response = await asyncio.wait_for(
                self._http.post(REST_WEBHOOK_PATH, json=message.to_json()), self.timeout
            )
        except asyncio.TimeoutError:
            raise RasaUnavailable(f"no answer from Rasa within {self.timeout:g} s") from None
        except httpx.HTTPError as error:
            raise RasaUnavailable(f"cannot reach Rasa at {self.base_url}: {error!r}") from error

        if response.status_code != 200:
            raise RasaUnavailable(f"Rasa answered HTTP {response.status_code}")
        try:
            body = response.json()
        except ValueError:
            raise RasaUnavailable("Rasa answered with a body that is not JSON") from None
        return parse_messages(body)

    async def aclose(self) -> None:
        await self._http.aclose()


def parse_messages(body: Any) -> list[RasaMessage]:
    """Rasa's REST reply: a JSON list of bot messages. Unknown keys are ignored."""
    if not isinstance(body, list):
        raise RasaUnavailable(f"Rasa answered {type(body).__name__}, expected a list of messages")
    messages = []
    for item in body:
        if not isinstance(item, dict):
            raise RasaUnavailable("Rasa answered a message that is not a JSON object")
        messages.append(
            RasaMessage(
                text=_optional_str(item.get("text")),
                buttons=tuple(_buttons(item.get("buttons"))),
                image=_optional_str(item.get("image")),
                custom=item.get("custom"),
            )
        )
    return messages


def _buttons(raw: Any) -> list[RasaButton]:
    if not isinstance(raw, list):
        return []
    buttons = []
    for button in raw:
        if not isinstance(button, dict):
            continue
        title = _optional_str(button.get("title"))
        payload = _optional_str(button.get("payload")) or title
        if title and payload:
            buttons.append(RasaButton(title=title, payload=payload))
        else:
            logger.warning("Ignoring a Rasa button without title or payload")
    return buttons


def _optional_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if text.strip() else None
