"""Per-host politeness: at most ``rate`` request starts a second and ``concurrency`` requests
at once per host, and a global cap on requests in flight."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from warta.collect.config import CollectSettings


class HostGate:
    """One host's turnstile: requests start at least ``interval`` seconds apart."""

    def __init__(self, *, rate: float, concurrency: int) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self._slots = asyncio.Semaphore(max(1, concurrency))
        self._lock = asyncio.Lock()
        self._next_start = 0.0

    def slow_down(self, seconds: float) -> None:
        """Space requests at least ``seconds`` apart (robots.txt ``Crawl-delay``)."""
        self.interval = max(self.interval, seconds)

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        async with self._slots:
            async with self._lock:
                loop = asyncio.get_running_loop()
                wait = self._next_start - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                self._next_start = loop.time() + self.interval
            yield


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
        async with self.host(host).turn(), self._all:
            yield
