"""A loopback stand-in for the Telegram Bot API, for tests.

It speaks enough of the Bot API for python-telegram-bot to run a real
``Application`` against it: ``getMe``, ``getUpdates`` (long polling with
``offset``/``timeout``/``limit`` honoured), ``sendMessage``, ``sendPhoto``,
``sendChatAction``, ``answerCallbackQuery``, ``editMessageReplyMarkup``,
``editMessageText``, ``setMyCommands``/``getMyCommands``, ``deleteWebhook``,
``setWebhook``, ``getWebhookInfo``, ``close``, ``logOut``. Every call is recorded.

Usage::

    api = TelegramApiStandIn()
    await api.start()                       # listens on 127.0.0.1, a free port
    # point the bot at api.base_url ("http://127.0.0.1:PORT/bot") with token api.token
    user = FakeUser(id=101, first_name="Lan", language_code="vi")
    api.inject(api.command(user, "/start"))                 # the user sends /start
    reply = await api.wait_for_call("sendMessage", chat_id=user.id)
    reply.params["text"], reply.params.get("reply_markup")
    await api.stop()

Requests are parsed the way PTB sends them (form fields; strings as-is, other
values JSON-encoded) into ``ApiCall.params`` with JSON values decoded.
``api.fail_next(method, 400, "Bad Request: ...")`` makes the next call of a
method fail like Telegram does. A wrong token gets 401, as from Telegram.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from aiohttp import web

from tests.support.loopback_server import LoopbackServer

DEFAULT_TOKEN = "123456789:TEST-token-that-must-never-be-logged"

# Parameters that PTB sends as raw strings; everything else is JSON-encoded.
STRING_PARAMS = frozenset(
    {
        "text", "caption", "photo", "action", "callback_query_id", "parse_mode",
        "language_code", "url", "secret_token", "description", "short_description",
        "name", "title", "emoji", "inline_message_id", "document", "audio", "video", "voice",
        "sticker", "business_connection_id", "message_effect_id",
    }
)


@dataclass(frozen=True)
class FakeUser:
    id: int
    first_name: str = "Test"
    language_code: str | None = "en"
    username: str | None = None
    is_bot: bool = False

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.language_code:
            data["language_code"] = self.language_code
        if self.username:
            data["username"] = self.username
        return data


@dataclass(frozen=True)
class FakeGroup:
    id: int  # negative, as Telegram's group ids are
    title: str = "Provincial officials"
    type: str = "supergroup"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "title": self.title}


@dataclass
class ApiCall:
    method: str  # as spelled in the Bot API, e.g. "sendMessage"
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    response: Any = None  # the "result" returned to the bot (e.g. the sent Message)
    error: str | None = None  # the description, when the call was answered with an error

    @property
    def chat_id(self) -> Any:
        return self.params.get("chat_id")

    @property
    def text(self) -> str | None:
        return self.params.get("text")

    @property
    def keyboard(self) -> list[list[dict[str, Any]]]:
        """The inline keyboard rows of this call, [] if none."""
        markup = self.params.get("reply_markup") or {}
        return markup.get("inline_keyboard", [])


class TelegramApiError(Exception):
    def __init__(self, code: int, description: str):
        super().__init__(description)
        self.code, self.description = code, description


class TelegramApiStandIn(LoopbackServer):
    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        bot_id: int = 900000001,
        bot_username: str = "aid_assistant_test_bot",
        host: str = "127.0.0.1",
        port: int = 0,  # 0: any free port
    ):
        super().__init__(host, port)
        self.token = token
        self.bot_user = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "Aid Assistant",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.calls: list[ApiCall] = []
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}  # (scope, lang) -> menu
        self._pending_updates: list[dict[str, Any]] = []
        self._delivered_up_to = 0  # highest update_id a getUpdates has handed to the bot
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._chats: dict[int, dict[str, Any]] = {}
        self._failures: dict[str, list[TelegramApiError]] = {}

    # ------------------------------------------------------------------ lifecycle

    @property
    def bot_id(self) -> int:
        return self.bot_user["id"]

    @property
    def bot_username(self) -> str:
        return self.bot_user["username"]

    @property
    def base_url(self) -> str:
        """PTB's ``base_url`` / the bot's TELEGRAM_API_BASE_URL: the token is appended to it."""
        return f"http://{self.host}:{self.port}/bot"

    def routes(self, app: web.Application) -> None:
        app.router.add_route("*", "/bot{token}/{method}", self._handle)

    # ------------------------------------------------------------------ what users do

    def inject(self, update: dict[str, Any]) -> int:
        """Queue an update (built with the helpers below) for the next getUpdates."""
        update = dict(update)
        update.setdefault("update_id", next(self._update_ids))
        self._pending_updates.append(update)
        asyncio.get_running_loop().create_task(self._notify())
        return update["update_id"]

    def message(
        self,
        user: FakeUser,
        text: str | None = None,
        *,
        chat: FakeGroup | None = None,
        entities: list[dict[str, Any]] | None = None,
        reply_to: dict[str, Any] | None = None,
        **content: Any,
    ) -> dict[str, Any]:
        """An update with a message from ``user`` in their private chat or in ``chat``."""
        chat_dict = chat.to_dict() if chat else {"id": user.id, "type": "private", "first_name": user.first_name}
        self._chats[chat_dict["id"]] = chat_dict
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat_dict,
            "from": user.to_dict(),
            **content,
        }
        if text is not None:
            message["text"] = text
        if entities:
            message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        return {"message": message}

    def command(self, user: FakeUser, command: str, *, chat: FakeGroup | None = None) -> dict[str, Any]:
        """``/start``, ``/language`` ... as Telegram sends them: with a bot_command entity."""
        name_length = len(command.split()[0])
        entity = {"type": "bot_command", "offset": 0, "length": _utf16_length(command[:name_length])}
        return self.message(user, command, chat=chat, entities=[entity])

    def mention(self, user: FakeUser, text: str, *, chat: FakeGroup) -> dict[str, Any]:
        """A group message that starts with "@botname " followed by ``text``."""
        handle = f"@{self.bot_username}"
        entity = {"type": "mention", "offset": 0, "length": len(handle)}
        return self.message(user, f"{handle} {text}", chat=chat, entities=[entity])

    def sticker(self, user: FakeUser, *, chat: FakeGroup | None = None) -> dict[str, Any]:
        sticker = {
            "file_id": "sticker-file", "file_unique_id": "sticker-unique", "type": "regular",
            "width": 512, "height": 512, "is_animated": False, "is_video": False,
        }
        return self.message(user, chat=chat, sticker=sticker)

    def voice(self, user: FakeUser) -> dict[str, Any]:
        voice = {"file_id": "voice-file", "file_unique_id": "voice-unique", "duration": 3}
        return self.message(user, voice=voice)

    def location(self, user: FakeUser) -> dict[str, Any]:
        return self.message(user, location={"latitude": 15.57, "longitude": 108.47})

    def button_press(self, user: FakeUser, pressed_on: ApiCall | dict[str, Any], callback_data: str) -> dict[str, Any]:
        """The user presses a button with ``callback_data`` under a bot message.

        ``pressed_on``: the sendMessage call that sent it, or a message from ``bot_message()``.
        """
        message = pressed_on.response if isinstance(pressed_on, ApiCall) else pressed_on
        return {
            "callback_query": {
                "id": f"cq-{next(self._message_ids)}",
                "from": user.to_dict(),
                "chat_instance": f"ci-{message.get('chat', {}).get('id', user.id)}",
                "message": message,
                "data": callback_data,
            }
        }

    def bot_message(self, chat_id: int, text: str) -> dict[str, Any]:
        """A message of the bot, e.g. for a user's reply to it (``reply_to=``)."""
        return self._new_message({"chat_id": chat_id, "text": text})

    # ------------------------------------------------------------------ what tests check

    def calls_to(self, method: str, **params: Any) -> list[ApiCall]:
        return [call for call in self.calls if _matches(call, method, params)]

    def sent_texts(self, chat_id: int) -> list[str]:
        return [call.text for call in self.calls_to("sendMessage", chat_id=chat_id)]

    async def wait_for_call(
        self,
        method: str,
        *,
        after: int = 0,
        where: Callable[[ApiCall], bool] | None = None,
        timeout: float = 10.0,
        **params: Any,
    ) -> ApiCall:
        """The first call of ``method`` (from index ``after`` on) whose params match; waits for it."""
        calls = await self.wait_for_calls(method, 1, after=after, where=where, timeout=timeout, **params)
        return calls[0]

    async def wait_for_calls(
        self,
        method: str,
        count: int,
        *,
        after: int = 0,
        where: Callable[[ApiCall], bool] | None = None,
        timeout: float = 10.0,
        **params: Any,
    ) -> list[ApiCall]:
        """The first ``count`` matching calls, waiting until there are that many."""

        def found() -> list[ApiCall]:
            return [
                call
                for call in self.calls[after:]
                if _matches(call, method, params) and (where is None or where(call))
            ]

        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(lambda: len(found()) >= count), timeout)
            except asyncio.TimeoutError:
                seen = [(c.method, c.params.get("chat_id"), c.params.get("text")) for c in self.calls[after:]]
                raise AssertionError(
                    f"expected {count} {method} call(s) matching {params}; calls since #{after}: {seen}"
                ) from None
        return found()[:count]

    async def wait_for_delivery(self, update_id: int, *, timeout: float = 10.0) -> None:
        """Wait until getUpdates has handed the bot every update up to ``update_id``."""
        async with self._changed:
            try:
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: self._delivered_up_to >= update_id), timeout
                )
            except asyncio.TimeoutError:
                raise AssertionError(
                    f"update {update_id} not fetched by the bot; fetched up to {self._delivered_up_to}"
                ) from None

    def mark(self) -> int:
        """Index for ``after=``: only calls made from now on are considered."""
        return len(self.calls)

    def fail_next(self, method: str, code: int = 400, description: str = "Bad Request") -> None:
        self._failures.setdefault(method.lower(), []).append(TelegramApiError(code, description))

    # ------------------------------------------------------------------ HTTP side

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await _read_params(request)
        handler = getattr(self, f"_api_{method.lower()}", None)
        if handler is None:
            return _error(404, "Not Found: method not found")
        if method.lower() == "getupdates":  # polling is plumbing, not something the bot "did"
            updates = await handler(params)
            if updates:
                self._delivered_up_to = max(self._delivered_up_to, updates[-1]["update_id"])
                await self._notify()
            return web.json_response({"ok": True, "result": updates})

        call = ApiCall(method, params)
        try:
            failures = self._failures.get(method.lower())
            if failures:
                raise failures.pop(0)
            call.response = await handler(params)
        except TelegramApiError as error:
            call.error = error.description
            await self._record(call)
            return _error(error.code, error.description)
        await self._record(call)
        return web.json_response({"ok": True, "result": call.response})

    async def _record(self, call: ApiCall) -> None:
        self.calls.append(call)
        await self._notify()

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    def _chat(self, chat_id: Any) -> dict[str, Any]:
        if not isinstance(chat_id, int):
            raise TelegramApiError(400, "Bad Request: chat not found")
        return self._chats.get(chat_id, {"id": chat_id, "type": "private", "first_name": "User"})

    def _new_message(self, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self._chat(params.get("chat_id")),
            "from": self.bot_user,
            **content,
        }
        if "text" in params:
            message["text"] = params["text"]
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    # ------------------------------------------------------------------ Bot API methods

    async def _api_getme(self, params: dict[str, Any]) -> dict[str, Any]:
        return self.bot_user

    async def _api_getupdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        if offset:  # Telegram forgets updates below the offset: they are confirmed
            self._pending_updates = [u for u in self._pending_updates if u["update_id"] >= offset]

        def available() -> list[dict[str, Any]]:
            return self._pending_updates[:limit]

        if not available() and timeout > 0 and not self._closing.is_set():
            async with self._changed:
                try:
                    await asyncio.wait_for(
                        self._changed.wait_for(lambda: bool(available()) or self._closing.is_set()),
                        timeout,
                    )
                except asyncio.TimeoutError:
                    pass
        return available()

    async def _api_sendmessage(self, params: dict[str, Any]) -> dict[str, Any]:
        if not params.get("text"):
            raise TelegramApiError(400, "Bad Request: message text is empty")
        if _utf16_length(params["text"]) > 4096:
            raise TelegramApiError(400, "Bad Request: message is too long")
        _check_callback_data(params.get("reply_markup"))
        return self._new_message(params)

    async def _api_sendphoto(self, params: dict[str, Any]) -> dict[str, Any]:
        photo = [{"file_id": "photo-file", "file_unique_id": "photo-unique", "width": 640, "height": 480}]
        return self._new_message(params, photo=photo)

    async def _api_sendchataction(self, params: dict[str, Any]) -> bool:
        return True

    async def _api_answercallbackquery(self, params: dict[str, Any]) -> bool:
        return True

    async def _api_editmessagereplymarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._new_message(params)
        message["message_id"] = params.get("message_id")
        return message

    async def _api_editmessagetext(self, params: dict[str, Any]) -> dict[str, Any]:
        return await self._api_editmessagereplymarkup(params)

    async def _api_setmycommands(self, params: dict[str, Any]) -> bool:
        scope = (params.get("scope") or {"type": "default"})
        key = (json.dumps(scope, sort_keys=True), params.get("language_code") or "")
        self.commands[key] = params.get("commands") or []
        return True

    async def _api_getmycommands(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        scope = (params.get("scope") or {"type": "default"})
        return self.commands.get((json.dumps(scope, sort_keys=True), params.get("language_code") or ""), [])

    def command_menu(self, language_code: str = "", scope: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """The menu the bot set for ``language_code`` ("" = default) and scope."""
        key = (json.dumps(scope or {"type": "default"}, sort_keys=True), language_code)
        return self.commands.get(key, [])

    async def _api_deletewebhook(self, params: dict[str, Any]) -> bool:
        return True

    async def _api_setwebhook(self, params: dict[str, Any]) -> bool:
        return True

    async def _api_getwebhookinfo(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": len(self._pending_updates)}

    async def _api_close(self, params: dict[str, Any]) -> bool:
        return True

    async def _api_logout(self, params: dict[str, Any]) -> bool:
        return True


async def _read_params(request: web.Request) -> dict[str, Any]:
    raw: dict[str, Any] = dict(request.query)
    if request.can_read_body:
        if request.content_type == "application/json":
            raw.update(await request.json())
            return raw
        for key, value in (await request.post()).items():
            raw[key] = value if isinstance(value, str) else value.file.read()
    return {key: _decode(key, value) for key, value in raw.items()}


def _decode(key: str, value: Any) -> Any:
    if key in STRING_PARAMS or not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value  # e.g. chat_id "@channelname"


def _check_callback_data(markup: Any) -> None:
    """Telegram rejects buttons whose callback_data is over 64 bytes; so does the stand-in."""
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode("utf-8")) <= 64:
                raise TelegramApiError(400, "Bad Request: BUTTON_DATA_INVALID")


def _matches(call: ApiCall, method: str, params: dict[str, Any]) -> bool:
    return call.method.lower() == method.lower() and all(
        call.params.get(key) == value for key, value in params.items()
    )


def _error(code: int, description: str) -> web.Response:
    return web.json_response({"ok": False, "error_code": code, "description": description}, status=code)


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
