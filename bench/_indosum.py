"""Real Indonesian article bodies from the kit's IndoSum dev folds, for speed runs."""

from __future__ import annotations

import json
import re
from pathlib import Path

_SPACE_BEFORE = re.compile(r"\s+([.,;:!?%)\]}”’])")
_SPACE_AFTER = re.compile(r"([(\[{“‘])\s+")


def detokenise(tokens: list[str]) -> str:
    """IndoSum's tokens back to plain text: no space before closing punctuation."""
    text = _SPACE_BEFORE.sub(r"\1", " ".join(tokens))
    return _SPACE_AFTER.sub(r"\1", text)


def load_indosum(shared: Path, limit: int) -> list[tuple[str, ...]]:
    """Up to ``limit`` unique article bodies (paragraphs as plain text); [] when absent."""
    folder = shared / "data" / "news-id" / "indosum"
    seen: set[str] = set()
    bodies: list[tuple[str, ...]] = []
    for path in sorted(folder.glob("dev.*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["id"] in seen:
                continue
            seen.add(record["id"])
            bodies.append(tuple(" ".join(detokenise(s) for s in paragraph)
                                for paragraph in record["paragraphs"]))
            if len(bodies) >= limit:
                return bodies
    return bodies
