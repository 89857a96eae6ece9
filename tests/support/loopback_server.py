"""The lifecycle the test stand-ins share: an aiohttp app on a free loopback port."""

from __future__ import annotations

import asyncio

from aiohttp import web


class LoopbackServer:
    """Subclasses add their routes in ``routes(app)``; ``async with`` starts and stops it."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self.host = host
        self.port: int | None = port or None  # 0: any free port
        self._changed = asyncio.Condition()   # notified when something the tests wait for happens
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None

    def routes(self, app: web.Application) -> None:
        raise NotImplementedError

    async def start(self):
        app = web.Application()
        self.routes(app)
        # handler_cancellation: a long poll whose client went away ends with it.
        self._runner = web.AppRunner(app, handler_cancellation=True, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port or 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        self._closing.set()
        async with self._changed:
            self._changed.notify_all()   # wake waiters (long polls) so they see the closing
        if self._runner:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self):
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()
