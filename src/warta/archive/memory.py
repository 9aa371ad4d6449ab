"""What a writing process remembers of an archive between its transactions.

Saving a group of articles needs a few facts about stored ones besides the rows it writes:
the id of each canonical entity it names, the newest articles naming each entity (for
related stories) and the story of each such article. Read from the archive, they cost
statements with thousands of parameters per group. A process that saved the previous
groups itself already knows most of them: it remembers what it wrote and what it read,
and reads only what it does not know.

It also keeps the LSH band keys of the articles it saved (``BandIndex``): near copies among
them are found in memory, and only articles stored before it began are looked up in the
archive (none at all when it began on an empty archive).

What it remembers holds only while no one else changes the archive. Inside each
transaction, after the story lock, the writer reads the archive's stamp (its random token,
its highest article id, its count of deletions; see migration 6) and compares it with the
stamp its own last commit left:

* the same stamp: nothing changed since, all of it holds;
* another process saved articles: entity lists and stories are forgotten (entity ids are
  kept: entity rows are never deleted);
* articles were deleted, the archive is another one, or this process's last transaction
  rolled back: everything is forgotten (``Reading.lost``: so are cached fingerprints).

A transaction's own additions are applied only when it commits (``Archive.on_commit``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from warta.archive.base import Archive

# Bounds: past them, that part of the memory is emptied and read again as needed.
MAX_ENTITIES = 200_000     # entity ids, and entities with their newest articles
MAX_ARTICLES = 500_000     # articles whose story is known
RECENT_PER_ENTITY = 100    # newest articles kept per entity (stories.py reads as many)
MAX_BAND_ROWS = 4_000_000  # band keys of saved articles (16 bytes each; ~95,000 articles)
Stamp = tuple[str, int, int]   # (token, highest article id, deletions)


Ints = npt.NDArray[np.int64]


@dataclass(slots=True)
class BandIndex:
    """Band keys of the articles this process saved with ids above ``base`` (all of them
    since the memory began): sorted (key, article) segments, merged as they pile up, so a
    look-up is a binary search in a few arrays."""

    base: int = 0
    segments: list[tuple[Ints, Ints]] = field(default_factory=list)
    rows: int = 0

    def reset(self, base: int) -> None:
        """Forget every band; articles up to ``base`` are looked up in the archive."""
        self.base = base
        self.segments.clear()
        self.rows = 0

    def add(self, keys: Sequence[int], articles: Sequence[int]) -> None:
        """Band rows (key, article) of newly committed articles."""
        if not keys:
            return
        if self.rows + len(keys) > MAX_BAND_ROWS:
            self.reset(max([self.base, *articles]))  # older ones are looked up instead
            return
        key_array = np.asarray(keys, dtype=np.int64)
        order = np.argsort(key_array, kind="stable")
        self.segments.append((key_array[order], np.asarray(articles, dtype=np.int64)[order]))
        self.rows += len(keys)
        # like a binary counter: a segment at least as large as the one before absorbs it
        while len(self.segments) > 1 and \
                len(self.segments[-1][0]) * 2 >= len(self.segments[-2][0]):
            (k2, a2), (k1, a1) = self.segments.pop(), self.segments.pop()
            merged_keys = np.concatenate([k1, k2])
            order = np.argsort(merged_keys, kind="stable")
            self.segments.append((merged_keys[order], np.concatenate([a1, a2])[order]))

    def find(self, keys: Sequence[int]) -> list[tuple[int, int]]:
        """(article, key) of every remembered band row with one of these keys (each once)."""
        if not self.segments or not keys:
            return []
        wanted = np.unique(np.asarray(keys, dtype=np.int64))
        found: list[tuple[int, int]] = []
        for seg_keys, seg_articles in self.segments:
            low = np.searchsorted(seg_keys, wanted, side="left")
            high = np.searchsorted(seg_keys, wanted, side="right")
            counts = high - low
            if not counts.any():
                continue
            starts = np.repeat(low, counts)
            offsets = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts,
                                                               counts)
            rows = starts + offsets
            found += zip(seg_articles[rows].tolist(), seg_keys[rows].tolist(), strict=True)
        return found


@dataclass(slots=True)
class WriterMemory:
    """One process's memory of one archive (see the module docstring)."""

    stamp: Stamp | None = None
    entity_ids: dict[str, int] = field(default_factory=dict)   # entity key → id
    recent: dict[int, list[int]] = field(default_factory=dict)  # entity → newest articles
    story_of: dict[int, int] = field(default_factory=dict)     # article → story
    merged: dict[int, int] = field(default_factory=dict)       # story → story it joined
    bands: BandIndex = field(default_factory=BandIndex)

    def story(self, article_id: int) -> int | None:
        """The story of a remembered article (following merges), or None."""
        story_id = self.story_of.get(article_id)
        while story_id is not None and story_id in self.merged:
            story_id = self.merged[story_id]
        return story_id

    def forget(self, *, entity_ids: bool, top: int) -> None:
        """Forget what may be stale; ``top`` is the archive's highest article id now."""
        self.bands.reset(top)
        self.recent.clear()
        self.story_of.clear()
        self.merged.clear()
        if entity_ids:
            self.entity_ids.clear()

    def learn_stories(self, stories: dict[int, int]) -> None:
        """Stories of stored articles (read from the archive, or committed by this process)."""
        if len(self.story_of) + len(stories) > MAX_ARTICLES:
            self.merged.clear()  # only followed from remembered articles
        _bounded_update(self.story_of, stories, MAX_ARTICLES)

    def learn_recent(self, recent: dict[int, list[int]]) -> None:
        """Newest stored articles of entities just read from the archive."""
        _bounded_update(self.recent, recent, MAX_ENTITIES)


def _bounded_update(kept: dict[Any, Any], new: dict[Any, Any], bound: int) -> None:
    """``kept.update(new)``, emptying ``kept`` first when both would pass ``bound``."""
    if len(kept) + len(new) > bound:
        kept.clear()
    kept.update(new)


@dataclass(frozen=True, slots=True)
class Reading:
    """The memory of one transaction and what its stamp check found."""

    memory: WriterMemory
    stamp: Stamp
    lost: bool    # stored articles may have been deleted or replaced: drop cached fingerprints


_MEMORIES: dict[str, WriterMemory] = {}


def recall(archive: Archive) -> Reading:
    """This process's memory of ``archive``, checked against the archive's stamp.

    Call inside the writing transaction, after the story lock. Until that transaction
    commits (``remember``), the memory counts as stale, so a rollback loses nothing true.
    """
    token, top, deletions = archive.fetchtuples(
        "SELECT token, (SELECT coalesce(max(id), 0) FROM articles), deletions"
        " FROM archive_state WHERE id = 1")[0]
    stamp: Stamp = (str(token), int(top), int(deletions))
    memory = _MEMORIES.setdefault(archive.url, WriterMemory())
    lost = False
    if memory.stamp != stamp:
        lost = memory.stamp is None or memory.stamp[0] != stamp[0] or \
            memory.stamp[2] != stamp[2]
        memory.forget(entity_ids=lost, top=stamp[1])
    memory.stamp = None
    return Reading(memory, stamp, lost)


def remember(archive: Archive, reading: Reading, *, entity_ids: dict[str, int],
             new_entities: Iterable[int],
             articles: Sequence[tuple[int, int, Sequence[int]]],
             merged: dict[int, int], bands: Sequence[tuple[int, Sequence[int]]] = ()) -> None:
    """Once the transaction commits: remember the entity ids it used, its articles
    ``(id, story, entity ids)`` (in saving order), the stories it merged, the band keys
    ``(article, keys)`` of its articles and the stamp it leaves (its own articles are the
    newest)."""
    fresh = set(new_entities)

    def apply() -> None:
        memory = reading.memory
        _bounded_update(memory.entity_ids, entity_ids, MAX_ENTITIES)
        for entity_id in fresh:
            memory.recent.setdefault(entity_id, [])
        memory.learn_stories({article_id: story_id for article_id, story_id, _ in articles})
        for article_id, _, entities in articles:
            for entity_id in entities:
                listed = memory.recent.get(entity_id)
                # newest first; an id already listed was read back inside this transaction
                if listed is not None and (not listed or listed[0] < article_id):
                    listed.insert(0, article_id)
                    del listed[RECENT_PER_ENTITY:]
        memory.merged.update(merged)
        band_rows = [(key, article_id) for article_id, keys in bands
                     if article_id > memory.bands.base for key in dict.fromkeys(keys)]
        memory.bands.add([key for key, _ in band_rows], [article for _, article in band_rows])
        token, top, deletions = reading.stamp
        memory.stamp = (token, max([top, *(a[0] for a in articles)]), deletions)

    archive.on_commit(apply)
