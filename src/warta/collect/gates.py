"""Per-host politeness: at most ``rate`` requests a second and ``concurrency`` requests at
once per host, and a global cap on requests in flight.

Concurrency is held by ``Gates.turn`` for a whole request, body included. The rate is kept in
``PacedTransport``, at the socket: a request to a host waits until ``interval`` has passed
since the previous request to that host was *written* (httpcore's trace event), not since it
was started. A request delayed between starting and writing (a busy machine, extraction
holding the interpreter) would otherwise arrive closer to the next one than the rate allows.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx

from warta.collect.config import CollectSettings


class HostGate:
    """One host's turnstile: requests leave at least ``interval`` seconds apart."""

    def __init__(self, *, rate: float, concurrency: int) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.slots = asyncio.Semaphore(max(1, concurrency))
        self._lock = asyncio.Lock()
        self._next_start = 0.0

    def slow_down(self, seconds: float) -> None:
        """Space requests at least ``seconds`` apart (robots.txt ``Crawl-delay``)."""
        self.interval = max(self.interval, seconds)

    async def take_turn(self) -> None:
        """Wait until this host may be sent the next request; ``end_turn`` once it is sent."""
        await self._lock.acquire()
        loop = asyncio.get_running_loop()
        wait = self._next_start - loop.time()
        if wait > 0:
            await asyncio.sleep(wait)

    def end_turn(self) -> None:
        """The request is on the wire (or failed): the next one waits ``interval`` from now."""
        self._next_start = asyncio.get_running_loop().time() + self.interval
        self._lock.release()


class Gates:
    """The gate of every host, made on first use from the settings, and the global cap."""

    def __init__(self, settings: CollectSettings) -> None:
        self._settings = settings
        self._hosts: dict[str, HostGate] = {}
        self._all = asyncio.Semaphore(max(1, settings.concurrency))

    def host(self, host: str) -> HostGate:
        gate = self._hosts.get(host)
        if gate is None:
            policy = self._settings.policy(host)
            gate = self._hosts[host] = HostGate(rate=policy.rate,
                                                concurrency=policy.concurrency)
        return gate

    @asynccontextmanager
    async def turn(self, host: str) -> AsyncIterator[None]:
        """Hold one of the host's request slots and one global slot."""
        async with self.host(host).slots, self._all:
            yield

class PacedTransport(httpx.AsyncBaseTransport):
    """An httpx transport that keeps each host's rate right before sending."""

    def __init__(self, inner: httpx.AsyncBaseTransport, gates: Gates) -> None:
        self._inner = inner
        self._gates = gates

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        gate = self._gates.host(request.url.host.lower())
        await gate.take_turn()
        ended = False
        earlier = request.extensions.get("trace")

        def end() -> None:
            nonlocal ended
            if not ended:
                ended = True
                gate.end_turn()

        async def trace(name: str, info: dict[str, Any]) -> None:
            # httpcore reports when the request has been written to the socket.
            if name.endswith("send_request_body.complete"):
                end()
            if earlier is not None:
                await earlier(name, info)

        request.extensions = {**request.extensions, "trace": trace}
        try:
            return await self._inner.handle_async_request(request)
        finally:
            end()

    async def aclose(self) -> None:
        await self._inner.aclose()
