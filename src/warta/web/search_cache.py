"""Recent search results kept per server process, dropped as soon as the archive changes.

People and programs repeat searches (the same words, the next page, a reload): a hit costs
a dictionary lookup instead of ranking up to ``RANKED_MATCHES`` articles again.

Staleness is the risk, so a result is only served while the archive is provably unchanged.
SQLite tells: ``PRAGMA data_version`` on one connection changes whenever any other
connection (another thread, ``warta ingest`` in another process) has committed since that
connection last asked. The cache keeps one such watcher connection of its own and asks it
before every lookup; a change clears every entry. A result computed while a commit lands
is stored under the generation read *before* the query, which that commit has already
ended, so it is never served. PostgreSQL has no such cheap signal: there every search
runs (``SearchCache`` with no watcher is a pass-through).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from warta.archive import Archive
from warta.archive.query import Filters, SearchHit, search

CACHE_ENTRIES = 256      # result pages kept (a page of 21 hits is ~10 kB)


class SearchCache:
    """``search`` with the last ``entries`` results remembered while the archive is unchanged."""

    def __init__(self, watcher: Archive | None, *, entries: int = CACHE_ENTRIES) -> None:
        """``watcher``: a SQLite connection of the cache's own (closed by ``close``), or None
        to cache nothing."""
        self._watcher = watcher
        self._entries = entries
        self._results: OrderedDict[Hashable, list[SearchHit]] = OrderedDict()
        self._lock = threading.Lock()
        self._generation = 0
        self._version: object = None

    def search(self, archive: Archive, query: str, filters: Filters, *, limit: int,
               offset: int, generation: int | None = None) -> list[SearchHit]:
        """The hits of ``query.search`` (same arguments), from memory when still current.

        ``generation``: the one ``lookup`` gave for this search just before (the archive
        is not asked again; what is found is stored under that generation, read before the
        query ran, so a commit meanwhile drops it as usual)."""
        key = (query, filters, limit, offset)
        if generation is None:
            generation = self._current_generation()
            found = self._lookup(key, generation)
            if found is not None:
                return found
        hits = search(archive, query, filters, limit=limit, offset=offset)
        with self._lock:
            if generation is not None and generation == self._generation and self._entries:
                self._results[key] = hits
                if len(self._results) > self._entries:
                    self._results.popitem(last=False)
        return hits

    def cached(self, query: str, filters: Filters, *, limit: int, offset: int
               ) -> list[SearchHit] | None:
        """The remembered hits, or None: cheap enough for the event loop (a dictionary and
        one pragma), so an answer from memory skips the hop to a worker thread."""
        return self.lookup(query, filters, limit=limit, offset=offset)[0]

    def lookup(self, query: str, filters: Filters, *, limit: int, offset: int
               ) -> tuple[list[SearchHit] | None, int | None]:
        """``cached``, and the generation it was looked up in: pass it to ``search`` when
        the hits must be found (one pragma per search instead of two)."""
        generation = self._current_generation()
        return self._lookup((query, filters, limit, offset), generation), generation

    def _lookup(self, key: Hashable, generation: int | None) -> list[SearchHit] | None:
        if generation is None:
            return None
        with self._lock:
            found = self._results.get(key)
            if found is not None and generation == self._generation:
                self._results.move_to_end(key)
                return found
        return None

    def _current_generation(self) -> int | None:
        """The generation after asking the watcher; None when nothing may be cached."""
        if self._watcher is None:
            return None
        with self._lock:
            version = self._watcher.fetchval("PRAGMA data_version")
            if version != self._version:
                self._version = version
                self._generation += 1
                self._results.clear()
            return self._generation

    def close(self) -> None:
        with self._lock:
            self._results.clear()
            if self._watcher is not None:
                self._watcher.close()
                self._watcher = None
