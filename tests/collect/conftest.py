"""Collect fixtures: a news site on loopback and quick, polite-enough settings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.archive.conftest import archive, archive_url, pg_url, sqlite_url  # noqa: F401
from tests.collect.site import Site, running_site
from warta.collect.config import CollectSettings, HostPolicy

# Short timeouts and back-off keep the faults quick; ten requests a second per host keeps
# the rate limit measurable from the server's log.
FAST = CollectSettings(host=HostPolicy(rate=10.0, concurrency=2), connect_timeout=1.0,
                       read_timeout=0.5, attempts=2, backoff_base=0.05, backoff_max=1.5,
                       max_bytes=200_000, failure_retry_base=0.0)


@pytest.fixture
def site() -> Iterator[Site]:
    with running_site() as running:
        yield running


@pytest.fixture
def fast() -> CollectSettings:
    return FAST
