"""A loopback stand-in for Rasa's REST channel, for tests.

Serves ``POST /webhooks/rest/webhook`` like Rasa 3.6 does and records every
request. Tests script its answers per message text::

    rasa = FakeRasa()
    await rasa.start()                                  # rasa.url -> http://127.0.0.1:PORT
    rasa.on("hello", Reply([{"text": "Hi!"}]))          # exact message text
    rasa.on(lambda req: req.metadata.get("language_code") == "vi", Slow(20))  # or any predicate
    rasa.default = HttpError(500)                       # for everything else (default: echo)
    ...
    request = await rasa.wait_for_request()             # .sender, .message, .metadata
    await rasa.stop()

Answers: ``Reply(messages)`` (a JSON list as Rasa sends), ``Echo()``,
``HttpError(status)``, ``InvalidJson()``, ``Slow(seconds, then=...)``. For
"Rasa is down" use ``refused_url()``: an address where nothing listens.
"""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass, field
from typing import Any, Callable, Union

from aiohttp import web

from tests.support.loopback_server import LoopbackServer

REST_WEBHOOK_PATH = "/webhooks/rest/webhook"


@dataclass
class RasaRequest:
    body: dict[str, Any]

    @property
    def sender(self) -> str | None:
        return self.body.get("sender")

    @property
    def message(self) -> str | None:
        return self.body.get("message")

    @property
    def metadata(self) -> dict[str, Any]:
        return self.body.get("metadata") or {}


@dataclass
class Reply:
    messages: list[dict[str, Any]]  # Rasa's bot messages; recipient_id is added


@dataclass
class Echo:
    """Answers ``"echo: <message>"``: the default, so any question gets some answer."""


@dataclass
class HttpError:
    status: int = 500
    body: str = '{"status": "failure", "message": "internal error"}'


@dataclass
class InvalidJson:
    """HTTP 200 with a body Rasa would never send: not JSON, or JSON of the wrong shape."""

    body: str = "<html>Bad gateway</html>"


@dataclass
class Slow:
    """Holds the request for ``seconds`` (ended early when the server stops), then answers."""

    seconds: float
    then: "Answer" = field(default_factory=Echo)


@dataclass
class Held:
    """Holds the request until the test calls ``release()`` (or the server stops), then answers.

    For ordering tests: "this answer is still pending" is a fact, not a timing guess.
    """

    then: "Answer" = field(default_factory=Echo)
    _released: asyncio.Event = field(default_factory=asyncio.Event, init=False, repr=False)

    def release(self) -> None:
        self._released.set()


Answer = Union[Reply, Echo, HttpError, InvalidJson, Slow, Held]
Matcher = Union[str, Callable[[RasaRequest], bool]]


class FakeRasa(LoopbackServer):
    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        super().__init__(host, port)
        self.requests: list[RasaRequest] = []
        self.default: Answer = Echo()
        self._rules: list[tuple[Matcher, Answer]] = []

    @property
    def url(self) -> str:
        """The bot's RASA_URL."""
        return f"http://{self.host}:{self.port}"

    def routes(self, app: web.Application) -> None:
        app.router.add_post(REST_WEBHOOK_PATH, self._handle)
        app.router.add_get("/", self._version)

    def on(self, matcher: Matcher, answer: Answer) -> None:
        """Answer requests whose message equals ``matcher`` (or for which it returns True)."""
        self._rules.append((matcher, answer))

    async def wait_for_request(self, *, after: int = 0, timeout: float = 10.0) -> RasaRequest:
        return (await self.wait_for_requests(1, after=after, timeout=timeout))[0]

    async def wait_for_requests(self, count: int, *, after: int = 0, timeout: float = 10.0) -> list[RasaRequest]:
        async with self._changed:
            try:
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: len(self.requests) - after >= count), timeout
                )
            except asyncio.TimeoutError:
                raise AssertionError(
                    f"expected {count} Rasa request(s) after #{after}, got {self.requests[after:]}"
                ) from None
        return self.requests[after : after + count]

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        rasa_request = RasaRequest(body)
        self.requests.append(rasa_request)
        async with self._changed:
            self._changed.notify_all()
        return await self._answer(self._answer_for(rasa_request), rasa_request)

    async def _version(self, request: web.Request) -> web.Response:
        return web.json_response({"version": "3.6.21", "minimum_compatible_version": "3.5.0"})

    def _answer_for(self, request: RasaRequest) -> Answer:
        for matcher, answer in self._rules:
            if matcher == request.message if isinstance(matcher, str) else matcher(request):
                return answer
        return self.default

    async def _answer(self, answer: Answer, request: RasaRequest) -> web.StreamResponse:
        if isinstance(answer, Slow):
            try:
                await asyncio.wait_for(self._closing.wait(), answer.seconds)
            except asyncio.TimeoutError:
                pass
            return await self._answer(answer.then, request)
        if isinstance(answer, Held):
            closing = asyncio.ensure_future(self._closing.wait())
            released = asyncio.ensure_future(answer._released.wait())
            await asyncio.wait({closing, released}, return_when=asyncio.FIRST_COMPLETED)
            closing.cancel()
            released.cancel()
            return await self._answer(answer.then, request)
        if isinstance(answer, Reply):
            messages = [{"recipient_id": request.sender, **message} for message in answer.messages]
            return web.json_response(messages)
        if isinstance(answer, Echo):
            return web.json_response([{"recipient_id": request.sender, "text": f"echo: {request.message}"}])
        if isinstance(answer, HttpError):
            return web.Response(status=answer.status, text=answer.body, content_type="application/json")
        if isinstance(answer, InvalidJson):
            return web.Response(status=200, text=answer.body, content_type="application/json")
        raise TypeError(f"unknown answer {answer!r}")


def refused_url(host: str = "127.0.0.1") -> str:
    """A RASA_URL where nothing listens: connecting to it is refused (Rasa down)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port = probe.getsockname()[1]
    return f"http://{host}:{port}"

